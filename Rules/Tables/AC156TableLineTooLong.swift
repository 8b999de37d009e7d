import AuditLintKit

/// A line longer than 255 bytes, which libbsm reads as two or more lines.
public struct AC156TableLineTooLong: Rule {
    public static let description = RuleDescription(
        id: "AC156",
        slug: "table-line-too-long",
        title: "A line of audit_class, audit_event or audit_user is longer than 255 bytes",
        severity: .error,
        rationale: """
            libbsm reads at most 255 bytes at a time; the rest of a longer line, even of a comment, \
            is parsed as a line of its own, which usually does not parse and so ends the file.
            """,
        behavior: """
            The readers use fgets with a 256-byte buffer (AU_LINE_MAX): a longer physical line is \
            split after 255 bytes and the remainder is read as the next line, without the `#` that \
            made the first piece a comment.
            """,
        references: [TableReferences.common, Doc.auditControl("how-libbsm-reads-the-file")],
        triggeringExamples: [
            RuleExample(
                "flags:lo\n",
                classes:
                    "0x00001000:lo:login_logout\n#\(String(repeating: "-", count: 254))↓ long comment\n0x00002000:aa:authentication and authorization\n"
            )
        ],
        nonTriggeringExamples: [
            RuleExample("flags:lo\n", classes: "#\(String(repeating: "-", count: 200))\n0x00001000:lo:login_logout\n")
        ]
    )

    public init() {}

    public func check(_ context: LintContext) -> [Finding] {
        context.tableFiles.flatMap { file in
            file.lineFacts.longLines.map { line in
                let length = file.source.lineBytes(line).count
                return finding(
                    "line is \(length) bytes; libbsm reads 255 bytes at a time and parses the rest (from column 256) as a separate line; shorten it to 254 bytes or fewer",
                    at: SourceRange(file: file.source.path, line: line, column: 256, length: max(length - 255, 0))
                )
            }
        }
    }
}
