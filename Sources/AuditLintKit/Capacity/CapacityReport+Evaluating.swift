extension CapacityReport {
    /// Checks `inputs`, runs the capacity model and judges the run: the one path from inputs
    /// to a verdict, taken by `auditlint report` for one host and by `auditlint fleet` for
    /// each host, so that the two agree.
    ///
    /// - Throws: the errors of ``CapacityInputs/validate()`` and ``CapacityModel/run(_:seriesPoints:)``.
    public static func evaluating(
        _ inputs: CapacityInputs, requirements: CapacityRequirements, notes: [String], volumeSource: String
    ) throws -> CapacityReport {
        try inputs.validate()
        return CapacityReport(
            inputs: inputs, requirements: requirements, run: try CapacityModel.run(inputs), notes: notes,
            volumeSource: volumeSource)
    }
}
