import AuditLintKit

/// An audit_class or audit_event line with too few fields ends libbsm's reading of the file.
public struct AC152MalformedTableLine: Rule {
    public static let description = RuleDescription(
        id: "AC152",
        slug: "malformed-table-line",
        title: "A malformed audit_class or audit_event line ends the file",
        severity: .error,
        rationale: """
            An audit_class line needs `mask:name:description`, an audit_event line at least \
            `number:name`. A line with fewer fields does not just get ignored: libbsm stops reading \
            the file there, so every class or event below it is invisible.
            """,
        behavior: """
            Fields are split with strtok_r(":"), which collapses empty fields (`0x1:lo:` has two \
            fields, not three). classfromstr needs three fields, eventfromstr two; when a line fails \
            the iterator returns NULL and the enumeration ends.
            """,
        references: [TableReferences.common, TableReferences.classes, TableReferences.events],
        triggeringExamples: [
            RuleExample(
                "flags:lo\n", classes: "0x00001000:lo:login_logout\n↓0x00002000:aa:\n0x00004000:ap:application\n",
                comment: "empty description"),
            RuleExample(
                "flags:lo\n", events: "6152:AUE_login:login - local:lo\n↓6153\n6154:AUE_su:su(1):lo\n",
                dialect: .openbsm),
        ],
        nonTriggeringExamples: [
            RuleExample(
                "flags:lo\n", events: "6152:AUE_login:login - local:lo\n6153:AUE_logout\n",
                comment: "description and classes are optional in audit_event")
        ]
    )

    public init() {}

    public func check(_ context: LintContext) -> [Finding] {
        context.tableFiles.compactMap { file in
            guard file.kind != .users, let stop = file.stop,
                case .missingFields(let found, let required) = stop.problem
            else { return nil }
            let format = file.kind == .classes ? "`mask:name:description`" : "`number:name:description:classes`"
            var message =
                "\(found) field\(found == 1 ? "" : "s") where libbsm needs \(required) (empty fields collapse)"
            if stop.isContinuationOfLongLine {
                message += " in the rest of a line longer than 255 bytes, which libbsm reads as a separate line"
            }
            return finding(
                "\(message): \(file.truncationMessage(stop)); write \(format) with every field non-empty",
                at: stop.range)
        }
    }
}
