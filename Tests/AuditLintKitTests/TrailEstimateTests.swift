import Foundation
import Testing

@testable import AuditLintKit

/// Estimates from real trail bytes (made with the encoder) whose truth the test knows:
/// the adapter, the profile builder and the estimator together must be byte-exact.
@Suite struct TrailEstimateTests {
    static let classes = EstimatorTests.classes
    static let events = EstimatorTests.events
    static let start: UInt64 = 1_700_000_000  // 22:13:20 UTC

    static func subject(_ auid: UInt32, role: BSMSubject.Role = .subject, wide: Bool = false, extended: Bool = false)
        -> BSMToken
    {
        .subject(
            BSMSubject(
                role: role, is64Bit: wide, isExtended: extended, auditUID: auid, effectiveUID: 0, effectiveGID: 0,
                realUID: 0, realGID: 0, pid: 42, sessionID: 7, terminalPort: 0,
                terminalAddress: extended
                    ? BSMAddress(type: 16, bytes: Array(repeating: 1, count: 16)) : .ipv4(0, 0, 0, 0)))
    }

    static let args = BSMToken.execArgs([Array("git".utf8), Array("status".utf8)])
    static let env = BSMToken.execEnv([Array("HOME=/Users/a".utf8), Array("PATH=/usr/bin:/bin".utf8)])
    static let argsBytes = BSMEncoder.encode(args).count
    static let envBytes = BSMEncoder.encode(env).count

    /// One kind of record in the sample: how many, and the encoded record.
    struct Kind {
        var count: Int
        var record: [UInt8]
        var size: Int { record.count }
    }

    /// The sample's record kinds, in trail order (each kind's records are consecutive,
    /// one second apart, starting `offset` seconds after `start`).
    static let kinds: [String: Kind] = {
        func record(_ header: BSMHeader, _ tokens: [BSMToken]) -> [UInt8] { BSMEncoder.record(header, tokens) }
        return [
            // Attributable successful execs with argv and arge (32-bit header).
            "execOK": Kind(
                count: 3,
                record: record(
                    BSMHeader(event: 23, seconds: start, milliseconds: 0),
                    [
                        args, env, .path(BSMBytes.cString("/usr/bin/git")), subject(501),
                        .returnValue(status: 0, value: 0, is64Bit: false),
                    ])),
            // Attributable failed execs with argv only (64-bit header, 64-bit subject).
            "execFail": Kind(
                count: 2,
                record: record(
                    BSMHeader(is64Bit: true, event: 23, seconds: start + 100, milliseconds: 500),
                    [
                        args, .path(BSMBytes.cString("/bin/nope")), subject(501, wide: true),
                        .returnValue(status: 2, value: 0, is64Bit: true),
                    ])),
            // Attributable by the process token alone (extended header with a host address).
            "readProcess": Kind(
                count: 4,
                record: record(
                    BSMHeader(host: .ipv4(10, 0, 0, 1), event: 72, seconds: start + 3600, milliseconds: 0),
                    [
                        .path(BSMBytes.cString("/etc/hosts")), subject(502, role: .process),
                        .returnValue(status: 0, value: 3, is64Bit: false),
                    ])),
            // Neither subject nor process token: non-attributable.
            "readAnonymous": Kind(
                count: 5,
                record: record(
                    BSMHeader(event: 72, seconds: start + 7200, milliseconds: 0),
                    [.path(BSMBytes.cString("/etc/secret")), .returnValue(status: 13, value: 0, is64Bit: false)])),
            // AU_DEFAUDITID subject (extended IPv6 terminal), no return token: non-attributable success.
            "loginUnset": Kind(
                count: 2,
                record: record(
                    BSMHeader(event: 6152, seconds: start + 7300, milliseconds: 0),
                    [
                        subject(RecordSummary.unsetAuditUserID, extended: true),
                        .text(BSMBytes.cString("successful login")),
                    ])),
            // Attributable failed authentication; the process token after the subject is ignored.
            "authFail": Kind(
                count: 1,
                record: record(
                    BSMHeader(
                        is64Bit: true, host: BSMAddress(type: 16, bytes: Array(repeating: 9, count: 16)), event: 45023,
                        seconds: start + 86_000, milliseconds: 0),
                    [
                        subject(501), subject(0, role: .process), .text(BSMBytes.cString("bad password")),
                        .returnValue(status: 1, value: 0, is64Bit: false),
                    ])),
            // An event in no table: in the sample, never kept.
            "unknown": Kind(
                count: 1,
                record: record(
                    BSMHeader(event: 9999, seconds: start + 86_400, milliseconds: 0), [subject(501)])),
        ]
    }()

    static let order = ["execOK", "execFail", "readProcess", "readAnonymous", "loginUnset", "authFail", "unknown"]

    static let fileToken = BSMEncoder.encode(
        .file(seconds: UInt32(start), milliseconds: 0, name: BSMBytes.cString("/var/audit/x")))

    /// The trail: every kind's records, with a stand-alone file token first.
    static var trail: [UInt8] {
        var out = fileToken
        for name in order {
            for _ in 0..<kinds[name]!.count { out += kinds[name]!.record }
        }
        return out
    }

    static func size(_ name: String) -> Int { kinds[name]!.size * kinds[name]!.count }
    static func count(_ name: String) -> Int { kinds[name]!.count }

    static func profile(_ bytes: [UInt8] = trail) throws -> VolumeProfile {
        var builder = VolumeProfileBuilder()
        try builder.add(TrailReader(source: MemoryTrailSource(bytes), name: "t.bsm"))
        return builder.profile().recorded(with: .everything)
    }

    func estimate(_ flags: String, _ naflags: String, _ policy: String, on profile: VolumeProfile? = nil) throws
        -> CandidateEstimate
    {
        let candidate = EstimateCandidate(
            label: "c", control: nil, flags: flags, naflags: naflags, policy: policy, classes: Self.classes,
            dialect: .openbsm)
        return Estimator(events: Self.events, classes: Self.classes).evaluate(
            candidate, on: try profile ?? Self.profile())
    }

    @Test func summariesReadEveryField() throws {
        var summaries: [RecordSummary] = []
        let reader = TrailReader(source: MemoryTrailSource(Self.trail), name: "t.bsm")
        try reader.forEachRecord { view in
            if let summary = RecordSummary(view) { summaries.append(summary) }
        }
        #expect(summaries.count == Self.order.map(Self.count).reduce(0, +))
        let first = try #require(summaries.first)
        #expect(
            first
                == RecordSummary(
                    event: 23, auditUserID: 501, success: true, size: Self.kinds["execOK"]!.size,
                    execArgsBytes: Self.argsBytes, execEnvBytes: Self.envBytes,
                    time: Double(Self.start), path: "/usr/bin/git"))
        let execFail = summaries[3]
        #expect(
            execFail.success == false && execFail.time == Double(Self.start + 100) + 0.5 && execFail.execEnvBytes == 0)
        let readProcess = summaries[5]
        #expect(
            readProcess.auditUserID == 502 && readProcess.time == Double(Self.start + 3600)
                && readProcess.path == "/etc/hosts")
        let anonymous = summaries[9]
        #expect(anonymous.auditUserID == nil && !anonymous.isAttributable && !anonymous.success)
        let login = summaries[14]
        #expect(
            login.auditUserID == RecordSummary.unsetAuditUserID && !login.isAttributable && login.success
                && login.path == nil)
        let auth = summaries[16]
        #expect(auth.auditUserID == 501 && !auth.success && auth.time == Double(Self.start + 86_000))
    }

    @Test func sampleTotalsAreExact() throws {
        let profile = try Self.profile()
        #expect(profile.files == 1)
        #expect(profile.records == 18)
        #expect(profile.bytes == Self.order.map(Self.size).reduce(0, +))
        #expect(profile.spanSeconds == 86_400)
        #expect(profile.damagedBytes == 0)
    }

    @Test(arguments: [
        // flags, naflags, policy, the kinds kept, whether exec_args and exec_env stay
        ("ex", "", "cnt,argv,arge", ["execOK", "execFail"], true, true),
        ("ex", "", "cnt,argv", ["execOK", "execFail"], true, false),
        ("ex", "", "cnt", ["execOK", "execFail"], false, false),
        ("+ex", "", "cnt,arge", ["execOK"], false, true),
        ("fr", "", "cnt", ["readProcess"], true, true),
        ("", "-fr", "cnt", ["readAnonymous"], true, true),
        ("fr", "+fr", "cnt", ["readProcess"], true, true),
        ("lo", "lo", "cnt", ["loginUnset"], true, true),
        ("lo", "", "cnt", [], true, true),
        ("-aa,+ex", "", "cnt,argv,arge", ["execOK", "authFail"], true, true),
        (
            "all", "all", "cnt,argv,arge",
            ["execOK", "execFail", "readProcess", "readAnonymous", "loginUnset", "authFail"], true, true
        ),
        (
            "all,^pc,^ex", "all", "cnt,argv,arge", ["readProcess", "readAnonymous", "loginUnset", "authFail"], true,
            true
        ),
    ])
    func candidatesAreByteExact(flags: String, naflags: String, policy: String, kept: [String], argv: Bool, arge: Bool)
        throws
    {
        let result = try estimate(flags, naflags, policy)
        var bytes = kept.map(Self.size).reduce(0, +)
        if !argv { bytes -= kept.filter { $0.hasPrefix("exec") }.map(Self.count).reduce(0, +) * Self.argsBytes }
        if !arge { bytes -= kept.filter { $0 == "execOK" }.map(Self.count).reduce(0, +) * Self.envBytes }
        #expect(result.records == kept.map(Self.count).reduce(0, +))
        #expect(result.bytes == bytes)
        #expect(result.bytesPerDay == Double(bytes))
        #expect(result.hourlyBytes.reduce(0, +) == bytes)
        #expect(result.lowerBound == (arge && kept.contains("execFail")))
    }

    @Test func hourlyProfileFollowsHeaderTimes() throws {
        let result = try estimate("all", "all", "cnt,argv,arge")
        // start is 22:13:20 UTC; +3600 is 23:13; +7200 and +7300 are 00:13 and 00:15; +86000 is 22:06.
        #expect(result.hourlyBytes[22] == Self.size("execOK") + Self.size("execFail") + Self.size("authFail"))
        #expect(result.hourlyBytes[23] == Self.size("readProcess"))
        #expect(result.hourlyBytes[0] == Self.size("readAnonymous") + Self.size("loginUnset"))
    }

    /// Each record's bytes go to its own UTC hour, whatever the order of the header times
    /// (the builder keeps the last record's hour: late, early, on the hour's edges, days apart).
    @Test func hourlyBytesFollowEachRecordsTimeInAnyOrder() throws {
        let times: [UInt64] = [3599, 3600, 0, 7199, 7200, 3599 + 86_400, 1, 1 << 40, 82_800, 86_399, 86_400, 3600]
        var bytes: [UInt8] = []
        var expected = Array(repeating: 0, count: 24)
        for (i, time) in times.enumerated() {
            let record = BSMEncoder.record(
                BSMHeader(event: 72, seconds: time, milliseconds: 0),
                [
                    .path(BSMBytes.cString(String(repeating: "x", count: i + 1))), Self.subject(501),
                    .returnValue(status: 0, value: 0, is64Bit: false),
                ])
            bytes += record
            expected[Int(time / 3600 % 24)] += record.count
        }
        var builder = VolumeProfileBuilder()
        try builder.add(TrailReader(source: MemoryTrailSource(bytes), name: "t.bsm"))
        #expect(builder.profile().entries.map(\.hourlyBytes) == [expected])
    }

    @Test func talkersAreTheKeptPaths() throws {
        let result = try estimate("ex,fr", "fr", "cnt,argv,arge")
        let hostsFirst = Self.size("readProcess") > Self.size("readAnonymous")
        #expect(
            result.topTalkers.map(\.name) == ["/usr/bin/git", "/bin/nope"]
                + (hostsFirst ? ["/etc/hosts", "/etc/secret"] : ["/etc/secret", "/etc/hosts"]))
        #expect(
            result.topTalkers.first
                == .init(kind: "executable", name: "/usr/bin/git", records: 3, bytes: Self.size("execOK")))
    }

    @Test func damagedBytesAreCountedAndTheRestIsRead() throws {
        var bytes = Self.trail
        let garbage = [UInt8](repeating: 0, count: 10)
        let cut = Self.fileToken.count + Self.kinds["execOK"]!.size * 2  // after the file token and two records
        bytes.insert(contentsOf: garbage, at: cut)
        bytes += Array(Self.kinds["authFail"]!.record.prefix(30))  // a truncated last record
        var problems: [TrailProblem] = []
        var builder = VolumeProfileBuilder()
        try builder.add(
            TrailReader(source: MemoryTrailSource(bytes), name: "t.bsm"), onProblem: { problems.append($0) })
        let profile = builder.profile()
        #expect(profile.records == 18)
        #expect(profile.damagedBytes == 40)
        #expect(problems.map(\.offset) == [Int64(cut), Int64(Self.trail.count + 10)])
        #expect(
            try estimate("all", "all", "cnt,argv,arge", on: profile).bytes
                == (try estimate("all", "all", "cnt,argv,arge").bytes))
    }

    @Test func strictStopsAtTheFirstDamage() throws {
        var bytes = Self.trail
        bytes.insert(0, at: Self.fileToken.count)
        var builder = VolumeProfileBuilder()
        #expect(throws: AuditLintError.self) {
            try builder.add(TrailReader(source: MemoryTrailSource(bytes), name: "t.bsm", options: .init(strict: true)))
        }
    }

    @Test func savedProfilesEvaluateLikeTheTrail() throws {
        let profile = try Self.profile()
        let decoded = try JSONDecoder().decode(VolumeProfile.self, from: profile.jsonData())
        for (flags, naflags) in [("ex", ""), ("all", "all"), ("-aa,+ex", "lo")] {
            #expect(
                try estimate(flags, naflags, "cnt", on: decoded) == (try estimate(flags, naflags, "cnt", on: profile)))
        }
        let twice = profile.merging(decoded)
        let one = try estimate("all", "all", "cnt,argv,arge", on: profile)
        let two = try estimate("all", "all", "cnt,argv,arge", on: twice)
        #expect(two.records == 2 * one.records && two.bytes == 2 * one.bytes && two.bytesPerDay == one.bytesPerDay)
        #expect(two.topTalkers.first?.bytes == 2 * (one.topTalkers.first?.bytes ?? 0))
    }

    @Test func candidatesFromAuditControlTakeWhatTheKernelEndsUpWith() throws {
        let control = AuditControl.parse(
            SourceText(path: "audit_control", text: "flags:lo,ex\nnaflags:lo\npolicy:cnt,argv\n"), dialect: .openbsm,
            classes: Self.classes)
        let fromFile = EstimateCandidate(label: "f", control: control, classes: Self.classes, dialect: .openbsm)
        #expect(
            fromFile.flagsText == "lo,ex" && fromFile.argv && !fromFile.arge && fromFile.isValid
                && fromFile.problems.isEmpty)
        let overridden = EstimateCandidate(
            label: "o", control: control, policy: "cnt,bogus", classes: Self.classes, dialect: .openbsm)
        #expect(!overridden.argv)
        #expect(overridden.problems.contains { $0.hasPrefix("policy:") })
        let badNaflags = EstimateCandidate(
            label: "b", control: control, naflags: "lo, aa", classes: Self.classes, dialect: .openbsm)
        #expect(!badNaflags.isValid && badNaflags.naflagsMask == AuditMask.none)
        let missing = EstimateCandidate(label: "m", control: nil, classes: Self.classes, dialect: .openbsm)
        #expect(missing.flagsMask == nil && !missing.argv)
    }

    @Test func additionsAddEachMissingClass() throws {
        let setup = EstimateSetup(
            control: nil, classes: Self.classes, events: Self.events, dialect: .openbsm, notes: [])
        let base = EstimateCandidate(
            label: "b", control: nil, flags: "lo,+ex", naflags: "", policy: "cnt", classes: Self.classes,
            dialect: .openbsm)
        let additions = setup.additions(to: base)
        #expect(additions.map(\.label) == ["+fr", "+pc", "+aa", "+ex"])
        let plusFr = try estimate("lo,+ex,fr", "", "cnt")
        #expect(
            Estimator(events: Self.events, classes: Self.classes).evaluate(additions[0], on: try Self.profile()).bytes
                == plusFr.bytes)
    }

    @Test func writeVolumeUsesTheHourlyProfileOnlyForADay() throws {
        let result = try estimate("all", "all", "cnt,argv,arge")
        let (volume, assumptions) = try #require(result.writeVolume(spanSeconds: 86_400))
        #expect(volume.bytesPerDay == Double(result.bytes))
        #expect(volume.recordSize == Int64((Double(result.bytes) / Double(result.records)).rounded()))
        #expect(volume.hourlyWeights == result.hourlyBytes.map(Double.init))
        #expect(assumptions.contains { $0.contains("bytes per UTC hour") })
        let short = try #require(result.writeVolume(spanSeconds: 3600))
        #expect(short.volume.hourlyWeights == nil)
        #expect(result.writeVolume(spanSeconds: 0) == nil)
    }
}

@Suite struct VolumeProfileBuilderLimitTests {
    @Test func integerIndexStoresAndGrows() {
        var index = IntegerIndex()
        for key in stride(from: UInt64(0), to: 10_000, by: 1) { index[key &* 0x1_0000_0001] = Int32(key) }
        #expect(index.count == 10_000)
        #expect((0..<10_000).allSatisfy { index[UInt64($0) &* 0x1_0000_0001] == Int32($0) })
        #expect(index[3] == nil)
        index[0] = 99
        #expect(index[0] == 99 && index.count == 10_000)
    }

    /// Keys that a fixed multiplier would put in one run of slots (multiples of its
    /// inverse: their products are all below the table's first slot boundary) spread out
    /// under the process's random one.
    @Test func keysChosenForAFixedMultiplierDoNotCluster() {
        let fixed: UInt64 = 0x9E37_79B9_7F4A_7C15
        var inverse = fixed
        for _ in 0..<6 { inverse = inverse &* (2 &- fixed &* inverse) }
        #expect(fixed &* inverse == 1)
        var index = IntegerIndex()
        for j in UInt64(1)...4096 { index[j &* inverse] = Int32(j) }
        #expect(index.count == 4096 && index[77 &* inverse] == 77)
        #expect(index.longestRun < 1024)  // 4096 with the fixed multiplier
    }

    @Test func pathsAreInternedByBytes() {
        var interner = PathInterner()
        func id(_ text: String) -> Int32 { Array(text.utf8).withUnsafeBytes { interner.id($0, limit: 3) } }
        #expect(id("/a") == 0 && id("/b") == 1 && id("/a") == 0 && id("") == 2)
        #expect(id("/c") == 3 && id("/d") == 3)  // past the limit: (other)
        #expect(interner.name(3) == VolumeProfileBuilder.otherTalker && interner.name(1) == "/b")
    }

    @Test func memoryStaysBoundedWhateverTheTrail() {
        var builder = VolumeProfileBuilder()
        let many = VolumeProfileBuilder.talkerLimit + 500
        for i in 0..<many {
            builder.add(
                RecordSummary(
                    event: 72, auditUserID: UInt32(i), success: true, size: 100, time: 1_700_000_000 + Double(i),
                    path: "/tmp/f\(i)"))
        }
        let profile = builder.profile()
        #expect(profile.records == many && profile.bytes == 100 * many)
        #expect(profile.entries.count == VolumeProfileBuilder.userLimit + 1)
        #expect(profile.entries.last?.auditUserID == VolumeProfileBuilder.otherUsersAuditUserID)
        #expect(profile.talkers.count <= VolumeProfileBuilder.talkerLimit + profile.entries.count)
        #expect(profile.talkers.map(\.records).reduce(0, +) == many)
        #expect(profile.talkers.contains { $0.name == VolumeProfileBuilder.otherTalker })
    }
}
