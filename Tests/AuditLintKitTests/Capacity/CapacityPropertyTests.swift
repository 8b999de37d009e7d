import Testing

@testable import AuditLintKit

/// The fast model agrees with the literal per-record simulation within the spec's §6
/// tolerances on many random small scenarios.
@Suite struct CapacityPropertyTests {
    /// A random scenario of at most about 30 000 records, built so that rotations, expiry,
    /// the soft and hard limits, fail-stop and hourly cycles all occur across the set.
    static func scenario(_ rng: inout SeededGenerator) -> CapacityInputs {
        let recordSize = Int64.random(in: 40...1_500, using: &rng)
        let records = Double.random(in: 200...30_000, using: &rng)
        let horizon = Double.random(in: 600...86_400, using: &rng).rounded()
        let rate = records * Double(recordSize) / horizon
        let volume = Double(recordSize) * records
        let filesz: Int64 =
            Bool.random(using: &rng) && Int.random(in: 0..<4, using: &rng) == 0
            ? 0 : Int64(volume / Double.random(in: 3...300, using: &rng))
        let age: Double? = Bool.random(using: &rng) ? Double.random(in: 1...horizon, using: &rng) : nil
        let size: Int64? = Bool.random(using: &rng) ? Int64(volume * Double.random(in: 0.01...0.8, using: &rng)) : nil
        let combinator: ExpireAfter.Combinator = Bool.random(using: &rng) ? .and : .or
        let blockSize = [512, 1_024, 4_096, 8_192].randomElement(using: &rng)!
        let disk = max(Int64(volume * Double.random(in: 0.3...4, using: &rng)), Int64(blockSize) * 64)
        let free = Int64(Double(disk) * Double.random(in: 0.2...1, using: &rng))
        let other: Int64 =
            Int.random(in: 0..<4, using: &rng) == 0
            ? Int64(Double(disk) * Double.random(in: -0.5...0.5, using: &rng)) : 0
        let minfree = [0, 1, 5, 10, 20, 30, 40, 55].randomElement(using: &rng)!
        let weights: [Double]? =
            Bool.random(using: &rng) ? (0..<24).map { _ in Double(Int.random(in: 0...5, using: &rng)) } : nil
        let configuration = CapacityConfiguration(
            filesz: filesz, expireAfter: ExpireAfter(ageSeconds: age, sizeBytes: size, combinator: combinator),
            minfree: minfree, cnt: Int.random(in: 0..<4, using: &rng) != 0,
            ahlt: Int.random(in: 0..<4, using: &rng) == 0,
            qsize: Int.random(in: 1...100, using: &rng))
        return CapacityInputs(
            configuration: configuration, diskSize: disk, freeAtStart: free, blockSize: Int64(blockSize),
            otherGrowthPerDay: other, horizonSeconds: horizon,
            startEpoch: 1_700_000_000 + Int64.random(in: 0...86_400, using: &rng),
            volume: WriteVolume(
                bytesPerSecond: rate, recordSize: recordSize,
                hourlyWeights: weights?.contains(where: { $0 > 0 }) == true ? weights : nil))
    }

    /// The differences beyond the spec's §6 tolerances, described (empty when they agree).
    static func disagreements(_ a: CapacitySimulation, _ b: CapacitySimulation, _ inputs: CapacityInputs) -> [String] {
        var problems: [String] = []
        func count(_ name: String, _ x: Int, _ y: Int) {
            if Double(abs(x - y)) > max(2, 0.01 * Double(max(x, y))) { problems.append("\(name) \(x) vs \(y)") }
        }
        let filesz = Double(inputs.configuration.filesz)
        func bytes(_ name: String, _ x: Double, _ y: Double) {
            if abs(x - y) > filesz + 0.01 * max(abs(x), abs(y)) { problems.append("\(name) \(x) vs \(y)") }
        }
        let interval = filesz > 0 ? filesz / inputs.volume.bytesPerSecond : 30
        func time(_ name: String, _ x: Double?, _ y: Double?, unit: Double = 1) {
            switch (x, y) {
            case (nil, nil): break
            case (let x?, let y?):
                if abs(x - y) * unit > interval + 0.01 * max(abs(x), abs(y)) * unit {
                    problems.append("\(name) \(x) vs \(y)")
                }
            default: problems.append("\(name) \(String(describing: x)) vs \(String(describing: y))")
            }
        }
        count("rotations", a.rotations, b.rotations)
        count("expiredFiles", a.expiredFiles, b.expiredFiles)
        count("filesOnDisk", a.filesOnDisk, b.filesOnDisk)
        bytes("peakAuditBytes", Double(a.peakAuditBytes), Double(b.peakAuditBytes))
        bytes("finalAuditBytes", Double(a.finalAuditBytes), Double(b.finalAuditBytes))
        bytes("droppedBytes", Double(a.droppedBytes), Double(b.droppedBytes))
        bytes("bytesPerDay", a.bytesPerDay, b.bytesPerDay)
        time("historyDays", a.historyDays, b.historyDays, unit: 86_400)
        time("firstLowSpaceSeconds", a.firstLowSpaceSeconds, b.firstLowSpaceSeconds)
        time("firstNoSpaceSeconds", a.firstNoSpaceSeconds, b.firstNoSpaceSeconds)
        time("outcomeSeconds", a.outcomeSeconds, b.outcomeSeconds)
        if a.outcome != b.outcome { problems.append("outcome \(a.outcome) vs \(b.outcome)") }
        return problems
    }

    @Test(arguments: 0..<8)
    func fastModelAgreesWithTheLiteralSimulation(batch: UInt64) throws {
        var rng = SeededGenerator(seed: 0xC0FFEE &+ batch)
        for index in 0..<20 {
            let inputs = Self.scenario(&rng)
            let fast = try CapacityModel.run(inputs).simulation
            let literal = LiteralCapacitySimulation(inputs: inputs).run()
            let problems = Self.disagreements(fast, literal, inputs)
            #expect(problems.isEmpty, "batch \(batch) scenario \(index): \(problems) — \(inputs)")
        }
    }

    /// The literal simulation and the model agree exactly (not only within tolerance) on
    /// these scenarios, since they follow the same rules on the same record times.
    @Test func fastModelMatchesExactlyOnMostScenarios() throws {
        var rng = SeededGenerator(seed: 42)
        var exact = 0
        for _ in 0..<40 {
            let inputs = Self.scenario(&rng)
            if try CapacityModel.run(inputs).simulation == LiteralCapacitySimulation(inputs: inputs).run() {
                exact += 1
            }
        }
        #expect(exact == 40)
    }

    /// Hand-made corner cases, compared exactly: trails that fill within the second they
    /// started (lost ROTATEs), an always-low disk under an hourly cycle, other data
    /// shrinking while the trail grows, and a slow writer (one record every few seconds).
    static let corners: [CapacityInputs] = {
        typealias F = CapacityFixtures
        var lostRotations = F.inputs(filesz: 70_000, minfree: 55, perDay: 100_000 * 86_400, days: 0.05)
        lostRotations.volume.recordSize = 700
        var hourly = F.inputs(minfree: 55, perDay: 2e8, days: 1)
        hourly.volume.hourlyWeights = (0..<24).map { Double(($0 * 7) % 5) }
        let shrinking = F.inputs(
            filesz: 0, expire: .never, minfree: 20, disk: 1 << 30, free: 100 << 20, perDay: 3e8,
            other: -(2 << 30), days: 1)
        let slow = F.inputs(filesz: 10_000, expire: ExpireAfter(ageSeconds: 3_600), minfree: 90, perDay: 5e6, days: 1)
        return [lostRotations, hourly, shrinking, slow]
    }()

    @Test(arguments: corners.indices)
    func fastModelMatchesExactlyOnCornerCases(index: Int) throws {
        let inputs = Self.corners[index]
        let fast = try CapacityModel.run(inputs).simulation
        #expect(fast == LiteralCapacitySimulation(inputs: inputs).run())
        #expect(fast.rotations > 0 || index == 2)
    }

    /// Always-low disks (the model's worst case: a LOW_SPACE rotation about every 30 s), whose
    /// steps skip the time look-ups whose results they do not use (free space when other data
    /// does not grow, repeated LOW_SPACE notes, series points already taken): the model agrees
    /// exactly with the literal simulation, with a constant rate and an hourly cycle, with
    /// `cnt` and without, with the full chart series and with two points.
    static let alwaysLow: [(CapacityInputs, Int)] = {
        typealias F = CapacityFixtures
        var cases: [(CapacityInputs, Int)] = []
        for (index, minfree) in [55, 70, 90].enumerated() {
            var flat = F.inputs(minfree: minfree, free: 40 << 30, perDay: 2e8 * Double(index + 1), days: 0.25)
            flat.volume.recordSize = 180 + 170 * Int64(index)
            var hourly = flat
            hourly.volume.hourlyWeights = (0..<24).map { Double(($0 * (index + 3)) % 7) }
            hourly.startEpoch += 1_234 * Int64(index)
            var failStop = hourly
            failStop.configuration.cnt = index != 1
            failStop.configuration.ahlt = index == 2
            failStop.configuration.filesz = 300_000
            cases += [(flat, 241), (hourly, 2), (failStop, 241)]
        }
        // Hourly cycles over several days from a start in the middle of an hour (many rate
        // changes, each a piece boundary), and other data that runs out or grows.
        var days = F.inputs(minfree: 90, free: 40 << 30, perDay: 6e7, recordSize: 310, days: 2.5)
        days.volume.hourlyWeights = (0..<24).map { Double(1 + ($0 * 5) % 9) }
        days.startEpoch += 1_777
        var otherGone = days
        otherGone.otherGrowthPerDay = -(120 << 30)
        otherGone.horizonSeconds = 86_400
        var otherGrows = days
        otherGrows.otherGrowthPerDay = 3 << 30
        otherGrows.startEpoch += 2_999
        otherGrows.horizonSeconds = 1.5 * 86_400
        cases += [(days, 241), (otherGone, 2), (otherGrows, 241)]
        return cases
    }()

    @Test(arguments: alwaysLow.indices)
    func alwaysLowDisksMatchTheLiteralSimulationExactly(index: Int) throws {
        let (inputs, points) = Self.alwaysLow[index]
        let fast = try CapacityModel.run(inputs, seriesPoints: points).simulation
        #expect(fast.rotations > 100)
        #expect(fast.firstLowSpaceSeconds != nil)
        #expect(fast == LiteralCapacitySimulation(inputs: inputs).run())
    }
}
