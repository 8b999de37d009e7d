import AuditLintKit

/// AC215: trail directories auditd cannot use.
public struct AC215UnusableDir: Rule {
    public static let description = RuleDescription(
        id: "AC215",
        slug: "unusable-dir",
        title: "No usable trail directory",
        severity: .error,
        rationale:
            "With no usable dir auditd cannot open a trail and does not start; a dir with a stray blank or a relative path is silently skipped.",
        behavior:
            "auditd_read_dirs calls getacdir until it fails: a dir line without a value ends the list, so later dir lines are never used. Each path is used verbatim (leading blanks, and on macOS trailing blanks, kept) and a path whose statfs fails is skipped; with none left auditd reports all directories over the hard limit and cannot start or rotate.",
        references: references(
            Doc.auditControl("dir"), Doc.kernel("directories-and-trail-names"),
            code: "libauditd auditd_lib.c auditd_read_dirs; libbsm bsm_control.c getacdir"),
        triggeringExamples: [
            RuleExample("dir:↓ /var/audit\n", fixed: "dir:/var/audit\n"),
            RuleExample("dir:/var/audit\n↓dir\n↓dir:/var/audit2\n"),
            RuleExample("↓minfree:5\n", comment: "no dir line at all"),
        ],
        nonTriggeringExamples: [
            RuleExample("dir:/var/audit\ndir:/var/audit2\n")
        ]
    )

    public init() {}

    public func check(_ context: LintContext) -> [Finding] {
        let control = context.control
        guard !control.directories.isEmpty else {
            return [
                finding(
                    "there is no dir line: auditd has no trail directory and cannot start; add `dir:/var/audit`",
                    at: .wholeFile(context.controlSource.path)
                )
            ]
        }
        var findings: [Finding] = []
        var endedAt: Int?
        for setting in control.directories {
            let entry = setting.entry
            guard setting.isEnumerated else {
                if endedAt == nil {
                    endedAt = entry.line
                    findings.append(
                        finding(
                            "this dir line has no value: it ends auditd's directory list, so no dir line after it is ever used; write `dir:/path` or remove it",
                            at: entry.keyRange
                        ))
                } else if let end = endedAt {
                    findings.append(
                        finding("this dir is never used: the directory list ended at line \(end)", at: entry.keyRange))
                }
                continue
            }
            guard !setting.isWellFormed, let value = entry.value else { continue }
            // Advice and fix only when they change the line: trimming blanks off an absolute
            // path does; a relative path or a template (`%NASAUDIT%`) needs a path only the
            // user knows.
            let trimmed = ControlRuleSupport.trimBlanks(value.text)
            let fixable = trimmed.hasPrefix("/") && trimmed != value.text
            let what =
                value.bytes.isEmpty
                ? "this dir line has an empty value (getacdir returns \"\")"
                : "dir \(QuotedText.code(value.text)): "
                    + (trimmed.hasPrefix("/")
                        ? "auditd uses the path verbatim, blanks and \\r included"
                        : "it is not an absolute path")
            let advice =
                fixable
                ? "write `dir:\(trimmed)`" : "write the absolute path of the trail directory, such as `dir:/var/audit`"
            findings.append(
                finding(
                    "\(what), so statfs fails and auditd skips this directory; \(advice)",
                    at: value.bytes.isEmpty ? entry.keyRange : value.range(from: 0),
                    fix: fixable
                        ? Fix(summary: "write `\(trimmed)`", range: value.range(from: 0), replacement: trimmed) : nil
                ))
        }
        return findings
    }
}
