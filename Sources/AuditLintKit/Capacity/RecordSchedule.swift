/// When each record is written: record k (k = 1, 2, …) at the first time the cumulative
/// volume ∫r reaches k · s (Docs/reference/capacity-model.md#the-writer).
///
/// The rate is constant, or follows 24 hourly weights applied to the UTC hours of
/// `start + t`. Both capacity simulations use this one schedule, so they agree on every
/// record's time to the last bit.
public struct RecordSchedule: Sendable {
    /// Record size s in bytes.
    public let recordSize: Int64
    /// 1 / s, for first guesses of a record's index.
    let recordsPerByte: Double
    /// Index of the last record written at or before the horizon (0 when none is).
    public private(set) var lastRecord: Int64 = 0
    let start: Int64
    let hourly: Bool
    /// Bytes per second in each hour of the cycle that begins at the UTC hour holding `start`.
    let rates: [Double]
    /// prefix[i]: bytes written in cycle hours 0..<i (25 entries).
    let prefix: [Double]
    let dayBytes: Double
    /// Seconds from the beginning of the UTC hour holding `start` to `start`.
    let phase: Double
    /// Bytes the cycle would have written from its beginning to `start`.
    let baseBytes: Double

    /// Values ``CapacityInputs/validate()`` refuses are made harmless rather than trapped
    /// on: a record size below 1 byte counts as 1, a rate that is negative or not finite as
    /// 0 (no record is written), and weights that are not 24 finite, non-negative numbers
    /// with a positive sum as a flat rate.
    public init(volume: WriteVolume, startEpoch: Int64, horizonSeconds: Double) {
        recordSize = max(1, volume.recordSize)
        recordsPerByte = 1 / Double(recordSize)
        start = startEpoch
        let secondsIntoHour = ((startEpoch % 3_600) + 3_600) % 3_600
        phase = Double(secondsIntoHour)
        // The hour holding start, counted from the epoch (floor division, which cannot overflow).
        let hourIndex = startEpoch / 3_600 - (startEpoch % 3_600 < 0 ? 1 : 0)
        let firstHourOfDay = Int((hourIndex % 24 + 24) % 24)
        let bytesPerSecond = volume.bytesPerSecond.isFinite && volume.bytesPerSecond > 0 ? volume.bytesPerSecond : 0
        if let weights = volume.hourlyWeights, Set(weights).count > 1, weights.count == 24,
            weights.allSatisfy({ $0.isFinite && $0 >= 0 }), case let sum = weights.reduce(0, +), sum > 0, sum.isFinite
        {
            hourly = true
            rates = (0..<24).map { bytesPerSecond * 24 * weights[(firstHourOfDay + $0) % 24] / sum }
        } else {
            hourly = false
            rates = Array(repeating: bytesPerSecond, count: 24)
        }
        var sums = [0.0]
        for rate in rates { sums.append(sums[sums.count - 1] + rate * 3_600) }
        prefix = sums
        dayBytes = sums[24]
        var base = 0.0
        if hourly { base = rates[0] * phase }
        baseBytes = base
        if bytesPerSecond > 0, dayBytes.isFinite {
            lastRecord = lastIndex(atOrBefore: horizonSeconds)
        }
    }

    /// Seconds from start at which record k is written.
    public func time(ofRecord k: Int64) -> Double {
        if k <= 0 { return 0 }
        let bytes = bytes(ofRecords: k)
        if !hourly { return rates[0] > 0 ? bytes / rates[0] : .infinity }
        return cycleTime(ofBytes: baseBytes + bytes) - phase
    }

    /// The bytes of k records, k × s, formed in whole numbers (and so exact) whenever the
    /// product fits; beyond that (only for indices no simulation reaches) in floating point.
    @inline(__always)
    func bytes(ofRecords k: Int64) -> Double {
        let (product, overflow) = k.multipliedReportingOverflow(by: recordSize)
        return overflow ? Double(k) * Double(recordSize) : Double(product)
    }

    /// The smallest cycle time y at which the cycle's cumulative bytes reach `target`.
    private func cycleTime(ofBytes target: Double) -> Double { cyclePiece(ofBytes: target).time }

    /// ``cycleTime(ofBytes:)`` with the day and hour of the cycle it falls in.
    fileprivate func cyclePiece(ofBytes target: Double) -> (time: Double, day: Double, hour: Int) {
        // Targets are never negative, so truncation is floor (and cheaper than libm's).
        var day = Double(Int64(saturating: target / dayBytes))
        var rest = target - day * dayBytes
        if rest >= dayBytes {
            day += 1
            rest -= dayBytes
        }
        if rest <= 0 {
            if day == 0 { return (0, 0, 0) }
            day -= 1
            rest = dayBytes
        }
        return prefix.withUnsafeBufferPointer { prefix in
            var low = 0
            var high = 23
            while low < high {  // smallest hour i with prefix[i + 1] >= rest
                let mid = (low + high) >> 1
                if prefix[mid + 1] >= rest { high = mid } else { low = mid + 1 }
            }
            let rate = rates[low]
            let within = rate > 0 ? (rest - prefix[low]) / rate : 0
            return (day * 86_400 + Double(low) * 3_600 + min(3_600, within), day, low)
        }
    }

    /// Cumulative bytes of the cycle at cycle time y.
    func cycleBytes(at y: Double) -> Double {
        let day = Double(Int64(saturating: max(0, y) / 86_400))
        let within = y - day * 86_400
        let hour = max(0, min(23, Int(saturating: within / 3_600)))
        return day * dayBytes + prefix[hour] + rates[hour] * (within - Double(hour) * 3_600)
    }

    /// The smallest k ≥ 1 with time(k) ≥ t (or > t when `strictly`).
    public func firstIndex(atOrAfter t: Double, strictly: Bool = false) -> Int64 {
        var clock = ScheduleClock()
        return clock.firstIndex(atOrAfter: t, strictly: strictly, in: self)
    }

    /// Index of the last record at or before t (0 when none).
    public func lastIndex(atOrBefore t: Double) -> Int64 {
        firstIndex(atOrAfter: t, strictly: true) - 1
    }

    /// The end of the linear piece of the schedule holding time t: the next UTC hour
    /// boundary strictly after t, or infinity for a constant rate.
    func nextRateChange(after t: Double) -> Double {
        guard hourly else { return .infinity }
        let hoursFromCycle = ((t + phase) / 3_600).rounded(.down) + 1
        return hoursFromCycle * 3_600 - phase
    }
}

/// ``RecordSchedule/time(ofRecord:)`` for a caller that looks up many nearby records: it
/// remembers the last two records' times and the hour of the cycle the last one fell in, so
/// that a look-up in the same hour skips the division by the day's bytes and the search for
/// the hour. The results are the schedule's, bit for bit: the short cut is taken only where
/// the full computation provably picks the same day and hour, and it then does the same
/// arithmetic. It holds no reference, so it costs nothing to keep beside its schedule.
struct ScheduleClock {
    /// The last two records looked up and their times (the model alternates between two).
    private var lastRecord: Int64 = -1
    private var lastTime = 0.0
    private var olderRecord: Int64 = -1
    private var olderTime = 0.0
    /// Cycle bytes for which the day is certainly `day` (away from the day's edges).
    private var safeLow = Double.infinity
    private var safeHigh = -Double.infinity
    /// day × the day's bytes, as the full computation forms it.
    private var dayBytesBefore = 0.0
    /// The hour's cumulative bytes within the day at its beginning and end, its rate, and
    /// day × 86 400 + hour × 3 600.
    private var hourFloor = 0.0
    private var hourCeiling = -1.0
    private var rate = 1.0
    private var hourStart = 0.0

    /// Seconds from start at which record k of `schedule` is written (always the same
    /// schedule for one clock). The common cases (a record just looked up, or one in the
    /// remembered hour) are inlined into the caller; the rest is ``lookUp(_:target:in:)``.
    @inline(__always)
    mutating func time(_ k: Int64, in schedule: RecordSchedule) -> Double {
        if k == lastRecord { return lastTime }
        if k == olderRecord { return olderTime }
        olderRecord = lastRecord
        olderTime = lastTime
        lastRecord = k
        guard schedule.hourly, k > 0 else {
            lastTime = schedule.time(ofRecord: k)
            return lastTime
        }
        let target = schedule.baseBytes + schedule.bytes(ofRecords: k)
        if target >= safeLow, target <= safeHigh {
            let rest = target - dayBytesBefore
            if rest > hourFloor, rest <= hourCeiling {
                lastTime = hourStart + min(3_600, (rest - hourFloor) / rate) - schedule.phase
                return lastTime
            }
        }
        return lookUp(k, target: target, in: schedule)
    }

    /// The full look-up of an hourly schedule's record k, whose cycle bytes are `target`,
    /// which then remembers the hour it fell in.
    @inline(never)
    private mutating func lookUp(_ k: Int64, target: Double, in schedule: RecordSchedule) -> Double {
        let piece = schedule.cyclePiece(ofBytes: target)
        lastTime = piece.time - schedule.phase
        let dayBytes = schedule.dayBytes
        // Far from the day's edges relative to the rounding of target / dayBytes, the
        // truncated quotient is `day` and no edge adjustment applies.
        let slack = (piece.day + 1) * dayBytes * 1e-12
        safeLow = piece.day * dayBytes + slack
        safeHigh = (piece.day + 1) * dayBytes - slack
        dayBytesBefore = piece.day * dayBytes
        hourFloor = schedule.prefix[piece.hour]
        hourCeiling = schedule.prefix[piece.hour + 1]
        rate = schedule.rates[piece.hour]
        hourStart = piece.day * 86_400 + Double(piece.hour) * 3_600
        return lastTime
    }

    /// The smallest k ≥ 1 with time(k) ≥ t (or > t when `strictly`).
    mutating func firstIndex(atOrAfter t: Double, strictly: Bool = false, in schedule: RecordSchedule) -> Int64 {
        strictly ? firstIndex(t, in: schedule, strictly: true) : firstIndex(t, in: schedule, strictly: false)
    }

    /// ``firstIndex(atOrAfter:strictly:in:)`` with `strictly` a constant where it is inlined.
    @inline(__always)
    private mutating func firstIndex(_ t: Double, in schedule: RecordSchedule, strictly: Bool) -> Int64 {
        @inline(__always) func reached(_ k: Int64) -> Bool {
            let time = time(k, in: schedule)
            return strictly ? time > t : time >= t
        }
        if t <= 0, !strictly { return 1 }
        // No finite time is reached by every record: infinity (or NaN) is past them all.
        guard t.isFinite else { return .max }
        // A first guess from the bytes written by t (any guess gives the same answer).
        let y = max(0, t) + schedule.phase
        let bytes =
            !schedule.hourly
            ? schedule.rates[0] * max(0, t)
            : y >= hourStart && y < hourStart + 3_600 && safeLow.isFinite
                ? dayBytesBefore + hourFloor + rate * (y - hourStart) - schedule.baseBytes
                : schedule.cycleBytes(at: y) - schedule.baseBytes
        // A product with the reciprocal rather than a quotient: only a guess.
        let estimate = bytes * schedule.recordsPerByte
        var k = Int64(saturating: estimate)  // rounded up below, without libm's ceil
        if Double(k) < estimate, k < .max { k += 1 }
        k = max(1, k)
        var steps = 0
        while k > 1, reached(k - 1) {
            k -= 1
            steps += 1
            if steps > 8 {
                // Bisection: the smallest index ≤ k that is reached.
                var low: Int64 = 1
                var high = k  // reached(high) is true
                if reached(low) { return low }
                while high - low > 1 {
                    let mid = low + (high - low) / 2
                    if reached(mid) { high = mid } else { low = mid }
                }
                return high
            }
        }
        while !reached(k) {
            if k == .max { return .max }
            k += 1
            steps += 1
            if steps > 8 {
                // Galloping: the smallest index ≥ k that is reached.
                var low = k
                var step: Int64 = 1
                var high = k
                while !reached(high) {
                    if high == .max { return .max }
                    low = high
                    step = step.multipliedSaturating(by: 2)
                    high = low.addingSaturating(step)
                }
                while high - low > 1 {
                    let mid = low + (high - low) / 2
                    if reached(mid) { high = mid } else { low = mid }
                }
                return reached(low) ? low : high
            }
        }
        return k
    }
}
