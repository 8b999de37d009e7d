import AuditLintKit

/// AC108: a key this dialect's auditd does not read.
public struct AC108KeyNotReadByDialect: Rule {
    public static let description = RuleDescription(
        id: "AC108",
        slug: "key-not-read-by-dialect",
        title: "Key not read on this platform",
        severity: .note,
        rationale:
            "A file shared between macOS and FreeBSD hosts may set keys only one of them reads; on the other the line has no effect.",
        behavior:
            "`dist` (OpenBSM 1.2a2) and `qsize` (1.2a5) are newer than Apple's OpenBSM-21, which has no getacdist/getacqsize; the four `*-sflags-mask` keys exist only in macOS's default file and no OpenBSM reads them.",
        references: references(
            Doc.auditControl("keys"), Doc.auditControl("dist"), Doc.auditControl("qsize"),
            Doc.auditControl("session-flag-masks")),
        triggeringExamples: [
            RuleExample("dir:/var/audit\n↓qsize:200\n↓dist:on\n", dialect: .macos),
            RuleExample("↓superuser-set-sflags-mask:has_authenticated\n", dialect: .openbsm),
        ],
        nonTriggeringExamples: [
            RuleExample("qsize:200\ndist:on\n", dialect: .openbsm),
            RuleExample("member-clear-sflags-mask:has_authenticated\n", dialect: .macos),
        ]
    )

    public init() {}

    public func check(_ context: LintContext) -> [Finding] {
        context.control.entriesNotReadByDialect.compactMap { entry in
            guard let key = entry.key else { return nil }
            let message =
                context.dialect == .macos
                ? "\(key.rawValue) is not read by macOS's auditd (Apple's OpenBSM predates it), so this line has no effect there"
                : "\(key.rawValue) is a macOS key; OpenBSM's auditd ignores this line"
            return finding(message, at: entry.keyRange)
        }
    }
}
