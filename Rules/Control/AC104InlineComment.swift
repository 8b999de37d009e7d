import AuditLintKit

/// AC104: a trailing `# comment` is part of the value.
public struct AC104InlineComment: Rule {
    public static let description = RuleDescription(
        id: "AC104",
        slug: "inline-comment",
        title: "A trailing `# comment` becomes part of the value",
        severity: .error,
        rationale:
            "audit_control has no inline comments. `flags:lo,aa # login` makes the last class `aa # login`, which does not exist, so the whole mask is rejected; `policy:cnt,argv # x` falls back to cnt only.",
        behavior:
            "Only a `#` in column 1 starts a comment; the value is the rest of the line after the key's colon, trailing blanks trimmed (OpenBSM) or kept (macOS). `policy:cnt,argv # x` yields the value `cnt,argv # x`, which au_strtopol rejects. For minfree and filesz the comment is ignored by atoi/sscanf, which stop after the number; it is reported as a warning there.",
        references: references(Doc.auditControl("how-libbsm-reads-the-file")),
        triggeringExamples: [
            RuleExample(
                "flags:lo,aa ↓# login and authentication\n", fixed: "# login and authentication\nflags:lo,aa\n"),
            RuleExample("policy:cnt,argv\t↓# keep arguments\nminfree:5 ↓# percent\n"),
        ],
        nonTriggeringExamples: [
            RuleExample("# login and authentication\nflags:lo,aa\n"),
            RuleExample(
                "dir:/var/audit#1\n", comment: "a # not after a blank is taken as part of the name, as intended"),
        ]
    )

    public init() {}

    public func check(_ context: LintContext) -> [Finding] {
        let control = context.control
        let source = context.controlSource
        var findings: [Finding] = []
        for entry in control.entries {
            guard let key = entry.key, let value = entry.value, let offset = value.commentOffset,
                !control.line(of: entry).isContinuation
            else { continue }
            let (lineRange, text) = ControlRuleSupport.contentRange(of: entry.line, in: source)
            let hash = value.range.start.column - 1 + offset
            guard hash < text.count else { continue }
            var cut = hash
            while cut > 0, text[cut - 1] == 0x20 || text[cut - 1] == 0x09 { cut -= 1 }
            let kept = String(decoding: text[..<cut], as: UTF8.self)
            let comment = String(decoding: text[hash...], as: UTF8.self)

            // What auditd would apply with the comment on a line of its own.
            var bytes = source.bytes
            let lineStart = source.lineStarts[entry.line - 1]
            bytes.replaceSubrange((lineStart + cut)..<(lineStart + text.count), with: [])
            let without = AuditControl.parse(
                SourceText(path: source.path, bytes: bytes), dialect: context.dialect, classes: context.classes)
            let changes = Self.effective(key, control) != Self.effective(key, without)
            // Only the numeric parsers (atoi, sscanf) stop before the comment.
            let harmless = !changes && [.minfree, .filesz, .qsize].contains(key)

            let range = ControlRuleSupport.range(
                file: source.path, line: entry.line, from: hash + 1, through: text.count)
            let start =
                "libbsm has no inline comments: \(QuotedText.code(comment)) is part of the \(key.rawValue) value \(QuotedText.code(value.text))"
            let message =
                harmless
                ? "\(start); it happens to be ignored here because the parser stops after the number, but put the comment on its own line"
                : changes
                    ? "\(start), so \(Self.consequence(key, control)); put the comment on its own line, starting with `#` in column 1"
                    : "\(start), which libbsm rejects or misreads; put the comment on its own line, starting with `#` in column 1"
            findings.append(
                finding(
                    message,
                    at: range,
                    severity: harmless ? .warning : .error,
                    fix: Fix(
                        summary: "move the comment to its own line", range: lineRange,
                        replacement: comment + "\n" + kept)
                ))
        }
        return findings
    }

    /// A comparable summary of what auditd applies for `key`.
    static func effective(_ key: ControlKey, _ control: AuditControl) -> String {
        switch key {
        case .flags: "\(String(describing: control.flags.effectiveMask))"
        case .naflags: "\(String(describing: control.naflags.effectiveMask))"
        case .policy: "\(control.policy.effective.rawValue)"
        case .minfree: "\(String(describing: control.minfree.effectivePercent))"
        case .filesz: "\(control.filesz.effectiveBytes)"
        case .expireAfter:
            "\(control.expireAfter.isValid) \(String(describing: control.expireAfter.ageSeconds)) \(String(describing: control.expireAfter.sizeBytes)) \(String(describing: control.expireAfter.combinator))"
        case .dir: control.effectiveDirectories.joined(separator: "\n")
        case .host: control.host.effective ?? ""
        case .dist: "\(control.dist.isEnabled)"
        case .qsize: "\(control.qsize.effective)"
        case .superuserSetSflagsMask, .superuserClearSflagsMask, .memberSetSflagsMask, .memberClearSflagsMask:
            "\(control.sessionFlagMasks.first { $0.key == key }?.mask ?? 0)"
        }
    }

    /// What the comment does to the setting.
    static func consequence(_ key: ControlKey, _ control: AuditControl) -> String {
        let explanation: String? =
            switch key {
            case .flags: control.flags.explanation
            case .naflags: control.naflags.explanation
            case .policy: control.policy.explanation
            case .filesz: control.filesz.explanation
            case .expireAfter: control.expireAfter.explanation
            default: nil
            }
        return explanation ?? "auditd uses the comment as part of the \(key.rawValue)"
    }
}
