import Foundation

/// The fleet's answer under one configuration: every host's verdict, the failing hosts
/// ranked by how soon they fail, and the fleet's figures (volume percentiles, history kept,
/// hosts per verdict, configuration and dialect, days to full, the talkers behind the
/// failing hosts). Reporters render it as text, JSON, Markdown or HTML (``FleetReportFormat``).
public struct FleetReport: Sendable {
    /// What the hosts were judged under, in words ("candidate …" or "each host's own audit_control").
    public var configuration: String
    /// The candidate's path and SHA-256 (nil: each host's own).
    public var candidatePath: String?
    public var candidateHash: String?
    public var horizonSeconds: Double
    public var startEpoch: Int64
    public var requirements: CapacityRequirements
    /// The evaluated hosts: failing ones first, soonest first (``failingOrder``), then those
    /// that warn, then the rest, each by name.
    public var hosts: [FleetHost]
    /// The profiles that could not be read or evaluated, in file order.
    public var problems: [FleetHost]
    /// Hosts per verdict and per way of failing.
    public var verdicts: [CapacityVerdict: Int]
    public var failures: [FleetHost.Failure: Int]
    /// Audit bytes per day per host under the configuration.
    public var bytesPerDay: Percentiles
    /// Days of history each host keeps.
    public var historyDays: Percentiles
    /// Hosts per configuration (the SHA-256 of the audit_control each host ran under), most hosts first.
    public var configurations: [Group]
    /// Hosts per dialect.
    public var dialects: [Group]
    /// Hosts by days until the disk fills.
    public var daysToFull: [Bucket]
    /// The executables and paths with the most bytes a day over the failing hosts (up to
    /// ``talkerLimit`` of each kind).
    public var talkers: [Talker]
    /// Things the reader should know (host names seen twice, lower bounds).
    public var notes: [String]

    /// How many executables and how many paths ``talkers`` lists.
    public static let talkerLimit = 10

    /// The report's answer: fail when any host fails, warn when any warns, else ok.
    public var verdict: CapacityVerdict {
        if verdicts[.fail, default: 0] > 0 { return .fail }
        return verdicts[.warn, default: 0] > 0 ? .warn : .ok
    }

    /// The failing hosts, soonest first.
    public var failing: ArraySlice<FleetHost> { hosts.prefix(verdicts[.fail, default: 0]) }

    /// Figures over the hosts: the total, the nearest-rank percentiles and the extremes.
    public struct Percentiles: Sendable, Hashable {
        public var count: Int
        public var total: Double
        public var minimum: Double
        public var p10: Double
        public var p50: Double
        public var p90: Double
        public var p99: Double
        public var maximum: Double

        /// The figures of `values` (all zero when empty); the p-th percentile is the smallest
        /// value with at least p % of the values at or below it.
        public init(_ values: [Double]) {
            let sorted = values.sorted()
            func rank(_ p: Double) -> Double {
                guard !sorted.isEmpty else { return 0 }
                let index = Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1
                return sorted[min(max(index, 0), sorted.count - 1)]
            }
            count = sorted.count
            total = sorted.reduce(0, +)
            minimum = sorted.first ?? 0
            p10 = rank(10)
            p50 = rank(50)
            p90 = rank(90)
            p99 = rank(99)
            maximum = sorted.last ?? 0
        }
    }

    /// Hosts sharing a configuration or a dialect.
    public struct Group: Sendable, Hashable {
        /// The SHA-256 (or `unrecorded`), or the dialect.
        public var key: String
        /// A path the configuration was read from (the first host's).
        public var example: String?
        public var hosts: Int
        public var failing: Int
    }

    /// Hosts whose disk fills within [lower, upper) days; `upper` nil: does not fill in the horizon.
    public struct Bucket: Sendable, Hashable {
        public var lowerDays: Double
        public var upperDays: Double?
        public var hosts: Int

        /// `7–14 days`, `does not fill in 90 days`.
        public func label(horizonSeconds: Double) -> String {
            guard let upperDays else {
                return "does not fill in \(Quantity.formatDuration(horizonSeconds))"
            }
            return "\(Self.days(lowerDays))–\(Self.days(upperDays)) days"
        }

        static func days(_ value: Double) -> String {
            value.rounded() == value ? "\(Int(value))" : String(format: "%.1f", value)
        }
    }

    /// A talker over the failing hosts: its bytes a day summed, and on how many hosts it is a top talker.
    public struct Talker: Sendable, Hashable {
        public var kind: String
        public var name: String
        public var bytesPerDay: Double
        public var hosts: Int
    }

    /// The day edges of the days-to-full histogram (cut at the horizon).
    static let bucketEdges: [Double] = [1, 7, 14, 30, 60, 90, 180, 365, 730, 1825, 3650]

    /// Builds the report from every host's summary (in any order).
    ///
    /// - Parameters:
    ///   - candidatePath, candidateHash: the candidate audit_control (nil: each host's own).
    public init(
        hosts all: [FleetHost], candidatePath: String?, candidateHash: String?, horizonSeconds: Double,
        startEpoch: Int64, requirements: CapacityRequirements
    ) {
        self.candidatePath = candidatePath
        self.candidateHash = candidateHash
        configuration =
            candidatePath.map { "candidate \($0)" + (candidateHash.map { " (SHA-256 \($0.prefix(12)))" } ?? "") }
            ?? "each host's own audit_control"
        self.horizonSeconds = horizonSeconds
        self.startEpoch = startEpoch
        self.requirements = requirements
        problems = all.filter { $0.evaluation == nil }
        let evaluated = all.filter { $0.evaluation != nil }
        func rank(_ verdict: CapacityVerdict) -> Int {
            switch verdict {
            case .fail: 0
            case .warn: 1
            case .ok: 2
            }
        }
        hosts = evaluated.sorted { a, b in
            let (x, y) = (a.evaluation!, b.evaluation!)
            if x.verdict != y.verdict { return rank(x.verdict) < rank(y.verdict) }
            if x.verdict == .fail, let order = Self.failingOrder(a, b) { return order }
            return (a.name, a.file) < (b.name, b.file)
        }
        var verdicts: [CapacityVerdict: Int] = [:]
        var failures: [FleetHost.Failure: Int] = [:]
        var configurations: [String: Group] = [:]
        var dialects: [String: Group] = [:]
        var talkers: [String: Talker] = [:]
        var names: [String: Int] = [:]
        var lowerBounds = 0
        for host in hosts {
            let evaluation = host.evaluation!
            let failing = evaluation.verdict == .fail ? 1 : 0
            verdicts[evaluation.verdict, default: 0] += 1
            for failure in evaluation.failures { failures[failure, default: 0] += 1 }
            let key = host.configHash ?? "unrecorded"
            configurations[key, default: Group(key: key, example: host.configPath, hosts: 0, failing: 0)].hosts += 1
            configurations[key]!.failing += failing
            let dialect = host.dialect.rawValue
            dialects[dialect, default: Group(key: dialect, example: nil, hosts: 0, failing: 0)].hosts += 1
            dialects[dialect]!.failing += failing
            for talker in evaluation.talkers {
                let key = talker.kind + "\u{0}" + talker.name
                talkers[key, default: Talker(kind: talker.kind, name: talker.name, bytesPerDay: 0, hosts: 0)]
                    .bytesPerDay += talker.bytesPerDay
                talkers[key]!.hosts += 1
            }
            names[host.name, default: 0] += 1
            if evaluation.lowerBound { lowerBounds += 1 }
        }
        self.verdicts = verdicts
        self.failures = failures
        bytesPerDay = Percentiles(hosts.map { $0.evaluation!.bytesPerDay })
        historyDays = Percentiles(hosts.map { $0.evaluation!.historyDays })
        let byCount: (Group, Group) -> Bool = { ($1.hosts, $0.key) < ($0.hosts, $1.key) }
        self.configurations = configurations.values.sorted(by: byCount)
        self.dialects = dialects.values.sorted(by: byCount)
        let horizonDays = horizonSeconds / 86_400
        let edges = [0] + Self.bucketEdges.filter { $0 < horizonDays } + [horizonDays]
        var buckets = zip(edges, edges.dropFirst()).map { Bucket(lowerDays: $0, upperDays: $1, hosts: 0) }
        buckets.append(Bucket(lowerDays: horizonDays, upperDays: nil, hosts: 0))
        for host in hosts {
            guard let full = host.evaluation!.fullSeconds else {
                buckets[buckets.count - 1].hosts += 1
                continue
            }
            let days = full / 86_400
            let index = buckets.dropLast().firstIndex { days < $0.upperDays! } ?? buckets.count - 2
            buckets[max(index, 0)].hosts += 1
        }
        daysToFull = buckets
        let ranked = talkers.values.sorted { ($1.bytesPerDay, $0.kind, $0.name) < ($0.bytesPerDay, $1.kind, $1.name) }
        self.talkers =
            Array(ranked.filter { $0.kind == "executable" }.prefix(Self.talkerLimit))
            + ranked.filter { $0.kind == "path" }.prefix(Self.talkerLimit)
        var notes: [String] = []
        let repeated = names.filter { $0.value > 1 }.keys.sorted()
        if !repeated.isEmpty {
            notes.append(
                "\(repeated.count) host name\(repeated.count == 1 ? " appears" : "s appear") in more than one profile, each counted as a host: "
                    + repeated.prefix(5).joined(separator: ", ") + (repeated.count > 5 ? ", …" : ""))
        }
        if lowerBounds > 0 {
            notes.append(
                "\(lowerBounds) host\(lowerBounds == 1 ? "'s" : "s'") volume is a lower bound: the candidate selects classes or tokens their samples did not record"
            )
        }
        self.notes = notes
    }

    /// Failing hosts: the soonest to fail first (those failing only the retention after
    /// them), then the least history, then by name and file; nil when equal.
    static func failingOrder(_ a: FleetHost, _ b: FleetHost) -> Bool? {
        let (x, y) = (a.evaluation!, b.evaluation!)
        let (when1, when2) = (x.failureSeconds ?? .infinity, y.failureSeconds ?? .infinity)
        if when1 != when2 { return when1 < when2 }
        if x.historyDays != y.historyDays { return x.historyDays < y.historyDays }
        return nil
    }

    /// "in 12 days" (or "after 5.2 hours") for a failure time; "steady state" when the host
    /// fails only the retention (it keeps too little history whenever it is looked at).
    public static func when(_ evaluation: FleetHost.Evaluation) -> String {
        guard let seconds = evaluation.failureSeconds else { return "now (steady state)" }
        return seconds >= 86_400
            ? "day \(Int((seconds / 86_400).rounded(.down)) + 1)" : "after \(Quantity.formatDuration(seconds))"
    }

    /// The cause in a few words: `fills the disk, drops records; misses the retention`.
    public static func cause(_ evaluation: FleetHost.Evaluation) -> String {
        evaluation.failures.map(\.summary).joined(separator: "; ")
    }
}
