/// One configuration as auditd would load it: the parsed audit_control and the class,
/// event and user tables it is read with. Rules receive this.
public struct LintContext: Sendable {
    /// Which implementation's behaviour to model.
    public var dialect: Dialect
    /// The audit_control file's text.
    public var controlSource: SourceText
    /// The parsed audit_control.
    public var control: AuditControl
    /// The audit_class text when the directory has one; nil when the built-in table is used.
    public var classesSource: SourceText?
    /// The classes (parsed, or the dialect's built-in table).
    public var classes: AuditClassTable
    /// The audit_event text when the directory has one.
    public var eventsSource: SourceText?
    /// The events (parsed, or the dialect's built-in table).
    public var events: AuditEventTable
    /// The audit_user text when the directory has one.
    public var usersSource: SourceText?
    /// The users, when there is an audit_user file.
    public var users: AuditUserTable?
    /// What the capacity rules assume about the volume and the disk; nil uses
    /// ``CapacityAssumptions/standard`` (which every such finding then says it assumed).
    public var capacity: CapacityAssumptions?

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

    /// This configuration's capacity-model inputs under ``capacity`` (or the standard
    /// assumptions); see ``CapacityAssumptions/evaluate(_:classes:)``.
    public func capacityEvaluation() -> CapacityEvaluation? {
        (capacity ?? .standard).evaluate(control, classes: classes, events: events)
    }

    /// Every source file of this configuration, audit_control first.
    public var sources: [SourceText] {
        [controlSource] + [classesSource, eventsSource, usersSource].compactMap { $0 }
    }
}
