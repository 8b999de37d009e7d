import AuditLintKit

/// AC107: CRLF line endings leave `\r` in every value.
public struct AC107CRLFLineEndings: Rule {
    public static let description = RuleDescription(
        id: "AC107",
        slug: "crlf-line-endings",
        title: "CRLF line endings leave `\\r` at the end of every value",
        severity: .error,
        rationale:
            "A file edited on Windows or pasted through some tools gets CRLF endings. libbsm strips only the `\\n`, so every value ends in a carriage return: policy and flags lists are rejected, the last class name never matches.",
        behavior:
            "Trailing `\\n`, spaces and tabs are trimmed, `\\r` is not (`policy:cnt,argv\\r` is rejected and auditd sets cnt only).",
        references: references(Doc.auditControl("how-libbsm-reads-the-file")),
        triggeringExamples: [
            RuleExample("dir:/var/audit↓\r\npolicy:cnt,argv\r\n")
        ],
        nonTriggeringExamples: [
            RuleExample("dir:/var/audit\npolicy:cnt,argv\n")
        ]
    )

    public init() {}

    public func check(_ context: LintContext) -> [Finding] {
        let lines = context.control.carriageReturnLines
        guard let first = lines.first else { return [] }
        let column = first.column + first.content.count - 1
        let count = lines.count == 1 ? "1 line ends" : "\(lines.count) lines end"
        return [
            finding(
                "\(count) in CRLF: libbsm removes only the \\n, so every value keeps a trailing \\r (`cnt,argv\\r` is not a policy, `aa\\r` not a class); convert the file to LF line endings",
                at: SourceRange(file: context.controlSource.path, line: first.line, column: column, length: 1)
            )
        ]
    }
}
