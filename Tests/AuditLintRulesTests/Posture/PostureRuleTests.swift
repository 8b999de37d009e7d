import AuditLintKit
import Testing

@testable import AuditLintRules

/// The security posture rules (AC3xx): messages, effective-policy reasoning and fixes.
@Suite struct PostureRuleTests {
    @Test func failStopStatesTheQueueEstimateForTheQueueSize() throws {
        let found = findings("AC301", "policy:ahlt\nqsize:1000\n", dialect: .openbsm)
        let message = try #require(found.first?.message)
        #expect(message.contains("about 31 MiB ((qsize 1000 + 1) × 32767 bytes)"))
        #expect(message.contains("with ahlt any other trail write error panics too"))
        #expect(findings("AC301", "policy:argv\n").first?.message.contains("ahlt") == false)
    }

    @Test func halfAHaltPointsAtAhlt() throws {
        let finding = try #require(findings("AC302", "policy:cnt,ahlt,argv\n").first)
        #expect(finding.range == SourceRange(file: "audit_control", line: 1, column: 12, length: 4))
        #expect(finding.message.contains("remove ahlt to keep running, or remove cnt"))
        // The same story as the compliance verdict (AC510 passes cnt,ahlt): the failed
        // write at a full disk panics, so the system halts; what cnt costs is the record.
        #expect(finding.message.contains("the system halts when the disk fills"))
        #expect(finding.message.contains("the record that meets the full disk is lost"))
        #expect(!finding.message.contains("never halts"))
    }

    @Test func argeFixRemovesOnlyArge() throws {
        let text = "policy:cnt,arge,argv\n"
        let fix = try #require(findings("AC303", text).first?.fix)
        #expect(applying([fix], to: text) == "policy:cnt,argv\n")
        #expect(findings("AC303", "policy:arge\n").first?.fix == nil)
    }

    @Test func execWithoutArgvSaysWhyArgvIsMissingAndFixesValidPolicies() throws {
        let text = "flags:lo,aa,-ex\npolicy:cnt\n"
        let finding = try #require(findings("AC304", text).first)
        #expect(applying([try #require(finding.fix)], to: text) == "flags:lo,aa,-ex\npolicy:cnt,argv\n")
        let rejected = try #require(findings("AC304", "flags:lo,pc\npolicy:cnt,argv,seq\n").first)
        #expect(rejected.message.contains("the kernel rejects the whole policy because of seq"))
        #expect(rejected.fix == nil)
        let missing = try #require(findings("AC304", "flags:lo\nnaflags:ex\n").first)
        #expect(missing.message.hasPrefix("flags and naflags audit exec events") == false)
        #expect(missing.message.hasPrefix("naflags audits exec events"))
        #expect(missing.message.contains("policy is missing, so auditd sets cnt only"))
    }

    @Test func loginRuleNamesTheMissingHalves() throws {
        let message = try #require(findings("AC305", "flags:+lo,-aa\n").first?.message)
        #expect(
            message.contains("failed logins and logouts (-lo) or successful authentication and authorization (+aa)"))
        #expect(findings("AC305", "flags:-all,lo,aa\n").isEmpty)
    }

    @Test func naflagsExtraClassesAreListed() throws {
        let message = try #require(findings("AC306", "flags:lo,-fr\nnaflags:lo,fr,+ex\n").first?.message)
        #expect(message.contains("`+fr,+ex`"))
    }

    @Test func exclusionOrder() throws {
        let undone = try #require(findings("AC309", "flags:lo,^-fr,-all\n").first)
        #expect(undone.message.contains("`^-fr` comes before `-all`"))
        #expect(undone.range == SourceRange(file: "audit_control", line: 1, column: 10, length: 4))
        let dropped = try #require(findings("AC310", "flags:lo,aa,-all,^-fr,^-ex\n").last)
        #expect(dropped.message.contains("failed executions (-ex)"))
        #expect(findings("AC310", "flags:lo,aa,-all,^-fr\n").first?.message.contains("failed reads (-fr)") == true)
        #expect(findings("AC310", "naflags:-all,^-fr\n").isEmpty)
    }

    @Test func macOSNoteOnlyForTheMacOSDialect() {
        #expect(findings("AC308", "flags:lo\n", dialect: .macos).count == 1)
        #expect(findings("AC308", "flags:lo\n", dialect: .openbsm).isEmpty)
    }
}
