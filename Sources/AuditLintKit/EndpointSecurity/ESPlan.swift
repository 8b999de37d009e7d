/// What an audit_control covers in Endpoint Security terms: the ES events that observe what
/// the configuration audits, the `eslogger` command line that logs them, how far ES covers
/// each audited class and each requirement of a compliance profile, and what an ES log holds
/// that the configuration does not ask for. Built from a loaded configuration and the map
/// (``ESCorrespondence``); rendered by ``ESPlanReporter``.
///
/// The masks are the effective ones, as auditd and the kernel apply them: `flags` (every
/// login's system mask; a missing or rejected line gives none), `naflags` (the kernel's
/// non-attributable mask), and the always-audit masks of audit_user (ES has no per-user
/// selection, so they count for everyone). A class is audited on a half when the union
/// selects all its bits there.
public struct ESPlan: Sendable {
    /// The JSON schema version.
    public static let schemaVersion = 1
    /// The macOS release that introduced eslogger.
    public static let esloggerRelease = "13.0"
    /// Where the suggested command line writes its log.
    public static let logPath = "/var/log/es.jsonl"

    /// How far ES reports one half of a class.
    public struct ClassHalf: Sendable, Hashable {
        /// Full when every event of the class macOS records is fully reported, none when none is.
        public var coverage: ESCorrespondence.Coverage
        /// The ES events that report it, in short-name order.
        public var events: [ESEventType]
        /// The class's events (recorded on macOS) ES reports only in part.
        public var partial: [String]
        /// The class's events (recorded on macOS) ES does not report.
        public var uncovered: [String]
    }

    /// One audited class.
    public struct ClassCoverage: Sendable, Hashable {
        /// The class name (`lo`).
        public var name: String
        /// Its description from audit_class.
        public var description: String
        /// Successful events, when the configuration audits them.
        public var success: ClassHalf?
        /// Failed events, when the configuration audits them.
        public var failure: ClassHalf?
    }

    /// Whether ES can meet a compliance requirement.
    public enum Verdict: String, Sendable, Hashable {
        /// ES reports what the requirement asks for.
        case met
        /// ES reports part of it.
        case partial
        /// ES cannot meet it.
        case notMet = "not-met"
        /// The requirement does not apply.
        case notApplicable = "not-applicable"
    }

    /// One requirement of the chosen profile.
    public struct RequirementCoverage: Sendable, Hashable {
        /// The requirement (its ids, title and check).
        public var requirement: ComplianceRequirement
        /// The verdict on the BSM configuration itself.
        public var bsmStatus: ComplianceStatus
        /// Whether ES can meet it.
        public var verdict: Verdict
        /// Why.
        public var reason: String
    }

    /// The audit_control as named.
    public var file: String
    /// The effective `flags` mask; nil when login programs get none (missing or rejected).
    public var flags: AuditMask?
    /// The effective `naflags` mask.
    public var naflags: AuditMask
    /// The union of audit_user's always-audit masks.
    public var userAlways: AuditMask
    /// The effective masks as class names, for display (`flags`, `naflags`, `audit_user`).
    public var maskNames: [(key: String, value: String)]
    /// The kernel policy names in force.
    public var policy: [String]
    /// What is audited: flags, naflags and audit_user combined.
    public var audited: AuditMask
    /// The ES events that cover what is audited, in short-name order.
    public var events: [ESEventType]
    /// The `eslogger` command line; nil when no ES event covers anything audited.
    public var command: String?
    /// The oldest macOS that has eslogger and every event of ``events``; nil without events.
    public var minimumMacOS: String?
    /// The audited classes, in audit_class order.
    public var classes: [ClassCoverage]
    /// The profile evaluated; nil when none was chosen.
    public var profile: ComplianceProfile?
    /// Its requirements, in report order.
    public var requirements: [RequirementCoverage]
    /// What an ES log holds that the configuration does not ask for.
    public var additions: [String]
    /// Other facts: missing masks, events the map lacks, inferred short names.
    public var notes: [String]

    /// Builds the plan for `context`, evaluating `profile` under `options` when given.
    public init(
        context: LintContext, profile: ComplianceProfile? = nil, options: ComplianceOptions = ComplianceOptions()
    ) {
        let control = context.control
        file = control.path
        flags = control.flags.effectiveMask
        naflags = control.naflags.effectiveMask ?? .none
        userAlways = (context.users?.users ?? []).reduce(AuditMask.none) { $0.adding($1.always) }
        policy = control.policy.effective.names
        maskNames = [
            (
                "flags",
                flags.map { Self.describe($0, classes: context.classes) } ?? "none (login programs get no system mask)"
            ),
            ("naflags", Self.describe(naflags, classes: context.classes)),
            ("audit_user", Self.describe(userAlways, classes: context.classes)),
        ]
        audited = (flags ?? .none).adding(naflags).adding(userAlways)
        self.profile = profile

        let table = ESEventTable(events: context.events)
        var selected = Set<ESEventType>()
        for (event, row) in table.rows where row?.recordedOnMacOS ?? true {
            for outcome in [true, false] where audited.selects(eventClass: event.classMask, success: outcome) {
                if let half = row?.half(success: outcome), half.coverage != .none { selected.formUnion(half.events) }
            }
        }
        events = selected.sorted { ($0.shortName ?? "") < ($1.shortName ?? "") }
        let names = events.compactMap(\.shortName)
        command = names.isEmpty ? nil : "sudo eslogger \(names.joined(separator: " ")) > \(Self.logPath)"
        minimumMacOS =
            names.isEmpty ? nil : (events.compactMap(\.introduced) + [Self.esloggerRelease]).max(by: Self.olderRelease)

        let audited = audited
        classes = context.classes.classes.compactMap { auditClass in
            guard auditClass.mask != 0, auditClass.mask != .max else { return nil }
            let bits = auditClass.mask
            let success = audited.success & bits == bits ? table.coverage(of: bits, success: true) : nil
            let failure = audited.failure & bits == bits ? table.coverage(of: bits, success: false) : nil
            guard success != nil || failure != nil else { return nil }
            return ClassCoverage(
                name: auditClass.name, description: auditClass.description, success: success, failure: failure)
        }

        if let profile {
            let input = ComplianceInput(
                control: control, controlText: context.controlSource.bytes, classes: context.classes)
            requirements = profile.requirements(options).map { requirement in
                let (verdict, reason) = Self.verdict(requirement.check, classes: context.classes, table: table)
                return RequirementCoverage(
                    requirement: requirement, bsmStatus: requirement.evaluate(input).status, verdict: verdict,
                    reason: reason)
            }
        } else {
            requirements = []
        }
        additions =
            Self.additions(events: selected, policy: control.policy.effective, users: context.users)
            + Self.wholeTypes(events, table: table, audited: audited)
        notes = Self.notes(control: control, table: table, audited: audited, events: events)
    }

    /// A mask as class names: `lo,aa` when both halves agree, else each half.
    static func describe(_ mask: AuditMask, classes: AuditClassTable) -> String {
        func names(_ bits: UInt32) -> String {
            if bits == 0 { return "nothing" }
            if bits == .max { return "all" }
            let list = classes.names(coveredBy: bits).filter { $0 != "all" }
            return list.isEmpty ? "0x" + String(bits, radix: 16) : list.joined(separator: ",")
        }
        if mask.success == mask.failure { return names(mask.success) }
        return "success \(names(mask.success)); failure \(names(mask.failure))"
    }

    /// Whether release `a` is older than `b` ("10.15.1" < "11.0").
    static func olderRelease(_ a: String, _ b: String) -> Bool {
        let left = a.split(separator: ".").map { Int($0) ?? 0 }
        let right = b.split(separator: ".").map { Int($0) ?? 0 }
        return left.lexicographicallyPrecedes(right)
    }

    private static func verdict(
        _ check: ComplianceRequirement.Check, classes: AuditClassTable, table: ESEventTable
    ) -> (Verdict, String) {
        switch check {
        case .flags(let name, let half), .naflags(let name, let half):
            guard let bits = classes.lookup(name)?.mask, bits != 0 else {
                return (.notMet, "audit_class has no class `\(name)`")
            }
            var parts: [(String, ClassHalf)] = []
            if half != .failure { parts.append(("successful", table.coverage(of: bits, success: true))) }
            if half != .success { parts.append(("failed", table.coverage(of: bits, success: false))) }
            let coverages = parts.map(\.1.coverage)
            let verdict: Verdict =
                coverages.allSatisfy { $0 == .full }
                ? .met : coverages.allSatisfy { $0 == .none } ? .notMet : .partial
            let reason = parts.map { label, part in
                let events = part.events.compactMap(\.shortName).joined(separator: ", ")
                return part.coverage == .none
                    ? "ES reports no \(label) `\(name)` event"
                    : "ES reports \(label) `\(name)` events \(part.coverage == .full ? "fully" : "in part") (\(events))"
            }
            return (verdict, reason.joined(separator: "; "))
        case .halt:
            return (
                .notMet,
                "eslogger never halts the system: when a client falls behind, ES drops messages (gaps in seq_num) and the system runs on"
            )
        case .continueOnFailure:
            return (
                .met,
                "ES drops the messages a slow client cannot take (gaps in global_seq_num) and the system keeps running"
            )
        case .retention:
            return (
                .notMet,
                "eslogger writes to its standard output and deletes nothing; retention must come from log rotation (newsyslog) or the log collector"
            )
        case .minfree:
            return (.notMet, "eslogger has no free-space threshold or low-space warning")
        case .rotation:
            return (.notMet, "eslogger never rotates its output; newsyslog or the log collector must")
        case .notRequired(let why):
            return (.notApplicable, why)
        }
    }

    private static func additions(events: Set<ESEventType>, policy: AuditPolicy, users: AuditUserTable?) -> [String] {
        var result: [String] = []
        if events.contains(where: { $0.shortName == "exec" }) {
            result.append(
                policy.contains(.argv)
                    ? "exec carries every program's arguments, as policy argv does"
                    : "exec carries every program's arguments (argv), which this policy does not record")
            result.append(
                "exec carries every program's whole environment: the exposure AC303 warns about for policy arge (tokens, passwords and keys in environment variables end up in the log), and eslogger cannot leave it out"
                    + (policy.contains(.arge)
                        ? "" : "; this policy has no arge, so the log holds what the trail does not"))
        }
        if !events.isEmpty {
            result.append(
                "every message names the acting process's executable, code-signing identity (signing id, team id, cdhash), parent and responsible process and audit token"
            )
        }
        if let users, !users.users.isEmpty {
            result.append(
                "eslogger has no per-user selection: the classes audit_user adds for some users are logged for everyone, and its never-audit classes cannot be left out"
            )
        }
        return result
    }

    /// What each ES event reports beyond the audited events: eslogger selects whole event
    /// types, so an ES event also logs the actions of events the masks leave out.
    private static func wholeTypes(_ events: [ESEventType], table: ESEventTable, audited: AuditMask) -> [String] {
        events.compactMap { esEvent in
            var beyond: [String] = []
            for (event, row) in table.rows {
                guard let row, row.recordedOnMacOS, row.success.events.contains(esEvent),
                    !audited.selects(eventClass: event.classMask, success: true)
                else { continue }
                beyond.append(event.name)
            }
            guard let name = esEvent.shortName, !beyond.isEmpty else { return nil }
            let shown = beyond.prefix(4).joined(separator: ", ")
            let more = beyond.count > 4 ? " and \(beyond.count - 4) more" : ""
            return
                "\(name) also logs what \(shown)\(more) record, which this configuration does not audit on success (eslogger selects whole event types)"
        }
    }

    private static func notes(
        control: AuditControl, table: ESEventTable, audited: AuditMask, events: [ESEventType]
    ) -> [String] {
        var result: [String] = []
        if control.flags.effectiveMask == nil, let why = control.flags.explanation { result.append(why) }
        var legacy = 0
        var unmapped: [String] = []
        for (event, row) in table.rows
        where audited.selects(eventClass: event.classMask, success: true)
            || audited.selects(eventClass: event.classMask, success: false)
        {
            if let row {
                if !row.recordedOnMacOS { legacy += 1 }
            } else {
                unmapped.append(event.name)
            }
        }
        let failedCalls = table.rows.filter { event, row in
            audited.selects(eventClass: event.classMask, success: false) && ESCorrespondence.isKernelEvent(event.number)
                && row?.recordedOnMacOS == true && row?.failure.coverage == ESCorrespondence.Coverage.none
        }.count
        if failedCalls > 0 {
            result.append(
                "\(failedCalls) system-call events are audited on failure; ES has no failed system calls (it reports a call only when it goes ahead, with no return value)"
            )
        }
        if legacy > 0 {
            result.append(
                "\(legacy) audited events are legacy or other systems' numbers that macOS never records; they need no ES event"
            )
        }
        if !unmapped.isEmpty {
            result.append(
                "not in the built-in macOS event table, so the map has no row for them (counted as not covered): "
                    + unmapped.joined(separator: ", "))
        }
        let inferred = events.filter { $0.shortNameEvidence == .namingRule }.compactMap(\.shortName)
        if !inferred.isEmpty {
            result.append(
                "eslogger names inferred from its naming rule, not seen in a published list: "
                    + inferred.joined(separator: ", "))
        }
        if !events.isEmpty {
            result.append(
                "eslogger runs as root and needs Full Disk Access for its responsible process (the terminal or the launchd job); it logs NOTIFY events only, one JSON line each, and leaves out the processes of its own process group (its pipeline)"
            )
        }
        return result
    }
}

/// The events of a configuration's audit_event table with their map rows (nil when the map
/// has none), first occurrence of each name.
struct ESEventTable: Sendable {
    var rows: [(event: AuditEvent, row: ESCorrespondence?)]

    init(events: AuditEventTable) {
        var seen = Set<String>()
        rows = events.events.filter { seen.insert($0.name).inserted }.map { event in
            (event, ESCorrespondence.forEvent(named: event.name))
        }
    }

    /// How far ES reports one half of the events in the class `bits`, over the events macOS records.
    func coverage(of bits: UInt32, success outcome: Bool) -> ESPlan.ClassHalf {
        var events = Set<ESEventType>()
        var full = 0
        var partial: [String] = []
        var uncovered: [String] = []
        for (event, row) in rows where event.classMask & bits != 0 && (row?.recordedOnMacOS ?? true) {
            let half = row?.half(success: outcome)
            switch half?.coverage ?? .none {
            case .full: full += 1
            case .partial: partial.append(event.name)
            case .none: uncovered.append(event.name)
            }
            if let half { events.formUnion(half.events) }
        }
        let coverage: ESCorrespondence.Coverage =
            partial.isEmpty && uncovered.isEmpty && full > 0 ? .full : full == 0 && partial.isEmpty ? .none : .partial
        return ESPlan.ClassHalf(
            coverage: coverage, events: events.sorted { ($0.shortName ?? "") < ($1.shortName ?? "") },
            partial: partial, uncovered: uncovered)
    }
}
