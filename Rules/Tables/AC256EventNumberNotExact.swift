import AuditLintKit

/// An audit_event number field that `atoi` and the 16-bit event type change.
public struct AC256EventNumberNotExact: Rule {
    public static let description = RuleDescription(
        id: "AC256",
        slug: "event-number-not-exact",
        title: "An audit_event number is not a 16-bit decimal number",
        severity: .warning,
        rationale: """
            A typo in an event number is not rejected: the line is loaded under another number (0 for \
            garbage, the number modulo 65536 for one that is too large), so the intended event keeps \
            its old mapping and some other event gets this one.
            """,
        behavior: """
            eventfromstr converts the number with atoi (digits up to the first other byte, 0 when \
            there are none) and stores it in the 16-bit au_event_t.
            """,
        references: [TableReferences.events],
        triggeringExamples: [
            RuleExample("flags:lo\n", events: "↓7000O:AUE_site:site event:lo\n", comment: "a letter O"),
            RuleExample("flags:lo\n", events: "↓70000:AUE_site:site event:lo\n"),
        ],
        nonTriggeringExamples: [
            RuleExample("flags:lo\n", events: "32801:AUE_site:site event:lo\n")
        ]
    )

    public init() {}

    public func check(_ context: LintContext) -> [Finding] {
        guard context.eventsSource != nil else { return [] }
        return context.events.events.compactMap { event in
            guard !event.numberIsExact, let range = event.numberRange else { return nil }
            return finding(
                "`\(event.numberText)` is not a 16-bit decimal number: libbsm loads `\(event.name)` as event \(event.number); write the number in decimal digits only, 0–65535",
                at: range
            )
        }
    }
}
