import AuditLintKit
import Foundation
import Testing

/// A scratch directory with an encoder-made sample trail whose contents the tests know.
struct EstimateScratch {
    let directory: URL
    var trail: String { directory.appendingPathComponent("sample.bsm").path }

    static let start: UInt64 = 1_767_571_200  // 2026-01-05 00:00:00 UTC

    static func subject(_ auid: UInt32) -> BSMToken {
        .subject(
            BSMSubject(
                auditUID: auid, effectiveUID: 0, effectiveGID: 0, realUID: 0, realGID: 0, pid: 1,
                sessionID: 1, terminalPort: 0, terminalAddress: .ipv4(0, 0, 0, 0)))
    }

    /// 3 attributable execve with argv (00:00–00:02), 2 failed attributable opens for read
    /// (12:00), 1 non-attributable login (the next day 00:00): one day of span.
    static let records: [(name: String, bytes: [UInt8])] = {
        var out: [(String, [UInt8])] = []
        for i in 0..<3 {
            out.append(
                (
                    "exec",
                    BSMEncoder.record(
                        BSMHeader(event: 23, seconds: start + UInt64(i * 60), milliseconds: 0),
                        [
                            .execArgs([Array("ls".utf8), Array("-l".utf8)]), .path(BSMBytes.cString("/bin/ls")),
                            subject(501),
                            .returnValue(status: 0, value: 0, is64Bit: false),
                        ])
                ))
        }
        for _ in 0..<2 {
            out.append(
                (
                    "read",
                    BSMEncoder.record(
                        BSMHeader(event: 72, seconds: start + 43_200, milliseconds: 0),
                        [
                            .path(BSMBytes.cString("/etc/master.passwd")), subject(501),
                            .returnValue(status: 13, value: 0, is64Bit: false),
                        ])
                ))
        }
        out.append(
            (
                "login",
                BSMEncoder.record(
                    BSMHeader(event: 6152, seconds: start + 86_400, milliseconds: 0),
                    [
                        subject(RecordSummary.unsetAuditUserID), .text(BSMBytes.cString("login")),
                        .returnValue(status: 0, value: 0, is64Bit: false),
                    ])
            ))
        return out
    }()

    static var trailBytes: [UInt8] { records.flatMap(\.bytes) }
    static func bytes(_ name: String) -> Int { records.filter { $0.name == name }.map(\.bytes.count).reduce(0, +) }
    static let argvBytes = BSMEncoder.encode(.execArgs([Array("ls".utf8), Array("-l".utf8)])).count

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("auditlint-estimate-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data(Self.trailBytes).write(to: URL(fileURLWithPath: trail))
    }

    /// Writes `text` to `name` in the scratch directory and returns its path.
    func file(_ name: String, _ text: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }
}

@Suite struct EstimateCommandTests {
    func json(_ run: CLIRun) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run.stderr)")
    }

    func candidates(_ object: [String: Any]) -> [[String: Any]] {
        object["candidates"] as? [[String: Any]] ?? []
    }

    @Test func jsonCountsAreExact() throws {
        let scratch = try EstimateScratch()
        defer { scratch.remove() }
        let run = try CLI.run([
            "estimate", scratch.trail, "--flags", "ex,-fr", "--naflags", "lo", "--policy", "cnt", "--format", "json",
            "--sample-flags", "all",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try json(run)
        let input = try #require(object["input"] as? [String: Any])
        #expect(input["files"] as? Int == 1 && input["records"] as? Int == 6)
        #expect(input["bytes"] as? Int == EstimateScratch.trailBytes.count && input["spanSeconds"] as? Int == 86_400)
        #expect(input["damagedBytes"] as? Int == 0)
        let candidate = try #require(candidates(object).first)
        let expected =
            EstimateScratch.bytes("exec") - 3 * EstimateScratch.argvBytes + EstimateScratch.bytes("read")
            + EstimateScratch.bytes("login")
        #expect(
            candidate["flags"] as? String == "ex,-fr" && candidate["naflags"] as? String == "lo"
                && candidate["policy"] as? String == "cnt")
        #expect(candidate["valid"] as? Bool == true && candidate["lowerBound"] as? Bool == false)
        #expect(candidate["records"] as? Int == 6 && candidate["bytes"] as? Int == expected)
        #expect(candidate["bytesPerDay"] as? Double == Double(expected))
        let byClass = try #require(candidate["byClass"] as? [String: [String: Int]])
        #expect(byClass["fr"] == ["records": 2, "bytes": EstimateScratch.bytes("read")])
        let byEvent = try #require(candidate["byEvent"] as? [[String: Any]])
        #expect(byEvent.compactMap { $0["name"] as? String }.sorted() == ["AUE_EXECVE", "AUE_OPEN_R", "AUE_login"])
    }

    @Test func textListsTheSampleTheCandidatesAndTheTopTalkers() throws {
        let scratch = try EstimateScratch()
        defer { scratch.remove() }
        let run = try CLI.run(["estimate", scratch.trail, "--flags", "ex,fr"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("Sample: 6 records, "))
        #expect(run.stdout.contains("top executables: /bin/ls"))
        #expect(run.stdout.contains("top paths: /etc/master.passwd"))
        #expect(run.stderr.isEmpty)
    }

    /// An empty trail (just rotated) is read, and the text says at once that there is
    /// nothing to estimate from rather than a candidate keeping "no record of the sample".
    @Test func anEmptySampleIsSaidToBeEmpty() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let trail = directory.appendingPathComponent("empty.bsm").path
        #expect(FileManager.default.createFile(atPath: trail, contents: Data()))
        let run = try CLI.run(["estimate", trail])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("Sample: 0 records, 0 B in 1 file over 0 seconds\nThe sample holds no records"))
        #expect(!run.stdout.contains("keeps no record of the sample"))
    }

    @Test func comparesSeveralConfigsAndClassAdditionsInOneRun() throws {
        let scratch = try EstimateScratch()
        defer { scratch.remove() }
        let quiet = try scratch.file("quiet_control", "flags:lo\nnaflags:\npolicy:cnt\n")
        let loud = try scratch.file("loud_control", "flags:all\nnaflags:all\npolicy:cnt,argv,arge\n")
        let run = try CLI.run([
            "estimate", scratch.trail, "--flags", "lo", "--format", "json", "--compare", quiet, loud,
        ])
        let list = candidates(try json(run))
        #expect(list.map { $0["label"] as? String } == ["command line", quiet, loud])
        #expect(list.map { $0["records"] as? Int } == [1, 0, 6])
        #expect(list[2]["lowerBound"] as? Bool == true)
        let additions = try CLI.run([
            "estimate", scratch.trail, "--audit-control", quiet, "--compare-additions", "--format", "json",
        ])
        let labels = candidates(try json(additions)).compactMap { $0["label"] as? String }
        #expect(labels.first == quiet && labels.contains("+ex") && labels.contains("+fr") && !labels.contains("+lo"))
        let plusFr = try #require(candidates(try json(additions)).first { $0["label"] as? String == "+fr" })
        #expect(plusFr["records"] as? Int == 2 && plusFr["flags"] as? String == "lo,fr")
    }

    @Test func theEventTableComesFromEventsOrBesideTheConfig() throws {
        let scratch = try EstimateScratch()
        defer { scratch.remove() }
        // A table that puts open-for-read in lo and knows no execve.
        let table = "72:AUE_OPEN_R:open(2) - read:lo\n6152:AUE_login:login - local:lo\n"
        let events = try scratch.file("custom_event", table)
        let given = try CLI.run([
            "estimate", scratch.trail, "--flags", "all", "--naflags", "", "--events", events, "--format", "json",
        ])
        #expect(candidates(try json(given)).first?["records"] as? Int == 2, "\(given.stderr)")
        let config = try scratch.file("audit_control", "flags:lo\nnaflags:\npolicy:cnt\n")
        _ = try scratch.file("audit_event", table)
        let beside = try CLI.run(["estimate", scratch.trail, "--audit-control", config, "--format", "json"])
        #expect(candidates(try json(beside)).first?["records"] as? Int == 2, "\(beside.stderr)")
        #expect(candidates(try json(beside)).first?["label"] as? String == config)
    }

    @Test func savedProfilesStandInForTheTrail() throws {
        let scratch = try EstimateScratch()
        defer { scratch.remove() }
        let profile = scratch.directory.appendingPathComponent("host.profile.json").path
        let first = try CLI.run([
            "estimate", scratch.trail, "--flags", "all", "--format", "json", "--save-profile", profile, "--host",
            "mac-1",
        ])
        #expect(first.status == 0, "\(first.stderr)")
        let again = try CLI.run(["estimate", "--volume-profile", profile, "--flags", "all", "--format", "json"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(
            candidates(try json(again)).first?["bytes"] as? Int == candidates(try json(first)).first?["bytes"] as? Int)
        let fleet = try CLI.run([
            "estimate", "--volume-profile", profile, "--volume-profile", profile, "--flags", "all", "--format", "json",
        ])
        // The old spelling --profile still takes every file after it, with a warning.
        let old = try CLI.run(["estimate", "--profile", profile, profile, "--flags", "all", "--format", "json"])
        #expect(old.stdout == fleet.stdout && old.stderr.contains("--profile is now --volume-profile"), "\(old.stderr)")
        let input = try #require(try json(fleet)["input"] as? [String: Any])
        #expect(input["records"] as? Int == 12 && input["hosts"] as? [String] == ["mac-1"])
        #expect(
            candidates(try json(fleet)).first?["bytesPerDay"] as? Double == candidates(try json(first)).first?[
                "bytesPerDay"] as? Double)
    }

    @Test func readsStandardInput() throws {
        let run = try CLI.run(
            ["estimate", "-", "--flags", "ex", "--naflags", "", "--format", "json"],
            stdin: Data(EstimateScratch.trailBytes))
        #expect(run.status == 0, "\(run.stderr)")
        #expect(candidates(try json(run)).first?["records"] as? Int == 3)
    }

    @Test func damageIsReportedWithItsOffsetAndCounted() throws {
        let scratch = try EstimateScratch()
        defer { scratch.remove() }
        var bytes = EstimateScratch.trailBytes
        let offset = EstimateScratch.records[0].bytes.count
        bytes.insert(contentsOf: [0xde, 0xad, 0xbe, 0xef], at: offset)
        let damaged = scratch.directory.appendingPathComponent("damaged.bsm").path
        try Data(bytes).write(to: URL(fileURLWithPath: damaged))
        let run = try CLI.run(["estimate", damaged, "--flags", "all", "--format", "json"])
        #expect(run.status == 0)
        #expect(run.stderr.contains("\(damaged): byte \(offset): damage (garbage)"))
        let input = try #require(try json(run)["input"] as? [String: Any])
        #expect(input["damagedBytes"] as? Int == 4 && input["records"] as? Int == 6)
        let strict = try CLI.run(["estimate", damaged, "--strict"])
        #expect(strict.status == 1 && strict.stdout.isEmpty)
        #expect(strict.stderr.contains("byte \(offset)"))
    }

    @Test(arguments: [
        ["estimate"],
        ["estimate", "x.bsm", "--format", "xml"],
        ["estimate", "x.bsm", "--dialect", "solaris"],
        ["estimate", "-", "-"],
    ])
    func badOptionsAreUsageErrors(arguments: [String]) throws {
        let run = try CLI.run(arguments)
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stdout.isEmpty && !run.stderr.isEmpty)
    }

    @Test func aBinaryFileGivenAsAConfigIsAUsageError() throws {
        let scratch = try EstimateScratch()
        defer { scratch.remove() }
        let run = try CLI.run(["estimate", scratch.trail, "--compare", scratch.trail])
        #expect(run.status == 2)
        #expect(run.stderr.contains("give trails before --compare"))
        let swallowed = try CLI.run(["estimate", "--compare", scratch.trail, scratch.trail])
        #expect(swallowed.status == 2 && swallowed.stderr.contains("trails go before --compare"))
    }

    @Test(arguments: [
        ["/nonexistent/trail.bsm"], ["SAMPLE", "--audit-control", "/nonexistent/audit_control"],
        ["SAMPLE", "--config", "/nonexistent/audit_control"], ["--volume-profile", "/nonexistent/p.json"],
    ])
    func missingFilesAreIOErrors(arguments: [String]) throws {
        let scratch = try EstimateScratch()
        defer { scratch.remove() }
        let run = try CLI.run(["estimate"] + arguments.map { $0 == "SAMPLE" ? scratch.trail : $0 })
        #expect(run.status == 3, "\(run.stderr)")
        #expect(run.stderr.contains("/nonexistent/"))
    }

    @Test func reportTakesItsVolumeFromATrailOrAProfile() throws {
        let scratch = try EstimateScratch()
        defer { scratch.remove() }
        let disk = ["--disk-size", "100G", "--disk-free", "50G", "--start", "1767571200", "--format", "json"]
        let run = try CLI.run(["report", "--trail", scratch.trail, "--flags", "ex", "--policy", "cnt"] + disk)
        #expect(run.status == 0, "\(run.stderr)")
        let object = try json(run)
        let inputs = try #require(object["inputs"] as? [String: Any])
        #expect((inputs["volumeSource"] as? String)?.hasPrefix("trail \(scratch.trail), flags ex") == true)
        let assumptions = object["assumptions"] as? [String] ?? []
        // naflags default to the stock lo,aa, which keeps the non-attributable login.
        let kept = EstimateScratch.bytes("exec") - 3 * EstimateScratch.argvBytes + EstimateScratch.bytes("login")
        #expect(assumptions.contains { $0.contains("4 records, \(kept) bytes kept, scaled to \(kept) bytes a day") })
        #expect(assumptions.contains("daily cycle: the sample's bytes per UTC hour"))

        let profile = scratch.directory.appendingPathComponent("p.json").path
        _ = try CLI.run(["estimate", scratch.trail, "--save-profile", profile])
        let fromProfile = try CLI.run(
            ["report", "--volume-profile", profile, "--flags", "ex", "--policy", "cnt"] + disk)
        #expect(fromProfile.status == 0, "\(fromProfile.stderr)")
        let oldSpelling = try CLI.run(["report", "--profile", profile, "--flags", "ex", "--policy", "cnt"] + disk)
        #expect(
            oldSpelling.stdout == fromProfile.stdout && oldSpelling.stderr.contains("--profile is now --volume-profile")
        )
        let simulation = try #require(object["simulation"] as? NSDictionary)
        #expect(
            (try json(fromProfile)["simulation"] as? NSDictionary)?.isEqual(to: simulation as! [AnyHashable: Any])
                == true)
        let control = try scratch.file(
            "audit_control", "dir:/var/audit\nflags:ex\nnaflags:\npolicy:cnt\nminfree:5\nfilesz:2M\nexpire-after:10M\n")
        let fromConfig = try CLI.run(["report", control, "--dialect", "openbsm", "--trail", scratch.trail] + disk)
        #expect(fromConfig.status == 0, "\(fromConfig.stderr)")
        let configAssumptions = try json(fromConfig)["assumptions"] as? [String] ?? []
        let execOnly = EstimateScratch.bytes("exec") - 3 * EstimateScratch.argvBytes
        #expect(
            configAssumptions.contains {
                $0.contains("flags ex, naflags , policy cnt replayed")
                    && $0.contains("3 records, \(execOnly) bytes kept")
            })
        let both = try CLI.run(["report", "--volume-profile", profile, "--rate", "1G/day"] + disk)
        #expect(both.status == 2 && both.stderr.contains("give the volume one way"))
    }

    /// The sample's exec and read records are audit user 501's; the login is non-attributable.
    /// Alice's audit_user line adds fr and removes ex from flags ex for her records only.
    @Test func perUserMasksApplyWithAUserMap() throws {
        let scratch = try EstimateScratch()
        defer { scratch.remove() }
        let users = try scratch.file("audit_user", "alice:fr:ex\n")
        let map = try scratch.file("passwd", "# local users\nalice:x:501:20::/Users/alice:/bin/zsh\n")
        let common = [
            "estimate", scratch.trail, "--flags", "ex", "--naflags", "lo", "--policy", "cnt", "--format", "json",
            "--sample-flags", "all",
        ]
        let applied = try #require(
            candidates(try json(try CLI.run(common + ["--users", users, "--user-map", map]))).first)
        #expect(
            applied["records"] as? Int == 3
                && applied["bytes"] as? Int == EstimateScratch.bytes("read") + EstimateScratch.bytes("login"))
        #expect(applied["notes"] as? [String] == [])
        // A map naming another uid leaves 501's records under the plain flags.
        let other = try scratch.file("other.map", "502 alice\n")
        let unmatched = try #require(
            candidates(try json(try CLI.run(common + ["--users", users, "--user-map", other]))).first)
        #expect(unmatched["records"] as? Int == 4)

        // Without a map, the audit_user beside --config is found and only noted.
        let control = try scratch.file(
            "audit_control",
            "dir:/var/audit\nflags:ex\nnaflags:lo\npolicy:cnt\nminfree:5\nfilesz:2M\nexpire-after:10M\n")
        let unmapped = try #require(
            candidates(
                try json(try CLI.run(["estimate", scratch.trail, "--audit-control", control, "--format", "json"]))
            ).first)
        #expect(unmapped["records"] as? Int == 4)
        #expect(unmapped["notes"] as? [String] == ["audit_user has 1 entry; give --user-map to apply them"])
        let beside = try #require(
            candidates(
                try json(
                    try CLI.run([
                        "estimate", scratch.trail, "--audit-control", control, "--user-map", map, "--format", "json",
                    ]))
            ).first)
        #expect(beside["records"] as? Int == 3)

        let bad = try scratch.file("bad.map", "alice:x:501:20::/:/bin/sh\nbob:x:5o2:20::/:/bin/sh\n")
        let rejected = try CLI.run(common + ["--users", users, "--user-map", bad])
        #expect(rejected.status == 2)
        #expect(rejected.stderr.contains("\(bad):2:7: uid '5o2' is not a number"), "\(rejected.stderr)")

        let disk = ["--disk-size", "100G", "--disk-free", "50G", "--start", "1767571200", "--format", "json"]
        let report = try CLI.run(["report", control, "--trail", scratch.trail] + disk)
        #expect(report.status == 0, "\(report.stderr)")
        #expect(
            (try json(report)["assumptions"] as? [String] ?? []).contains(
                "audit_user has 1 entry; give --user-map to apply them"))
        let reportApplied = try CLI.run(["report", control, "--trail", scratch.trail, "--user-map", map] + disk)
        let kept = EstimateScratch.bytes("read") + EstimateScratch.bytes("login")
        #expect(
            (try json(reportApplied)["assumptions"] as? [String] ?? []).contains {
                $0.contains("3 records, \(kept) bytes kept")
            })
        let misplaced = try CLI.run(["report", "--rate", "1G/day", "--user-map", map] + disk)
        #expect(
            misplaced.status == 2
                && misplaced.stderr.contains("--user-map apply to the volume of --trail or --volume-profile"))
    }
}
