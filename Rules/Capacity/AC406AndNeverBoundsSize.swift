import AuditLintKit

/// AC406: `AGE AND SIZE`: the size term is no upper bound; the trails grow until the age term.
public struct AC406AndNeverBoundsSize: Rule {
    public static let description = RuleDescription(
        id: "AC406",
        slug: "and-never-bounds-size",
        title: "expire-after with AND: the size term does not bound the trails",
        severity: .warning,
        rationale:
            "`60d AND 1G` reads like \"at most 1 GiB\", but AND deletes a trail only when the total is over the size and the trail is older than the age, so the trails grow to however much the age term covers at the write volume.",
        behavior:
            "With AND, auditd deletes a closed trail only if both the total exceeds the size term and the trail's close time is older than the age term; usage is about max(size, rate × age) + filesz. A note when rate × age stays under the size at the assumed volume, a warning when it exceeds it. "
            + CapacityRuleSupport.assumptionsNote,
        references: CapacityRuleSupport.references("expiry") + [Doc.auditControl("expire-after")],
        triggeringExamples: [
            RuleExample(
                "flags:lo,aa\nfilesz:2M\nexpire-after:↓60d AND 1G\n",
                comment: "a note: at the assumed volume 60 days stay under 1 GiB"),
            RuleExample(
                "flags:all\nfilesz:2M\nexpire-after:↓60d AND 1G\n", dialect: .openbsm,
                comment: "every class: 60 days are far more than 1 GiB"),
        ],
        nonTriggeringExamples: [
            RuleExample("filesz:2M\nexpire-after:60d OR 1G\n"),
            RuleExample("filesz:2M\nexpire-after:1G AND 2G\n", comment: "two sizes: never expires (AC212)"),
        ]
    )

    public init() {}

    public func check(_ context: LintContext) -> [Finding] {
        let expire = context.control.expireAfter
        guard expire.isValid, expire.combinator == .and, let age = expire.ageSeconds, age > 0,
            let size = expire.sizeBytes, size > 0,
            let evaluation = context.capacityEvaluation()
        else { return [] }
        let grown = evaluation.bytesPerDay * Double(age) / 86_400
        let filesz = Double(evaluation.inputs.configuration.filesz)
        let sizeText = Quantity.formatSize(CapacityRuleSupport.bytes(size))
        let ageText = Quantity.formatDuration(Double(age))
        let message: String
        var severity: Severity? = .note
        if grown > Double(size) {
            severity = nil
            message =
                "with AND a trail is deleted only when the total is over \(sizeText) and it is older than \(ageText), so \(sizeText) is no limit: at \(evaluation.volumeText) the trails grow to about \(CapacityRuleSupport.size(grown + filesz)) (\(ageText) of trails); use OR to cap them at \(sizeText)"
        } else {
            let daysToSize = evaluation.bytesPerDay > 0 ? Double(size) / evaluation.bytesPerDay : .infinity
            let reach =
                daysToSize.isFinite
                ? "reached after about \(Quantity.formatDuration(daysToSize * 86_400))" : "never reached at this volume"
            message =
                "with AND a trail is deleted only when the total is over \(sizeText) and it is older than \(ageText): at \(evaluation.volumeText) \(ageText) of trails is only \(CapacityRuleSupport.size(grown)), so nothing is deleted until the trails total \(sizeText) (\(reach)); use OR if \(ageText) is meant as the limit"
        }
        return [finding(message, at: CapacityRuleSupport.expireRange(context), severity: severity)]
    }
}
