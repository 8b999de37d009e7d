import AuditLintKit

/// AC202: an empty flags/naflags value.
public struct AC202EmptyFlags: Rule {
    public static let description = RuleDescription(
        id: "AC202",
        slug: "empty-flags",
        title: "Empty flags or naflags: nothing is audited",
        severity: .warning,
        rationale:
            "An empty mask is rarely intended: it usually comes from a template whose variable was not filled in. On macOS an empty value is even an error.",
        behavior:
            "OpenBSM 1.2a5 and later accept an empty value as the empty mask (\"Empty flags and naflags fields are now permitted\"); Apple's OpenBSM-21 returns EINVAL for it, so the mask is rejected. OpenBSM 1.2 also reads a key line without a colon (`flags` alone) as an empty value, since getaccommon turns the NULL from getstrfromtype_locked into an empty string; OpenBSM-21 rejects that line (AC201). A list whose classes cancel out (`lo,^lo`, `no`) also yields the empty mask.",
        references: references(
            Doc.auditControl("how-libbsm-reads-the-file"), Doc.auditControl("flags"), Doc.auditControl("naflags"),
            Doc.auditControl("audit-flags-grammar")),
        triggeringExamples: [
            RuleExample("↓naflags:\n", dialect: .openbsm),
            RuleExample("↓flags:\n", dialect: .macos),
            RuleExample("↓flags:lo,^lo\n"),
        ],
        nonTriggeringExamples: [
            RuleExample("flags:lo,aa\nnaflags:lo\n")
        ]
    )

    public init() {}

    public func check(_ context: LintContext) -> [Finding] {
        [context.control.flags, context.control.naflags].compactMap { setting in
            guard let entry = setting.entry, entry.hasColon || setting.readsAsEmpty else { return nil }
            let key = setting.key.rawValue
            let what =
                setting.key == .naflags
                ? "no non-attributable event is audited"
                : "users get no system-wide classes (only their audit_user ones)"
            if setting.valueProblem == .absent {
                return finding(
                    "empty \(key): macOS's libbsm rejects an empty value (EINVAL), so \(setting.consequenceOfRejection); list the classes to audit, e.g. `\(key):lo,aa`",
                    at: entry.keyRange,
                    severity: .error
                )
            }
            guard setting.isValid, setting.mask == AuditMask.none else { return nil }
            let written =
                setting.readsAsEmpty
                ? "`\(key)` has no `:`, which OpenBSM's libbsm reads as an empty \(key) (getaccommon)"
                : setting.isEmpty
                    ? "empty \(key)" : "\(key) \(QuotedText.code(setting.written ?? "")) yields the empty mask"
            return finding("\(written): \(what); list the classes to audit, e.g. `\(key):lo,aa`", at: entry.keyRange)
        }
    }
}
