import AuditLintKit

/// CRLF line endings in audit_class, audit_event or audit_user.
public struct AC155TableCRLFLineEndings: Rule {
    public static let description = RuleDescription(
        id: "AC155",
        slug: "table-crlf-line-endings",
        title: "CRLF line endings in audit_class, audit_event or audit_user",
        severity: .error,
        rationale: """
            A file saved with Windows line endings keeps a `\\r` at the end of every line. In \
            audit_event that `\\r` becomes part of the last class name, so every event gets class 0 \
            and nothing is ever preselected; in audit_user it makes the first line malformed, which \
            hides every user.
            """,
        behavior: """
            libbsm removes only the final `\\n` of each line; the `\\r` stays in the last field. audit_event: the class field `lo\\r` names no class, so the event's class is 0 \
            (677 of 677 default events class 0 with CRLF). audit_user: the never mask `no\\r` is \
            invalid, so the line is malformed and the enumeration ends. audit_class: descriptions \
            end in `\\r` (harmless unless that makes one too long).
            """,
        references: [TableReferences.common, TableReferences.events, TableReferences.users],
        triggeringExamples: [
            RuleExample(
                "flags:lo\n", events: "6152:AUE_login:login - local:lo↓\r\n6153:AUE_logout:logout - local:lo\r\n",
                comment: "reported once, at the first line"),
            RuleExample("flags:lo\n", users: "root:lo:no↓\r\n"),
        ],
        nonTriggeringExamples: [
            RuleExample("flags:lo\n", events: "6152:AUE_login:login - local:lo\n6153:AUE_logout:logout - local:lo\n")
        ]
    )

    public init() {}

    public func check(_ context: LintContext) -> [Finding] {
        context.tableFiles.compactMap { file in
            guard let first = file.lineFacts.carriageReturnLines.first else { return nil }
            let count = file.lineFacts.carriageReturnLines.count
            let effect: String
            switch file.kind {
            case .events:
                effect = "the `\\r` ends every line's class list, so those events get class 0 and are never preselected"
            case .users:
                effect = "the `\\r` ends the never mask, which makes the line malformed and ends audit_user there"
            case .classes: effect = "the `\\r` stays at the end of each description"
            }
            let column = file.source.lineBytes(first).count
            return finding(
                "\(count) line\(count == 1 ? "" : "s") of \(file.fileName) end\(count == 1 ? "s" : "") with CRLF; libbsm removes only `\\n`: \(effect); convert the file to LF line endings (e.g. `tr -d '\\r'`)",
                at: SourceRange(file: file.source.path, line: first, column: column, length: 1)
            )
        }
    }
}
