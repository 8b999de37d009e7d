import AuditLintKit

/// The descriptions of the compliance rules (AC5xx): one per profile requirement, under
/// the rule id ``ComplianceCatalog/ruleIds`` gives it. A `--profile` run turns each
/// failed requirement into a finding of its rule (``ComplianceReport/findings(range:)``).
///
/// Not registered in ``RuleCatalog/all``: these are not `Rule` types (they need a
/// profile), and how profiles register is decided when the lint integration lands.
/// Examples are evaluated under the first profile of ``ComplianceProfile/allCases``
/// that has the requirement, with the default ``ComplianceOptions``.
public enum ComplianceRules {
    /// Every compliance rule, in id order.
    public static let all: [RuleDescription] = [
        flagsLo, flagsAa, flagsAd, flagsEx, flagsFd, flagsFm, flagsFmFailed, flagsFr, flagsFw,
        failureHalt, retention, capacityNotify, failureContinue, naflagsLo, fileszRotation,
    ]

    /// The description with this id or slug (case-insensitive), if any.
    public static func rule(_ idOrSlug: String) -> RuleDescription? {
        let key = idOrSlug.lowercased()
        return all.first { $0.id.lowercased() == key || $0.slug == key }
    }

    /// References shared by every compliance rule.
    static let commonReferences = [
        Doc.compliance("how-requirements-are-evaluated"), Doc.compliance("literal-checks"),
        Doc.compliance("what-literal-checks-miss"), Doc.compliance("profiles"),
    ]

    /// The text every rule's behaviour ends with: how the report compares with the literal check.
    static let literalNote = "The profile report also runs the mSCP/STIG literal check on the raw text and says so "
        + "explicitly when the file passes the literal check but not the real one, or the reverse."
}
