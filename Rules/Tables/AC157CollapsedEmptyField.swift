import AuditLintKit

/// An empty field (`::`) in audit_class or audit_event, which libbsm collapses, shifting
/// the fields after it.
public struct AC157CollapsedEmptyField: Rule {
    public static let description = RuleDescription(
        id: "AC157",
        slug: "collapsed-empty-field",
        title: "An empty field shifts the fields after it",
        severity: .warning,
        rationale: """
            `5:AUE_E::lo` reads as "no description, class lo", but libbsm collapses the empty field: \
            the description becomes `lo` and the event has no class (class 0, never preselected).
            """,
        behavior: """
            Fields are split with strtok_r(":"), which treats `::` as one separator, so every field \
            after an empty one moves one place to the left. Apple's default audit_event \
            has `43082:AUE_RTPRIO::rtprio(2):pc`, which works only because a field follows.
            """,
        references: [TableReferences.common, TableReferences.events],
        triggeringExamples: [
            RuleExample("flags:lo\n", events: "6152:AUE_login↓::lo\n", comment: "description `lo`, no class"),
            RuleExample("flags:lo\n", classes: "0x00001000↓::lo:login_logout\n"),
        ],
        nonTriggeringExamples: [
            RuleExample("flags:lo\n", events: "6152:AUE_login:login - local:lo\n6153:AUE_logout\n")
        ]
    )

    public init() {}

    public func check(_ context: LintContext) -> [Finding] {
        var findings: [Finding] = []
        if context.classesSource != nil {
            for entry in context.classes.classes {
                guard let range = entry.collapsedFieldRange else { continue }
                findings.append(
                    finding(
                        "empty field collapsed: libbsm reads name `\(entry.name)` and description `\(entry.description)`; write `mask:name:description` with no empty field",
                        at: range
                    ))
            }
        }
        if context.eventsSource != nil {
            for event in context.events.events {
                guard let range = event.collapsedFieldRange else { continue }
                let classes = event.classesRange == nil ? "no class (class 0)" : "classes `\(event.classesText)`"
                findings.append(
                    finding(
                        "empty field collapsed: libbsm reads description `\(event.description)` and \(classes); write `number:name:description:classes` with no empty field",
                        at: range
                    ))
            }
        }
        return findings
    }
}
