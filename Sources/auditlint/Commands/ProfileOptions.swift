import ArgumentParser
import AuditLintKit
import AuditLintRules

/// `--profile` and its options: evaluate a compliance profile on each configuration's
/// effective values; failed requirements become `AC5xx` findings.
struct ProfileOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Check against a compliance profile (\(ComplianceProfile.allCases.map(\.name).joined(separator: ", "))); in lint its failed requirements are AC5xx findings.",
            valueName: "name"), transform: ComplianceProfile.parse)
    var profile: ComplianceProfile?

    @Option(help: ArgumentHelp("CIS release for the retention value (default: macos-26-v1.1).", valueName: "release"))
    var cisRelease: ComplianceOptions.CISRelease?

    @Option(
        help: ArgumentHelp(
            "STIG release: the id prefix and whether ahlt is required (default: macos-15).", valueName: "release"))
    var stigRelease: ComplianceOptions.STIGRelease?

    @Option(
        help: ArgumentHelp(
            "Where baselines disagree on fm: `fm` (STIG) or `-fm` (800-53, CIS), written --fm-requirement=-fm; default: each profile's own.",
            valueName: "fm|-fm"))
    var fmRequirement: ComplianceOptions.FMMode?

    @Option(
        help: ArgumentHelp(
            "Where baselines disagree on the failure mode; default: each profile's own.", valueName: "ahlt|cnt"))
    var haltPolicy: ComplianceOptions.HaltPolicy?

    private var options: ComplianceOptions {
        var options = ComplianceOptions()
        if let cisRelease { options.cisRelease = cisRelease }
        if let stigRelease { options.stigRelease = stigRelease }
        options.fmMode = fmRequirement
        options.haltPolicy = haltPolicy
        return options
    }

    /// The profile chosen and its options; nil without `--profile` (a usage error when its
    /// options are given alone).
    func selection() throws -> (profile: ComplianceProfile, options: ComplianceOptions)? {
        guard let profile else {
            if cisRelease != nil || stigRelease != nil || fmRequirement != nil || haltPolicy != nil {
                throw ValidationError(
                    "--cis-release, --stig-release, --fm-requirement and --halt-policy apply to a --profile; name one")
            }
            return nil
        }
        return (profile, options)
    }

    /// The profile's rules and its evaluation of one configuration; nil without `--profile`.
    func evaluator() throws -> (
        rules: [RuleDescription], evaluate: (LintContext) -> (findings: [Finding], compliance: ComplianceOutcome)
    )? {
        guard let (profile, options) = try selection() else { return nil }
        let requirementIds = Set(profile.requirements(options).map(\.ruleId))
        let rules = ComplianceRules.all.filter { requirementIds.contains($0.id) }
        return (
            rules,
            { context in
                let input = ComplianceInput(
                    control: context.control, controlText: context.controlSource.bytes, classes: context.classes)
                let report = profile.evaluate(input, options: options)
                return (
                    report.findings { key in context.control.valueRange(forKey: key) },
                    ComplianceOutcome(file: context.controlSource.path, report: report)
                )
            }
        )
    }
}
