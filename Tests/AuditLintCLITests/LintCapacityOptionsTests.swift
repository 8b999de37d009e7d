import Foundation
import Testing

/// `auditlint lint` with the capacity options: the AC4xx findings state the given numbers,
/// the exit code follows them, and bad values are usage errors.
@Suite struct LintCapacityOptionsTests {
    static let root = LintCommandTests.repositoryRoot

    @Test func rateAndRetentionMakeTheStockConfigurationFail() throws {
        let run = try CLI.run(
            ["lint", "--rate", "1G/day", "--retention", "30d", "Examples/macos-default"], cwd: Self.root)
        #expect(run.status == 1, "\(run.stderr)")
        #expect(
            run.stdout.contains(
                "Examples/macos-default/audit_control:31:14: error: at 1 GiB/day (--rate 1G/day) expire-after `10M` keeps 1"
            ))
        #expect(run.stdout.contains("minutes of history (5 trail files"))
        #expect(run.stdout.contains("below the retention of 30 days (--retention 30d)"))
        #expect(run.stdout.contains("[AC401]"))
    }

    @Test func withoutOptionsTheStockConfigurationPasses() throws {
        let run = try CLI.run(["lint", "Examples/macos-default"], cwd: Self.root)
        #expect(run.status == 0, "\(run.stdout)")
        #expect(!run.stdout.contains("[AC4"))
    }

    @Test func diskOptionsReachTheFindings() throws {
        let run = try CLI.run(
            [
                "lint", "--dialect", "openbsm", "--fail-on", "never", "--format", "json", "--rate", "2G/day",
                "--disk-size", "100G", "--disk-free", "40G", "--horizon", "30d", "Examples/freebsd-default",
            ], cwd: Self.root)
        #expect(run.status == 0, "\(run.stderr)")
        // 10M of trails never reach the soft limit, whatever the rate; the retention is not asked for.
        #expect(!run.stdout.contains("AC403"))
        let budget = try CLI.run(
            [
                "lint", "--dialect", "openbsm", "--rate", "2G/day", "--budget", "1G", "--horizon", "10d", "--fail-on",
                "warning",
                "Examples/stig-macos",
            ], cwd: Self.root)
        #expect(budget.status == 1)
        #expect(budget.stdout.contains("over the budget of 1 GiB (--budget 1G)"), "\(budget.stdout)")
    }

    @Test(arguments: [
        (["--rate", "fast"], "The value 'fast' is invalid for '--rate <rate>'"),
        (["--rate", "1G/day", "--workload", "developer"], "give the volume one way"),
        (["--workload", "toaster"], "The value 'toaster' is invalid for '--workload <name>'"),
        (["--record-size", "300"], "--record-size goes with --rate"),
        (["--disk-size", "100G", "--disk-free", "300G"], "--disk-free 300G is more than --disk-size 100G"),
        (["--retention", "0"], "The value '0' is invalid for '--retention <duration>': must be more than 0"),
    ])
    func badValuesAreUsageErrors(options: [String], message: String) throws {
        let run = try CLI.run(["lint"] + options + ["Examples/macos-default"], cwd: Self.root)
        #expect(run.status == 2, "\(run.stdout)")
        #expect(run.stderr.contains(message), "\(run.stderr)")
    }
}
