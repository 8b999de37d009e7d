/// The capacity model (Docs/reference/capacity-model.md): how the audit directory grows, rotates,
/// expires and fills the disk.
///
/// It is event-driven: between two records where something happens (a ROTATE or an
/// acted-on LOW_SPACE trigger, the hard limit, the fail-stop estimate, a rate change at
/// an hour boundary) every record only appends `s` bytes, so the model jumps over them,
/// finding the next such record by search over the monotone free-space function. The
/// kernel's one-LOW_SPACE-a-second rule is followed as the chain of records it selects,
/// so ignored triggers cost nothing. Records where something happens are processed with
/// the per-record rules of the writer, the daemon and expiry, so the result is exact with respect to them.
public enum CapacityModel {
    /// The most records where something happens (rotations, acted-on LOW_SPACE triggers,
    /// hour boundaries) one run processes: a year with a rotation every 30 s is about
    /// 1 million, so every one-year run fits many times over, and no run takes more than
    /// a few seconds.
    public static let eventLimit = 20_000_000

    /// Runs the model.
    ///
    /// The work is bounded: a horizon that would need more than ``eventLimit`` events is
    /// refused (never cut short), before the run when rotation by size alone needs that
    /// many, else as soon as the pace of events shows it.
    ///
    /// - Parameter seriesPoints: how many evenly spaced points the chart series has
    ///   (at least 2; at most 10 000), plus one at the end when the run stops early.
    /// - Throws: ``AuditLintError/invalidInput(_:)`` when the inputs make no sense;
    ///   ``AuditLintError/horizonTooLong(horizonSeconds:simulableSeconds:reason:)`` when
    ///   the horizon needs more work than one run may do, with the horizon that fits.
    public static func run(_ inputs: CapacityInputs, seriesPoints: Int = 241) throws -> CapacityRun {
        try run(inputs, seriesPoints: seriesPoints, eventLimit: eventLimit)
    }

    /// ``run(_:seriesPoints:)`` with another event limit (tests use a small one). Every
    /// twentieth of the limit the run's pace is checked, so that a horizon needing several
    /// times the limit is refused early rather than worked on up to the limit.
    static func run(_ inputs: CapacityInputs, seriesPoints: Int, eventLimit: Int) throws -> CapacityRun {
        try inputs.validate()
        try checkRotationWork(inputs, eventLimit: eventLimit)
        var state = ModelState(inputs: inputs, seriesPoints: min(10_000, max(2, seriesPoints)), eventLimit: eventLimit)
        try state.run()
        return state.result()
    }

    /// Refuses a horizon whose rotations by size alone (the bytes written over filesz, at
    /// most one a second) exceed the event limit.
    static func checkRotationWork(_ inputs: CapacityInputs, eventLimit: Int) throws {
        let filesz = inputs.configuration.filesz
        guard filesz > 0 else { return }
        let horizon = inputs.horizonSeconds
        let rotations = min(inputs.volume.bytesPerSecond * horizon / Double(filesz), horizon)
        guard rotations > Double(eventLimit) else { return }
        throw tooLong(
            inputs, events: rotations, eventLimit: eventLimit,
            what:
                "rotations (a filesz of \(Quantity.formatSize(filesz)) at \(Quantity.formatSize(rounding: inputs.volume.bytesPerDay))/day; a larger filesz needs fewer)"
        )
    }

    /// The error for a horizon that needs about `events` events.
    static func tooLong(_ inputs: CapacityInputs, events: Double, eventLimit: Int, what: String) -> AuditLintError {
        let horizon = inputs.horizonSeconds
        // A tenth to spare: the pace of events is not quite even over a run.
        let fits = (0.9 * horizon * Double(eventLimit) / events / 86_400).rounded(.down) * 86_400
        return .horizonTooLong(
            horizonSeconds: horizon, simulableSeconds: fits,
            reason: "it needs about \(millions(events)) \(what), more than the \(millions(Double(eventLimit))) "
                + "events one simulation may process")
    }

    /// `747 million`, `1.5 million`.
    static func millions(_ count: Double) -> String {
        let value = count / 1e6
        return (value < 9.95 ? String(format: "%.1f", value) : String(format: "%.0f", value)) + " million"
    }
}

/// A closed trail on disk.
struct ClosedTrail {
    var start: Double
    var close: Double
    var size: Int64
}

/// The kinds of trigger auditd remembers.
enum CapacityTrigger {
    case lowSpace, rotate
}

/// The mutable state of one fast run.
struct ModelState {
    let inputs: CapacityInputs
    let schedule: RecordSchedule
    /// Remembers the schedule's hour last looked up (see ``time(_:)``).
    var clock = ScheduleClock()
    let s: Int64
    /// Constants of the inputs, computed once: the soft limit in blocks (minfree), the
    /// fail-stop estimate in bytes, when other data is gone, and the block size b.
    let softLimit: Double?
    let failStop: Double
    let otherDataGone: Double?
    let blockSize: Double
    /// Whether b is a power of two, so that free / b < n is exactly free < n × b.
    let blockSizeIsPowerOfTwo: Bool
    /// D and, when other data does not grow, its constant size max(0, D − F0).
    let diskSize: Double
    let constantOtherBytes: Double?
    let seriesTimes: [Double]

    var k: Int64 = 0
    var active: Int64 = 0
    var activeStart = 0.0
    var activeStartSecond: Int64
    var rotateSent = false
    var closed: [ClosedTrail] = []
    var head = 0
    var closedBytes: Int64 = 0
    var written: Int64 = 0
    var dropped: Int64 = 0
    var peak: Int64 = 0
    var lastLowSent: Double?
    var remembered: (kind: CapacityTrigger, second: Int64)?
    var rotations = 0
    var expired = 0
    var firstLow: Double?
    var firstNoSpace: Double?
    var outcome = CapacityOutcome.ok
    var outcomeTime: Double?
    var suspended = false
    var stoppedAt: Double?
    var series: [CapacitySeriesPoint] = []
    /// The time of the next series point due, infinity once every one is out (read by each
    /// event, so kept apart from the arrays).
    var nextSeriesTime: Double
    /// The current linear piece of the schedule: its end time, last record and the
    /// LOW_SPACE chain's stride in it (records a second apart), once known.
    var piece: (boundary: Double, lastRecord: Int64, stride: Int64?)?
    /// The last time ``nextRateChange(after:)`` computed the next rate change for, and the result.
    var rateChangeFrom = Double.infinity
    var rateChange = -Double.infinity
    /// Events processed so far, the most allowed, and how often the pace is checked
    /// (see ``CapacityModel/eventLimit``).
    var events = 0
    /// The event count at which the pace is checked next (a multiple of ``paceCheck``; kept
    /// as a count so that no event pays for a division).
    var nextPaceCheck: Int
    let eventLimit: Int
    let paceCheck: Int

    init(inputs: CapacityInputs, seriesPoints: Int, eventLimit: Int) {
        self.inputs = inputs
        self.eventLimit = eventLimit
        paceCheck = max(1, eventLimit / 20)
        nextPaceCheck = paceCheck
        schedule = RecordSchedule(
            volume: inputs.volume, startEpoch: inputs.startEpoch, horizonSeconds: inputs.horizonSeconds)
        s = inputs.volume.recordSize
        softLimit = inputs.softLimitBlocks.map(Double.init)
        failStop = Double(inputs.failStopBytes)
        blockSize = Double(inputs.blockSize)
        blockSizeIsPowerOfTwo = inputs.blockSize > 0 && inputs.blockSize & (inputs.blockSize - 1) == 0
        diskSize = Double(inputs.diskSize)
        constantOtherBytes = inputs.otherGrowthPerDay == 0 ? inputs.otherBytes(at: 0) : nil
        otherDataGone = inputs.otherDataGoneTime
        activeStartSecond = inputs.startEpoch
        let horizon = inputs.horizonSeconds
        seriesTimes = (0..<seriesPoints).map { horizon * Double($0) / Double(seriesPoints - 1) }
        nextSeriesTime = seriesTimes.first ?? .infinity
        series.reserveCapacity(seriesPoints + 1)
    }

    var total: Int64 { closedBytes + active }

    // MARK: The event loop

    mutating func run() throws {
        let last = schedule.lastRecord
        while stoppedAt == nil, k < last {
            if suspended {
                dropped += (last - k) * s
                k = last
                break
            }
            events += 1
            if events == nextPaceCheck {
                nextPaceCheck += paceCheck
                try checkPace()
            }
            step(last: last)
        }
        let end = stoppedAt ?? inputs.horizonSeconds
        let final = total
        emitSamples(before: end, inclusive: true) { _, _ in final }
        if stoppedAt != nil, series.last?.t != end {
            series.append(point(at: end, audit: total))
        }
    }

    /// Refuses the horizon when the events so far, at their pace, would exceed the limit
    /// several times over, or when the limit is reached.
    mutating func checkPace() throws {
        let reached = time(k)
        let horizon = inputs.horizonSeconds
        let projected = reached > 0 ? Double(events) * horizon / reached : .infinity
        if events >= eventLimit || projected > 4 * Double(eventLimit) {
            throw CapacityModel.tooLong(
                inputs, events: max(projected, Double(events) + 1), eventLimit: eventLimit,
                what: "rotations and low-space triggers (at the pace of the first \(Quantity.formatDuration(reached)))")
        }
    }

    /// Seconds from start at which record j is written.
    @inline(__always)
    mutating func time(_ j: Int64) -> Double { clock.time(j, in: schedule) }

    /// ``RecordSchedule/nextRateChange(after:)``, the same to the bit, computed again only
    /// for a time before the one it was last computed for or within a second of its result:
    /// it is monotone in t, and at a time a second or more before the result the hour of the
    /// cycle the schedule divides out is still the result's (the rounding errors of those
    /// few operations on times of at most 100 years are below a microsecond).
    mutating func nextRateChange(after t: Double) -> Double {
        if t >= rateChangeFrom, t < rateChange - 1 { return rateChange }
        rateChange = schedule.nextRateChange(after: t)
        rateChangeFrom = t
        return rateChange
    }

    /// The smallest record index written at or after t.
    mutating func firstIndex(atOrAfter t: Double) -> Int64 { clock.firstIndex(atOrAfter: t, in: schedule) }

    /// Whether free blocks, floor(free / b), are below the whole number `limit`: the same as
    /// free / b < limit, without the floor (and without the division when b is a power of
    /// two: dividing by it and multiplying the whole number by it are then exact).
    @inline(__always)
    func blocks(_ free: Double, below limit: Double) -> Bool {
        blockSizeIsPowerOfTwo ? free < limit * blockSize : free / blockSize < limit
    }

    /// ``CapacityInputs/freeBytes(at:auditBytes:)``, the same to the bit, skipping the growth
    /// of other data when there is none.
    @inline(__always)
    func freeBytes(at t: Double, auditBytes: Int64) -> Double {
        guard let other = constantOtherBytes else { return inputs.freeBytes(at: t, auditBytes: auditBytes) }
        return diskSize - other - Double(auditBytes)
    }

    /// The smallest j in low...high for which the monotone `holds` is true, if any.
    @inline(__always)
    static func firstTrue(_ low: Int64, _ high: Int64, _ holds: (Int64) -> Bool) -> Int64? {
        guard low <= high else { return nil }
        if holds(low) { return low }
        guard holds(high) else { return nil }
        var a = low
        var b = high
        while b - a > 1 {
            let mid = a + (b - a) / 2
            if holds(mid) { b = mid } else { a = mid }
        }
        return b
    }

    /// Finds the next record where something happens within the current linear piece,
    /// writes the plain records before it in one go, then processes it.
    mutating func step(last: Int64) {
        let k0 = k
        let base = total
        let s = self.s
        // A constant rate and other data that never runs out have no boundary, whenever the
        // next record comes (so its time is not needed).
        let boundary: Double
        if schedule.hourly || otherDataGone != nil {
            let next = time(k0 + 1)
            boundary = min(
                nextRateChange(after: next),
                otherDataGone.map { $0 > next ? $0 : .infinity } ?? .infinity)
        } else {
            boundary = .infinity
        }
        if piece?.boundary != boundary {
            piece = (boundary, boundary.isFinite ? min(last, schedule.lastIndex(atOrBefore: boundary)) : last, nil)
        }
        let segmentEnd = piece!.lastRecord
        // Free bytes once record j is written, when only plain records precede it, and
        // whether its free blocks are below a whole number of blocks. When other data does
        // not grow, free space depends on the audit bytes alone (``freeBytes(at:auditBytes:)``
        // does not read the time), so record j's time is not looked up.
        let diskLeft = constantOtherBytes.map { diskSize - $0 }
        func free(_ j: Int64) -> Double {
            let audit = base + (j - 1 - k0) * s
            if let diskLeft { return diskLeft - Double(audit) }
            return inputs.freeBytes(at: time(j), auditBytes: audit)
        }
        func blocksBelow(_ limit: Double, _ j: Int64) -> Bool { blocks(free(j), below: limit) }

        var event = segmentEnd + 1
        if let j = Self.firstTrue(k0 + 1, segmentEnd, { blocksBelow(4, $0) }) { event = j }
        if !inputs.configuration.cnt {
            let limit = failStop
            if let j = Self.firstTrue(k0 + 1, event - 1, { free($0) <= limit }) { event = j }
        }
        let filesz = inputs.configuration.filesz
        if filesz > 0, !rotateSent {
            // The record that reaches filesz; a filesz near Int64.max (`filesz:-1` wraps to
            // 2^64 − 1) is past every record, so the sum saturates instead of overflowing.
            event = min(event, k0.addingSaturating(filesz.subtractingSaturating(active).addingSaturating(s - 1) / s))
        }
        // The LOW_SPACE chain: records where the kernel sends LOW_SPACE, one a second.
        var chain: (first: Int64, stride: Int64, last: Int64)?
        if let threshold = softLimit,
            let lowStart = Self.firstTrue(k0 + 1, min(event, segmentEnd), { blocksBelow(threshold, $0) })
        {
            let lowEnd =
                Self.firstTrue(lowStart, segmentEnd) { !blocksBelow(threshold, $0) }.map { $0 - 1 }
                ?? segmentEnd
            var first = lowStart
            if let sent = lastLowSent { first = max(first, firstIndex(atOrAfter: sent + 1)) }
            if first <= lowEnd {
                let stride: Int64
                if let known = piece!.stride {
                    stride = known
                } else {
                    stride = max(1, firstIndex(atOrAfter: time(first) + 1) - first)
                    if first + stride <= segmentEnd { piece!.stride = stride }
                }
                chain = (first, stride, lowEnd)
                var acted: Int64? = first
                if let memory = remembered, memory.kind == .lowSpace {
                    let due = Double(memory.second + 30 - inputs.startEpoch)
                    if time(first) < due {
                        let dueIndex = firstIndex(atOrAfter: due)
                        let candidate = first + (dueIndex - first + stride - 1) / stride * stride
                        acted = candidate <= lowEnd ? candidate : nil
                    }
                }
                if let acted { event = min(event, acted) }
            }
        }
        // Ignored LOW_SPACE sends before the event only move the kernel's one-second clock.
        if let chain, chain.first < event {
            let lastSend = chain.first + (min(event - 1, chain.last) - chain.first) / chain.stride * chain.stride
            // Once the first LOW_SPACE is noted, noting another changes nothing (so its time
            // is not looked up).
            if firstLow == nil || outcome < .lowSpace { noteLowSpace(at: time(chain.first)) }
            lastLowSent = time(lastSend)
        }
        let plainEnd = min(event - 1, segmentEnd)
        // A series point at or after the piece's boundary is not due before a record of the
        // piece (record times grow with the index, and every record up to segmentEnd comes
        // by the boundary), so the next record's time is looked up only when one may be.
        if nextSeriesTime < .infinity, plainEnd >= segmentEnd || nextSeriesTime < boundary {
            emitSamples(before: time(plainEnd + 1), inclusive: false) { schedule, t in
                base + (min(schedule.lastIndex(atOrBefore: t), plainEnd) - k0) * s
            }
        }
        let plain = plainEnd - k0
        active += plain * s
        written += plain * s
        k = plainEnd
        peak = max(peak, total)
        if event <= segmentEnd { processRecord(event) }
    }

    // MARK: Per-record rules (Docs/reference/capacity-model.md#the-writer), for records where something happens

    mutating func processRecord(_ j: Int64) {
        k = j
        let t = time(j)
        if suspended {
            dropped += s
            return
        }
        let free = freeBytes(at: t, auditBytes: total)
        if blocks(free, below: 4) {
            noSpace(at: t)
            return
        }
        var lowSent = false
        if let threshold = softLimit, blocks(free, below: threshold) {
            if lastLowSent.map({ t - $0 >= 1 }) ?? true {
                lowSent = true
                lastLowSent = t
                noteLowSpace(at: t)
            }
        }
        if !inputs.configuration.cnt, free <= failStop {
            reach(.systemBlocked, at: t)
            stoppedAt = t
            return
        }
        active += s
        written += s
        peak = max(peak, total)
        var rotateNow = false
        let filesz = inputs.configuration.filesz
        if filesz != 0, active >= filesz, !rotateSent {
            rotateSent = true
            rotateNow = true
        }
        if lowSent { handle(.lowSpace, at: t) }
        if rotateNow { handle(.rotate, at: t) }
    }

    mutating func noSpace(at t: Double) {
        if firstNoSpace == nil { firstNoSpace = t }
        if inputs.configuration.ahlt || !inputs.configuration.cnt {
            reach(.panic, at: t)
            stoppedAt = t
        } else {
            dropped += s
            suspended = true
            reach(.recordsDropped, at: t)
        }
    }

    mutating func noteLowSpace(at t: Double) {
        if firstLow == nil { firstLow = t }
        reach(.lowSpace, at: t)
    }

    mutating func reach(_ worse: CapacityOutcome, at t: Double) {
        if worse > outcome {
            outcome = worse
            outcomeTime = t
        }
    }

    // MARK: The daemon and expiry (Docs/reference/capacity-model.md#the-daemon, #expiry)

    mutating func handle(_ trigger: CapacityTrigger, at t: Double) {
        // Record times are never negative, so truncation is floor (and cheaper than libm's).
        let second = inputs.startEpoch + (t >= 0 ? Int64(t) : Int64(t.rounded(.down)))
        if trigger == .lowSpace, let memory = remembered, memory.kind == .lowSpace,
            second - memory.second < 30
        {
            return
        }
        remembered = (trigger, second)
        guard activeStartSecond != second else { return }
        closed.append(ClosedTrail(start: activeStart, close: t, size: active))
        closedBytes += active
        rotations += 1
        active = 0
        activeStart = t
        activeStartSecond = second
        rotateSent = false
        expire(now: t)
    }

    mutating func expire(now: Double) {
        let rule = inputs.configuration.expireAfter
        let age = rule.age
        let size = rule.size
        if age == nil, size == nil { return }
        let both = rule.combinator == .and
        if both, age == nil || size == nil { return }
        let cutoff = now - (age ?? 0)
        var total = self.total
        while head < closed.count {
            let trail = closed[head]
            let overSize = size.map { total > $0 } ?? false
            let old = age != nil && trail.close < cutoff
            guard both ? (overSize && old) : (overSize || old) else { break }
            total -= trail.size
            closedBytes -= trail.size
            head += 1
            expired += 1
        }
        if head > 4_096, head * 2 > closed.count {
            closed.removeFirst(head)
            head = 0
        }
    }

    // MARK: Output

    /// Appends the series points due before `limit`, with the audit bytes
    /// `audit(schedule, t)` gives.
    mutating func emitSamples(before limit: Double, inclusive: Bool, audit: (RecordSchedule, Double) -> Int64) {
        while series.count < seriesTimes.count {
            let t = seriesTimes[series.count]
            guard inclusive ? t <= limit : t < limit else { return }
            series.append(point(at: t, audit: audit(schedule, t)))
            nextSeriesTime = series.count < seriesTimes.count ? seriesTimes[series.count] : .infinity
        }
    }

    func point(at t: Double, audit: Int64) -> CapacitySeriesPoint {
        let free = inputs.freeBytes(at: t, auditBytes: audit)
        return CapacitySeriesPoint(t: t, auditBytes: audit, freeBytes: Int64(saturating: max(0, free.rounded(.down))))
    }

    func result() -> CapacityRun {
        let end = stoppedAt ?? inputs.horizonSeconds
        let oldest = head < closed.count ? closed[head].start : activeStart
        let simulation = CapacitySimulation(
            // Multiplied first: end / 86 400 underflows to 0 for a horizon of a few seconds' fraction.
            bytesPerDay: end > 0 ? Double(written) * 86_400 / end : 0,
            peakAuditBytes: peak, finalAuditBytes: total, historyDays: (end - oldest) / 86_400,
            rotations: rotations, expiredFiles: expired, filesOnDisk: closed.count - head + 1,
            firstLowSpaceSeconds: firstLow, firstNoSpaceSeconds: firstNoSpace, droppedBytes: dropped,
            outcome: outcome, outcomeSeconds: outcomeTime, endSeconds: end)
        return CapacityRun(simulation: simulation, series: series)
    }
}
