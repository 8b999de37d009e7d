import AuditLintKit

/// The rule catalog: every rule auditlint knows, in id order.
public enum RuleCatalog {}
