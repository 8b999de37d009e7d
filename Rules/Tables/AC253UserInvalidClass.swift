import AuditLintKit

/// An audit_user mask naming an undefined class, which makes the line malformed and ends
/// audit_user.
public struct AC253UserInvalidClass: Rule {
    public static let description = RuleDescription(
        id: "AC253",
        slug: "user-invalid-class",
        title: "An audit_user mask names a class that audit_class does not define",
        severity: .error,
        rationale: """
            One unknown class in a user's always or never mask does not just drop that class: libbsm \
            rejects the line, and a rejected line ends audit_user, so this user and every user below \
            get plain `flags` at login.
            """,
        behavior: """
            userfromstr parses both masks with getauditflagsbin; an unknown class (a typo, a case \
            mismatch, a blank after a comma, a `\\r` from CRLF) or an empty name (`+`) fails it, the \
            line is malformed and the enumeration ends.
            """,
        references: [TableReferences.users, TableReferences.flags],
        triggeringExamples: [
            RuleExample(
                "flags:lo\n", users: "root:lo:no\nalice:lo,↓AA:no\nbob:lo,aa:no\n",
                comment: "class names are case-sensitive"),
            RuleExample("flags:lo\n", users: "carol:lo:↓ fr\n", comment: "a blank is part of the name"),
        ],
        nonTriggeringExamples: [
            RuleExample("flags:lo\n", users: "root:lo:no\nalice:lo,aa:^fr\n")
        ]
    )

    public init() {}

    public func check(_ context: LintContext) -> [Finding] {
        context.tableFiles.compactMap { file in
            guard file.kind == .users, let stop = file.stop,
                case .invalidMask(let field, let problem) = stop.problem
            else { return nil }
            let what: String
            switch problem {
            case .unknownClass(let name, _):
                let hint = name.hasSuffix("\r") ? " (the `\\r` of a CRLF line ending)" : ""
                what = "`\(name.replacingOccurrences(of: "\r", with: "\\r"))`, which is not a class\(hint)"
            case .emptyName:
                what = "an element with no class name"
            }
            return finding(
                "the \(field.rawValue) mask names \(what), so libbsm rejects the line: \(file.truncationMessage(stop)); use only classes defined in audit_class, and `no` for an empty mask",
                at: stop.range
            )
        }
    }
}
