import Foundation

@testable import AuditLintKit

/// Synthetic samples and journals for the tuning tests (macOS built-in tables).
enum TuningFixtures {
    static let start: Int64 = 1_763_683_200  // 2025-11-21 00:00:00 UTC
    static let classes = AuditClassTable.builtIn(.macos)
    static let events = AuditEventTable.builtIn(.macos)

    /// The first event of the built-in table whose class mask is exactly `name`'s class
    /// (`ex`: execve, which is also `pc`).
    static func event(for name: String) -> UInt16 {
        if name == "ex" { return 23 }
        let mask = classes.lookup(name)!.mask
        return UInt16(events.events.first { $0.classMask == mask }!.number)
    }

    /// A one-hour sample: for each class, `records` successful and `failures` failed
    /// attributable records of `size` bytes spread evenly over the hour.
    static func profile(_ spec: [(name: String, records: Int, failures: Int, size: Int)], host: String = "sample-host")
        -> VolumeProfile
    {
        var builder = VolumeProfileBuilder()
        builder.files = 1
        for item in spec {
            let event = event(for: item.name)
            let total = item.records + item.failures
            for index in 0..<total {
                let time = Double(start) + 3_600 * Double(index) / Double(max(total, 1))
                builder.add(
                    RecordSummary(
                        event: event, auditUserID: 501, success: index < item.records, size: item.size,
                        execArgsBytes: item.name == "ex" ? 40 : 0, time: time))
            }
        }
        builder.add(
            RecordSummary(
                event: event(for: "lo"), auditUserID: 501, success: true, size: 100, time: Double(start) + 3_600))
        // Synthetic: every class the sample lacks is truly absent.
        return builder.profile(hosts: [host]).recorded(with: .everything)
    }

    /// A typical sample: logins, authorisations, execs, file reads and attribute access.
    static var sample: VolumeProfile {
        profile([
            ("lo", 2, 1, 100), ("aa", 10, 1, 120), ("ex", 60, 3, 300), ("pc", 100, 2, 150), ("fr", 400, 60, 250),
            ("fa", 1_500, 500, 240), ("nt", 300, 20, 150), ("fw", 80, 4, 260), ("ad", 50, 3, 160),
        ])
    }

    static let config = """
        #
        # audit_control for the tuning tests
        #
        dir:/var/audit
        flags:lo,aa
        minfree:5
        naflags:lo,aa
        policy:cnt,argv
        filesz:2M
        expire-after:10M

        """

    /// ``config`` with other `flags` and `expire-after` values.
    static func config(flags: String, expireAfter: String) -> String {
        config.replacingOccurrences(of: "flags:lo,aa\nminfree", with: "flags:\(flags)\nminfree")
            .replacingOccurrences(of: "expire-after:10M", with: "expire-after:\(expireAfter)")
    }

    /// A journal of ``config(flags:expireAfter:)`` with `budget`, and its advice.
    static func advice(flags: String, expireAfter: String, budget: Int64) throws -> TuningAdvisor.Advice {
        let text = config(flags: flags, expireAfter: expireAfter)
        let journal = try journal(config: text, constraints: constraints(budget: budget))
        return try TuningAdvisor(model: TuningModel(journal: journal)).advise(from: text)
    }

    /// Constraints that keep the simulations short: 2 days of retention, 4 simulated.
    static func constraints(budget: Int64 = 64 << 20, retentionDays: Double = 2, profile: String? = nil)
        -> TuningConstraints
    {
        TuningConstraints(
            diskSize: 8 << 30, diskFree: 4 << 30, retentionSeconds: retentionDays * 86_400,
            budget: Quantity.formatSize(budget), budgetBytes: budget, complianceProfile: profile,
            horizonSeconds: 2 * retentionDays * 86_400, startEpoch: start)
    }

    static func journal(
        config: String = config, profile: VolumeProfile = sample,
        constraints: TuningConstraints = constraints()
    ) throws -> TuningJournal {
        try TuningSession.start(
            config: config, configPath: "/etc/security/audit_control", dialect: .macos,
            profile: profile, constraints: constraints, now: start)
    }

    /// A fresh temporary directory.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("auditlint-tune-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes closed trails named `start.end` that grow at `bytesPerDay` for `days` days,
    /// one file a day, starting at `from`.
    static func writeTrails(in directory: URL, from: Int64, days: Int, bytesPerDay: Int) throws {
        for day in 0..<days {
            let begin = from + Int64(day) * 86_400
            let name = TrailGrowth.name(begin) + "." + TrailGrowth.name(begin + 86_400)
            try Data(count: bytesPerDay).write(to: directory.appendingPathComponent(name))
        }
    }
}
