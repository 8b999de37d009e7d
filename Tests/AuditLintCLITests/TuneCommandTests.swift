import AuditLintTestSupport
import Foundation
import Testing

/// `auditlint tune`: a session through the binary on the laptop sample profile.
@Suite struct TuneCommandTests {
    static let fixtures = CLI.fixtures.appendingPathComponent("tune")
    static let start = "1763683200"

    /// A temporary directory holding the stock macOS audit_control settings and a sample
    /// trail the encoder made (`sample.bsm`).
    func workspace() throws -> URL {
        let directory = try TemporaryDirectory("tune-cli")
        try directory.write("audit_control", StockControl.text(.macos))
        try directory.write("sample.bsm", SampleTrails.identity)
        return directory.url
    }

    func initialise(_ directory: URL) throws -> CLIRun {
        try CLI.run([
            "tune", "init", directory.appendingPathComponent("audit_control").path,
            "--volume-profile", Self.fixtures.appendingPathComponent("laptop-profile.json").path,
            "--disk-size", "256G", "--disk-free", "100G", "--retention", "7d", "--horizon", "14d",
            "--budget", "1%", "--profile", "cis-l2", "--start", Self.start, "--now", Self.start,
        ])
    }

    @Test func initNextReviewStatus() throws {
        let directory = try workspace()
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = directory.appendingPathComponent("audit_control").path
        let journal = directory.appendingPathComponent("auditlint-tuning.json").path
        let original = try String(contentsOfFile: config, encoding: .utf8)

        let started = try initialise(directory)
        #expect(started.status == 0, "\(started.stderr)")
        #expect(started.stdout.contains("Sample: 1459507 records, 303 MiB over 1 day from laptop-01"))
        #expect(started.stdout.contains("Tables: the built-in macos audit_class and audit_event"))
        #expect(FileManager.default.fileExists(atPath: journal))
        // A second init does not overwrite the journal.
        let again = try initialise(directory)
        #expect(again.status == 2)
        #expect(again.stderr.contains("a tuning journal already exists"))

        let next = try CLI.run(["tune", "next", "--audit-control", config, "--diff", "--now", Self.start])
        #expect(next.status == 0, "\(next.stderr)")
        #expect(next.stdout.contains("Proposed (iteration 1): add -ex to flags (failed exec)"))
        #expect(next.stdout.contains(" dir:/var/audit\n-flags:lo,aa\n+flags:lo,aa,-ex\n minfree:5\n"))
        #expect(next.stdout.contains("Run it for at least"))
        #expect(next.stdout.contains("run `audit -s`"))
        #expect(try String(contentsOfFile: config, encoding: .utf8) == original, "written only with --write")

        let written = try CLI.run(["tune", "next", "--audit-control", config, "--write", "--now", Self.start])
        #expect(written.status == 0, "\(written.stderr)")
        #expect(written.stdout.contains("Replacing iteration 1 (proposed, not yet observed)."))
        #expect(try String(contentsOfFile: config + ".bak", encoding: .utf8) == original)
        #expect(
            try String(contentsOfFile: config, encoding: .utf8)
                == original.replacingOccurrences(of: "flags:lo,aa\nminfree", with: "flags:lo,aa,-ex\nminfree"))

        // A config edited by hand since is not overwritten.
        try (original + "#edited\n").write(toFile: config + ".edited", atomically: true, encoding: .utf8)
        let edited = try CLI.run([
            "tune", "next", "--audit-control", config + ".edited", "--journal", journal, "--write",
        ])
        #expect(edited.status == 2)
        #expect(edited.stderr.contains("differs from iteration 0's config (edited by hand?)"))
        #expect(try String(contentsOfFile: config + ".edited", encoding: .utf8) == original + "#edited\n")

        // Two days of trails at twice the projection (256 KiB/day).
        let trails = directory.appendingPathComponent("observed")
        try FileManager.default.createDirectory(at: trails, withIntermediateDirectories: true)
        try Data(count: 2 * 524_288).write(to: trails.appendingPathComponent("20251122000000.20251124000000"))
        let review = try CLI.run([
            "tune", "review", trails.path, "--audit-control", config, "--host", "laptop-01", "--now", "1763942400",
        ])
        #expect(review.status == 0, "\(review.stderr)")
        #expect(review.stdout.contains("Iteration 1 on laptop-01: 1 trail file, 1 MiB over 2 days (trail-names)"))
        #expect(review.stdout.contains("Decision: keep"))

        let decoded = try CLI.run([
            "tune", "review", "--trail", directory.appendingPathComponent("sample.bsm").path,
            "--config", config, "--host", "mac-02",
        ])
        #expect(decoded.status == 0, "\(decoded.stderr)")
        #expect(decoded.stdout.contains("(decoded)"))
        #expect(decoded.stdout.contains("2 hosts"))

        let text = try CLI.run(["tune", "status", "--audit-control", config])
        #expect(text.status == 0)
        #expect(text.stdout.contains("1  add -ex to flags (failed exec)"))
        let markdown = try CLI.run(["tune", "status", "--journal", journal, "--format", "markdown"])
        #expect(markdown.stdout.contains("| 1 | add -ex to flags (failed exec) |"))
        let json = try CLI.run(["tune", "status", "--journal", journal, "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let iterations = try #require(object["iterations"] as? [[String: Any]])
        #expect(iterations.count == 2)
        #expect(iterations[1]["hosts"] as? [String] == ["laptop-01", "mac-02"])
        #expect(iterations[1]["decision"] as? String == "keep")
    }

    @Test func aDamagedJournalExitsWithTwo() throws {
        let directory = try workspace()
        defer { try? FileManager.default.removeItem(at: directory) }
        let journal = directory.appendingPathComponent("auditlint-tuning.json")
        try Data("{\"kind\":\"auditlint-tuning-journal\",\"schemaVersion\":1,\"iterations\":".utf8).write(to: journal)
        for command in [["next"], ["status"], ["review", directory.path]] {
            let run = try CLI.run(["tune"] + command + ["--journal", journal.path])
            #expect(run.status == 2, "\(command)")
            #expect(
                run.stderr.contains(
                    "\(journal.path):1:67: damaged tuning journal, not valid JSON: unexpected end of the document"),
                "\(run.stderr)")
        }
        try Data("{\"kind\":\"auditlint-tuning-journal\",\"schemaVersion\":9}".utf8).write(to: journal)
        let newer = try CLI.run(["tune", "status", "--journal", journal.path])
        #expect(newer.status == 2)
        #expect(newer.stderr.contains("schema version 9 is newer than this auditlint reads (2); upgrade auditlint"))
    }

    @Test func usageErrors() throws {
        let directory = try workspace()
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = directory.appendingPathComponent("audit_control").path
        let noSample = try CLI.run([
            "tune", "init", config, "--disk-size", "1G", "--disk-free", "1G", "--retention", "7d", "--budget", "5%",
        ])
        #expect(noSample.status == 2)
        #expect(noSample.stderr.contains("give a sample"))
        let missing = try CLI.run(["tune", "status", "--journal", directory.appendingPathComponent("none.json").path])
        #expect(missing.status == 3)
        #expect(try initialise(directory).status == 0)
        let format = try CLI.run(["tune", "status", "--config", config, "--format", "html"])
        #expect(format.status == 2)
    }
}
