extension ComplianceCatalog {
    /// The retention and capacity requirements (AC511, AC512, AC515), in report order.
    static let retentionEntries: [Entry] = [
        // The retention each baseline names (mSCP unanchored `awk -F: '/expire-after/{print $2}'`
        // compared with the ODV).
        Entry(
            id: "audit_retention_configure", profiles: Set(ComplianceProfile.allCases).subtracting([.freebsd]),
            description: RuleDescription(
                id: "AC511", slug: "retention",
                title: "Profile requirement: keep trails at least as long as the benchmark's `expire-after`",
                severity: .error,
                rationale:
                    "Audit records must be kept long enough to investigate (AU-11). The value moved between releases: STIG and NIST `7d`; CIS `60d OR 1G` (macOS 11/12), `60d OR 5G` (macOS 13 to 15 v2.0.0), at least `30d` (macOS 26 v1.1.0, the default; `--profile` options pick the release).",
                behavior:
                    "Evaluated as a dominance test on the effective expire-after (getacexpire): the file passes when auditd never deletes a trail the benchmark's value would keep. `60d` alone and `60d AND 5G` keep more than `60d OR 5G`; `60d OR 5G` guarantees no age, because the size cap may delete young trails; a second term of the same kind overwrites the first (`7d OR 30d` is `30d`). Unit case matters: `60D` or `5g` make libbsm reject the value and auditd then expires nothing; a missing line, `0`, or an AND with a zero term never deletes anything, so no retention policy is in effect. The mSCP/STIG check is `awk -F: '/expire-after/{print $2}'` compared with the value as an exact string: unanchored (it reads comments), blind to spaces and to larger values. \(literalNote)",
                references: [
                    "mSCP audit_retention_configure", "DISA STIG APPL-15-001029", "CIS Apple macOS 3.4 (L1)",
                    "fleetdm/fleet PR #9554, #49815",
                    RuleReference.compliance("retention"), RuleReference.auditControl("expire-after"),
                ] + commonReferences,
                triggeringExamples: [
                    RuleExample(
                        "expire-after:↓60d OR 5G\n",
                        comment: "cis-l1 (CIS macOS 26 v1.1.0, at least 30d): the 5G cap guarantees no age"),
                    RuleExample(
                        "expire-after:↓60D\n",
                        comment: "cis-l1: upper-case `D` is a size unit libbsm rejects, so nothing ever expires"),
                    RuleExample("↓flags:lo,aa\n", comment: "cis-l1: no expire-after line; reported on the file"),
                ],
                nonTriggeringExamples: [
                    RuleExample("expire-after:30d\n", comment: "cis-l1"),
                    RuleExample(
                        "expire-after:60d AND 5G\n",
                        comment: "cis-l1: deletes only trails older than 60 days; the literal check fails on it"),
                ]
            )
        ) { profile, o in
            let target: RetentionTarget =
                switch profile {
                case .cisL1, .cisL2: o.cisRelease.retention
                case .stig: RetentionTarget(age: 7 * 86_400, size: nil, text: "7d", source: "DISA STIG")
                default:
                    RetentionTarget(age: 7 * 86_400, size: nil, text: "7d", source: "mSCP 800-53/800-171/CNSSI ODV")
                }
            return retention(target, o)
        },
        // `minfree` 25 (mSCP `awk -F: '/^minfree/{print $2}'` == `25`).
        Entry(
            id: "audit_configure_capacity_notify", profiles: [.nist80053High, .cnssi1253, .stig],
            description: RuleDescription(
                id: "AC512", slug: "minfree-capacity-warning",
                title: "Profile requirement: warn when audit storage reaches 75% (`minfree` at least 25)",
                severity: .error,
                rationale:
                    "800-53 high, CNSSI-1253 and the STIG want a warning while a quarter of the audit file system is still free (AU-5(1)).",
                behavior:
                    "Evaluated on the effective minfree (libbsm getacmin uses atoi, so ` 25` and `25%` read as 25): at least 25 and at most 100 passes, since a larger value warns earlier. A missing or out-of-range minfree stops auditd from starting; `0` disables the warning. The mSCP/STIG check compares `awk -F: '/^minfree/{print $2}'` with `25` as a string. \(literalNote)",
                references: [
                    "mSCP audit_configure_capacity_notify", "DISA STIG APPL-15-001030",
                    RuleReference.compliance("minfree-capacity-warning"), RuleReference.auditControl("minfree"),
                ] + commonReferences,
                triggeringExamples: [
                    RuleExample("minfree:↓5\n", comment: "800-53-high: the OpenBSM default")
                ],
                nonTriggeringExamples: [
                    RuleExample("minfree:25\n", comment: "800-53-high"),
                    RuleExample("minfree:30\n", comment: "800-53-high: warns earlier; the literal check fails on it"),
                ]
            )
        ) { _, o in
            ComplianceRequirement(
                stig: stig("001030", o), cis: nil,
                title: "Configure Audit Capacity Warning (minfree 25)",
                check: .minfree(atLeast: 25),
                literalCheck: .secondField(key: "minfree", anchored: true, expected: "25"))
        },
        // auditlint id (FreeBSD default `filesz:2M`, minimum 512K): trails rotate by size, so
        // expiry runs. No literal checker.
        Entry(
            id: "audit_filesz_configure", profiles: [.freebsd],
            description: RuleDescription(
                id: "AC515", slug: "filesz-rotation",
                title: "Profile requirement: rotate trails by size (`filesz` at least 512K)",
                severity: .error,
                rationale:
                    "auditd applies expire-after only when a trail is closed; without size-based rotation trails close only on `audit -n`, so expiry and the capacity warnings lag. FreeBSD's default is `filesz:2M`.",
                behavior:
                    "Evaluated on the effective filesz (getacfilesz: upper-case B/K/M/G, 0 or at least 512K; smaller values are rejected and the kernel keeps 0 at boot). `0` or a missing line means no size-based rotation. No mainstream checker tests it.",
                references: [
                    "auditlint requirement audit_filesz_configure (FreeBSD handbook \"The audit_control File\")",
                    RuleReference.compliance("filesz-rotation"),
                    RuleReference.auditControl("filesz"), RuleReference.compliance("freebsd-guidance"),
                ],
                triggeringExamples: [
                    RuleExample("filesz:↓0\n", dialect: .openbsm, comment: "freebsd")
                ],
                nonTriggeringExamples: [
                    RuleExample("filesz:2M\n", dialect: .openbsm, comment: "freebsd")
                ]
            )
        ) { _, _ in
            ComplianceRequirement(
                stig: nil, cis: nil,
                title: "Configure Trail Rotation by Size (filesz at least 512K)",
                check: .rotation(minimumBytes: 512 << 10), literalCheck: nil)
        },
    ]

    /// `audit_retention_configure` with the given target.
    static func retention(_ target: RetentionTarget, _ o: ComplianceOptions) -> ComplianceRequirement {
        ComplianceRequirement(
            stig: stig("001029", o), cis: "3.4",
            title: "Configure Audit Retention to \(target.text)",
            check: .retention(target),
            literalCheck: .secondField(key: "expire-after", anchored: false, expected: target.text)
        )
    }
}
