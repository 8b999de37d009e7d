/// A key `audit_control` can hold (Docs/reference/audit_control.md#keys). Matching is exact and case-sensitive.
public enum ControlKey: String, Sendable, Hashable, Codable, CaseIterable {
    case dir
    case flags
    case naflags
    case minfree
    case filesz
    case expireAfter = "expire-after"
    case policy
    case host
    case dist
    case qsize
    case superuserSetSflagsMask = "superuser-set-sflags-mask"
    case superuserClearSflagsMask = "superuser-clear-sflags-mask"
    case memberSetSflagsMask = "member-set-sflags-mask"
    case memberClearSflagsMask = "member-clear-sflags-mask"

    /// The four macOS session-flag mask keys.
    public static let sessionFlagMaskKeys: [ControlKey] = [
        .superuserSetSflagsMask, .superuserClearSflagsMask, .memberSetSflagsMask, .memberClearSflagsMask,
    ]

    /// Whether the dialect's libbsm/auditd reads this key at all.
    ///
    /// `dist` (OpenBSM 1.2a2) and `qsize` (1.2a5) are newer than Apple's OpenBSM-21; the
    /// `*-sflags-mask` keys appear only in macOS's default file (Docs/reference/audit_control.md#session-flag-masks).
    public func isRead(by dialect: Dialect) -> Bool {
        switch self {
        case .dist, .qsize: dialect == .openbsm
        case .superuserSetSflagsMask, .superuserClearSflagsMask, .memberSetSflagsMask, .memberClearSflagsMask:
            dialect == .macos
        default: true
        }
    }

    /// Whether the key may repeat (only `dir` is enumerated; every other key is first-wins).
    public var repeats: Bool { self == .dir }
}
