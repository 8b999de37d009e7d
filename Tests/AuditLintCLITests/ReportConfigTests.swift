import Foundation
import Testing

@Suite struct ReportConfigTests {
    static let root = LintCommandTests.repositoryRoot

    @Test func reportReadsTheConfigsEffectiveSettings() throws {
        let run = try CLI.run(
            [
                "report", "Examples/stig-macos", "--workload", "developer", "--disk-size", "256G",
                "--disk-free", "100G", "--retention", "7d", "--start", "1700000000",
            ], cwd: Self.root)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("expire-after 7 days"))
        #expect(run.stdout.contains("flags lo,aa,ad,fd,fm,-fr,-fw,-ex"))
        #expect(run.stdout.contains("the effective values of Examples/stig-macos/audit_control"))
    }

    /// The spec's first worked example: filesz 2M, expire-after 10M at 1 GiB/day keeps
    /// about 13 minutes.
    @Test func theDefaultConfigKeepsLessThanTheRetention() throws {
        let run = try CLI.run(
            [
                "report", "Examples/macos-default/audit_control", "--rate", "1G/day", "--disk-size", "256G",
                "--disk-free", "100G", "--retention", "30d", "--start", "1700000000",
            ], cwd: Self.root)
        #expect(run.status == 1)
        #expect(run.stdout.contains("minutes of history kept: below the retention of 30 days"), "\(run.stdout)")
    }

    @Test func aConfigWithoutMinfreeIsRefused() throws {
        let run = try CLI.run(
            [
                "report", "Tests/AuditLintCLITests/Fixtures/no-minfree/audit_control", "--rate", "1G/day",
                "--disk-size", "100G", "--disk-free", "50G",
            ], cwd: Self.root)
        #expect(run.status == 2)
        #expect(run.stderr.contains("auditd would not start"))
    }
}

@Suite struct ReportPolicyOptionTests {
    @Test func policyOptionIsReadAsLibbsmReadsIt() throws {
        let bad = try CLI.run([
            "report", "--rate", "1G/day", "--disk-size", "10G", "--disk-free", "5G", "--policy", "cnt, argv",
        ])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("` argv` is not a policy name"))
        let good = try CLI.run([
            "report", "--rate", "1G/day", "--disk-size", "10G", "--disk-free", "5G", "--policy", "ahlt,argv",
            "--start", "1700000000", "--format", "json",
        ])
        #expect(good.stdout.contains("\"policy\":\"ahlt\""), "\(good.stdout.prefix(400))")
    }
}
