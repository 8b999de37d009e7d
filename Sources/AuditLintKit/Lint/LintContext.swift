import Foundation

/// One configuration as auditd would load it: the parsed audit_control and the class,
/// event and user tables it is read with. Rules receive this.
///
/// The capacity rules share one capacity evaluation and simulation per context: it is
/// computed the first time a rule asks (``capacityEvaluation()``, ``capacitySimulation()``)
/// and dropped whenever an input it depends on changes.
public struct LintContext: Sendable {
    /// Which implementation's behaviour to model.
    public var dialect: Dialect
    /// The audit_control file's text.
    public var controlSource: SourceText
    /// The parsed audit_control.
    public var control: AuditControl {
        didSet { capacityCache = CapacityCache() }
    }
    /// The audit_class text when the directory has one; nil when the built-in table is used.
    public var classesSource: SourceText?
    /// The classes (parsed, or the dialect's built-in table).
    public var classes: AuditClassTable {
        didSet { capacityCache = CapacityCache() }
    }
    /// The audit_event text when the directory has one.
    public var eventsSource: SourceText?
    /// The events (parsed, or the dialect's built-in table).
    public var events: AuditEventTable {
        didSet { capacityCache = CapacityCache() }
    }
    /// The audit_user text when the directory has one.
    public var usersSource: SourceText?
    /// The users, when there is an audit_user file.
    public var users: AuditUserTable?
    /// What the capacity rules assume about the volume and the disk; nil uses
    /// ``CapacityAssumptions/standard`` (which every such finding then says it assumed).
    public var capacity: CapacityAssumptions? {
        didSet { capacityCache = CapacityCache() }
    }

    public init(
        dialect: Dialect,
        controlSource: SourceText,
        control: AuditControl,
        classesSource: SourceText? = nil,
        classes: AuditClassTable,
        eventsSource: SourceText? = nil,
        events: AuditEventTable,
        usersSource: SourceText? = nil,
        users: AuditUserTable? = nil,
        capacity: CapacityAssumptions? = nil
    ) {
        self.dialect = dialect
        self.controlSource = controlSource
        self.control = control
        self.classesSource = classesSource
        self.classes = classes
        self.eventsSource = eventsSource
        self.events = events
        self.usersSource = usersSource
        self.users = users
        self.capacity = capacity
    }

    /// The capacity results of this context, computed on first use.
    private var capacityCache = CapacityCache()

    /// This configuration's capacity-model inputs under ``capacity`` (or the standard
    /// assumptions); see ``CapacityAssumptions/evaluate(_:classes:events:)``. Computed once
    /// per context, on first use.
    public func capacityEvaluation() -> CapacityEvaluation? {
        capacityCache.evaluation {
            (capacity ?? .standard).evaluate(control, classes: classes, events: events)
        }
    }

    /// The capacity model run on ``capacityEvaluation()``; nil when there is no evaluation
    /// or the model refuses it. Computed once per context, on first use.
    public func capacitySimulation() -> CapacitySimulation? {
        try? checkedCapacitySimulation()
    }

    /// ``capacitySimulation()``, with the model's error when it refuses the inputs (for a
    /// caller that must report it rather than skip the capacity rules); the same single run.
    public func checkedCapacitySimulation() throws -> CapacitySimulation? {
        let evaluation = capacityEvaluation()
        return try capacityCache.simulation {
            evaluation.map { evaluation in
                SimulationCache.shared.result(for: evaluation.inputs) { Result { try evaluation.simulation() } }
            }
        }?.get()
    }

    /// Every source file of this configuration, audit_control first.
    public var sources: [SourceText] {
        [controlSource] + [classesSource, eventsSource, usersSource].compactMap { $0 }
    }
}

/// The capacity evaluation and simulation of one ``LintContext``, each computed at most
/// once; the memos are shared by every copy of the context, so rules (which receive it by
/// value) share the results.
private struct CapacityCache: Sendable {
    let evaluation = Memo<CapacityEvaluation?>()
    let simulation = Memo<Result<CapacitySimulation, any Error>?>()
}

/// Capacity simulations shared by every context of the process: the configurations of a
/// fleet repeat their settings, and a simulation depends on nothing but its inputs, so one
/// run serves every configuration with the same inputs. At most ``limit`` results are kept
/// (the oldest half is dropped), so memory stays bounded however many files are linted.
private final class SimulationCache: @unchecked Sendable {
    static let shared = SimulationCache()
    static let limit = 2_048
    private let lock = NSLock()
    private var results: [CapacityInputs: Result<CapacitySimulation, any Error>] = [:]
    private var order: [CapacityInputs] = []

    func result(
        for inputs: CapacityInputs, compute: () -> Result<CapacitySimulation, any Error>
    ) -> Result<CapacitySimulation, any Error> {
        lock.lock()
        let known = results[inputs]
        lock.unlock()
        if let known { return known }
        let value = compute()
        lock.lock()
        defer { lock.unlock() }
        if results[inputs] == nil {
            if order.count >= Self.limit {
                for old in order.prefix(Self.limit / 2) { results[old] = nil }
                order.removeFirst(Self.limit / 2)
            }
            results[inputs] = value
            order.append(inputs)
        }
        return value
    }
}

/// A value computed on first use and kept; the lock makes it safe when contexts are
/// linted from several tasks.
private final class Memo<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value?
    private var isSet = false

    func callAsFunction(_ compute: () -> Value) -> Value {
        lock.lock()
        defer { lock.unlock() }
        if isSet, let stored { return stored }
        let value = compute()
        stored = value
        isSet = true
        return value
    }
}
