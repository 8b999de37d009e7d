extension ComplianceCatalog {
    /// The flags and naflags requirements (AC501–AC509, AC514), in report order.
    static let flagsEntries: [Entry] = [
        flags(
            "audit_flags_lo_configure", stig: "001002", cis: "3.2",
            title: "Configure System to Audit All Log In and Log Out Events",
            className: "lo", half: .both, pattern: .prefix("lo"), profiles: macOSFlagsProfiles.union([.freebsd]),
            description: maskRule(
                id: "AC501", slug: "flags-lo", title: "Profile requirement: audit logins and logouts (`lo`)",
                requirement: "`lo` is selected on success and failure", pattern: "^lo",
                rationale:
                    "Every baseline but CIS L1 asks for a record of each login and logout, successful or not (AC-17, AU-2, AU-12).",
                references: ["mSCP audit_flags_lo_configure", "DISA STIG APPL-15-001002", "CIS Apple macOS 3.2 (L2)"],
                triggering: [
                    RuleExample("flags:↓+lo,aa\n", comment: "cis-l2: `+lo` audits successful logins only"),
                    RuleExample(
                        "flags:↓lo, aa\n",
                        comment:
                            "cis-l2: the space makes libbsm reject the whole string, `lo` included, while the literal check still passes"
                    ),
                ],
                nonTriggering: [
                    RuleExample("flags:lo,aa\n", comment: "cis-l2"),
                    RuleExample("flags:all\n", comment: "cis-l2: `all` covers `lo` on both halves"),
                ]
            )
        ),
        flags(
            "audit_flags_aa_configure", stig: "001044", cis: "3.2",
            title: "Configure System to Audit All Authorization and Authentication Events",
            className: "aa", half: .both, pattern: .substring("aa"), profiles: macOSFlagsProfiles.union([.freebsd]),
            description: maskRule(
                id: "AC502", slug: "flags-aa",
                title: "Profile requirement: audit authentication and authorization (`aa`)",
                requirement: "`aa` is selected on success and failure", pattern: "aa",
                rationale:
                    "Authentication and authorization events show who obtained which rights (AU-2, AU-12; STIG APPL-15-001044).",
                references: ["mSCP audit_flags_aa_configure", "DISA STIG APPL-15-001044", "CIS Apple macOS 3.2 (L2)"],
                triggering: [
                    RuleExample(
                        "flags:↓lo,-aa\n",
                        comment: "cis-l2: `-aa` passes the mSCP substring check but audits failures only"),
                    RuleExample(
                        "flags:↓lo,AA\n", comment: "cis-l2: class names are case-sensitive; libbsm rejects the string"),
                ],
                nonTriggering: [
                    RuleExample("flags:lo,aa\n", comment: "cis-l2"),
                    RuleExample(
                        "flags:lo,aa,aa\n", comment: "cis-l2: a duplicate is harmless (the literal check fails on it)"),
                ]
            )
        ),
        flags(
            "audit_flags_ad_configure", stig: "001001", cis: "3.2",
            title: "Configure System to Audit All Administrative Action Events",
            className: "ad", half: .both, pattern: .substring("ad"), profiles: macOSFlagsProfiles,
            description: maskRule(
                id: "AC503", slug: "flags-ad", title: "Profile requirement: audit administrative actions (`ad`)",
                requirement: "`ad` is selected on success and failure", pattern: "ad",
                rationale:
                    "Administrative actions (time changes, account and audit configuration changes) are what an investigation needs first (AC-2(4), AU-12).",
                references: ["mSCP audit_flags_ad_configure", "DISA STIG APPL-15-001001", "CIS Apple macOS 3.2 (L2)"],
                triggering: [
                    RuleExample("flags:↓lo,aa,-ad\n", comment: "cis-l2: failures only; the literal check passes"),
                    RuleExample("flags:↓lo,aa,ad,^ad\n", comment: "cis-l2: the later `^ad` removes it again"),
                ],
                nonTriggering: [
                    RuleExample("flags:lo,aa,ad\n", comment: "cis-l2"),
                    RuleExample("flags:^ad,lo,aa,ad\n", comment: "cis-l2: a `^ad` before `ad` has no effect"),
                ]
            )
        ),
        flags(
            "audit_flags_ex_configure", stig: "001024", cis: "3.2",
            title: "Configure System to Audit All Failed Program Execution on the System",
            className: "ex", half: .failure, pattern: .substring("-ex"), profiles: macOSFlagsProfiles,
            description: maskRule(
                id: "AC504", slug: "flags-failed-ex",
                title: "Profile requirement: audit failed program execution (`-ex`)",
                requirement: "`ex` is selected on failure (`-ex`, `ex` or `-all`)", pattern: "\\-ex",
                rationale:
                    "Denied executions are enforcement actions that must be recorded (AU-12, CM-5(1)); STIG since macOS 14.",
                references: ["mSCP audit_flags_ex_configure", "DISA STIG APPL-15-001024", "CIS Apple macOS 3.2 (L2)"],
                triggering: [
                    RuleExample("flags:↓lo,aa,+ex\n", comment: "cis-l2: successful executions only"),
                    RuleExample(
                        "flags:↓lo,aa,-pc\n",
                        comment:
                            "cis-l2: `-pc` catches exec events at event level, but the requirement names class `ex`"),
                ],
                nonTriggering: [
                    RuleExample("flags:lo,aa,-ex\n", comment: "cis-l2"),
                    RuleExample(
                        "flags:lo,aa,-all\n",
                        comment: "cis-l2: `-all` covers every failure; the literal check fails on it"),
                ]
            )
        ),
        flags(
            "audit_flags_fd_configure", stig: "001020", cis: nil,
            title: "Configure System to Audit All Deletions of Object Attributes",
            className: "fd", half: .failure, pattern: .substring("-fd"),
            profiles: nist80053.union([.cnssi1253, .stig]),
            description: maskRule(
                id: "AC505", slug: "flags-failed-fd", title: "Profile requirement: audit failed deletions (`-fd`)",
                requirement: "`fd` is selected on failure", pattern: "\\-fd",
                rationale:
                    "Denied deletions are enforcement actions of access restrictions (AU-9, AU-12); 800-53, CNSSI-1253 and STIG ask for them.",
                references: ["mSCP audit_flags_fd_configure", "DISA STIG APPL-15-001020"],
                triggering: [
                    RuleExample(
                        "flags:↓lo,aa,-all,^-fd\n",
                        comment: "800-53-low: the trailing `^-fd` removes the failures `-all` added")
                ],
                nonTriggering: [
                    RuleExample("flags:lo,aa,-fd\n", comment: "800-53-low"),
                    RuleExample("flags:lo,aa,fd\n", comment: "800-53-low: both halves include failures"),
                ]
            )
        ),
        // STIG only: `fm` on success and failure.
        flags(
            "audit_flags_fm_configure", stig: "001021", cis: nil,
            title: "Configure System to Audit All Changes of Object Attributes",
            className: "fm", half: .both, pattern: .prefix("fm"), profiles: [.cnssi1253, .stig],
            description: maskRule(
                id: "AC506", slug: "flags-fm",
                title: "Profile requirement: audit attribute changes, successful and failed (`fm`)",
                requirement: "`fm` is selected on success and failure", pattern: "^fm",
                rationale:
                    "The DISA STIG (and so CNSSI-1253) asks for every change of object attributes, not only the failed ones; other baselines ask for `-fm` (AC507). `--profile` options choose one when they conflict.",
                references: [
                    "mSCP audit_flags_fm_configure", "DISA STIG APPL-15-001021",
                    "usnistgov/macos_security #73, #295, #604",
                ],
                triggering: [
                    RuleExample("flags:↓lo,aa,-fm\n", comment: "cnssi-1253: failures only")
                ],
                nonTriggering: [
                    RuleExample("flags:lo,aa,fm\n", comment: "cnssi-1253"),
                    RuleExample("flags:all\n", comment: "cnssi-1253: the literal `'^fm'` check fails on `all`"),
                ]
            )
        ),
        // No STIG id: failed `fm`.
        flags(
            "audit_flags_fm_failed_configure", stig: nil, cis: "3.2",
            title: "Configure System to Audit All Failed Change of Object Attributes",
            className: "fm", half: .failure, pattern: .substring("-fm"),
            profiles: nist80053.union([.cisL2, .nist800171, .cnssi1253]),
            description: maskRule(
                id: "AC507", slug: "flags-failed-fm",
                title: "Profile requirement: audit failed attribute changes (`-fm`)",
                requirement: "`fm` is selected on failure (`-fm`, `fm` or `-all`)", pattern: "\\-fm",
                rationale:
                    "800-53, 800-171, CNSSI-1253 and CIS ask for denied attribute changes; auditing every successful change floods the trail (mSCP #73).",
                references: ["mSCP audit_flags_fm_failed_configure", "CIS Apple macOS 3.2 (L2)"],
                triggering: [
                    RuleExample("flags:↓lo,aa,+fm\n", comment: "cis-l2: successes only")
                ],
                nonTriggering: [
                    RuleExample("flags:lo,aa,-fm\n", comment: "cis-l2"),
                    RuleExample(
                        "flags:lo,aa,fm\n",
                        comment: "cis-l2: `fm` covers failures; the literal `'\\-fm'` check fails on it"),
                ]
            )
        ),
        flags(
            "audit_flags_fr_configure", stig: "001022", cis: "3.2",
            title: "Configure System to Audit All Failed Read Actions on the System",
            className: "fr", half: .failure, pattern: .substring("-fr"), profiles: macOSFlagsProfiles,
            description: maskRule(
                id: "AC508", slug: "flags-failed-fr", title: "Profile requirement: audit failed reads (`-fr`)",
                requirement: "`fr` is selected on failure (`-fr`, `fr` or `-all`)", pattern: "\\-fr",
                rationale: "Denied reads are the trace of attempts to reach protected data (AU-12, AC-6(9)).",
                references: ["mSCP audit_flags_fr_configure", "DISA STIG APPL-15-001022", "CIS Apple macOS 3.2 (L2)"],
                triggering: [
                    RuleExample(
                        "flags:↓lo,aa,-all,^-fr\n",
                        comment:
                            "cis-l2: `^-fr` after `-all` removes failed reads, yet the literal check counts the `^-fr` token"
                    ),
                    RuleExample("flags:↓lo,aa,^-fr\n", comment: "cis-l2: an exclusion alone passes the literal check"),
                ],
                nonTriggering: [
                    RuleExample("flags:lo,aa,-fr\n", comment: "cis-l2"),
                    RuleExample(
                        "flags:lo,aa,^-fr,-all\n",
                        comment: "cis-l2: the exclusion comes first, so `-all` adds failed reads back"),
                ]
            )
        ),
        flags(
            "audit_flags_fw_configure", stig: "001023", cis: "3.2",
            title: "Configure System to Audit All Failed Write Actions on the System",
            className: "fw", half: .failure, pattern: .substring("-fw"), profiles: macOSFlagsProfiles,
            description: maskRule(
                id: "AC509", slug: "flags-failed-fw", title: "Profile requirement: audit failed writes (`-fw`)",
                requirement: "`fw` is selected on failure (`-fw`, `fw` or `-all`)", pattern: "\\-fw",
                rationale: "Denied writes are enforcement actions of access restrictions (AU-12, AC-6(9)).",
                references: ["mSCP audit_flags_fw_configure", "DISA STIG APPL-15-001023", "CIS Apple macOS 3.2 (L2)"],
                triggering: [
                    RuleExample("flags:↓lo,aa\n", comment: "cis-l2")
                ],
                nonTriggering: [
                    RuleExample("flags:lo,aa,-fw\n", comment: "cis-l2"),
                    RuleExample("flags:lo,aa,fw\n", comment: "cis-l2: `fw` covers failures"),
                ]
            )
        ),
        // auditlint id (FreeBSD default `naflags:lo,aa`): non-attributable `lo`. No literal checker.
        Entry(
            id: "audit_naflags_lo_configure", profiles: [.freebsd],
            description: maskRule(
                id: "AC514", slug: "naflags-lo",
                title: "Profile requirement: audit non-attributable logins (`naflags` `lo`)",
                requirement: "`naflags` selects `lo` on success and failure", pattern: nil,
                rationale:
                    "Login attempts made before a user is known (an unknown name at sshd, for example) have no audit user id; only `naflags` records them. FreeBSD's default and handbook configuration is `naflags:lo,aa`.",
                references: [
                    "auditlint requirement audit_naflags_lo_configure (FreeBSD handbook, audit_control defaults)",
                    RuleReference.compliance("naflags-lo"), RuleReference.compliance("freebsd-guidance"),
                    RuleReference.auditControl("naflags"),
                ],
                triggering: [
                    RuleExample("naflags:↓aa\n", dialect: .openbsm, comment: "freebsd")
                ],
                nonTriggering: [
                    RuleExample("naflags:lo,aa\n", dialect: .openbsm, comment: "freebsd")
                ],
                key: "naflags"
            )
        ) { _, _ in
            ComplianceRequirement(
                stig: nil, cis: nil,
                title: "Configure System to Audit Non-Attributable Log In and Log Out Events",
                check: .naflags(className: "lo", half: .both), literalCheck: nil)
        },
    ]

    /// A description for a flags (or naflags) requirement; the behaviour text states the
    /// semantics shared by all of them.
    static func maskRule(
        id: String, slug: String, title: String, requirement: String, pattern: String?,
        rationale: String, references: [String], triggering: [RuleExample], nonTriggering: [RuleExample],
        key: String = "flags"
    ) -> RuleDescription {
        let consumer =
            key == "flags"
            ? "`flags` is read at login by au_user_mask() (libbsm bsm_user.c); `audit -s` does not change running sessions, so a fix applies at the next login."
            : "`naflags` is pushed to the kernel by auditd (auditd_set_namask) for records without an audit user id."
        let literal =
            pattern.map {
                " The mSCP/STIG check instead runs `awk -F':' '/^flags/ { print $NF }' | tr ',' '\\n' | grep -Ec '\($0)'` and needs exactly 1 matching token, so it is blind to prefixes and supersets and fails on duplicates."
            } ?? " No mainstream checker tests this requirement."
        return RuleDescription(
            id: id, slug: slug, title: title, severity: .error,
            rationale: rationale,
            behavior:
                "Evaluated on the effective mask, as libbsm's getauditflagsbin() computes it: elements apply left to right, `^` removes, `+`/`-` select the success or failure half, `all` and unprefixed names cover both halves; any class name not in audit_class (a space, upper case, a `\\r`) makes libbsm reject the whole string. The requirement is met when \(requirement). \(consumer)\(literal) \(literalNote)",
            references: references + [RuleReference.compliance("flags-requirements")] + commonReferences + [
                RuleReference.auditControl("audit-flags-grammar")
            ],
            triggeringExamples: triggering,
            nonTriggeringExamples: nonTriggering
        )
    }
}
