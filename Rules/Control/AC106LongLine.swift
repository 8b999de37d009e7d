import AuditLintKit

/// AC106: a line over 255 bytes is read as two lines.
public struct AC106LongLine: Rule {
    public static let description = RuleDescription(
        id: "AC106",
        slug: "line-too-long",
        title: "A line over 255 bytes is split into two",
        severity: .error,
        rationale:
            "Long flags lists or comments are cut at byte 255: the value ends there, and the rest is parsed as a line of its own, which may even set another key.",
        behavior:
            "libbsm reads with fgets into a 256-byte buffer (AU_LINE_MAX), so each read returns at most 255 bytes; the remainder of a longer physical line comes back as the next \"line\".",
        references: references(Doc.auditControl("how-libbsm-reads-the-file")),
        triggeringExamples: [
            RuleExample("flags:" + String(repeating: "lo,", count: 83) + "↓lo,aa\n")
        ],
        nonTriggeringExamples: [
            RuleExample("flags:" + String(repeating: "lo,", count: 81) + "lo,aa,\n", comment: "exactly 255 bytes")
        ]
    )

    public init() {}

    public func check(_ context: LintContext) -> [Finding] {
        let source = context.controlSource
        return context.control.splitLines.map { split in
            let (full, text) = ControlRuleSupport.contentRange(of: split.first.line, in: source)
            let start = split.continuations[0].column
            let rest = String(decoding: text[min(start - 1, text.count)...].prefix(40), as: UTF8.self)
            var message =
                "this line is \(text.count) bytes: libbsm reads at most 255 bytes at a time, so the line ends at column 255 and \(QuotedText.code(rest))… from column \(start) is read as a separate line"
            if let entry = context.control.entries.first(where: {
                context.control.line(of: $0).line == split.first.line && context.control.line(of: $0).column == start
            }),
                let key = entry.key
            {
                message += " (it sets \(key.rawValue))"
            }
            message += "; shorten it below 256 bytes"
            return finding(
                message,
                at: ControlRuleSupport.range(
                    file: source.path, line: full.start.line, from: start, through: full.end.column))
        }
    }
}
