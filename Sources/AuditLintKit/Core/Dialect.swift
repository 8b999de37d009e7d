/// Which implementation reads the files, where their behaviour differs.
public enum Dialect: String, Sendable, Hashable, Codable, CaseIterable {
    /// Apple's OpenBSM (libbsm and auditd as shipped with macOS) and the macOS (xnu) kernel.
    case macos
    /// OpenBSM 1.2 as shipped with FreeBSD, and the FreeBSD kernel.
    case openbsm
}
