import AuditLintKit

/// An audit_event class list that libbsm rejects (an undefined class, a blank), which gives
/// the event class 0.
public struct AC250EventUndefinedClass: Rule {
    public static let description = RuleDescription(
        id: "AC250",
        slug: "event-undefined-class",
        title: "An event names a class that audit_class does not define",
        severity: .warning,
        rationale: """
            An event whose class list names an unknown class gets class 0, so no `flags` or \
            `naflags` mask ever selects it: the event is silently never audited.
            """,
        behavior: """
            eventfromstr parses the class field with the flags grammar; one unknown name (a typo, \
            a case mismatch, a blank, a class defined below a line that truncated audit_class) \
            makes getauditflagsbin fail and the event's class 0. OpenBSM's own \
            default file maps 6214 and 6215 to `ua`, which is not a class.
            """,
        references: [TableReferences.events, TableReferences.flags],
        triggeringExamples: [
            RuleExample("flags:lo\n", events: "6214:AUE_kadmind_auth:kadmind auth:↓ua\n", dialect: .openbsm),
            RuleExample("flags:lo\n", events: "6152:AUE_login:login - local:lo,↓ aa\n", comment: "a blank before `aa`"),
        ],
        nonTriggeringExamples: [
            RuleExample(
                "flags:lo\n", events: "6152:AUE_login:login - local:lo,aa\n6153:AUE_logout\n",
                comment: "no class field: class 0 on purpose")
        ]
    )

    public init() {}

    public func check(_ context: LintContext) -> [Finding] {
        guard let source = context.eventsSource else { return [] }
        let crlfLines = Set(context.events.lineFacts.carriageReturnLines)
        let events = context.events.events
        // Only lines whose class list libbsm rejects are looked at (the others are not copied).
        return events.indices.filter { !events[$0].classesValid }.compactMap { index in
            let event = events[index]
            guard let range = event.classesRange else { return nil }
            let bytes = source.lineBytes(range.start.line).dropFirst(range.start.column - 1).prefix(
                range.end.column - range.start.column + 1)
            let flags = AuditFlags.parse(bytes: bytes, classes: context.classes)
            guard let problem = flags.problems.first else { return nil }
            let element = flags.elements[problem.elementIndex]
            let name = element.className
            // A `\r` from CRLF line endings alone is AC155's finding.
            if crlfLines.contains(range.start.line), flags.problems.count == 1, name.hasSuffix("\r"),
                context.classes.lookup(String(name.dropLast())) != nil
            {
                return nil
            }
            let hint =
                context.classes.hiddenClasses.contains { $0.name == name }
                ? " (it is defined below the line that ends audit_class)"
                : context.classes.lookup(caseInsensitive: name).map {
                    " (did you mean `\($0.name)`? class names are case-sensitive)"
                } ?? ""
            let what = name.isEmpty ? "an element with no class name" : "`\(name)`, which is not a class\(hint)"
            return finding(
                "event \(event.number) `\(event.name)` names \(what); libbsm rejects the whole list and gives the event class 0, so it is never preselected; use only classes defined in audit_class",
                at: SourceRange(
                    file: range.file, line: range.start.line, column: range.start.column + element.offset,
                    length: element.length)
            )
        }
    }
}
