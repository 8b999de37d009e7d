import Foundation
import Testing

@Suite struct ReportCommandTests {
    static let disk = ["--disk-size", "100G", "--disk-free", "80G", "--start", "1767571200"]

    @Test func safeReportExitsZeroAndAnswersOnTheFirstLine() throws {
        let run = try CLI.run(["report", "--rate", "10M/day", "--horizon", "30d"] + Self.disk)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("Safe for 30 days: peak 10 MiB, 1 day of history kept\nverdict: ok\n"))
    }

    @Test func failingVerdictExitsOne() throws {
        let run = try CLI.run(["report", "--rate", "1G/day", "--retention", "60d", "--horizon", "61d"] + Self.disk)
        #expect(run.status == 1)
        #expect(
            run.stdout.hasPrefix(
                "Safe for 61 days: peak 10 MiB, 12 minutes of history kept: below the retention of 60 days"))
    }

    @Test func fillingTheDiskExitsOne() throws {
        let run = try CLI.run([
            "report", "--rate", "2G/day", "--disk-size", "20G", "--disk-free", "10G", "--expire-after-size", "0",
            "--start", "1767571200", "--format", "json",
        ])
        #expect(run.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(object["verdict"] as? String == "fail")
        #expect((object["simulation"] as? [String: Any])?["outcome"] as? String == "records-dropped")
    }

    @Test(arguments: ["text", "json", "markdown", "html"])
    func everyFormatIsDeterministicWithAFixedStart(format: String) throws {
        let arguments = ["report", "--workload", "server", "--flags", "lo,aa,ex", "--format", format] + Self.disk
        let first = try CLI.run(arguments)
        let second = try CLI.run(arguments)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(!first.stdout.isEmpty && first.stdout == second.stdout)
    }

    @Test func writesTheReportToAFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("auditlint-report-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("report.html")
        let run = try CLI.run(["report", "--rate", "1M/h", "--format", "html", "--output", file.path] + Self.disk)
        #expect(run.status == 0 && run.stdout.isEmpty)
        #expect(try String(contentsOf: file, encoding: .utf8).hasPrefix("<!DOCTYPE html>"))
    }

    @Test func aBadSizeIsAUsageErrorNamingTheOption() throws {
        let run = try CLI.run(["report", "--rate", "1G/day", "--disk-size", "2OG", "--disk-free", "1G"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("The value '2OG' is invalid for '--disk-size <size>'"))
        #expect(run.stdout.isEmpty)
    }

    @Test(arguments: [
        (["--rate", "1G/week"], "invalid for '--rate <rate>': give a size per day or per hour"),
        (["--workload", "toaster"], "invalid for '--workload <name>'"),
        ([String](), "give the write volume with --rate"),
        (["--rate", "1G/day", "--workload", "server"], "give the volume one way"),
        (["--rate", "1G/day", "--budget", "0%"], "The value '0%' is invalid for '--budget <budget>'"),
        (["--rate", "1G/day", "--format", "pdf"], "The value 'pdf' is invalid for '--format <format>'"),
        (["--rate", "1G/day", "--hourly", "1,2"], "invalid for '--hourly <weights>': give 24 comma-separated"),
    ])
    func badValuesAreUsageErrors(arguments: [String], message: String) throws {
        let run = try CLI.run(["report"] + arguments + Self.disk)
        #expect(run.status == 2)
        #expect(run.stderr.contains(message), "\(run.stderr)")
    }

    @Test func missingDiskIsAUsageError() throws {
        let run = try CLI.run(["report", "--rate", "1G/day"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("--disk-size and --disk-free"))
    }

    @Test func listsTheWorkloadsWithSources() throws {
        let run = try CLI.run(["report", "--list-workloads"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("build-host: ") && run.stdout.contains("C1 measured"))
    }
}
