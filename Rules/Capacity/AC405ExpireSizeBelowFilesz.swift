import AuditLintKit

/// AC405: the expire-after size is smaller than filesz: every rotation deletes every closed trail.
public struct AC405ExpireSizeBelowFilesz: Rule {
    public static let description = RuleDescription(
        id: "AC405",
        slug: "expire-size-below-filesz",
        title: "expire-after size below filesz: every rotation deletes all closed trails",
        severity: .warning,
        rationale:
            "A closed trail is at least filesz. When the size limit is smaller, the total is over it after every rotation, so expiry deletes every closed trail and only the active one is ever on disk: the history is one trail's worth.",
        behavior:
            "After a rotation the total is the closed trails plus the new, empty active trail; with OR or a single size term auditd deletes closed trails oldest first while the total exceeds the size, and the one just closed is at least filesz. "
            + CapacityRuleSupport.assumptionsNote,
        references: CapacityRuleSupport.references("the-writer", "expiry"),
        triggeringExamples: [
            RuleExample("filesz:10M\nexpire-after:↓2M\n"),
            RuleExample("filesz:1G\nexpire-after:60d OR ↓500M\n", dialect: .openbsm),
        ],
        nonTriggeringExamples: [
            RuleExample("filesz:2M\nexpire-after:10M\n"),
            RuleExample("filesz:10M\nexpire-after:60d AND 2M\n", comment: "AND also needs the age"),
            RuleExample("filesz:0\nexpire-after:2M\n", comment: "no rotation at all (AC404)"),
        ]
    )

    public init() {}

    public func check(_ context: LintContext) -> [Finding] {
        let control = context.control
        let expire = control.expireAfter
        let filesz = control.filesz.effectiveBytes
        guard expire.isValid, expire.combinator != .and, let size = expire.sizeBytes, size > 0, filesz > 0,
            size < filesz,
            let index = expire.terms.lastIndex(where: { $0.kind == .size }), let range = expire.range(ofTerm: index)
        else { return [] }
        var message =
            "the expire-after size \(Quantity.formatSize(CapacityRuleSupport.bytes(size))) is below filesz (\(Quantity.formatSize(CapacityRuleSupport.bytes(filesz)))): every closed trail is at least filesz, so each rotation deletes all of them and only the active trail is kept"
        if let evaluation = context.capacityEvaluation(), evaluation.bytesPerDay > 0 {
            message +=
                ", at most \(CapacityRuleSupport.duration(evaluation.secondsToWrite(Double(filesz)))) of history at \(evaluation.volumeText)"
        }
        message += "; make the size several times filesz"
        return [finding(message, at: range)]
    }
}
