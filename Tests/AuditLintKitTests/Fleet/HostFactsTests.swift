import AuditLintTestSupport
import Foundation
import Testing

@testable import AuditLintKit

/// Profiles for fleet tests, built from record summaries: one host's day of login records
/// (class lo) and exec records (class ex), with host facts.
enum FleetFixtures {
    static let start = 1_767_571_200.0

    /// 100 login records of `recordSize` bytes spread over exactly one day (so `100 ×
    /// recordSize` bytes a day under `lo`), plus `execs` execve records of 500 bytes running
    /// `executable`.
    static func profile(
        _ name: String, recordSize: Int = 1_000, execs: Int = 0, executable: String = "/usr/bin/make",
        dialect: Dialect = .macos, disk: DiskFacts? = disk(size: 100 << 30, free: 80 << 30),
        control: AuditControlFacts? = nil
    ) -> VolumeProfile {
        var builder = VolumeProfileBuilder()
        builder.files = 1
        for index in 0..<100 {
            builder.add(
                RecordSummary(
                    event: 6152, auditUserID: 501, success: true, size: recordSize,
                    time: start + Double(index) * 86_400 / 99, path: "/var/run/utmpx"))
        }
        for index in 0..<execs {
            builder.add(
                RecordSummary(
                    event: 23, auditUserID: 501, success: true, size: 500, time: start + Double(index % 86_400),
                    path: executable))
        }
        var profile = builder.profile(hosts: [name]).recorded(with: .everything)
        profile.host = HostFacts(name: name, dialect: dialect, auditControl: control, disk: disk)
        return profile
    }

    static func disk(size: Int64, free: Int64, blockSize: Int64 = 4096) -> DiskFacts {
        DiskFacts(path: "/var/audit", size: size, free: free, blockSize: blockSize, source: .options)
    }

    static func control(_ text: String, dialect: Dialect = .macos, path: String = "/etc/security/audit_control")
        -> AuditControlFacts
    {
        let control = AuditControl.parse(
            SourceText(path: path, text: text), dialect: dialect, classes: .builtIn(dialect))
        return AuditControlFacts(
            path: path, sha256: SHA256.hex(Array(text.utf8)),
            settings: HostAuditSettings(control: control, classes: .builtIn(dialect)))
    }

    static let stockText =
        "dir:/var/audit\nflags:lo,aa\nminfree:5\nnaflags:lo,aa\npolicy:cnt,argv\nfilesz:2M\nexpire-after:10M\n"
}

@Suite struct HostFactsTests {
    func decode(_ text: String) throws -> VolumeProfile {
        try VolumeProfile.decode(Array(text.utf8), path: "p.json")
    }

    /// A profile as schema version 1 wrote it (no host facts), built inline.
    static let versionOne = """
        {
          "bytes" : 300,
          "damagedBytes" : 0,
          "entries" : [
            {
              "auditUserID" : 501,
              "bytes" : 300,
              "event" : 6152,
              "execArgsBytes" : 0,
              "execEnvBytes" : 0,
              "hourlyBytes" : [300, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
              "records" : 3,
              "recordsWithExecArgs" : 0,
              "recordsWithExecEnv" : 0,
              "success" : true
            }
          ],
          "files" : 1,
          "firstTime" : 1767571200,
          "hosts" : ["old-mac"],
          "kind" : "auditlint-volume-profile",
          "lastTime" : 1767657600,
          "records" : 3,
          "schemaVersion" : 1,
          "spanSeconds" : 86400,
          "talkers" : []
        }
        """

    @Test func aVersionOneProfileStillLoadsWithoutHostFacts() throws {
        let profile = try decode(Self.versionOne)
        #expect(profile.schemaVersion == 1 && profile.hosts == ["old-mac"] && profile.host == nil)
        #expect(profile.bytes == 300 && profile.entries.count == 1)
        // Merged with a current profile it is written as the current version.
        #expect(profile.merging(profile).schemaVersion == VolumeProfile.currentSchemaVersion)
    }

    @Test func hostFactsRoundTripThroughTheFile() throws {
        var profile = FleetFixtures.profile("mac-1", control: FleetFixtures.control(FleetFixtures.stockText))
        profile.host?.disk?.source = .statfs
        let read = try VolumeProfile.decode(Array(try profile.jsonData()), path: "p.json")
        #expect(read == profile)
        #expect(read.schemaVersion == 2)
        let text = String(decoding: try profile.jsonData(), as: UTF8.self)
        #expect(text.contains("\"sha256\" : \"\(SHA256.hex(Array(FleetFixtures.stockText.utf8)))\""))
    }

    @Test(arguments: [
        ("\"free\" : 10", "\"free\" : 999999999999999", "\"host.disk.free\" is 999999999999999"),
        ("\"blockSize\" : 4096", "\"blockSize\" : 0", "\"host.disk.blockSize\" is 0"),
        ("\"size\" : 1048576", "\"size\" : -5", "\"host.disk.size\" is -5"),
        ("\"minfree\" : 5", "\"minfree\" : 150", "\"host.auditControl.settings.minfree\" is 150"),
        ("\"qsize\" : 100", "\"qsize\" : 0", "\"host.auditControl.settings.qsize\" is 0"),
        ("\"name\" : \"mac-1\"", "\"name\" : \"\"", "\"host.name\" is empty"),
        ("\"sha256\" : \"", "\"sha256\" : \"XYZ", "\"host.auditControl.sha256\" is not 64 lowercase"),
        ("\"dialect\" : \"macos\"", "\"dialect\" : \"solaris\"", "invalid value at host.dialect"),
    ])
    func damagedHostFactsAreRefusedNamingTheField(original: String, damaged: String, message: String) throws {
        var profile = FleetFixtures.profile(
            "mac-1", disk: FleetFixtures.disk(size: 1 << 20, free: 10),
            control: FleetFixtures.control(FleetFixtures.stockText))
        profile.hosts = ["mac-1"]
        let text = String(decoding: try profile.jsonData(), as: UTF8.self)
        #expect(text.contains(original))
        let error = #expect(throws: AuditLintError.self) {
            try decode(text.replacingOccurrences(of: original, with: damaged))
        }
        #expect(error?.description.hasPrefix("p.json: ") == true)
        #expect(error?.description.contains(message) == true, "\(String(describing: error))")
        #expect(error?.description.contains("auditlint estimate --save-profile") == true)
    }

    @Test func mergingKeepsTheLatestFactsOfOneHostAndDropsThoseOfSeveral() {
        let old = FleetFixtures.profile("mac-1", disk: FleetFixtures.disk(size: 100 << 30, free: 50 << 30))
        var new = FleetFixtures.profile("mac-1", disk: FleetFixtures.disk(size: 100 << 30, free: 40 << 30))
        new.firstTime = old.lastTime! + 1
        new.lastTime = old.lastTime! + 86_401
        #expect(old.merging(new).host?.disk?.free == 40 << 30)
        #expect(new.merging(old).host?.disk?.free == 40 << 30)
        #expect(old.merging(new).hosts == ["mac-1"])

        let other = FleetFixtures.profile("mac-2")
        #expect(old.merging(other).host == nil && old.merging(other).hosts == ["mac-1", "mac-2"])
        // A part without facts that names another host makes the merge a fleet of two.
        var anonymous = other
        anonymous.host = nil
        #expect(old.merging(anonymous).host == nil)
        // One without facts or a name changes nothing.
        anonymous.hosts = []
        #expect(old.merging(anonymous).host == old.host)
        // Three parts: once two hosts are seen, a third part of the first does not bring facts back.
        #expect(old.merging(other).merging(new).host == nil)
    }

    @Test func describingAHostLabelsTheProfileOnlyWhenItIsThatHostAlone() {
        var profile = FleetFixtures.profile("x")
        profile.host = nil
        profile.hosts = []
        let facts = HostFacts(name: "mac-9", dialect: .openbsm)
        #expect(profile.describing(facts).host == facts && profile.describing(facts).hosts == ["mac-9"])
        profile.hosts = ["mac-1"]
        #expect(profile.describing(facts).host == nil && profile.describing(facts).hosts == ["mac-1", "mac-9"])
    }

    @Test func savedProfilesKeepTheTopTalkers() {
        let profile = FleetFixtures.profile("m", execs: 10, executable: "/usr/bin/make")
        #expect(profile.talkers.count == 2)
        #expect(profile.keepingTopTalkers(1).talkers == [profile.talkers[0]])
        #expect(profile.keepingTopTalkers(0).talkers.isEmpty && profile.keepingTopTalkers(0).bytes == profile.bytes)
    }

    @Test func theDiskHoldingADirectoryIsMeasured() throws {
        let directory = try TemporaryDirectory("disk")
        defer { directory.remove() }
        let disk = try DiskFacts.measure(directory: directory.url.path)
        #expect(disk.size > 0 && disk.free <= disk.size && disk.blockSize > 0 && disk.size % disk.blockSize == 0)
        #expect(disk.source == .statfs && disk.path == directory.url.path)
        let missing = directory.path("missing")
        let error = #expect(throws: AuditLintError.self) { try DiskFacts.measure(directory: missing) }
        #expect(error?.description.hasPrefix("\(missing): cannot be read (statfs failed") == true)
        #expect(error?.description.contains("--disk-size and --disk-free") == true)
    }

    /// The settings a profile records give back what the capacity model and the estimator
    /// take from the file itself.
    @Test(arguments: [
        (FleetFixtures.stockText, Dialect.macos),
        (
            "flags:lo,ex,-fr\nnaflags:\nminfree:20\npolicy:ahlt,argv,arge\nfilesz:0\nexpire-after:30d AND 1G\nqsize:500\n",
            .openbsm
        ),
        ("flags:lo, aa\nminfree:5\npolicy:bogus\nfilesz:100K\nexpire-after:60d\nhost:audit.example\n", .macos),
        ("flags:lo\nnaflags:lo\npolicy:cnt\nexpire-after:-1d\nminfree:5\n", .openbsm),
    ])
    func recordedSettingsAreTheFilesEffectiveSettings(text: String, dialect: Dialect) {
        let control = AuditControl.parse(
            SourceText(path: "ac", text: text), dialect: dialect, classes: .builtIn(dialect))
        let settings = HostAuditSettings(control: control, classes: .builtIn(dialect))
        #expect(settings.capacityConfiguration == CapacityConfiguration(control: control))
        let candidate = EstimateCandidate(label: "ac", control: control, classes: .builtIn(dialect), dialect: dialect)
        let recorded = settings.candidate(label: "ac")
        #expect(recorded.flagsMask == candidate.flagsMask && recorded.naflagsMask == candidate.naflagsMask)
        #expect(recorded.argv == candidate.argv && recorded.arge == candidate.arge)
        #expect(recorded.problems == candidate.problems && recorded.flagsText == candidate.flagsText)
    }

    @Test func aFileAuditdWouldNotStartWithRecordsNoCapacitySettings() {
        let control = AuditControl.parse(
            SourceText(path: "ac", text: "flags:lo\nnaflags:lo\n"), dialect: .macos, classes: .builtIn(.macos))
        let settings = HostAuditSettings(control: control, classes: .builtIn(.macos))
        #expect(settings.minfree == nil && settings.capacityConfiguration == nil)
        #expect(CapacityConfiguration(control: control) == nil)
    }
}

/// The decoder over a parsed document reads what Foundation's `JSONDecoder` reads, and
/// refuses what it refuses with the same kind of error and path.
@Suite struct JSONValueDecoderTests {
    @Test func aProfileWithHostFactsReadsAsWithJSONDecoder() throws {
        var profile = FleetFixtures.profile(
            "mac-1", execs: 5, control: FleetFixtures.control(FleetFixtures.stockText))
        profile.host?.auditControl?.settings.flagsMask = nil
        profile.firstTime = nil
        let data = try profile.jsonData()
        let document = try JSONValue.parse(Array(data))
        #expect(try JSONValueDecoder.decode(VolumeProfile.self, from: document) == profile)
        #expect(try JSONDecoder().decode(VolumeProfile.self, from: data) == profile)
    }

    @Test(arguments: [
        ("{\"success\":1,\"failure\":2}", ""),
        ("{\"success\":1}", "\"failure\" is missing"),
        ("{\"success\":-1,\"failure\":2}", "invalid value at success"),
        ("{\"success\":1.5,\"failure\":2}", "wrong type at success (expected an integer)"),
        ("{\"success\":null,\"failure\":2}", "null at success"),
        ("{\"success\":\"1\",\"failure\":2}", "wrong type at success"),
        ("[1,2]", "wrong type"),
    ])
    func errorsNameTheField(text: String, message: String) throws {
        let document = try JSONValue.parse(Array(text.utf8))
        do {
            let mask = try JSONInput.decode(
                AuditMask.self, from: document, path: "m.json", what: "mask", remedy: "fix it")
            #expect(message.isEmpty && mask == AuditMask(success: 1, failure: 2))
        } catch let error as AuditLintError {
            #expect(!message.isEmpty && error.description.contains(message), "\(error.description)")
            #expect(error.description.hasPrefix("m.json: damaged mask: ") && error.isUsageError)
        }
    }

    @Test func arraysOfOptionalsAndNestedArrays() throws {
        let document = try JSONValue.parse(Array("[[1,null],[],[3]]".utf8))
        #expect(try JSONValueDecoder.decode([[Int?]].self, from: document) == [[1, nil], [], [3]])
        let error = #expect(throws: DecodingError.self) {
            try JSONValueDecoder.decode([[Int]].self, from: document)
        }
        #expect(JSONInput.describe(error!).hasPrefix("null at [0][1]"))
    }
}
