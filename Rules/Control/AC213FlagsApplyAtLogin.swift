import AuditLintKit

/// AC213: flags changes reach users only at their next login.
public struct AC213FlagsApplyAtLogin: Rule {
    public static let description = RuleDescription(
        id: "AC213",
        slug: "flags-apply-at-login",
        title: "flags applies at each user's next login only",
        severity: .note,
        rationale:
            "After a fleet-wide change to flags, `audit -s` seems to apply it, but sessions that are already open keep their old mask until the user logs out and in again (or the host reboots).",
        behavior:
            "flags is not read by auditd: login programs call au_user_mask/getfauditflags when a session starts and set that session's mask; audit -s re-reads naflags, policy, filesz, qsize, minfree and host, but never touches existing sessions (macOS audit(8): \"set at login time and is not synchronized\").",
        references: references(
            Doc.auditControl("flags"), Doc.kernel("when-settings-take-effect"),
            code: "libbsm bsm_user.c au_user_mask, getfauditflags"),
        triggeringExamples: [
            RuleExample("↓flags:lo,aa,ad\n")
        ],
        nonTriggeringExamples: [
            RuleExample("naflags:lo,aa\n")
        ]
    )

    public init() {}

    public func check(_ context: LintContext) -> [Finding] {
        guard let entry = context.control.flags.entry, entry.value != nil else { return [] }
        return [
            finding(
                "flags is applied when a user logs in: after changing it, sessions already open keep their old mask (audit -s does not update them) until the user logs out and in or the host reboots",
                at: entry.keyRange
            )
        ]
    }
}
