import AuditLintKit

/// An event number defined on more than one line of audit_event.
public struct AC251DuplicateEventNumber: Rule {
    public static let description = RuleDescription(
        id: "AC251",
        slug: "duplicate-event-number",
        title: "An event number appears more than once in audit_event",
        severity: .note,
        rationale: """
            With two lines for one number, lookups by number (praudit's event names) use the first \
            line, while auditd loads both mappings into the kernel in file order, so the later line's \
            classes end up in force. Editing one line may not change what you expect. It is only a \
            note because the shipped default files have four such numbers (301, 6168, 6171, 6172).
            """,
        behavior: """
            Duplicate numbers are legal; getauevnum returns the first matching line. \
            auditd's event-to-class loading (auditd_set_evcmap) sends every enumerated line to the \
            kernel with A_SETCLASS, and the kernel's au_evclassmap_insert replaces an existing mapping, \
            so a later line for the same number overrides the earlier one (XNU and FreeBSD \
            audit_bsm_klib.c).
            """,
        references: [TableReferences.events],
        triggeringExamples: [
            RuleExample("flags:lo\n", events: "6152:AUE_login:login - local:lo\n↓6152:AUE_login2:login again:aa\n")
        ],
        nonTriggeringExamples: [
            RuleExample("flags:lo\n", events: "6152:AUE_login:login - local:lo\n6153:AUE_logout:logout - local:lo\n")
        ]
    )

    public init() {}

    public func check(_ context: LintContext) -> [Finding] {
        guard context.eventsSource != nil else { return [] }
        let events = context.events.events
        var first: [Int: Int] = [:]  // number → position of its first line
        first.reserveCapacity(events.count)
        var findings: [Finding] = []
        // Only numbers are read from a line that repeats none (the lines are not copied).
        for position in events.indices {
            let number = events[position].number
            guard let earlierPosition = first[number] else {
                first[number] = position
                continue
            }
            let event = events[position]
            let earlier = events[earlierPosition]
            guard let range = event.numberRange ?? event.range else { continue }
            let earlierLine = earlier.range.map { "line \($0.start.line)" } ?? "an earlier line"
            findings.append(
                finding(
                    "event \(event.number) is already defined on \(earlierLine) (`\(earlier.name)`); praudit names it from that first line, but auditd loads this line's classes (`\(event.classesText)`) last, so they are the ones in force; keep one line per number",
                    at: range
                ))
        }
        return findings
    }
}
