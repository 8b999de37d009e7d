extension ComplianceCatalog {
    /// The policy requirements (AC510, AC513), in report order.
    static let policyEntries: [Entry] = [
        // `ahlt` without `cnt` (mSCP check `grep -Ec 'ahlt'` on the policy tokens). STIG 14/15
        // only; the macOS 26 STIG lists it as not applicable.
        Entry(
            id: "audit_failure_halt", profiles: nist80053.union([.nist800171, .cnssi1253, .stig]),
            description: RuleDescription(
                id: "AC510", slug: "policy-halt",
                title: "Profile requirement: halt when audit records cannot be written (`ahlt`)",
                severity: .error,
                rationale:
                    "800-53 AU-5, 800-171, CNSSI-1253 and the macOS 14/15 STIG want the system to stop rather than run unaudited. The macOS 26 STIG dropped it (not applicable there); FreeBSD and the OpenBSM man page recommend `cnt` instead (AC513), and `--profile` options choose between the two.",
                behavior:
                    "Evaluated on the policy the kernel ends up with. libbsm's au_strtopol() splits on `,` with strsep and compares names exactly, so a leading space (the mSCP fix writes `policy: ahlt,argv`), upper case, an empty element or a trailing comma makes it fail, and auditd_set_policy() then sets the kernel policy to `cnt` only: the kernel fell back to cnt and never halts. With `ahlt` the kernel panics when a trail write fails, and at the hard limit the write fails with ENOSPC (xnu and FreeBSD audit_worker.c), so `ahlt` with or without `cnt` halts the system and meets the requirement, as the official check says; what `cnt` costs (no fail-stop first, so the record that meets the full disk is lost, mSCP #78) is AC302's warning. The mSCP/STIG check only counts policy tokens containing `ahlt`. \(literalNote)",
                references: [
                    "mSCP audit_failure_halt", "DISA STIG APPL-14-001010, APPL-15-001010 (not in APPL-26)",
                    "usnistgov/macos_security #78",
                    RuleReference.compliance("policy-halt"), RuleReference.auditControl("policy"),
                    RuleReference.auditControl("policy-names"),
                ] + commonReferences,
                triggeringExamples: [
                    RuleExample(
                        "policy:↓ ahlt,argv\n",
                        comment:
                            "800-53-low: the mSCP remediation itself; passes the literal check, but the kernel runs with `cnt`"
                    ),
                    RuleExample(
                        "↓flags:lo,aa\n",
                        comment: "800-53-low: no policy line, so the kernel runs with `cnt`; reported on the file"),
                ],
                nonTriggeringExamples: [
                    RuleExample("policy:ahlt,argv\n", comment: "800-53-low"),
                    RuleExample(
                        "policy:cnt,ahlt\n",
                        comment:
                            "800-53-low: the failed write at a full disk panics (AC302 warns about the lost record)"),
                ]
            )
        ) { profile, o in
            let dropped = o.stigRelease == .macOS26
            let required = !(profile == .stig && dropped)
            return ComplianceRequirement(
                stig: dropped ? nil : stig("001010", o), cis: nil,
                title: "Configure System to Shut Down Upon Audit Failure",
                check: required
                    ? .halt : .notRequired("the macOS 26 STIG (mSCP tahoe) no longer requires ahlt (disa_stig: N/A)"),
                literalCheck: required ? .tokenCount(key: "policy", pattern: .substring("ahlt")) : nil)
        },
        // auditlint id (FreeBSD handbook and audit_control(5) recommend `cnt`): `cnt`
        // without `ahlt`. No literal checker.
        Entry(
            id: "audit_failure_continue", profiles: [.freebsd],
            description: RuleDescription(
                id: "AC513", slug: "policy-continue",
                title: "Profile requirement: keep running when audit records cannot be written (`cnt` without `ahlt`)",
                severity: .error,
                rationale:
                    "The FreeBSD handbook calls `cnt` \"highly recommended\" and audit_control(5) advises against `ahlt` unless halting on a full disk is intended: an audit failure should not take a server down.",
                behavior:
                    "Evaluated on the policy the kernel ends up with: without `cnt` the kernel fail-stops when free space runs out, with `ahlt` it panics on any trail write error. A policy line libbsm rejects still leaves the kernel on `cnt` (auditd_set_policy), which meets this requirement but loses `argv`. No mainstream checker tests it.",
                references: [
                    "auditlint requirement audit_failure_continue (FreeBSD handbook \"The audit_control File\", OpenBSM audit_control(5))",
                    RuleReference.compliance("policy-continue"), RuleReference.compliance("freebsd-guidance"),
                    RuleReference.compliance("conflicts-between-baselines"),
                    RuleReference.kernel("cnt-and-ahlt-when-space-runs-out"),
                ],
                triggeringExamples: [
                    RuleExample("policy:↓ahlt,argv\n", dialect: .openbsm, comment: "freebsd"),
                    RuleExample(
                        "policy:↓argv\n", dialect: .openbsm,
                        comment: "freebsd: no `cnt`, so the kernel fail-stops when the disk fills"),
                ],
                nonTriggeringExamples: [
                    RuleExample("policy:cnt,argv\n", dialect: .openbsm, comment: "freebsd")
                ]
            )
        ) { _, _ in
            ComplianceRequirement(
                stig: nil, cis: nil,
                title: "Configure System to Continue Upon Audit Failure (cnt)",
                check: .continueOnFailure, literalCheck: nil)
        },
    ]
}
