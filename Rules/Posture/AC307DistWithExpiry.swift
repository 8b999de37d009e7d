import AuditLintKit

/// AC307: `dist:on` with expiry: expired trails keep their blocks until auditdistd removes the link.
public struct AC307DistWithExpiry: Rule {
    public static let description = RuleDescription(
        id: "AC307",
        slug: "dist-with-expiry",
        title: "dist:on with expire-after: expiry frees no space until auditdistd has sent the trail",
        severity: .warning,
        rationale:
            "With dist on, every trail has a second hard link in <dir>/dist for auditdistd. Expiry deletes the trail's name, but its blocks stay allocated until auditdistd removes the dist link, so when auditdistd is stopped or behind, expiry frees nothing and the disk fills although expire-after looks bounded.",
        behavior:
            "auditd hard-links each new trail to <dir>/dist/<name> (auditdist_link) and renames it in step; auditd_expire_trails unlinks only the name in <dir>. dist is read at auditd start only.",
        references: [
            Doc.auditControl("dist"), Doc.kernel("directories-and-trail-names"), Doc.capacityModel("rules-of-thumb"),
            "libauditd auditd_lib.c auditdist_link, auditd_expire_trails",
        ],
        triggeringExamples: [
            RuleExample("dist:↓on\nexpire-after:10M\n", dialect: .openbsm),
            RuleExample("dist:↓YES\nexpire-after:60d OR 5G\n", dialect: .openbsm),
        ],
        nonTriggeringExamples: [
            RuleExample("dist:off\nexpire-after:10M\n", dialect: .openbsm),
            RuleExample("dist:on\n", dialect: .openbsm, comment: "nothing expires anyway"),
            RuleExample(
                "dist:on\nexpire-after:10M\n", dialect: .macos, comment: "Apple's auditd does not read dist (AC108)"),
        ]
    )

    public init() {}

    public func check(_ context: LintContext) -> [Finding] {
        let control = context.control
        guard control.dist.isEnabled, control.expireAfter.expiresAnything, let value = control.dist.entry?.value,
            let expire = control.expireAfter.written
        else { return [] }
        return [
            finding(
                "dist is on, so every trail also has a hard link in <dir>/dist: expire-after \(QuotedText.code(expire)) deletes a trail's name but its blocks stay allocated until auditdistd removes that link; make sure auditdistd runs and keeps up, or watch the dist directories' size",
                at: value.range(from: 0)
            )
        ]
    }
}
