import AuditLintTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Inputs that are not regular files, one-character relative paths, all-or-nothing outputs
/// and write errors on standard output (issue 9, items 5 and 6).
@Suite struct InputOutputTests {
    static let root = LintCommandTests.repositoryRoot
    static let config =
        "dir:/var/audit\nflags:lo,aa\nminfree:5\nnaflags:lo,aa\npolicy:cnt,argv\nfilesz:2M\nexpire-after:10M\n"

    func workspace() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("auditlint-io-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func oneCharacterRelativePathsWork() throws {
        let directory = try workspace()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.config.write(to: directory.appendingPathComponent("a"), atomically: true, encoding: .utf8)
        try "{\"version\": 1}".write(to: directory.appendingPathComponent("c"), atomically: true, encoding: .utf8)
        let lint = try CLI.run(["lint", "--fail-on", "never", "a"], cwd: directory)
        #expect(lint.status == 0, "\(lint.stderr)")
        let write = try CLI.run(["lint", "--config", "c", "--write-baseline", "b", "a"], cwd: directory)
        #expect(write.status == 0, "\(write.stderr)")
        let read = try CLI.run(["lint", "--config", "c", "--baseline", "b", "a"], cwd: directory)
        #expect(read.status == 0, "\(read.stderr)")
        #expect(read.stdout.contains("suppressed"))
    }

    @Test func aMissingBaselineNamedByTheConfigFileNamesTheFile() throws {
        let directory = try workspace()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.config.write(to: directory.appendingPathComponent("audit_control"), atomically: true, encoding: .utf8)
        try "{\"version\": 1, \"baseline\": \"missing.json\"}".write(
            to: directory.appendingPathComponent(".auditlint.json"), atomically: true, encoding: .utf8)
        let run = try CLI.run(["lint", "--fail-on", "never", "."], cwd: directory)
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("missing.json") && run.stderr.contains(".auditlint.json"), "\(run.stderr)")
    }

    @Test func namedFIFOsAndDevicesAreRefusedAndSkippedWhenWalking() throws {
        let directory = try workspace()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fifo = directory.appendingPathComponent("audit_control").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let named = try CLI.run(["lint", fifo])
        #expect(named.status == 2)
        #expect(named.stderr.contains("\(fifo): is a FIFO (named pipe), not a regular file"))
        // While walking, a FIFO audit_control is skipped; a regular one below is linted.
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("host"), withIntermediateDirectories: true)
        try Self.config.write(
            to: directory.appendingPathComponent("host/audit_control"), atomically: true, encoding: .utf8)
        let walked = try CLI.run(["lint", "--fail-on", "never", "--format", "json", directory.path])
        #expect(walked.status == 0, "\(walked.stderr)")
        #expect(walked.stdout.contains("host/audit_control"))
        for option in ["--config", "--baseline"] {
            let run = try CLI.run(["lint", option, fifo, directory.appendingPathComponent("host").path])
            #expect(run.status == 2, "\(option): \(run.stderr)")
            #expect(run.stderr.contains("FIFO"), "\(option)")
        }
        let device = try CLI.run(["lint", "--config", "/dev/zero", directory.appendingPathComponent("host").path])
        #expect(device.status == 2)
        #expect(device.stderr.contains("/dev/zero: is a character device, not a regular file"))
        let trail = try CLI.run(["decode", "/dev/zero"])
        #expect(trail.status == 2)
        #expect(trail.stderr.contains("/dev/zero: is a character device"))
        // The null device reads as an empty file (`--events /dev/null`: no event names).
        #expect(try CLI.run(["decode", "/dev/null"]).status == 0)
    }

    @Test func aHugeConfigIsRefusedBeforeItIsRead() throws {
        let directory = try workspace()
        defer { try? FileManager.default.removeItem(at: directory) }
        let huge = directory.appendingPathComponent(".auditlint.json")
        #expect(FileManager.default.createFile(atPath: huge.path, contents: nil))
        let handle = try FileHandle(forWritingTo: huge)
        try handle.truncate(atOffset: 1 << 40)  // sparse: a terabyte that takes no disk
        try handle.close()
        try Self.config.write(to: directory.appendingPathComponent("audit_control"), atomically: true, encoding: .utf8)
        let run = try CLI.run(["lint", "--config", huge.path, directory.path])
        #expect(run.status == 3)
        #expect(run.stderr.contains("too large"))
    }

    @Test(
        .enabled(if: FileManager.default.fileExists(atPath: "/dev/full"), "needs /dev/full"),
        arguments: [
            ["rules"], ["--help"], ["explain", "AC101"], ["show", "Examples/macos-default/audit_control"],
            ["lint", "--fail-on", "never", "Examples/macos-default"], ["config", "--show"],
            ["report", "--list-workloads"],
        ])
    func aFullStandardOutputIsAnIOError(arguments: [String]) throws {
        let run = try CLI.run(arguments, cwd: Self.root, stdoutFile: "/dev/full")
        #expect(run.status == 3, "\(arguments): \(run.stderr)")
        #expect(run.stderr.contains("No space left on device"), "\(arguments)")
    }

    @Test func noOutputIsWrittenUnlessEveryOutputCanBe() throws {
        let directory = try workspace()
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = directory.appendingPathComponent("first.json").path
        let blocked = directory.appendingPathComponent("blocked")
        try FileManager.default.createDirectory(at: blocked, withIntermediateDirectories: true)
        let run = try CLI.run(
            [
                "lint", "--format", "json", "--output", first, "--format", "sarif", "--output", blocked.path,
                "Examples/broken",
            ], cwd: Self.root)
        #expect(run.status == 3)
        #expect(run.stderr.contains("\(blocked.path): cannot be written: it is a directory"))
        #expect(!FileManager.default.fileExists(atPath: first))
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["blocked"],
            "no temporary left")
    }

    @Test func aFIFOOutputIsWrittenInPlaceNotReplaced() throws {
        let directory = try workspace()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fifo = directory.appendingPathComponent("out").path
        #expect(mkfifo(fifo, 0o600) == 0)
        // Held open for reading and writing so the child's open does not wait for a reader.
        let holder = open(fifo, O_RDWR | O_NONBLOCK)
        #expect(holder >= 0)
        defer { close(holder) }
        let run = try CLI.run(
            ["lint", "--fail-on", "never", "--format", "json", "--output", fifo, "Examples/macos-default"],
            cwd: Self.root)
        #expect(run.status == 0, "\(run.stderr)")
        var info = stat()
        #expect(lstat(fifo, &info) == 0)
        #expect(info.st_mode & S_IFMT == S_IFIFO, "the FIFO was replaced by a regular file")
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        let count = read(holder, &buffer, buffer.count)
        #expect(
            count > 0 && String(decoding: buffer.prefix(max(count, 0)), as: UTF8.self).hasPrefix("{\"schemaVersion\""))
    }

    @Test func tuneNextWriteChangesNothingWhenTheBackupCannotBeWritten() throws {
        let directory = try workspace()
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = directory.appendingPathComponent("audit_control").path
        try Data(StockControl.text(.macos).utf8).write(to: URL(fileURLWithPath: config))
        let started = try CLI.run([
            "tune", "init", config,
            "--volume-profile", TuneCommandTests.fixtures.appendingPathComponent("laptop-profile.json").path,
            "--disk-size", "256G", "--disk-free", "100G", "--retention", "7d", "--horizon", "14d",
            "--budget", "1%", "--start", TuneCommandTests.start, "--now", TuneCommandTests.start,
        ])
        #expect(started.status == 0, "\(started.stderr)")
        let journal = directory.appendingPathComponent("auditlint-tuning.json").path
        let journalBefore = try Data(contentsOf: URL(fileURLWithPath: journal))
        let configBefore = try Data(contentsOf: URL(fileURLWithPath: config))
        try FileManager.default.createDirectory(atPath: config + ".bak", withIntermediateDirectories: true)
        let next = try CLI.run(["tune", "next", "--audit-control", config, "--write", "--now", TuneCommandTests.start])
        #expect(next.status == 3)
        #expect(next.stderr.contains("audit_control.bak: cannot be written: it is a directory"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: journal)) == journalBefore)
        #expect(try Data(contentsOf: URL(fileURLWithPath: config)) == configBefore)
    }

    @Test func randomBytesGiveOneFindingAndNoRawControlBytes() throws {
        let directory = try workspace()
        defer { try? FileManager.default.removeItem(at: directory) }
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<100_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        try Data(bytes).write(to: directory.appendingPathComponent("audit_control"))
        let json = try CLI.run(["lint", "--format", "json", directory.path])
        #expect(json.status == 1)
        #expect(json.stdout.components(separatedBy: "\"ruleId\":").count - 1 == 1, "\(json.stdout.prefix(2000))")
        #expect(json.stdout.contains("\"ruleId\":\"AC110\""))
        for format in ["text", "github", "markdown"] {
            let run = try CLI.run(["lint", "--format", format, directory.path])
            #expect(run.status == 1)
            #expect(
                !run.stdout.unicodeScalars.contains {
                    $0.value < 0x20 && $0 != "\n" && $0 != "\t" || (0x7F...0x9F).contains($0.value)
                },
                "\(format) output has a raw control character")
        }
    }

    @Test func findingsPerFileAreBounded() throws {
        let directory = try workspace()
        defer { try? FileManager.default.removeItem(at: directory) }
        try String(repeating: "unknown-key:1\n", count: 300).write(
            to: directory.appendingPathComponent("audit_control"), atomically: true, encoding: .utf8)
        let run = try CLI.run(["lint", "--format", "json", directory.path])
        #expect(run.status == 1)
        #expect(run.stdout.components(separatedBy: "\"ruleId\":").count - 1 == 101)
        #expect(
            run.stdout.contains("more findings are not shown (at most 100 are reported per file; the worst is warning)")
        )
        let all = try CLI.run(["lint", "--format", "json", "--disable", "AC004", directory.path])
        #expect(all.stdout.components(separatedBy: "\"ruleId\":").count - 1 > 300)
        // A baseline records every finding, not only those shown.
        let baseline = directory.appendingPathComponent("baseline.json").path
        #expect(try CLI.run(["lint", "--write-baseline", baseline, directory.path]).status == 0)
        let quiet = try CLI.run(["lint", "--baseline", baseline, directory.path])
        #expect(quiet.status == 0, "\(quiet.stdout.prefix(500))")
    }
}
