import AuditLintKit

/// AC216: on macOS a host suffix keeps trails from expiring.
public struct AC216HostStopsExpiry: Rule {
    public static let description = RuleDescription(
        id: "AC216",
        slug: "host-stops-expiry",
        title: "host with expire-after on macOS: trails never expire",
        severity: .warning,
        rationale:
            "Setting host adds `.<host>` to every trail name. Apple's auditd only expires files whose name is exactly 29 characters, so with a host suffix expire-after silently deletes nothing and the trail directory grows without bound.",
        behavior:
            "auditd names trails `<start>.<end>.<host>` once getachost succeeds (auditd_lib.c auditd_set_host, affixdir). Apple OpenBSM-21's expiry considers only names of exactly 29 characters; OpenBSM 1.2a1 fixed this (\"Fix expiration of trail files when the host parameter is used\"). Apple has published no newer auditd, so current macOS behaviour is unverified.",
        references: references(
            Doc.auditControl("host"), Doc.kernel("expiry"), Doc.auditControl("open-points"),
            code: "Apple OpenBSM-21 libauditd auditd_lib.c auditd_expire_trails; OpenBSM NEWS 1.2a1"),
        triggeringExamples: [
            RuleExample("↓host:audit.example.com\nexpire-after:60d\n", dialect: .macos)
        ],
        nonTriggeringExamples: [
            RuleExample("host:audit.example.com\nexpire-after:60d\n", dialect: .openbsm),
            RuleExample("host:audit.example.com\n", dialect: .macos, comment: "nothing is set to expire anyway"),
        ]
    )

    public init() {}

    public func check(_ context: LintContext) -> [Finding] {
        let control = context.control
        // The same condition show and the capacity model use (AuditControl.hostStopsExpiry).
        guard control.hostStopsExpiry, let host = control.host.effective, let entry = control.host.entry,
            control.expireAfter.expiresAnything
        else { return [] }
        return [
            finding(
                "host adds `.\(host)` to every trail name, and Apple's auditd expires only names of exactly 29 characters, so expire-after deletes nothing and trails accumulate; remove host, or clean up trails another way (unverified for macOS releases after OpenBSM-21)",
                at: entry.keyRange
            )
        ]
    }
}
