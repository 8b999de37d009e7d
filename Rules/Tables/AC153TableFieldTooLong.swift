import AuditLintKit

/// A class, event or user name (or description) longer than libbsm's buffer makes the line
/// malformed, ending the file there.
public struct AC153TableFieldTooLong: Rule {
    public static let description = RuleDescription(
        id: "AC153",
        slug: "table-field-too-long",
        title: "A name or description is too long for libbsm",
        severity: .error,
        rationale: """
            libbsm copies names and descriptions into fixed buffers and rejects the whole line when \
            one does not fit; the rejected line ends the enumeration, so it and every entry below it \
            are invisible.
            """,
        behavior: """
            Limits (the field must be shorter than these): class name 8 and description 72 \
            (AU_CLASS_NAME_MAX, AU_CLASS_DESC_MAX), event name 30 and description 50 \
            (AU_EVENT_NAME_MAX, AU_EVENT_DESC_MAX), user name 50 (AU_USER_NAME_MAX). A longer field \
            makes classfromstr, eventfromstr or userfromstr fail, which ends the enumeration.
            """,
        references: [TableReferences.classes, TableReferences.events, TableReferences.users],
        triggeringExamples: [
            RuleExample(
                "flags:lo\n", classes: "0x00001000:lo:login_logout\n0x00008000:↓custom12:site class\n",
                comment: "`custom12` is 8 bytes; the limit is 7"),
            RuleExample(
                "flags:lo\n",
                events:
                    "6152:AUE_login:login - local:lo\n32801:AUE_site_event:↓a description that is longer than fifty bytes in all:lo\n"
            ),
        ],
        nonTriggeringExamples: [
            RuleExample("flags:lo\n", classes: "0x00001000:lo:login_logout\n0x00008000:custom:site class\n")
        ]
    )

    public init() {}

    public func check(_ context: LintContext) -> [Finding] {
        context.tableFiles.compactMap { file in
            guard let stop = file.stop, case .fieldTooLong(let field, let length, let limit) = stop.problem else {
                return nil
            }
            let what = "\(file.noun(1)) \(field == .name ? "name" : "description")"
            return finding(
                "\(what) is \(length) bytes; libbsm accepts at most \(limit - 1), so the line is malformed: \(file.truncationMessage(stop)); shorten it to \(limit - 1) bytes or fewer",
                at: stop.range
            )
        }
    }
}
