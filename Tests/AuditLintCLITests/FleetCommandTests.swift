import AuditLintKit
import AuditLintTestSupport
import Foundation
import Testing

/// `estimate --save-profile` host facts and `auditlint fleet`, end to end with the binary.
@Suite struct FleetCommandTests {
    func json(_ run: CLIRun) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run.stderr)")
    }

    /// A host of the test fleet: its name, dialect, disk (bytes) and audit_control.
    struct Host {
        var name: String
        var dialect: String
        var size: Int64
        var free: Int64
        var control: String
    }

    static let quiet = "dir:/var/audit\nflags:lo\nnaflags:lo\nminfree:5\npolicy:cnt\nfilesz:1M\nexpire-after:10M\n"
    static let loud =
        "dir:/var/audit\nflags:lo,ex,fr\nnaflags:lo\nminfree:20\npolicy:cnt,argv\nfilesz:1M\nexpire-after:2K\n"
    static let middle =
        "dir:/var/audit\nflags:lo,ex,fr\nnaflags:lo\nminfree:5\npolicy:cnt,argv\nfilesz:1M\nexpire-after:10M\n"
    static let halting = "dir:/var/audit\nflags:all\nnaflags:lo\nminfree:5\npolicy:ahlt\nfilesz:1M\nexpire-after:10M\n"

    /// Disks from roomy to a few blocks, three configurations, both dialects: the fleet's
    /// verdicts run from ok to every kind of failure.
    static let hosts = [
        Host(name: "roomy", dialect: "macos", size: 100 << 30, free: 80 << 30, control: quiet),
        Host(name: "tiny", dialect: "macos", size: 1 << 20, free: 40 << 10, control: quiet),
        Host(name: "low", dialect: "openbsm", size: 1 << 20, free: 300 << 10, control: loud),
        Host(name: "halts", dialect: "macos", size: 1 << 20, free: 30 << 10, control: halting),
        Host(name: "bsd-roomy", dialect: "openbsm", size: 64 << 30, free: 40 << 30, control: loud),
    ]

    /// Saves one profile per host with `estimate --save-profile` (each with its own
    /// audit_control) into `scratch/profiles/`.
    func saveProfiles(_ scratch: EstimateScratch) throws -> [String: String] {
        var paths: [String: String] = [:]
        try FileManager.default.createDirectory(
            at: scratch.directory.appendingPathComponent("profiles/more"), withIntermediateDirectories: true)
        for (index, host) in Self.hosts.enumerated() {
            let control = try scratch.file("control-\(host.name)", host.control)
            let profile = scratch.directory.appendingPathComponent(
                index % 2 == 0 ? "profiles/\(host.name).json" : "profiles/more/\(host.name).json"
            ).path
            let run = try CLI.run([
                "estimate", scratch.trail, "--sample-flags", "all", "--save-profile", profile, "--host", host.name,
                "--dialect", host.dialect, "--audit-control", control, "--disk-size", "\(host.size)", "--disk-free",
                "\(host.free)",
            ])
            #expect(run.status == 0, "\(run.stderr)")
            paths[host.name] = profile
        }
        return paths
    }

    @Test func savedProfilesRecordTheHost() throws {
        let scratch = try EstimateScratch()
        defer { scratch.remove() }
        let control = try scratch.file("audit_control_host", Self.loud)
        let profile = scratch.directory.appendingPathComponent("p.json").path
        let run = try CLI.run([
            "estimate", scratch.trail, "--save-profile", profile, "--host", "mac-7", "--dialect", "openbsm",
            "--audit-control", control,
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: profile))) as? [String: Any])
        #expect(object["schemaVersion"] as? Int == 2 && object["hosts"] as? [String] == ["mac-7"])
        let host = try #require(object["host"] as? [String: Any])
        #expect(host["name"] as? String == "mac-7" && host["dialect"] as? String == "openbsm")
        let facts = try #require(host["auditControl"] as? [String: Any])
        #expect(facts["path"] as? String == control && facts["sha256"] as? String == SHA256.hex(Array(Self.loud.utf8)))
        let settings = try #require(facts["settings"] as? [String: Any])
        #expect(settings["flags"] as? String == "lo,ex,fr" && settings["minfree"] as? Int == 20)
        #expect(settings["expireAfterSizeBytes"] as? Int == 2048 && settings["argv"] as? Bool == true)
        // The disk holding the trail, measured.
        let disk = try #require(host["disk"] as? [String: Any])
        #expect(disk["source"] as? String == "statfs" && disk["path"] as? String == scratch.directory.path)
        #expect((disk["size"] as? Int ?? 0) > 0 && (disk["blockSize"] as? Int ?? 0) > 0)
        // Talkers are kept up to --profile-talkers.
        #expect((object["talkers"] as? [Any])?.count == 2)
        let fewer = try CLI.run(["estimate", scratch.trail, "--save-profile", profile, "--profile-talkers", "1"])
        #expect(fewer.status == 0, "\(fewer.stderr)")
        let trimmed = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: profile)))
        #expect(((trimmed as? [String: Any])?["talkers"] as? [Any])?.count == 1)
        // Without --host the system's host name labels it.
        #expect(((trimmed as? [String: Any])?["hosts"] as? [String])?.count == 1)
    }

    @Test(arguments: [
        (["--disk-size", "1G"], "give --disk-size and --disk-free together"),
        (["--disk-size", "1G", "--disk-free", "2G"], "--disk-free 2G is more than --disk-size 1G"),
        (["--disk-size", "0", "--disk-free", "0"], "'--disk-size <size>'"),
        (["--profile-talkers", "20001"], "'--profile-talkers <count>'"),
    ])
    func hostOptionsAreChecked(arguments: [String], message: String) throws {
        let scratch = try EstimateScratch()
        defer { scratch.remove() }
        let run = try CLI.run(
            ["estimate", scratch.trail, "--save-profile", scratch.directory.appendingPathComponent("p.json").path]
                + arguments)
        #expect(run.status == 2 && run.stderr.contains(message), "\(run.stderr)")
        let unsaved = try CLI.run(["estimate", scratch.trail, "--disk-size", "1G", "--disk-free", "1G"])
        #expect(unsaved.status == 2 && unsaved.stderr.contains("give --save-profile too"), "\(unsaved.stderr)")
    }

    /// The fleet's verdict for each host is `report`'s for that host alone: under a candidate
    /// and under each host's own audit_control.
    @Test(arguments: [true, false])
    func verdictsEqualReportRunAlone(candidate: Bool) throws {
        let scratch = try EstimateScratch()
        defer { scratch.remove() }
        let paths = try saveProfiles(scratch)
        let candidatePath = try scratch.file("candidate", Self.middle)
        let period = ["--horizon", "60d", "--retention", "20d", "--budget", "50%"]
        let fleet = try CLI.run(
            ["fleet", scratch.directory.appendingPathComponent("profiles").path, "--format", "json"] + period
                + (candidate ? ["--audit-control", candidatePath] : []))
        let object = try json(fleet)
        let hosts = try #require(object["hosts"] as? [[String: Any]])
        #expect(hosts.count == Self.hosts.count)
        let verdicts = Set(hosts.compactMap { $0["verdict"] as? String })
        #expect(verdicts.contains("fail") && verdicts.contains("ok"), "\(verdicts)")
        #expect(fleet.status == 1, "\(fleet.stderr)")
        for host in Self.hosts {
            let entry = try #require(hosts.first { $0["name"] as? String == host.name })
            let control =
                candidate ? candidatePath : scratch.directory.appendingPathComponent("control-\(host.name)").path
            let alone = try CLI.run(
                [
                    "report", control, "--volume-profile", paths[host.name]!, "--dialect", host.dialect,
                    "--disk-size", "\(host.size)", "--disk-free", "\(host.free)", "--format", "json",
                ] + period)
            let report = try json(alone)
            #expect(entry["verdict"] as? String == report["verdict"] as? String, "\(host.name)")
            #expect(entry["reasons"] as? [String] == report["reasons"] as? [String], "\(host.name)")
            let simulation = try #require(report["simulation"] as? [String: Any])
            #expect(entry["outcome"] as? String == simulation["outcome"] as? String, "\(host.name)")
            #expect(entry["peakAuditBytes"] as? Int == simulation["peakAuditBytes"] as? Int, "\(host.name)")
            #expect(entry["droppedBytes"] as? Int == simulation["droppedBytes"] as? Int, "\(host.name)")
            let inputs = try #require(report["inputs"] as? [String: Any])
            #expect(
                (entry["bytesPerDay"] as? Double).map { ($0 * 10).rounded() }
                    == (inputs["bytesPerDay"] as? Double).map { ($0 * 10).rounded() }, "\(host.name)")
            #expect(alone.status == (report["verdict"] as? String == "fail" ? 1 : 0))
        }
    }

    @Test(arguments: ["text", "json", "markdown", "html"])
    func everyFormatIsDeterministic(format: String) throws {
        let scratch = try EstimateScratch()
        defer { scratch.remove() }
        _ = try saveProfiles(scratch)
        let arguments = ["fleet", scratch.directory.appendingPathComponent("profiles").path, "--format", format]
        let first = try CLI.run(arguments)
        #expect(first.status == 1, "\(first.stderr)")
        let second = try CLI.run(arguments)
        #expect(!first.stdout.isEmpty && first.stdout == second.stdout)
        let file = scratch.directory.appendingPathComponent("fleet.\(format)").path
        let written = try CLI.run(arguments + ["--output", file])
        #expect(written.status == 1 && written.stdout.isEmpty)
        #expect(try String(contentsOfFile: file, encoding: .utf8) == first.stdout)
    }

    @Test func safeFleetsExitZeroAndTheTextAnswersFirst() throws {
        let scratch = try EstimateScratch()
        defer { scratch.remove() }
        let paths = try saveProfiles(scratch)
        let run = try CLI.run(["fleet", paths["roomy"]!, paths["bsd-roomy"]!])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("Fleet: 2 hosts under each host's own audit_control: 0 fail, 0 warn, 2 ok\n"))
        #expect(run.stdout.contains("macos    1 host  0 failing") && run.stdout.contains("openbsm  1 host  0 failing"))
    }

    @Test func damagedAndUnreadableProfilesAreNamedAndSetTheExitCode() throws {
        let scratch = try EstimateScratch()
        defer { scratch.remove() }
        let paths = try saveProfiles(scratch)
        let damaged = try scratch.file("damaged.json", "{\"kind\": \"auditlint-volume-profile\",\n\"files\": 1,")
        let run = try CLI.run(["fleet", paths["roomy"]!, damaged])
        #expect(run.status == 2)
        #expect(
            run.stderr.contains("auditlint: error: \(damaged):2:12: damaged volume profile, not valid JSON"),
            "\(run.stderr)")
        #expect(
            run.stdout.contains(
                "1 host under each host's own audit_control: 0 fail, 0 warn, 1 ok; 1 profile not evaluated"))
        // A file too large to be a profile is an I/O problem (exit 3), named likewise.
        let huge = scratch.directory.appendingPathComponent("huge.json").path
        #expect(FileManager.default.createFile(atPath: huge, contents: nil))
        let handle = try #require(FileHandle(forWritingAtPath: huge))
        try handle.truncate(atOffset: 300 << 20)
        try handle.close()
        let tooLarge = try CLI.run(["fleet", paths["roomy"]!, huge])
        #expect(tooLarge.status == 3 && tooLarge.stderr.contains("\(huge): "), "\(tooLarge.stderr)")
        let missing = try CLI.run(["fleet", scratch.directory.appendingPathComponent("nothing").path])
        #expect(missing.status == 3 && missing.stderr.contains("no such file or directory"))
        let none = try CLI.run(["fleet"])
        #expect(none.status == 2 && none.stderr.contains("name the hosts' saved volume profiles"))
    }

    @Test func oldProfilesNeedADisk() throws {
        let scratch = try EstimateScratch()
        defer { scratch.remove() }
        let profile = scratch.directory.appendingPathComponent("old.json").path
        let control = try scratch.file("ac", Self.quiet)
        // A profile read from standard input records no disk.
        let save = try CLI.run(
            ["estimate", "-", "--save-profile", profile, "--host", "h", "--audit-control", control],
            stdin: Data(EstimateScratch.trailBytes))
        #expect(save.status == 0, "\(save.stderr)")
        let without = try CLI.run(["fleet", profile])
        #expect(without.status == 2 && without.stderr.contains("the profile records no disk"), "\(without.stderr)")
        let with = try CLI.run(["fleet", profile, "--disk-size", "10G", "--disk-free", "5G"])
        #expect(with.status == 0, "\(with.stderr)")
        let half = try CLI.run(["fleet", profile, "--disk-size", "10G"])
        #expect(half.status == 2 && half.stderr.contains("give --disk-size and --disk-free together"))
    }
}
