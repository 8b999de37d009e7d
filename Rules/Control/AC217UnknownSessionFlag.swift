import AuditLintKit

/// AC217: a name in a macOS `*-sflags-mask` that is not a session flag.
public struct AC217UnknownSessionFlag: Rule {
    public static let description = RuleDescription(
        id: "AC217",
        slug: "unknown-session-flag",
        title: "Unknown name in a macOS *-sflags-mask",
        severity: .note,
        rationale:
            "The session-flag masks list audit session flags by name; a misspelt name is easy to miss. On macOS 14 and later the kernel ignores these keys altogether, so the line is documentation at best.",
        behavior:
            "The names are the lowercase suffixes of AU_SESSION_FLAG_*: is_initial, has_graphic_access, has_tty, is_remote, has_console_access, has_authenticated (the macOS default file uses the last two; the others are by analogy). Since xnu-10002 (macOS 14) the four masks are compile-time constants.",
        references: references(
            Doc.auditControl("session-flag-masks"),
            code: "xnu bsd/bsm/audit.h AU_SESSION_FLAG_*; bsd/security/audit/audit_session.c"),
        triggeringExamples: [
            RuleExample("superuser-set-sflags-mask:has_authenticated,↓has_console\n", dialect: .macos)
        ],
        nonTriggeringExamples: [
            RuleExample(
                "superuser-set-sflags-mask:has_authenticated,has_console_access\nmember-set-sflags-mask:\n",
                dialect: .macos),
            RuleExample("superuser-set-sflags-mask:bogus\n", dialect: .openbsm, comment: "not read by OpenBSM (AC108)"),
        ]
    )

    public init() {}

    public func check(_ context: LintContext) -> [Finding] {
        guard context.dialect == .macos else { return [] }
        let known = SessionFlagMaskSetting.flagNames.map(\.name)
        return context.control.sessionFlagMasks.flatMap { setting -> [Finding] in
            guard let value = setting.entry.value else { return [] }
            var offset = 0
            var findings: [Finding] = []
            for name in value.text.split(separator: ",", omittingEmptySubsequences: false) {
                defer { offset += name.utf8.count + 1 }
                guard !name.isEmpty, !known.contains(String(name)) else { continue }
                let near = known.min {
                    ControlRuleSupport.editDistance(String(name), $0)
                        < ControlRuleSupport.editDistance(String(name), $1)
                }
                findings.append(
                    finding(
                        "\(QuotedText.code(String(name))) is not a session flag (\(known.joined(separator: ", ")))"
                            + (near.map { "; did you mean `\($0)`?" } ?? "")
                            + " The key has no effect on macOS 14 and later",
                        at: value.range(offset: offset, length: name.utf8.count)
                    ))
            }
            return findings
        }
    }
}
