import AuditLintKit
import Testing

/// A profile and one of its requirements, for the parameterized pass/fail examples.
struct ProfileRequirement: Sendable, CustomTestStringConvertible {
    var profile: ComplianceProfile
    var requirement: String
    var testDescription: String { "\(profile.name) \(requirement)" }
}

enum ProfileExamples {
    /// Every (profile, requirement) pair under the default options, not-applicable ones left out.
    static let pairs: [ProfileRequirement] = ComplianceProfile.allCases.flatMap { profile in
        profile.requirements().filter {
            if case .notRequired = $0.check { return false }
            return true
        }.map { ProfileRequirement(profile: profile, requirement: $0.id) }
    }

    /// A configuration that meets every requirement of `profile`, literally too.
    static func compliant(_ profile: ComplianceProfile, _ options: ComplianceOptions = ComplianceOptions()) -> String {
        let requirements = profile.requirements(options)
        let continues = requirements.contains { $0.id == "audit_failure_continue" }
        var retention = "7d"
        for requirement in requirements {
            if case .retention(let target) = requirement.check { retention = target.text }
        }
        return """
            dir:/var/audit
            flags:lo,aa,ad,fm,-fm,-ex,-fd,-fr,-fw
            minfree:25
            naflags:lo,aa
            policy:\(continues ? "cnt,argv" : "ahlt,argv")
            filesz:2M
            expire-after:\(retention)

            """
    }

    /// The line that makes the requirement fail, replacing the compliant line for its key.
    static let failing: [String: String] = [
        "audit_flags_lo_configure": "flags:aa,ad,fm,-fm,-ex,-fd,-fr,-fw",
        "audit_flags_aa_configure": "flags:lo,ad,fm,-fm,-ex,-fd,-fr,-fw",
        "audit_flags_ad_configure": "flags:lo,aa,fm,-fm,-ex,-fd,-fr,-fw",
        "audit_flags_ex_configure": "flags:lo,aa,ad,fm,-fm,-fd,-fr,-fw",
        "audit_flags_fd_configure": "flags:lo,aa,ad,fm,-fm,-ex,-fr,-fw",
        "audit_flags_fm_configure": "flags:lo,aa,ad,-fm,-ex,-fd,-fr,-fw",
        "audit_flags_fm_failed_configure": "flags:lo,aa,ad,+fm,-ex,-fd,-fr,-fw",
        "audit_flags_fr_configure": "flags:lo,aa,ad,fm,-fm,-ex,-fd,-fw",
        "audit_flags_fw_configure": "flags:lo,aa,ad,fm,-fm,-ex,-fd,-fr",
        "audit_failure_halt": "policy:cnt,argv",
        "audit_failure_continue": "policy:ahlt,argv",
        "audit_retention_configure": "expire-after:1d",
        "audit_configure_capacity_notify": "minfree:5",
        "audit_naflags_lo_configure": "naflags:aa",
        "audit_filesz_configure": "filesz:0",
    ]

    static func replacing(_ text: String, with line: String) -> String {
        let key = line.prefix { $0 != ":" } + ":"
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix(key) ? line : String($0) }.joined(separator: "\n")
    }
}

@Suite struct ComplianceProfileTests {
    @Test(arguments: ProfileExamples.pairs)
    func requirementPassesAndFails(_ pair: ProfileRequirement) throws {
        let good = ProfileExamples.compliant(pair.profile)
        let passing = pair.profile.evaluate(ComplianceTestInput.make(good))
        let pass = try #require(passing.results.first { $0.requirement.id == pair.requirement })
        #expect(pass.status == .pass, "\(pass.reason)")
        #expect(pass.literalCheck != false, "the canonical value must pass the literal check too: \(pass.reason)")
        #expect(passing.passed)

        let line = try #require(ProfileExamples.failing[pair.requirement], "no failing example for \(pair.requirement)")
        let bad = ProfileExamples.replacing(good, with: line)
        #expect(bad != good)
        let failing = pair.profile.evaluate(ComplianceTestInput.make(bad))
        let fail = try #require(failing.results.first { $0.requirement.id == pair.requirement })
        #expect(fail.status == .fail, "\(fail.reason)")
        #expect(!failing.passed)
    }

    @Test func profileMembership() {
        func ids(_ profile: ComplianceProfile, _ options: ComplianceOptions = ComplianceOptions()) -> [String] {
            profile.requirements(options).map {
                $0.id.replacingOccurrences(of: "audit_", with: "").replacingOccurrences(of: "_configure", with: "")
            }
        }
        #expect(ids(.cisL1) == ["retention"])
        #expect(
            ids(.cisL2) == [
                "flags_lo", "flags_aa", "flags_ad", "flags_ex", "flags_fm_failed", "flags_fr", "flags_fw", "retention",
            ])
        #expect(
            ids(.nist80053Low) == [
                "flags_lo", "flags_aa", "flags_ad", "flags_ex", "flags_fd", "flags_fm_failed", "flags_fr", "flags_fw",
                "failure_halt", "retention",
            ])
        #expect(ids(.nist80053Moderate) == ids(.nist80053Low))
        #expect(ids(.nist80053High) == ids(.nist80053Low) + ["configure_capacity_notify"])
        #expect(
            ids(.nist800171) == [
                "flags_lo", "flags_aa", "flags_ad", "flags_ex", "flags_fm_failed", "flags_fr", "flags_fw",
                "failure_halt", "retention",
            ])
        #expect(
            ids(.cnssi1253) == [
                "flags_lo", "flags_aa", "flags_ad", "flags_ex", "flags_fd", "flags_fm", "flags_fm_failed",
                "flags_fr", "flags_fw", "failure_halt", "retention", "configure_capacity_notify",
            ])
        #expect(
            ids(.stig) == [
                "flags_lo", "flags_aa", "flags_ad", "flags_ex", "flags_fd", "flags_fm", "flags_fr", "flags_fw",
                "failure_halt", "retention", "configure_capacity_notify",
            ])
        #expect(ids(.freebsd) == ["flags_lo", "flags_aa", "naflags_lo", "failure_continue", "filesz"])
    }

    @Test func everyRequirementHasAStableRuleId() {
        let catalog = Dictionary(uniqueKeysWithValues: ComplianceCatalog.ruleIds.map { ($0.requirement, $0.ruleId) })
        #expect(catalog.count == ComplianceCatalog.ruleIds.count)
        #expect(Set(catalog.values).count == catalog.count, "a rule id is used twice")
        #expect(ComplianceCatalog.ruleIds.map(\.ruleId) == (1...15).map { String(format: "AC5%02d", $0) })
        let options = [
            ComplianceOptions(), ComplianceOptions(fmMode: .successAndFailures, haltPolicy: .cnt),
            ComplianceOptions(stigRelease: .macOS26, fmMode: .failures, haltPolicy: .ahlt),
        ]
        var seen = Set<String>()
        for option in options {
            for profile in ComplianceProfile.allCases {
                for requirement in profile.requirements(option) {
                    #expect(catalog[requirement.id] == requirement.ruleId, "\(requirement.id)")
                    seen.insert(requirement.id)
                }
            }
        }
        #expect(seen == Set(catalog.keys), "every catalogued requirement is in some profile")
    }

    /// Each entry of the catalog makes the requirement it declares, whatever the profile.
    @Test func entriesMakeWhatTheyDeclare() {
        let profiles: [ComplianceProfile?] = [nil] + ComplianceProfile.allCases.map { $0 }
        for entry in ComplianceCatalog.entries {
            for profile in profiles {
                let requirement = entry.requirement(for: profile, ComplianceOptions())
                #expect(requirement.id == entry.id && requirement.ruleId == entry.ruleId, "\(entry.id)")
            }
        }
        let ids = ComplianceCatalog.entries.map(\.id)
        #expect(Set(ids).count == ids.count, "a requirement is declared twice")
    }

    @Test func stigIdsFollowTheRelease() throws {
        let fr = { (release: ComplianceOptions.STIGRelease) in
            ComplianceProfile.stig.requirements(ComplianceOptions(stigRelease: release)).first {
                $0.id == "audit_flags_fr_configure"
            }?.stig
        }
        #expect(fr(.macOS14) == "APPL-14-001022")
        #expect(fr(.macOS15) == "APPL-15-001022")
        #expect(fr(.macOS26) == "APPL-26-001022")
        let halt26 = try #require(
            ComplianceProfile.stig.requirements(ComplianceOptions(stigRelease: .macOS26)).first {
                $0.id == "audit_failure_halt"
            })
        #expect(halt26.stig == nil)
        let fmFailed = try #require(
            ComplianceProfile.cisL2.requirements().first { $0.id == "audit_flags_fm_failed_configure" })
        #expect(fmFailed.stig == nil && fmFailed.cis == "3.2")
    }

    @Test func fmOptionChoosesBetweenFmAndDashFm() throws {
        let text = "flags:lo,aa,ad,-fm,-ex,-fd,-fr,-fw\n"
        let byDefault = ComplianceProfile.stig.evaluate(ComplianceTestInput.make(text))
        #expect(byDefault.results.first { $0.requirement.id == "audit_flags_fm_configure" }?.status == .fail)
        #expect(!byDefault.results.contains { $0.requirement.id == "audit_flags_fm_failed_configure" })

        let failures = ComplianceOptions(fmMode: .failures)
        let relaxed = ComplianceProfile.stig.evaluate(ComplianceTestInput.make(text), options: failures)
        #expect(relaxed.results.first { $0.requirement.id == "audit_flags_fm_failed_configure" }?.status == .pass)
        #expect(!relaxed.results.contains { $0.requirement.id == "audit_flags_fm_configure" })
        // The requirement keeps its place in the list.
        #expect(
            relaxed.results.map(\.requirement.ruleId) == [
                "AC501", "AC502", "AC503", "AC504", "AC505", "AC507", "AC508", "AC509",
                "AC510", "AC511", "AC512",
            ])

        let strict = ComplianceOptions(fmMode: .successAndFailures)
        let cnssi = ComplianceProfile.cnssi1253.requirements(strict).map(\.id)
        #expect(cnssi.contains("audit_flags_fm_configure") && !cnssi.contains("audit_flags_fm_failed_configure"))
        let cisStrict = ComplianceProfile.cisL2.evaluate(ComplianceTestInput.make(text), options: strict)
        #expect(cisStrict.results.first { $0.requirement.id == "audit_flags_fm_configure" }?.status == .fail)
        #expect(ComplianceProfile.cisL1.requirements(strict).map(\.id) == ["audit_retention_configure"])
    }

    @Test func haltOptionChoosesBetweenAhltAndCnt() {
        let cnt = ComplianceOptions(haltPolicy: .cnt)
        let nist = ComplianceProfile.nist80053High.evaluate(ComplianceTestInput.make("policy:cnt,argv\n"), options: cnt)
        #expect(nist.results.first { $0.requirement.id == "audit_failure_continue" }?.status == .pass)
        #expect(!nist.results.contains { $0.requirement.id == "audit_failure_halt" })

        let ahlt = ComplianceOptions(haltPolicy: .ahlt)
        let freebsd = ComplianceProfile.freebsd.evaluate(ComplianceTestInput.make("policy:cnt,argv\n"), options: ahlt)
        #expect(freebsd.results.first { $0.requirement.id == "audit_failure_halt" }?.status == .fail)
        let stig26 = ComplianceProfile.stig.evaluate(
            ComplianceTestInput.make("policy:ahlt\n"),
            options: ComplianceOptions(stigRelease: .macOS26, haltPolicy: .ahlt))
        #expect(stig26.results.first { $0.requirement.id == "audit_failure_halt" }?.status == .pass)
        #expect(ComplianceProfile.cisL2.requirements(ahlt).allSatisfy { $0.id != "audit_failure_halt" })
    }

    @Test func cisReleaseSetsTheRetentionValue() {
        let titles = ComplianceOptions.CISRelease.allCases.map { release in
            ComplianceProfile.cisL1.requirements(ComplianceOptions(cisRelease: release))[0].title
        }
        #expect(
            titles == [
                "Configure Audit Retention to 60d OR 1G", "Configure Audit Retention to 60d OR 5G",
                "Configure Audit Retention to 30d",
            ])
        #expect(ComplianceOptions().cisRelease == .macOS26 && ComplianceOptions().stigRelease == .macOS15)
    }
}
