@testable import AuditLintKit

/// The spec's capacity model written as literally as possible: one loop iteration per
/// record, the daemon and expiry as the spec's prose says, no shortcuts. Slow; tests only.
struct LiteralCapacitySimulation {
    struct Trail {
        var start: Double
        var close: Double
        var size: Int64
    }

    let inputs: CapacityInputs

    func run() -> CapacitySimulation {
        let config = inputs.configuration
        let schedule = RecordSchedule(
            volume: inputs.volume, startEpoch: inputs.startEpoch, horizonSeconds: inputs.horizonSeconds)
        let s = inputs.volume.recordSize
        var closed: [Trail] = []
        var active: Int64 = 0
        var closedBytes: Int64 = 0
        var activeStart = 0.0
        var rotateSentForActive = false
        var written: Int64 = 0
        var dropped: Int64 = 0
        var peak: Int64 = 0
        var lastLowSentAt: Double?
        var lastActedTrigger: (isLowSpace: Bool, second: Int64)?
        var rotations = 0
        var expiredFiles = 0
        var firstLow: Double?
        var firstNoSpace: Double?
        var outcome = CapacityOutcome.ok
        var outcomeAt: Double?
        var suspended = false
        var end = inputs.horizonSeconds
        func second(_ t: Double) -> Int64 { inputs.startEpoch + Int64(t.rounded(.down)) }
        func totalBytes() -> Int64 { closedBytes + active }
        func worsen(_ o: CapacityOutcome, _ t: Double) {
            if o > outcome {
                outcome = o
                outcomeAt = t
            }
        }
        func expire(_ now: Double) {
            let age = config.expireAfter.ageSeconds ?? 0
            let size = config.expireAfter.sizeBytes ?? 0
            if age == 0, size == 0 { return }
            var total = totalBytes()
            let cutoff = now - age
            var kept: [Trail] = []
            // `closed` is in close-time order: trails are appended as they close.
            for trail in closed {
                let delete: Bool
                if config.expireAfter.combinator == .and {
                    delete = size != 0 && age != 0 && total > size && trail.close < cutoff
                } else {
                    delete = (size != 0 && total > size) || (age != 0 && trail.close < cutoff)
                }
                if delete {
                    total -= trail.size
                    closedBytes -= trail.size
                    expiredFiles += 1
                } else {
                    kept.append(trail)
                }
            }
            closed = kept
        }
        func trigger(_ isLowSpace: Bool, _ t: Double) {
            let now = second(t)
            if isLowSpace, let last = lastActedTrigger, last.isLowSpace, now - last.second < 30 { return }
            lastActedTrigger = (isLowSpace, now)
            if second(activeStart) == now { return }
            closed.append(Trail(start: activeStart, close: t, size: active))
            closedBytes += active
            rotations += 1
            active = 0
            activeStart = t
            rotateSentForActive = false
            expire(t)
        }

        var k: Int64 = 1
        records: while k <= schedule.lastRecord {
            defer { k += 1 }
            let t = schedule.time(ofRecord: k)
            if suspended {
                dropped += s
                continue
            }
            let free = inputs.freeBytes(at: t, auditBytes: totalBytes())
            let freeBlocks = (free / Double(inputs.blockSize)).rounded(.down)
            var outOfSpace = freeBlocks < 4
            var lowSpaceSent = false
            if !outOfSpace {
                if config.minfree != 0 {
                    let threshold = (inputs.diskSize / inputs.blockSize) / Int64(100 / config.minfree)
                    if freeBlocks < Double(threshold), lastLowSentAt.map({ t - $0 >= 1 }) ?? true {
                        lowSpaceSent = true
                        lastLowSentAt = t
                        if firstLow == nil { firstLow = t }
                        worsen(.lowSpace, t)
                    }
                }
                if !config.cnt, free <= Double((config.qsize + 1) * 32_767) {
                    worsen(.systemBlocked, t)
                    end = t
                    break records
                }
                active += s
                written += s
                peak = max(peak, totalBytes())
                var rotate = false
                if config.filesz != 0, active >= config.filesz, !rotateSentForActive {
                    rotateSentForActive = true
                    rotate = true
                }
                if lowSpaceSent { trigger(true, t) }
                if rotate { trigger(false, t) }
                outOfSpace = false
            }
            if outOfSpace {
                if firstNoSpace == nil { firstNoSpace = t }
                if config.ahlt || !config.cnt {
                    worsen(.panic, t)
                    end = t
                    break records
                }
                dropped += s
                suspended = true
                worsen(.recordsDropped, t)
            }
        }
        let oldestStart = closed.map(\.start).min() ?? activeStart
        return CapacitySimulation(
            bytesPerDay: end > 0 ? Double(written) * 86_400 / end : 0, peakAuditBytes: peak,
            finalAuditBytes: totalBytes(), historyDays: (end - min(oldestStart, activeStart)) / 86_400,
            rotations: rotations, expiredFiles: expiredFiles, filesOnDisk: closed.count + 1,
            firstLowSpaceSeconds: firstLow, firstNoSpaceSeconds: firstNoSpace, droppedBytes: dropped,
            outcome: outcome, outcomeSeconds: outcomeAt, endSeconds: end)
    }
}
