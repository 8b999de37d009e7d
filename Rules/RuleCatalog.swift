import AuditLintKit

/// The rule catalog: every rule auditlint knows, in id order.
public enum RuleCatalog {
    /// Every rule type. Ids are never reused; a retired rule keeps its id out of use.
    public static let all: [any Rule.Type] = [
    ]

    /// The rule with this id or slug (case-insensitive), if any.
    public static func rule(_ idOrSlug: String) -> (any Rule.Type)? {
        let key = idOrSlug.lowercased()
        return all.first { $0.description.id.lowercased() == key || $0.description.slug == key }
    }

    /// The descriptions of every rule, in id order.
    public static var descriptions: [RuleDescription] {
        all.map { $0.description }.sorted { $0.id < $1.id }
    }
}
