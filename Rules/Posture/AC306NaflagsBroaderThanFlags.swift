import AuditLintKit

/// AC306: `naflags` audits classes that `flags` does not.
public struct AC306NaflagsBroaderThanFlags: Rule {
    public static let description = RuleDescription(
        id: "AC306",
        slug: "naflags-broader-than-flags",
        title: "naflags audits classes that flags does not",
        severity: .note,
        rationale:
            "naflags applies only to events with no audit user (daemons and processes started before anyone logged in), flags to everything users do. Auditing a class for the first and not the second is rarely intended: it is usually a copy mistake or one line edited without the other.",
        behavior:
            "auditd pushes naflags to the kernel's non-attributable mask, used for records whose audit user ID is unset (AU_DEFAUDITID); flags is applied at each login by au_user_mask.",
        references: [
            Doc.auditControl("naflags"), Doc.auditControl("flags"),
            "libauditd auditd_lib.c auditd_set_namask; xnu audit.c (audit_nae_mask)",
        ],
        triggeringExamples: [
            RuleExample("flags:lo\nnaflags:↓lo,aa\n"),
            RuleExample(
                "flags:lo,aa,-fr\nnaflags:↓lo,aa,fr\n", dialect: .openbsm, comment: "successful reads only for daemons"),
        ],
        nonTriggeringExamples: [
            RuleExample("flags:lo,aa\nnaflags:lo,aa\n"),
            RuleExample("flags:lo,aa,-all\nnaflags:lo,-fr\n"),
            RuleExample("flags:lo, aa\nnaflags:lo,aa\n", comment: "flags is rejected (AC201): nothing to compare with"),
        ]
    )

    public init() {}

    public func check(_ context: LintContext) -> [Finding] {
        let control = context.control
        guard let flags = control.flags.mask, let naflags = control.naflags.mask,
            let value = control.naflags.entry?.value
        else { return [] }
        let extra = naflags.removing(flags)
        let names = PostureRuleSupport.describe(extra, classes: context.classes)
        guard extra != .none, !names.isEmpty else { return [] }
        return [
            finding(
                "naflags audits \(QuotedText.code(names)) for non-attributable events (daemons, processes started before login) but flags does not audit them for users; if that is not deliberate, add them to flags or remove them from naflags",
                at: value.range(from: 0)
            )
        ]
    }
}
