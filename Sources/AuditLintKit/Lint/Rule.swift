/// A lint rule: one type with a stable id, its documentation and its examples, and a
/// pure check from a parsed configuration to findings.
///
/// Examples are the rule's tests and its documentation (`auditlint explain`): every
/// triggering example must produce a finding at each `↓` marker, and every
/// non-triggering example must produce none.
public protocol Rule: Sendable {
    /// The rule's metadata.
    static var description: RuleDescription { get }
    /// Creates the rule.
    init()
    /// The findings for `context`; empty when the configuration is fine.
    func check(_ context: LintContext) -> [Finding]
}

extension Rule {
    /// A finding of this rule at its default severity.
    public func finding(
        _ message: String,
        at range: SourceRange,
        severity: Severity? = nil,
        fix: Fix? = nil
    ) -> Finding {
        let description = Self.description
        return Finding(
            ruleId: description.id,
            severity: severity ?? description.severity,
            message: message,
            range: range,
            fix: fix
        )
    }
}

/// Everything `auditlint rules` and `auditlint explain` say about a rule.
public struct RuleDescription: Sendable {
    /// The stable id (`AC203`); the hundreds digit names the family: 1 syntax,
    /// 2 semantics, 3 security posture, 4 capacity and retention, 5 compliance.
    public var id: String
    /// A kebab-case alias (`invalid-policy`).
    public var slug: String
    /// A one-line summary.
    public var title: String
    /// The default severity.
    public var severity: Severity
    /// Why it matters.
    public var rationale: String
    /// What auditd (or libbsm, or the kernel) really does, with its source.
    public var behavior: String
    /// Sources (Docs/reference pages, man pages, code files).
    public var references: [String]
    /// Configurations that must trigger the rule at each `↓`.
    public var triggeringExamples: [RuleExample]
    /// Configurations that must not trigger it.
    public var nonTriggeringExamples: [RuleExample]

    public init(
        id: String,
        slug: String,
        title: String,
        severity: Severity,
        rationale: String,
        behavior: String,
        references: [String] = [],
        triggeringExamples: [RuleExample],
        nonTriggeringExamples: [RuleExample]
    ) {
        self.id = id
        self.slug = slug
        self.title = title
        self.severity = severity
        self.rationale = rationale
        self.behavior = behavior
        self.references = references
        self.triggeringExamples = triggeringExamples
        self.nonTriggeringExamples = nonTriggeringExamples
    }
}

/// A configuration used as a rule's example: the file contents (with `↓` markers in
/// triggering examples where each finding must start), the dialect and, for a rule that
/// offers fixes, the audit_control the fixes produce.
///
/// An example records the file and line it is written on, so a failing example test
/// points at the example itself.
public struct RuleExample: Sendable {
    /// The marker that shows where a finding starts; removed before parsing.
    public static let marker = "↓"

    /// The audit_control text.
    public var control: String
    /// An audit_class text; nil uses the dialect's built-in table.
    public var classes: String?
    /// An audit_event text; nil uses the dialect's built-in table.
    public var events: String?
    /// An audit_user text; nil means no file.
    public var users: String?
    /// The dialect to lint with.
    public var dialect: Dialect
    /// What the example shows (printed by `auditlint explain`).
    public var comment: String?
    /// For a triggering example: the audit_control text after applying the fix of every
    /// finding (no markers). The example tests check that the fixes produce exactly this
    /// text and that the rule finds nothing in it; nil when the example shows no fix.
    public var fixed: String?
    /// The source file the example is written in (for test failures).
    public var filePath: String
    /// The line the example starts on (for test failures).
    public var line: Int

    public init(
        _ control: String,
        classes: String? = nil,
        events: String? = nil,
        users: String? = nil,
        dialect: Dialect = .macos,
        comment: String? = nil,
        fixed: String? = nil,
        filePath: String = #filePath,
        line: Int = #line
    ) {
        self.control = control
        self.classes = classes
        self.events = events
        self.users = users
        self.dialect = dialect
        self.comment = comment
        self.fixed = fixed
        self.filePath = filePath
        self.line = line
    }
}
