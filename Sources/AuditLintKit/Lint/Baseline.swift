import Foundation

/// One kind of accepted finding in a baseline: a rule, a file and what the finding is
/// about, with how many such findings were accepted.
public struct BaselineEntry: Sendable, Hashable, Comparable {
    /// The rule id (`AC203`).
    public var ruleId: String
    /// The file, relative to the baseline file's directory, `/`-separated.
    public var path: String
    /// The finding's ``Finding/subject`` (key and normalised value), or its trimmed source line.
    public var subject: String
    /// How many findings with this key the baseline accepts (at least 1).
    public var count: Int

    public init(ruleId: String, path: String, subject: String, count: Int = 1) {
        self.ruleId = ruleId
        self.path = path
        self.subject = subject
        self.count = count
    }

    public static func < (lhs: BaselineEntry, rhs: BaselineEntry) -> Bool {
        (lhs.path, lhs.ruleId, lhs.subject, lhs.count) < (rhs.path, rhs.ruleId, rhs.subject, rhs.count)
    }
}

/// A baseline entry that accepted more findings than the run produced: the finding was
/// fixed, so the entry (or part of its count) should be removed.
public struct StaleBaselineEntry: Sendable, Hashable {
    /// The entry as the baseline file has it.
    public var entry: BaselineEntry
    /// How many of its `count` matched nothing.
    public var unmatched: Int

    public init(entry: BaselineEntry, unmatched: Int) {
        self.entry = entry
        self.unmatched = unmatched
    }
}

/// The findings a team has accepted, so CI fails only on new ones.
///
/// Entries are keyed by rule id, path (relative to the baseline file's directory) and the
/// finding's subject (the audit_control key and normalised value, or the table entry; the
/// trimmed source line when a rule gives no subject), never by line number or message text,
/// so a baseline survives lines moving and messages being reworded. Each key carries a
/// count. The file is versioned JSON, entries sorted and pretty-printed for reviewable diffs:
///
/// ```json
/// {
///   "version": 1,
///   "entries": [
///     {
///       "ruleId": "AC203",
///       "path": "hosts/legacy/audit_control",
///       "subject": "policy=cnt, argv",
///       "count": 1
///     }
///   ]
/// }
/// ```
/// Applying a baseline suppresses matching findings (kind ``Suppression/Kind/baseline``) and
/// reports entries that matched fewer findings than they count as stale, so the file only
/// ever shrinks.
public struct Baseline: Sendable, Hashable {
    /// The format version this build reads and writes.
    public static let currentVersion = 1
    /// The largest count an entry may carry (far more findings than any file can have).
    public static let maximumCount = 1 << 31

    /// The entries, sorted by path, rule id and subject, one per key.
    public private(set) var entries: [BaselineEntry]

    /// A baseline of `entries`; entries with the same key are merged (counts added).
    public init(entries: [BaselineEntry]) {
        var counts: [BaselineKey: Int] = [:]
        for entry in entries where entry.count > 0 {
            let (sum, overflow) = counts[BaselineKey(entry), default: 0].addingReportingOverflow(entry.count)
            counts[BaselineKey(entry)] = overflow ? .max : sum
        }
        self.entries = counts.map { key, count in
            BaselineEntry(ruleId: key.ruleId, path: key.path, subject: key.subject, count: count)
        }.sorted()
    }

    /// The baseline that accepts every finding of a run that an inline comment does not
    /// already suppress (findings a previous baseline suppressed are kept).
    ///
    /// - Parameter paths: the working directory, and the baseline file's directory as root.
    public init(findings: [ReportedFinding], sources: [SourceText], paths: PathContext) {
        let sourceByPath = Baseline.sourceIndex(sources, paths: paths)
        self.init(
            entries: findings.filter { $0.suppression?.kind != .inline }.map { reported in
                let key = BaselineKey(reported.finding, sources: sourceByPath, paths: paths)
                return BaselineEntry(ruleId: key.ruleId, path: key.path, subject: key.subject)
            })
    }

    /// Suppresses the findings this baseline accepts and lists the entries that are stale.
    ///
    /// Findings already suppressed inline are left alone and consume nothing. Within one key,
    /// the first `count` findings (in the given order) are suppressed; later ones are new.
    public func apply(
        to findings: [ReportedFinding],
        sources: [SourceText],
        paths: PathContext,
        reason: String = "accepted in the baseline"
    ) -> (findings: [ReportedFinding], stale: [StaleBaselineEntry]) {
        var matcher = Matcher(self, paths: paths, reason: reason)
        let applied = matcher.apply(to: findings, sources: sources)
        return (applied, matcher.stale)
    }

    /// ``Baseline/apply(to:sources:paths:reason:)`` one part of a run at a time (a streamed
    /// run applies it to each configuration as it is linted): the counts left carry over
    /// from part to part, so applying it to the parts in order gives what applying it to the
    /// whole would.
    public struct Matcher: Sendable {
        private let baseline: Baseline
        private let paths: PathContext
        private let reason: String
        private var remaining: [BaselineKey: Int]

        public init(_ baseline: Baseline, paths: PathContext, reason: String = "accepted in the baseline") {
            self.baseline = baseline
            self.paths = paths
            self.reason = reason
            remaining = Dictionary(baseline.entries.map { (BaselineKey($0), $0.count) }, uniquingKeysWith: +)
        }

        /// Suppresses the findings the entries still accept (`sources`: the part's files).
        public mutating func apply(to findings: [ReportedFinding], sources: [SourceText]) -> [ReportedFinding] {
            let sourceByPath = Baseline.sourceIndex(sources, paths: paths)
            return findings.map { reported -> ReportedFinding in
                guard !reported.isSuppressed else { return reported }
                let key = BaselineKey(reported.finding, sources: sourceByPath, paths: paths)
                guard let left = remaining[key], left > 0 else { return reported }
                remaining[key] = left - 1
                var suppressed = reported
                suppressed.suppression = Suppression(kind: .baseline, reason: reason)
                return suppressed
            }
        }

        /// The entries that matched fewer findings than they count, so far.
        public var stale: [StaleBaselineEntry] {
            baseline.entries.compactMap { entry -> StaleBaselineEntry? in
                let left = remaining[BaselineKey(entry)] ?? 0
                return left > 0 ? StaleBaselineEntry(entry: entry, unmatched: left) : nil
            }
        }
    }

    // MARK: Encoding

    /// The file's contents: pretty-printed JSON with a trailing newline.
    public var encoded: String {
        JSONValue.object([
            ("version", .integer(Baseline.currentVersion)),
            (
                "entries",
                .array(
                    entries.map { entry in
                        .object([
                            ("ruleId", .string(entry.ruleId)), ("path", .string(entry.path)),
                            ("subject", .string(entry.subject)), ("count", .integer(entry.count)),
                        ])
                    })
            ),
        ]).pretty + "\n"
    }

    /// Writes the baseline to `path` atomically.
    ///
    /// - Throws: ``AuditLintError/writeFailed(_:reason:)``.
    public func write(to path: String) throws {
        try AtomicWrite.write(encoded, to: path)
    }

    /// Reads the baseline at `path`.
    ///
    /// - Throws: ``AuditLintError/fileNotFound(_:)`` and the other read errors, or
    ///   ``AuditLintError/invalidFile(_:line:column:problem:)`` when it is damaged or newer.
    public static func read(path: String) throws -> Baseline {
        try decode(SourceText.read(path: path, limit: 64 << 20).bytes, path: path)
    }

    /// Parses a baseline file's bytes; `path` names it in errors.
    ///
    /// - Throws: ``AuditLintError/invalidFile(_:line:column:problem:)``.
    public static func decode(_ bytes: [UInt8], path: String) throws -> Baseline {
        func invalid(_ problem: String, line: Int? = nil, column: Int? = nil) -> AuditLintError {
            .invalidFile(path, line: line, column: column, problem: problem)
        }
        let document = try JSONInput.parse(
            bytes, path: path, what: "baseline", remedy: "regenerate it with --write-baseline")
        guard case .object = document else {
            throw invalid("not a baseline: expected a JSON object with \"version\" and \"entries\"")
        }
        guard case .integer(let version)? = document["version"] else {
            throw invalid("not a baseline: \"version\" is missing or not an integer")
        }
        guard version <= currentVersion else {
            throw invalid(
                "baseline version \(version) was written by a newer auditlint (this one reads version \(currentVersion)); upgrade auditlint"
            )
        }
        guard version >= 1 else {
            throw invalid("unknown baseline version \(version); regenerate it with --write-baseline")
        }
        guard case .array(let items)? = document["entries"] else {
            throw invalid("not a baseline: \"entries\" is missing or not an array")
        }
        var entries: [BaselineEntry] = []
        for (index, item) in items.enumerated() {
            func field(_ name: String) throws -> String {
                guard case .string(let value)? = item[name], !value.isEmpty else {
                    throw invalid(
                        "entry \(index + 1): \"\(name)\" is missing or not a non-empty string; fix or regenerate the baseline"
                    )
                }
                return value
            }
            let subject: String
            if case .string(let value)? = item["subject"] { subject = value } else { subject = try field("subject") }
            guard case .integer(let count)? = item["count"], (1...maximumCount).contains(count) else {
                throw invalid(
                    "entry \(index + 1): \"count\" is missing or not an integer from 1 to \(maximumCount); fix or regenerate the baseline"
                )
            }
            entries.append(
                BaselineEntry(ruleId: try field("ruleId"), path: try field("path"), subject: subject, count: count))
        }
        return Baseline(entries: entries)
    }

    /// The sources by relative path, so `./a/x` and `a/x` find the same text.
    static func sourceIndex(_ sources: [SourceText], paths: PathContext) -> [String: SourceText] {
        Dictionary(sources.map { (paths.relative($0.path), $0) }, uniquingKeysWith: { first, _ in first })
    }
}

/// What a baseline entry and a finding are matched on.
struct BaselineKey: Hashable, Sendable {
    var ruleId: String
    var path: String
    var subject: String

    init(_ entry: BaselineEntry) {
        ruleId = entry.ruleId
        path = entry.path
        subject = entry.subject
    }

    init(_ finding: Finding, sources: [String: SourceText], paths: PathContext) {
        ruleId = finding.ruleId
        path = paths.relative(finding.range.file)
        subject = findingSubject(finding, source: sources[path])
    }
}
