/// The descriptions of the compliance rules (AC5xx): one per profile requirement, declared
/// with it in ``ComplianceCatalog/entries``. A `--profile` run turns each failed
/// requirement into a finding of its rule (``ComplianceReport/findings(range:)``).
///
/// They are not `Rule` types (they need a profile), so `RuleCatalog` lists them beside
/// its rules. Examples are evaluated under the first profile of
/// ``ComplianceProfile/allCases`` that has the requirement, with the default
/// ``ComplianceOptions``.
public enum ComplianceRules {
    /// Every compliance rule, in id order.
    public static let all: [RuleDescription] = ComplianceCatalog.entries.map(\.description).sorted { $0.id < $1.id }

    /// The description with this id or slug (case-insensitive), if any.
    public static func rule(_ idOrSlug: String) -> RuleDescription? {
        let key = idOrSlug.lowercased()
        return all.first { $0.id.lowercased() == key || $0.slug == key }
    }
}
