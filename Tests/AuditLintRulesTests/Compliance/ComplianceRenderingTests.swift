import AuditLintKit
import Testing

@Suite struct ComplianceRenderingTests {
    /// Three STIG requirements on a file with `-all,^-fr`, the mSCP `policy: ahlt,argv`
    /// fix and a 30-day retention; minfree is missing.
    static let sample: ComplianceReport = {
        let text = "flags:lo,aa,ad,-all,^-fr\npolicy: ahlt,argv\nexpire-after:30d\n"
        let full = ComplianceProfile.stig.evaluate(ComplianceTestInput.make(text))
        let ids: Set = [
            "audit_flags_lo_configure", "audit_flags_fr_configure", "audit_failure_halt", "audit_retention_configure",
        ]
        return ComplianceReport(profile: .stig, results: full.results.filter { ids.contains($0.requirement.id) })
    }()

    @Test func jsonKeysAndValuesAsSpecified() {
        let expected =
            #"{"name":"stig","requirements":[{"id":"audit_flags_lo_configure","stig":"APPL-15-001002","cis":"3.2","status":"pass","reason":"effective flags select `lo` on success and failure, as required","literalCheck":"pass"},{"id":"audit_flags_fr_configure","stig":"APPL-15-001022","cis":"3.2","status":"fail","reason":"passes the literal check but not the real one: effective flags select `fr` on neither success nor failure, so failed `fr` is not audited; the literal check `awk -F':' '/^flags/ { print $NF }' AC | tr ',' '\\n' | grep -Ec '\\-fr'` prints `1`","literalCheck":"pass"},{"id":"audit_failure_halt","stig":"APPL-15-001010","cis":null,"status":"fail","reason":"passes the literal check but not the real one: libbsm rejects this policy (` ahlt` is not a policy name), so the kernel fell back to `cnt` only (auditd_set_policy): without ahlt the system keeps running and drops audit records it cannot write; the literal check `awk -F':' '/^policy/ { print $NF }' AC | tr ',' '\\n' | grep -Ec 'ahlt'` prints `1`","literalCheck":"pass"},{"id":"audit_retention_configure","stig":"APPL-15-001029","cis":"3.4","status":"pass","reason":"fails the literal check but passes the real one: effective expire-after `30d` never deletes a trail that `7d` keeps (DISA STIG); the literal check `awk -F: '/expire-after/{print $2}' AC` prints `30d` where `7d` is expected","literalCheck":"fail"}]}"#
        #expect(Self.sample.json() == expected)
    }

    @Test func lintJSONCarriesTheProfileUnchanged() {
        var result = LintResult(files: [], findings: [], rules: [], toolVersion: "9.9.9")
        result.compliance = [ComplianceOutcome(file: "a", report: Self.sample)]
        let head =
            #"{"schemaVersion":1,"tool":{"name":"auditlint","version":"9.9.9"},"findings":[],"#
            + #""summary":{"errors":0,"warnings":0,"notes":0,"suppressed":0,"files":0}"#
        let json = Self.sample.json()
        #expect(JSONReporter.render(result) == head + #","profile":"# + json + "}\n")
        result.compliance.append(ComplianceOutcome(file: "b|\"c\"", report: Self.sample))
        #expect(
            JSONReporter.render(result)
                == head + #","profiles":[{"file":"a","profile":"# + json + #"},{"file":"b|\"c\"","profile":"# + json
                + "}]}\n")
    }

    @Test func textTable() {
        let expected = #"""
            Profile stig: DISA STIG for Apple macOS
            STATUS  RULE   REQUIREMENT                STIG            CIS  LITERAL
            pass    AC501  audit_flags_lo_configure   APPL-15-001002  3.2  pass
                effective flags select `lo` on success and failure, as required
            fail    AC508  audit_flags_fr_configure   APPL-15-001022  3.2  pass
                passes the literal check but not the real one: effective flags select `fr` on neither success nor failure, so failed `fr` is not audited; the literal check `awk -F':' '/^flags/ { print $NF }' AC | tr ',' '\n' | grep -Ec '\-fr'` prints `1`
            fail    AC510  audit_failure_halt         APPL-15-001010  -    pass
                passes the literal check but not the real one: libbsm rejects this policy (` ahlt` is not a policy name), so the kernel fell back to `cnt` only (auditd_set_policy): without ahlt the system keeps running and drops audit records it cannot write; the literal check `awk -F':' '/^policy/ { print $NF }' AC | tr ',' '\n' | grep -Ec 'ahlt'` prints `1`
            pass    AC511  audit_retention_configure  APPL-15-001029  3.4  fail
                fails the literal check but passes the real one: effective expire-after `30d` never deletes a trail that `7d` keeps (DISA STIG); the literal check `awk -F: '/expire-after/{print $2}' AC` prints `30d` where `7d` is expected
            2 passed, 2 failed, 0 not applicable; the literal check disagrees on 3
            """# + "\n"
        #expect(Self.sample.text() == expected)
    }

    @Test func markdownTable() {
        let expected = #"""
            ### Compliance profile `stig`: DISA STIG for Apple macOS

            | Status | Rule | mSCP rule | STIG | CIS | Literal check | Reason |
            |---|---|---|---|---|---|---|
            | pass | AC501 | `audit_flags_lo_configure` | APPL-15-001002 | 3.2 | pass | effective flags select `lo` on success and failure, as required |
            | **fail** | AC508 | `audit_flags_fr_configure` | APPL-15-001022 | 3.2 | pass | passes the literal check but not the real one: effective flags select `fr` on neither success nor failure, so failed `fr` is not audited; the literal check `awk -F':' '/^flags/ { print $NF }' AC \| tr ',' '\n' \| grep -Ec '\-fr'` prints `1` |
            | **fail** | AC510 | `audit_failure_halt` | APPL-15-001010 | — | pass | passes the literal check but not the real one: libbsm rejects this policy (` ahlt` is not a policy name), so the kernel fell back to `cnt` only (auditd_set_policy): without ahlt the system keeps running and drops audit records it cannot write; the literal check `awk -F':' '/^policy/ { print $NF }' AC \| tr ',' '\n' \| grep -Ec 'ahlt'` prints `1` |
            | pass | AC511 | `audit_retention_configure` | APPL-15-001029 | 3.4 | fail | fails the literal check but passes the real one: effective expire-after `30d` never deletes a trail that `7d` keeps (DISA STIG); the literal check `awk -F: '/expire-after/{print $2}' AC` prints `30d` where `7d` is expected |

            2 passed, 2 failed, 0 not applicable; the literal check disagrees on 3
            """# + "\n"
        #expect(Self.sample.markdown() == expected)
    }

    @Test func failuresBecomeFindingsAtTheKeyRange() {
        var asked: [String] = []
        let findings = Self.sample.findings { key in
            asked.append(key)
            return SourceRange(
                file: "audit_control", line: key == "flags" ? 1 : 2, column: key == "flags" ? 7 : 8, length: 3)
        }
        #expect(findings.map(\.ruleId) == ["AC508", "AC510"])
        #expect(asked == ["flags", "policy"])
        #expect(findings.allSatisfy { $0.severity == .error })
        #expect(findings[0].range.start == SourcePosition(line: 1, column: 7))
        #expect(findings[1].range.start == SourcePosition(line: 2, column: 8))
        #expect(
            findings[0].message.hasPrefix(
                "stig: Configure System to Audit All Failed Read Actions on the System (mSCP audit_flags_fr_configure, STIG APPL-15-001022, CIS 3.2) fails: passes the literal check but not the real one"
            ))
        #expect(findings[1].help == "run `auditlint explain AC510`")
        #expect(!Self.sample.passed)
    }

    @Test func notApplicableAndPassingRequirementsAreNoFindings() {
        let report = ComplianceProfile.stig.evaluate(
            ComplianceTestInput.make(ProfileExamples.compliant(.stig, ComplianceOptions(stigRelease: .macOS26))),
            options: ComplianceOptions(stigRelease: .macOS26))
        #expect(report.results.contains { $0.status == .notApplicable })
        #expect(report.findings { SourceRange.wholeFile($0) }.isEmpty)
        #expect(report.passed)
        #expect(
            report.json().contains(#"{"id":"audit_failure_halt","stig":null,"cis":null,"status":"not-applicable","#))
        #expect(report.json().contains(#""literalCheck":null}"#))
    }
}

@Suite struct LiteralCheckTests {
    static let fr = LiteralCheck.tokenCount(key: "flags", pattern: .substring("-fr"))

    @Test func flagsPipelineCountsTokensOfEveryFlagsLine() {
        #expect(Self.fr.command == #"awk -F':' '/^flags/ { print $NF }' AC | tr ',' '\n' | grep -Ec '\-fr'"#)
        #expect(Self.fr.evaluate(Array("flags:lo,-fr\n".utf8)) == .init(passed: true, output: "1"))
        #expect(Self.fr.evaluate(Array("flags:lo,-fr\nflags:-fr\n".utf8)).output == "2")
        #expect(
            Self.fr.evaluate(Array("naflags:-fr\n#flags:-fr\n".utf8)).output == "0",
            "anchored: naflags and comments do not count")
        #expect(
            Self.fr.evaluate(Array("flagsX:-fr".utf8)).output == "1",
            "the regex is a prefix, not a key match; no final newline needed")
        #expect(Self.fr.evaluate(Array("flags:-fr:lo\n".utf8)).output == "0", "$NF is the last colon field")
        #expect(Self.fr.evaluate(Array("flags".utf8)).output == "0")
        let lo = LiteralCheck.tokenCount(key: "flags", pattern: .prefix("lo"))
        #expect(lo.evaluate(Array("flags:^lo,+lo,lo\n".utf8)).output == "1")
        #expect(lo.command.hasSuffix("grep -Ec '^lo'"))
    }

    @Test func secondFieldIsAnExactStringAfterTrailingNewlinesAreStripped() {
        let retention = LiteralCheck.secondField(key: "expire-after", anchored: false, expected: "7d")
        #expect(retention.evaluate(Array("expire-after:7d\n\n".utf8)) == .init(passed: true, output: "7d"))
        #expect(
            retention.evaluate(Array("# expire-after:7d is the STIG value\n".utf8)).output == "7d is the STIG value")
        #expect(retention.evaluate(Array("expire-after:7d\r\n".utf8)).passed == false)
        #expect(retention.evaluate(Array("expire-after:7d \n".utf8)).passed == false)
        #expect(retention.evaluate(Array("expire-after\n".utf8)) == .init(passed: false, output: ""))
        #expect(retention.evaluate(Array("flags:lo\n".utf8)).output == "")
        let minfree = LiteralCheck.secondField(key: "minfree", anchored: true, expected: "25")
        #expect(minfree.command == "awk -F: '/^minfree/{print $2}' AC")
        #expect(minfree.evaluate(Array(" minfree:25\nminfree:25\n".utf8)).passed)
    }
}
