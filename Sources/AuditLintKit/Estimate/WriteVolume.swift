/// How many audit bytes are written and in what records.
public struct WriteVolume: Sendable, Hashable {
    /// Mean audit bytes written per second (the daily volume / 86 400).
    public var bytesPerSecond: Double
    /// Mean record size in whole bytes.
    public var recordSize: Int64
    /// Optional weights for the 24 UTC hours of the day (00–23). The rate in hour h is
    /// `bytesPerSecond × 24 × w[h] / Σw`, so the daily volume is unchanged.
    public var hourlyWeights: [Double]?

    public init(bytesPerSecond: Double, recordSize: Int64 = 200, hourlyWeights: [Double]? = nil) {
        self.bytesPerSecond = bytesPerSecond
        self.recordSize = recordSize
        self.hourlyWeights = hourlyWeights
    }

    /// The same volume given per day.
    public init(bytesPerDay: Double, recordSize: Int64 = 200, hourlyWeights: [Double]? = nil) {
        self.init(bytesPerSecond: bytesPerDay / 86_400, recordSize: recordSize, hourlyWeights: hourlyWeights)
    }

    /// Mean audit bytes per day.
    public var bytesPerDay: Double { bytesPerSecond * 86_400 }
}

extension WriteVolume {
    /// The volume of what a candidate keeps of a sample: `bytesPerDay`, the mean record
    /// size, and (when the sample covers a day) its bytes per UTC hour as weights; with the
    /// assumptions that takes, in words (`description` names what was replayed).
    public static func sampled(
        description: String, records: Int, bytes: Int, bytesPerDay: Double, hourlyBytes: [Int], spanSeconds: Double
    ) -> (volume: WriteVolume, assumptions: [String]) {
        var assumptions = [
            "volume: \(description) replayed over a sample of \(Quantity.formatDuration(spanSeconds)): "
                + "\(records) records, \(bytes) bytes kept, scaled to \(Int64(saturating: bytesPerDay.rounded())) bytes a day"
        ]
        let meanSize = records > 0 ? Int64(saturating: (Double(bytes) / Double(records)).rounded()) : 200
        if records == 0 {
            assumptions.append("mean record size: 200 bytes (the candidate keeps no record of the sample)")
        }
        var weights: [Double]?
        if spanSeconds >= CandidateEstimate.hourlyProfileMinimumSpan, hourlyBytes.contains(where: { $0 > 0 }) {
            weights = hourlyBytes.map(Double.init)
            assumptions.append("daily cycle: the sample's bytes per UTC hour")
        } else {
            assumptions.append(
                "daily cycle: flat (the sample covers less than 23 hours, too little for an hourly profile)")
        }
        return (
            WriteVolume(bytesPerDay: bytesPerDay, recordSize: min(max(1, meanSize), 1 << 20), hourlyWeights: weights),
            assumptions
        )
    }
}
