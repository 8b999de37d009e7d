import Foundation
import Testing

/// Numbers from a config or an option never crash a command, a simulation's work is
/// bounded, and an estimate that cannot know says so.
@Suite struct ArithmeticBoundsCommandTests {
    static let config = "dir:/var/audit\nflags:lo,aa\nminfree:5\nnaflags:lo,aa\npolicy:cnt,argv\nexpire-after:10M\n"

    /// `filesz:-1` wraps to 2^64 − 1 in libbsm: the capacity model used to trap on it.
    @Test(arguments: [[], ["--rate", "1G/day", "--retention", "1d"]])
    func negativeFileszIsLinted(options: [String]) throws {
        let scratch = try EstimateScratch()
        defer { scratch.remove() }
        let path = try scratch.file("audit_control", Self.config + "filesz:-1\n")
        let run = try CLI.run(["lint", "--dialect", "openbsm"] + options + [path])
        #expect([0, 1].contains(run.status), "\(run.stderr)")
        #expect(run.stdout.contains("filesz"), "\(run.stdout)")
    }

    /// 750 million rotations: refused at once with the horizon that fits.
    @Test func lintRefusesAHorizonTooLongToSimulate() throws {
        let scratch = try EstimateScratch()
        defer { scratch.remove() }
        let path = try scratch.file("audit_control", Self.config + "filesz:512K\n")
        let run = try CLI.run(["lint", "--dialect", "openbsm", "--rate", "10G/day", "--horizon", "36500d", path])
        #expect(run.status == 2, "\(run.stdout)")
        #expect(run.stderr.contains("a horizon of 36500 days is too long to simulate"), "\(run.stderr)")
        #expect(run.stderr.contains("give a horizon of at most 878d (--horizon)"), "\(run.stderr)")
    }

    @Test func reportRefusesAHorizonTooLongToSimulate() throws {
        let run = try CLI.run([
            "report", "--rate", "10G/day", "--filesz", "512K", "--horizon", "36500d", "--disk-size", "1T",
            "--disk-free", "500G",
        ])
        #expect(run.status == 2, "\(run.stdout)")
        #expect(run.stderr.contains("give a horizon of at most 878d (--horizon)"), "\(run.stderr)")
    }

    /// The sample holds execs, failed reads and a non-attributable login: `+fw` is not in it.
    @Test func additionsTheSampleCannotContainAreNotFree() throws {
        let scratch = try EstimateScratch()
        defer { scratch.remove() }
        let common = [
            "estimate", scratch.trail, "--flags", "ex,fr", "--naflags", "lo", "--policy", "cnt,argv",
            "--compare-additions",
        ]
        let unknown = try CLI.run(common)
        #expect(unknown.status == 0, "\(unknown.stderr)")
        let row = try #require(unknown.stdout.split(separator: "\n").first { $0.hasPrefix("+fw ") })
        #expect(row.hasSuffix("unknown (not sampled)"), "\(unknown.stdout)")
        #expect(unknown.stdout.contains("lower bounds: the sample cannot tell about classes that"))
        #expect(unknown.stdout.contains("--sample-flags all"))
        // Recorded with every class, fw is truly absent: adding it is free.
        let known = try CLI.run(common + ["--sample-flags", "all"])
        let knownRow = try #require(known.stdout.split(separator: "\n").first { $0.hasPrefix("+fw ") })
        #expect(knownRow.hasSuffix("="), "\(known.stdout)")
        // Recorded with ex,fr (and lo for non-attributable records): fw could not be in it.
        let partial = try CLI.run(common + ["--sample-flags", "ex,fr/lo", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(partial.stdout.utf8)) as? [String: Any])
        let candidates = try #require(object["candidates"] as? [[String: Any]])
        let fw = try #require(candidates.first { $0["label"] as? String == "+fw" })
        #expect(fw["lowerBound"] as? Bool == true)
        #expect((fw["unsampled"] as? [String: [String]])?["flags"] == ["fw"])
        #expect((fw["notes"] as? [String])?.last?.contains("the sample was not recorded with them") == true)
        #expect(candidates.first?["lowerBound"] as? Bool == false)
    }

    @Test func badSampleFlagsAreAUsageError() throws {
        let scratch = try EstimateScratch()
        defer { scratch.remove() }
        let run = try CLI.run(["estimate", scratch.trail, "--sample-flags", "lo,nosuchclass"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("--sample-flags: 'lo,nosuchclass' is not a flags value"), "\(run.stderr)")
    }

    /// `report` and `lint --trail` say the volume is a lower bound, naming the classes.
    @Test func reportAndLintSayTheVolumeIsALowerBound() throws {
        let scratch = try EstimateScratch()
        defer { scratch.remove() }
        let report = try CLI.run([
            "report", "--trail", scratch.trail, "--flags", "ex,fw", "--disk-size", "100G", "--disk-free", "50G",
            "--horizon", "2d",
        ])
        #expect([0, 1].contains(report.status), "\(report.stderr)")
        #expect(report.stdout.contains("the volume is a lower bound: flags fw,-ex"), "\(report.stdout)")
        let exact = try CLI.run([
            "report", "--trail", scratch.trail, "--flags", "ex,fw", "--disk-size", "100G", "--disk-free", "50G",
            "--horizon", "2d",
            "--sample-flags", "all",
        ])
        #expect(!exact.stdout.contains("lower bound"), "\(exact.stdout)")
        let path = try scratch.file("audit_control", Self.config + "filesz:2M\n")
        let lint = try CLI.run([
            "lint", "--dialect", "openbsm", "--trail", scratch.trail, "--sample-flags", "lo,aa/lo", path,
        ])
        #expect([0, 1].contains(lint.status), "\(lint.stderr)")
        // Without a sample the option has nothing to describe.
        let alone = try CLI.run(["lint", "--dialect", "openbsm", "--sample-flags", "all", path])
        #expect(
            alone.status == 2 && alone.stderr.contains("--sample-flags says what a sample was recorded with"),
            "\(alone.stderr)")
        let reportAlone = try CLI.run([
            "report", "--rate", "1G/day", "--sample-flags", "all", "--disk-size", "100G", "--disk-free", "50G",
        ])
        #expect(
            reportAlone.status == 2
                && reportAlone.stderr.contains("--sample-flags says what a sample was recorded with"),
            "\(reportAlone.stderr)")
    }
}
