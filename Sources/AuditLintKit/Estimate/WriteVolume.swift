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
