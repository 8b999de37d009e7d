/// A built-in reference workload: how many audit events of each class a kind of machine
/// produces, how large they are, and how activity spreads over the day, so that `report`
/// can answer without a sample trail.
///
/// Each ``WorkloadClass`` names its source (the labels C1, C2, M1–M8, P13 and P15 are
/// listed with the public data they stand for in Docs/reference/capacity-model.md, section
/// "Built-in workloads") and says when a figure is an assumption. ``sources`` gives the
/// same as text for the CLI.
public struct Workload: Sendable, Hashable {
    /// The name used on the command line.
    public var name: String
    /// One line saying what machine this is.
    public var summary: String
    /// The platform whose record sizes apply.
    public var platform: String
    /// Events and sizes per audit class.
    public var classes: [WorkloadClass]
    /// Relative activity in each UTC hour 00–23 (the daily cycle).
    public var hourlyWeights: [Double]
    /// Hours of full activity per day that the weights add up to (Σw for weights ≤ 1).
    public var activeHoursPerDay: Double { hourlyWeights.reduce(0, +) }
    /// Where the day's shape comes from.
    public var profileSource: String

    /// The four built-in workloads.
    public static let all: [Workload] = [.laptop, .developer, .server, .buildHost]

    /// The workload named `name`, if there is one.
    public static func named(_ name: String) -> Workload? { all.first { $0.name == name } }

    /// The flags the report assumes when none are given: the stock `audit_control`'s `lo,aa`.
    public static let stockFlags = "lo,aa"

    /// The events per day, bytes per day and mean record size that `flags` (an
    /// `audit_control` flags list such as `lo,aa,-fr,+ex`) select from this workload.
    ///
    /// A class name selects success and failure, `+name` success only, `-name` failure
    /// only, `all` every class; `^` removes. Classes without workload figures add nothing
    /// and are listed in `unmodelled`. Exec events count once when `ex` or `pc` selects them.
    public func volume(flags: String) -> WorkloadVolume {
        // Whether each class name is selected for success and for failure, kept at the
        // position of the name's first class (the names are few: a scan beats hashing).
        let names = classes.map(\.name)
        var success = [Bool](repeating: false, count: names.count)
        var failure = [Bool](repeating: false, count: names.count)
        var unmodelled: [String] = []
        for raw in flags.split(separator: ",").map({ $0.trimmingWhitespace() }) where !raw.isEmpty {
            var token = Substring(raw)
            let remove = token.hasPrefix("^")
            if remove { token = token.dropFirst() }
            var wantSuccess = true
            var wantFailure = true
            if token.hasPrefix("+") {
                wantFailure = false
                token = token.dropFirst()
            } else if token.hasPrefix("-") {
                wantSuccess = false
                token = token.dropFirst()
            }
            let positions: [Int]
            if token == "all" {
                positions = Array(names.indices)
            } else if let position = names.firstIndex(where: { $0 == token }) {
                positions = [position]
            } else {
                let name = String(token)
                if !unmodelled.contains(name) { unmodelled.append(name) }
                continue
            }
            for position in positions {
                if wantSuccess { success[position] = !remove }
                if wantFailure { failure[position] = !remove }
            }
        }
        func selected(_ set: [Bool], _ name: String) -> Bool {
            names.firstIndex(of: name).map { set[$0] } ?? false
        }
        // Exec events count once when `pc` selects them (`ex` is then selected too).
        let pcSuccess = selected(success, "pc")
        let pcFailure = selected(failure, "pc")
        var eventsPerHour = 0.0
        var bytesPerHour = 0.0
        for item in classes {
            let isExec = item.name == "ex"
            let share =
                (selected(success, item.name) || (isExec && pcSuccess) ? 1 - item.failureShare : 0)
                + (selected(failure, item.name) || (isExec && pcFailure) ? item.failureShare : 0)
            eventsPerHour += item.eventsPerActiveHour * share
            bytesPerHour += item.eventsPerActiveHour * share * item.meanBytes
        }
        let hours = activeHoursPerDay
        return WorkloadVolume(
            eventsPerDay: eventsPerHour * hours, bytesPerDay: bytesPerHour * hours,
            meanRecordSize: eventsPerHour > 0 ? Int64((bytesPerHour / eventsPerHour).rounded()) : 200,
            unmodelledClasses: unmodelled)
    }

    /// Every figure of every workload with its source, for `auditlint report --workload`'s help.
    public static var sources: String {
        var lines = [
            "Built-in workloads (\"assumed\" marks modelling choices; the sources C1, C2, M1–M8, P13 and P15 are described in Docs/reference/capacity-model.md#built-in-workloads):"
        ]
        for workload in all {
            lines += ["", "\(workload.name): \(workload.summary) [\(workload.platform) record sizes]"]
            lines.append("  day: \(workload.profileSource)")
            for item in workload.classes {
                let events =
                    item.eventsPerActiveHour.rounded() == item.eventsPerActiveHour
                    ? "\(Int(item.eventsPerActiveHour))" : "\(item.eventsPerActiveHour)"
                lines.append(
                    "  \(item.name.padding(toLength: 3, withPad: " ", startingAt: 0)) \(events) events/active h, "
                        + "\(Int(item.meanBytes)) B, \(Int((item.failureShare * 100).rounded()))% failures: \(item.source)"
                )
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// One audit class's share of a workload.
public struct WorkloadClass: Sendable, Hashable {
    /// The class name (`fr`, `ex`, …). `pc` counts process events other than exec.
    public var name: String
    /// Events (success and failure together) per hour of full activity.
    public var eventsPerActiveHour: Double
    /// Mean record size in bytes.
    public var meanBytes: Double
    /// The fraction of events that fail (what a `-class` flag selects).
    public var failureShare: Double
    /// Where the figures come from, or why they are assumed.
    public var source: String

    public init(_ name: String, _ events: Double, _ bytes: Double, _ failure: Double, _ source: String) {
        self.name = name
        eventsPerActiveHour = events
        meanBytes = bytes
        failureShare = failure
        self.source = source
    }
}

/// What a flag set selects from a workload.
public struct WorkloadVolume: Sendable, Hashable {
    public var eventsPerDay: Double
    public var bytesPerDay: Double
    public var meanRecordSize: Int64
    /// Classes in the flags that the workload has no figures for (they add nothing).
    public var unmodelledClasses: [String]
}

extension Workload {
    /// 8 active UTC hours (09–16) at full activity and 16 at 10 %: 9.6 active-equivalent
    /// hours a day, the day assumed for a laptop.
    static let officeDay: [Double] = (0..<24).map { (9..<17).contains($0) ? 1 : 0.1 }

    /// Developer laptop on macOS ≥ 10.14, from the CADETS rates and the measured Mac trails.
    public static let developer = Workload(
        name: "developer", summary: "developer laptop (macOS 10.14 or later, builds and IDE indexers)",
        platform: "macOS",
        classes: [
            WorkloadClass("lo", 2, 130, 0.10, "M1 (one record per login; a few logins and unlocks a day)"),
            WorkloadClass("aa", 30, 150, 0.05, "M1 (34 aa records in an 8-minute login burst), M2"),
            WorkloadClass(
                "ad", 2_000, 160, 0.05, "assumed (range 500–20,000); macOS puts mac_syscall, getauid in ad; M8"),
            WorkloadClass(
                "ex", 1_500, 300, 0.05, "C1 900/h, C2 buildinject 1,100/h, dlogd 2,900/h, P15; 300 B with argv"),
            WorkloadClass("pc", 4_500, 150, 0.02, "non-exec pc 2.5–8× exec (C1, C2)"),
            WorkloadClass("nt", 20_000, 150, 0.05, "assumed 7× the C1 server (2,900/h); dlogd 17,500/h"),
            WorkloadClass("fr", 20_000, 250, 0.15, "C1 7,300/h, buildinject 20,800/h"),
            WorkloadClass("fw", 3_000, 260, 0.05, "C1 1,200/h, buildinject 1,900/h"),
            WorkloadClass("fc", 1_500, 300, 0.10, "C1 1,430/h, buildinject 1,150/h"),
            WorkloadClass("fd", 1_000, 300, 0.05, "C1 1,450/h, buildinject 850/h"),
            WorkloadClass("fm", 8_000, 200, 0.05, "C1 2,400/h, buildinject and dlogd 7,000–11,600/h"),
            WorkloadClass("fa", 60_000, 240, 0.25, "assumed (not captured by CADETS); stat family outnumbers opens"),
            WorkloadClass("cl", 30_000, 200, 0.01, "C1 9,700/h, buildinject 28,700/h"),
            WorkloadClass("ip", 500, 140, 0.01, "C1 320/h, buildinject 550/h"),
        ],
        hourlyWeights: officeDay,
        profileSource: "8 active hours + 16 at 10% (9.6 active-equivalent hours); placing them at 09–17 UTC is assumed")

    /// Office laptop on macOS ≥ 10.14: the developer laptop without builds. Assumed: half
    /// the process and file activity, the same logins, `ad` and network.
    public static let laptop = Workload(
        name: "laptop", summary: "office laptop (macOS 10.14 or later, browser, mail and chat; no builds)",
        platform: "macOS",
        classes: developer.classes.map { item in
            var item = item
            if ["ex", "pc", "fr", "fw", "fc", "fd", "fm", "fa", "cl", "ip"].contains(item.name) {
                item.eventsPerActiveHour /= 2
                item.source = "assumed: half of the developer laptop (\(item.source))"
            }
            return item
        },
        hourlyWeights: officeDay,
        profileSource: "8 active hours + 16 at 10% (9.6 active-equivalent hours); placing them at 09–17 UTC is assumed")

    /// Busy FreeBSD web and database server: C1 measured, 24 h a day.
    public static let server = Workload(
        name: "server", summary: "busy web and database server (FreeBSD; nginx, PostgreSQL, Postfix, cron)",
        platform: "FreeBSD",
        classes: [
            WorkloadClass("lo", 5, 100, 0.10, "M3 (FreeBSD VM; admin logins a few per hour)"),
            WorkloadClass("aa", 10, 100, 0.10, "M3"),
            WorkloadClass("ad", 5, 100, 0.05, "M3 (about five ad records per sudo)"),
            WorkloadClass("ex", 900, 140, 0.02, "C1 measured; 140 B with argv"),
            WorkloadClass("pc", 2_200, 85, 0.01, "C1 measured (3,122 − 900)"),
            WorkloadClass("nt", 2_900, 93, 0.02, "C1 measured"),
            WorkloadClass("fr", 7_300, 151, 0.05, "C1 measured"),
            WorkloadClass("fw", 1_200, 168, 0.02, "C1 measured"),
            WorkloadClass("fc", 1_400, 180, 0.02, "C1 measured"),
            WorkloadClass("fd", 1_450, 180, 0.02, "C1 measured"),
            WorkloadClass("fm", 2_400, 128, 0.02, "C1 measured"),
            WorkloadClass("fa", 15_000, 155, 0.20, "assumed 2 × fr (not captured by CADETS)"),
            WorkloadClass("cl", 9_700, 108, 0.01, "C1 measured"),
            WorkloadClass("ip", 320, 83, 0.01, "C1 measured"),
        ],
        hourlyWeights: Array(repeating: 1, count: 24),
        profileSource: "24 active hours; a flat day is assumed (C1's hours varied 2.4×)")

    /// FreeBSD build host: the C2 `buildinject` class mix scaled ×9 to P13's kernel build
    /// (1.0–2.3 M auditable records per hour; the low end is used), with the server's FreeBSD sizes.
    public static let buildHost = Workload(
        name: "build-host", summary: "CI build host compiling most of the day (FreeBSD)",
        platform: "FreeBSD",
        classes: [
            WorkloadClass("lo", 5, 100, 0.10, "assumed as the server"),
            WorkloadClass("aa", 10, 100, 0.10, "assumed as the server"),
            WorkloadClass("ad", 5, 100, 0.05, "assumed as the server"),
            WorkloadClass("ex", 9_900, 140, 0.05, "C2 buildinject 1,100/h × 9 (P13 scale); size as the server"),
            WorkloadClass("pc", 77_400, 85, 0.01, "C2 buildinject non-exec pc 7.8 × exec, × 9; size as the server"),
            WorkloadClass(
                "nt", 9_000, 93, 0.02, "assumed 1,000/h × 9 (buildinject network not given); size as the server"),
            WorkloadClass(
                "fr", 187_200, 151, 0.10,
                "C2 buildinject 20,800/h × 9; size as the server; failures assumed (header probing)"),
            WorkloadClass("fw", 17_100, 168, 0.02, "C2 buildinject 1,900/h × 9; size as the server"),
            WorkloadClass("fc", 10_350, 180, 0.02, "C2 buildinject 1,150/h × 9; size as the server"),
            WorkloadClass("fd", 7_650, 180, 0.02, "C2 buildinject 850/h × 9; size as the server"),
            WorkloadClass(
                "fm", 83_700, 128, 0.02, "C2 buildinject and dlogd 7,000–11,600/h (mid 9,300) × 9; size as the server"),
            WorkloadClass(
                "fa", 374_400, 155, 0.30, "assumed 2 × fr as the server; failures assumed (PATH and header searches)"),
            WorkloadClass("cl", 258_300, 108, 0.01, "C2 buildinject 28,700/h × 9; size as the server"),
            WorkloadClass("ip", 4_950, 83, 0.01, "C2 buildinject 550/h × 9; size as the server"),
        ],
        hourlyWeights: Array(repeating: 0.5, count: 24),
        profileSource: "assumed: builds around the clock at 50% utilisation (12 active-equivalent hours)")
}
