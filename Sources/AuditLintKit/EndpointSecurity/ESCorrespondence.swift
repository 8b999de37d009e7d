/// How Endpoint Security observes one BSM event: the ES NOTIFY event types that see the same
/// action, separately for the event's successful and failed occurrences, and why.
///
/// The map (``all``) has one row for every event of the built-in macOS audit_event table. It is
/// built from reviewable rules (``Rule``), most of them a system-call family ("open and its
/// variants → open"), a few a single event; the first rule that names an event gives its row
/// (Docs/endpoint-security.md explains the method).
public struct ESCorrespondence: Sendable, Hashable {
    /// How much of a BSM event's occurrences an ES event type reports.
    public enum Coverage: String, Sendable, Hashable, CaseIterable {
        /// Every occurrence is reported by the listed ES events.
        case full
        /// Some occurrences, or only part of what the BSM record holds.
        case partial
        /// None: ES has no event for it.
        case none
    }

    /// One half (success or failure) of the correspondence.
    public struct Half: Sendable, Hashable {
        /// The NOTIFY event types that report it, in enum order; empty when ``coverage`` is `.none`.
        public var events: [ESEventType]
        /// How much of it they report.
        public var coverage: Coverage
        /// Why: the shared action, or the reason ES has nothing.
        public var basis: String
    }

    /// The BSM event number.
    public var eventNumber: Int
    /// The BSM event name (`AUE_EXECVE`).
    public var eventName: String
    /// Successful occurrences (what a `+class` or plain `class` selects).
    public var success: Half
    /// Failed occurrences (what a `-class` or plain `class` selects).
    public var failure: Half
    /// The rule that gave the row (``Rule/id``).
    public var rule: String
    /// Whether macOS writes this event at all: every user-space event, and the kernel events
    /// xnu records (``kernelRecordedEvents``). A legacy or other system's number never
    /// appears in a macOS trail, so it needs no ES counterpart.
    public var recordedOnMacOS: Bool

    /// The half a mask selects.
    public func half(success outcome: Bool) -> Half { outcome ? success : failure }

    /// One row for every event of the built-in macOS audit_event table, in table order.
    public static let all: [ESCorrespondence] = AuditEventTable.builtIn(.macos).events.map { event in
        correspondence(number: event.number, name: event.name)
            ?? ESCorrespondence(
                eventNumber: event.number, eventName: event.name,
                success: Half(events: [], coverage: .none, basis: unmappedBasis),
                failure: Half(events: [], coverage: .none, basis: unmappedBasis),
                rule: "unmapped", recordedOnMacOS: recorded(event.number))
    }

    /// The row for a BSM event name, or nil when it is not in the built-in macOS table.
    public static func forEvent(named name: String) -> ESCorrespondence? {
        byName[name]
    }

    /// What a row says when no rule names the event (the map test keeps this list empty).
    static let unmappedBasis = "no rule of the map names this event"

    private static let byName: [String: ESCorrespondence] = Dictionary(
        all.map { ($0.eventName, $0) }, uniquingKeysWith: { first, _ in first })

    /// The row the first matching rule gives the event `name`, or nil when no rule names it.
    static func correspondence(number: Int, name: String) -> ESCorrespondence? {
        guard let rule = rules.first(where: { $0.matches(name) }) else { return nil }
        let success = Half(events: notify(rule.success), coverage: rule.coverage, basis: rule.basis)
        let failure: Half
        switch rule.failure {
        case .reported(let names, let coverage, let basis):
            failure = Half(events: notify(names), coverage: coverage, basis: basis)
        case .standard:
            let basis =
                rule.coverage == .none ? rule.basis : isKernelEvent(number) ? kernelFailureBasis : userFailureBasis
            failure = Half(events: [], coverage: .none, basis: basis)
        }
        return ESCorrespondence(
            eventNumber: number, eventName: name, success: success, failure: failure, rule: rule.id,
            recordedOnMacOS: recorded(number))
    }

    /// The NOTIFY events `eslogger` names `shortNames`, in enum order; the rules name only
    /// existing ones (a test checks).
    private static func notify(_ shortNames: [String]) -> [ESEventType] {
        shortNames.map { shortName in
            guard let event = ESEventType.notify(shortName: shortName) else {
                preconditionFailure("the ES map names an unknown eslogger event \(shortName)")
            }
            return event
        }.sorted { $0.number < $1.number }
    }

    /// Whether `number` lies in the kernel's ranges (below 6144, or 43000–44999) rather than
    /// the user-space ranges of audit_event.
    public static func isKernelEvent(_ number: Int) -> Bool {
        number < 6144 || (43000...44999).contains(number)
    }

    static func recorded(_ number: Int) -> Bool {
        !isKernelEvent(number) || kernelRecordedEvents.contains(number)
    }

    /// Why ES has no failed occurrence of a system call.
    static let kernelFailureBasis =
        "ES reports a system call only when it goes ahead and gives no return value: a failed call leaves no message"
    /// Why ES has no failed occurrence of a user-space action.
    static let userFailureBasis = "this ES event carries no outcome: failed attempts are not reported"
}

extension ESCorrespondence {
    /// One rule of the map: the BSM events it names and what ES reports of them.
    struct Rule: Sendable {
        /// What the failed occurrences get.
        enum Failure: Sendable {
            /// Nothing: the rule's basis when ES has no event at all, else the kernel or
            /// user-space reason.
            case standard
            /// These events carry the outcome, so failures are reported.
            case reported([String], Coverage, String)
        }

        /// A short name for the rule (`open`, `ip-sockets`).
        var id: String
        /// Event names it matches exactly.
        var names: Set<String>
        /// Name prefixes it matches (`AUE_OPENAT_`).
        var prefixes: [String]
        /// eslogger short names of the NOTIFY events that report successful occurrences.
        var success: [String]
        /// How much of the successful occurrences they report.
        var coverage: Coverage
        /// Why.
        var basis: String
        /// The failed occurrences.
        var failure: Failure

        init(
            _ id: String, _ names: [String], prefixes: [String] = [], es success: [String], _ coverage: Coverage,
            _ basis: String, failure: Failure = .standard
        ) {
            self.id = id
            self.names = Set(names)
            self.prefixes = prefixes
            self.success = success
            self.coverage = success.isEmpty ? .none : coverage
            self.basis = basis
            self.failure = failure
        }

        /// A rule for events ES has nothing for.
        static func none(_ id: String, _ names: [String], prefixes: [String] = [], _ basis: String) -> Rule {
            Rule(id, names, prefixes: prefixes, es: [], .none, basis)
        }

        func matches(_ name: String) -> Bool {
            names.contains(name) || prefixes.contains { name.hasPrefix($0) }
        }
    }
}
