/// One thing a rule found: data, not text. Reporters turn findings into output.
public struct Finding: Sendable, Hashable, Codable {
    /// The rule's stable identifier, such as `AC203`. Never reused for another rule.
    public var ruleId: String
    /// How serious it is.
    public var severity: Severity
    /// What auditd will do, and what to write instead.
    public var message: String
    /// Where it is.
    public var range: SourceRange
    /// A short pointer to more help, typically `auditlint explain AC203`.
    public var help: String?
    /// A mechanical fix, when one is certain.
    public var fix: Fix?
    /// What the finding is about, independent of where it is: the audit_control key and
    /// its normalised value (`flags=lo,xx`), or the table and entry (`audit_event:6153`).
    ///
    /// Baselines and fingerprints key on it so a finding is recognised after lines move
    /// or a message's wording changes; when nil they fall back to the source line's text
    /// with surrounding blanks trimmed.
    public var subject: String?

    public init(
        ruleId: String,
        severity: Severity,
        message: String,
        range: SourceRange,
        help: String? = nil,
        fix: Fix? = nil,
        subject: String? = nil
    ) {
        self.ruleId = ruleId
        self.severity = severity
        self.message = message
        self.range = range
        self.help = help ?? Finding.defaultHelp(ruleId)
        self.fix = fix
        self.subject = subject
    }

    /// The help text a finding gets when none is given.
    static func defaultHelp(_ ruleId: String) -> String { "run `auditlint explain \(ruleId)`" }
}

/// A replacement of the text in `range` by `replacement`.
public struct Fix: Sendable, Hashable, Codable {
    /// What the fix does, e.g. "replace with `cnt,argv`".
    public var summary: String
    /// The text to replace (inclusive end, as in ``SourceRange``).
    public var range: SourceRange
    /// The new text.
    public var replacement: String

    public init(summary: String, range: SourceRange, replacement: String) {
        self.summary = summary
        self.range = range
        self.replacement = replacement
    }
}
