/// Links to the reference pages under `Docs/reference/`, which explain in the project's
/// own words every fact a rule relies on, each with the libbsm, auditd or kernel source
/// file and function it comes from.
///
/// A link is a path relative to the repository root with an anchor
/// (`Docs/reference/audit_control.md#minfree`), so a user can open it from a checkout or
/// on GitHub. A test checks that every page and anchor a rule cites exists.
public enum RuleReference {
    /// The folder of the reference pages, relative to the repository root.
    public static let folder = "Docs/reference/"

    /// audit_control as libbsm and auditd read it (`audit_control.md`).
    public static func auditControl(_ anchor: String) -> String { link("audit_control.md", anchor) }
    /// audit_class, audit_event and audit_user (`tables.md`).
    public static func tables(_ anchor: String) -> String { link("tables.md", anchor) }
    /// The kernel and auditd at run time (`kernel.md`).
    public static func kernel(_ anchor: String) -> String { link("kernel.md", anchor) }
    /// The capacity model (`capacity-model.md`).
    public static func capacityModel(_ anchor: String) -> String { link("capacity-model.md", anchor) }
    /// The compliance requirements and profiles (`compliance.md`).
    public static func compliance(_ anchor: String) -> String { link("compliance.md", anchor) }
    /// Suppression comments and the meta rules (`suppressions.md`).
    public static func suppressions(_ anchor: String) -> String { link("suppressions.md", anchor) }

    /// The page (relative to the repository root) and anchor of a reference that is a link
    /// to a reference page; nil for other references (a benchmark id, a source file).
    public static func page(of reference: String) -> (path: String, anchor: String)? {
        guard reference.hasPrefix(folder), let hash = reference.firstIndex(of: "#") else { return nil }
        return (String(reference[..<hash]), String(reference[reference.index(after: hash)...]))
    }

    private static func link(_ page: String, _ anchor: String) -> String { folder + page + "#" + anchor }
}
