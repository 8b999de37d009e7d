import AuditLintKit

/// AC102: a key no implementation reads (a typo, wrong case, stray text).
public struct AC102UnknownKey: Rule {
    public static let description = RuleDescription(
        id: "AC102",
        slug: "unknown-key",
        title: "Unknown key: auditd ignores the line",
        severity: .warning,
        rationale:
            "A misspelt key (`filsz`, `Flags`, `expire_after`) is not an error to auditd: the line is skipped and the setting behaves as missing, which is often worse than a rejected value.",
        behavior:
            "libbsm looks keys up by exact, case-sensitive comparison and never complains about other keys. OpenBSM reads exactly dir, dist, filesz, flags, host, minfree, naflags, policy, expire-after and qsize; macOS adds the four *-sflags-mask keys.",
        references: references(Doc.auditControl("how-libbsm-reads-the-file"), Doc.auditControl("keys")),
        triggeringExamples: [
            RuleExample("dir:/var/audit\n↓filsz:2M\n", comment: "did you mean `filesz`?"),
            RuleExample("↓Flags:lo,aa\n↓expire_after:10M\n"),
            RuleExample("↓this line has no colon at all\n"),
            RuleExample(
                "↓Minfree:5\n", comment: "keys are case-sensitive; the fix writes the key as libbsm spells it",
                fixed: "minfree:5\n"),
        ],
        nonTriggeringExamples: [
            RuleExample("dir:/var/audit\nfilesz:2M\nexpire-after:10M\n"),
            RuleExample("# filsz:2M is only a comment\n"),
            RuleExample("qsize:200\n", comment: "known to OpenBSM; not read on macOS (AC108)"),
        ]
    )

    public init() {}

    public func check(_ context: LintContext) -> [Finding] {
        let control = context.control
        return control.unknownEntries.compactMap { entry in
            // Text read as a line of its own after a 255-byte split is AC106's.
            guard !control.line(of: entry).isContinuation else { return nil }
            let key = entry.rawKey
            if let exact = ControlKey.allCases.first(where: { $0.rawValue == key.lowercased() }) {
                return finding(
                    "\(QuotedText.code(key)) is not a key: keys are case-sensitive, so auditd ignores this line; write `\(exact.rawValue)`",
                    at: entry.keyRange,
                    fix: Fix(summary: "write `\(exact.rawValue)`", range: entry.keyRange, replacement: exact.rawValue)
                )
            }
            var message = "unknown key \(QuotedText.code(key)): auditd ignores this line"
            if let near = ControlRuleSupport.nearestKey(to: key) {
                message +=
                    "; did you mean `\(near.rawValue)`? (\(ControlRuleSupport.inForceOrMissing(near, in: control)))"
            } else if !entry.hasColon {
                message += " (it has no `:`); write `key:value`, or start a comment with `#` in column 1"
            }
            return finding(message, at: entry.keyRange)
        }
    }
}
