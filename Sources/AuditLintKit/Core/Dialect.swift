/// Which implementation reads the files, where their behaviour differs.
///
/// Each dialect models one published source release; ``modelledReleases`` says which, for
/// `--help` and the documentation (Docs/dialects.md).
public enum Dialect: String, Sendable, Hashable, Codable, CaseIterable {
    /// Apple's OpenBSM (libbsm and auditd as shipped with macOS) and the macOS (xnu) kernel:
    /// libbsm and auditd as in Apple's OpenBSM-21, the last source Apple published.
    case macos
    /// OpenBSM 1.2 as shipped with FreeBSD, and the FreeBSD kernel.
    case openbsm

    /// The releases each dialect models, in one paragraph (the `--dialect` help and
    /// Docs/dialects.md use this text).
    public static let modelledReleases = """
        Which libbsm, auditd and kernel are modelled. `macos`: libbsm and auditd as in Apple's \
        OpenBSM-21 (apple-oss-distributions/OpenBSM, tag OpenBSM-21), the last source Apple \
        published, with the xnu kernel; newer macOS releases may differ where Apple changed \
        auditd without publishing it, and findings that rest on OpenBSM-21 alone say \
        "unverified for macOS releases after OpenBSM-21". `openbsm`: OpenBSM 1.2 (the openbsm/openbsm \
        1.2 line, as FreeBSD ships it in contrib/openbsm) with the FreeBSD kernel.
        """

    /// The release this dialect's libbsm and auditd are read from, for messages.
    public var modelledRelease: String {
        switch self {
        case .macos: "OpenBSM-21"
        case .openbsm: "OpenBSM 1.2"
        }
    }
}
