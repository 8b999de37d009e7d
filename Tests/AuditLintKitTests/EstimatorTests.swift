import Foundation
import Testing

@testable import AuditLintKit

@Suite struct EstimatorTests {
    static let classes = AuditClassTable(classes: [
        AuditClass(name: "no", mask: 0, description: "invalid class"),
        AuditClass(name: "fr", mask: 0x1, description: "file read"),
        AuditClass(name: "pc", mask: 0x80, description: "process"),
        AuditClass(name: "lo", mask: 0x1000, description: "login_logout"),
        AuditClass(name: "aa", mask: 0x2000, description: "authentication and authorization"),
        AuditClass(name: "ex", mask: 0x4000_0000, description: "exec"),
        AuditClass(name: "all", mask: 0xFFFF_FFFF, description: "all flags set"),
    ])
    static let events = AuditEventTable(events: [
        AuditEvent(
            number: 23, name: "AUE_EXECVE", description: "execve(2)", classesText: "pc,ex", classMask: 0x4000_0080),
        AuditEvent(number: 72, name: "AUE_OPEN_R", description: "open(2) - read", classesText: "fr", classMask: 0x1),
        AuditEvent(number: 6152, name: "AUE_login", description: "login - local", classesText: "lo", classMask: 0x1000),
        AuditEvent(
            number: 45023, name: "AUE_auth_user", description: "user authentication", classesText: "aa",
            classMask: 0x2000),
    ])
    static let user: UInt32 = 501
    static let unset = RecordSummary.unsetAuditUserID

    /// A day of records whose truth is known: 10 execs (100 bytes each, 30 of them
    /// exec_args), 20 failed and 30 successful reads (50 bytes), 2 logins (80 bytes),
    /// 4 non-attributable authentications (60 bytes), one record of an unknown event.
    static var records: [RecordSummary] {
        var out: [RecordSummary] = []
        let start = 1_700_000_000.0
        for i in 0..<10 {
            out.append(
                RecordSummary(
                    event: 23, auditUserID: user, success: true, size: 100, execArgsBytes: 30,
                    time: start + Double(i) * 60, path: i < 6 ? "/usr/bin/git" : "/bin/ls"))
        }
        for i in 0..<20 {
            out.append(
                RecordSummary(
                    event: 72, auditUserID: user, success: false, size: 50, time: start + 1000 + Double(i),
                    path: "/etc/secret"))
        }
        for i in 0..<30 {
            out.append(
                RecordSummary(
                    event: 72, auditUserID: user, success: true, size: 50, time: start + 2000 + Double(i),
                    path: "/etc/hosts"))
        }
        for i in 0..<2 {
            out.append(
                RecordSummary(event: 6152, auditUserID: user, success: true, size: 80, time: start + 3000 + Double(i)))
        }
        for i in 0..<4 {
            out.append(
                RecordSummary(event: 45023, auditUserID: unset, success: true, size: 60, time: start + 4000 + Double(i))
            )
        }
        out.append(RecordSummary(event: 9999, auditUserID: user, success: true, size: 10, time: start + 86_400))
        return out
    }

    static func profile() -> VolumeProfile {
        var builder = VolumeProfileBuilder()
        builder.files = 1
        for record in records { builder.add(record) }
        // Recorded with every class: a class without records is truly absent.
        return builder.profile(hosts: ["host-a"]).recorded(with: .everything)
    }

    func estimate(
        _ flags: String, _ naflags: String = "", argv: Bool = true, arge: Bool = false,
        users: AuditUserTable? = nil
    ) -> CandidateEstimate {
        let estimator = Estimator(
            events: Self.events, classes: Self.classes, users: users, userNames: [Self.user: "alice"])
        let candidate = EstimateCandidate(
            label: "c", flags: flags, naflags: naflags, policy: argv ? "cnt,argv" : "cnt",
            argv: argv, arge: arge, classes: Self.classes)
        return estimator.evaluate(candidate, on: Self.profile())
    }

    @Test func profileTotalsAndSpan() {
        let profile = Self.profile()
        #expect(profile.records == 67)
        #expect(profile.bytes == 10 * 100 + 50 * 50 + 2 * 80 + 4 * 60 + 10)
        #expect(profile.spanSeconds == 86_400)
        #expect(profile.entries.count == 6)
    }

    @Test(arguments: [
        // flags, naflags, argv, expected records, expected bytes (event 9999 is in no
        // class, so even `all` leaves it out)
        ("lo", "", true, 2, 160),
        ("lo,aa", "lo,aa", true, 6, 400),
        ("-fr", "", true, 20, 1000),
        ("+fr", "", true, 30, 1500),
        ("fr", "", true, 50, 2500),
        ("all", "", true, 62, 1000 + 2500 + 160),
        ("ex", "", true, 10, 1000),
        ("ex", "", false, 10, 700),
        ("all,^-fr", "", true, 42, 1000 + 1500 + 160),
        ("-all,^-fr", "", true, 0, 0),
        ("lo, aa", "aa", true, 4, 240),
    ])
    func keepsExactlyThePreselectedRecords(flags: String, naflags: String, argv: Bool, records: Int, bytes: Int) {
        let result = estimate(flags, naflags, argv: argv)
        #expect(result.records == records)
        #expect(result.bytes == bytes)
        #expect(result.bytesPerDay == Double(bytes))
    }

    @Test func invalidMaskSelectsNothingAndSaysSo() {
        let result = estimate("lo, aa")
        #expect(!result.candidate.isValid)
        #expect(result.records == 0)
        #expect(result.notes.contains { $0.contains("rejected by libbsm") })
    }

    @Test func lowerBoundWhenSampleLacksExecEnv() {
        #expect(estimate("ex", arge: false).lowerBound == false)
        #expect(estimate("ex", arge: true).lowerBound == true)
        #expect(estimate("lo", arge: true).lowerBound == false)
    }

    @Test func breakdownByClassEventAndTalker() throws {
        let result = estimate("pc,fr")
        #expect(result.byClass["pc"] == .init(records: 10, bytes: 1000))
        #expect(result.byClass["ex"] == .init(records: 10, bytes: 1000))
        #expect(result.byClass["fr"] == .init(records: 50, bytes: 2500))
        #expect(result.byClass["lo"] == nil)
        #expect(result.byEvent.map(\.event) == [72, 23])
        #expect(result.byEvent.first?.name == "AUE_OPEN_R")
        let executables = result.topTalkers.filter { $0.kind == "executable" }
        #expect(executables.map(\.name) == ["/usr/bin/git", "/bin/ls"])
        #expect(executables.first?.bytes == 600)
        let paths = result.topTalkers.filter { $0.kind == "path" }
        #expect(paths.map(\.name) == ["/etc/hosts", "/etc/secret"])
        #expect(result.hourlyBytes.reduce(0, +) == result.bytes)
    }

    /// Talkers are summed by name as strings compare: canonically equal spellings (é
    /// composed and decomposed, the Kelvin sign and K) are one name, shown as first seen.
    @Test func talkersAreSummedByNameAsStringsCompare() {
        var builder = VolumeProfileBuilder()
        for (path, size) in [("/tmp/\u{E9}", 50), ("/tmp/e\u{301}", 40), ("/K", 30), ("/\u{212A}", 20), ("/k", 10)] {
            builder.add(
                RecordSummary(event: 72, auditUserID: Self.user, success: true, size: size, time: 1, path: path))
            builder.add(
                RecordSummary(event: 72, auditUserID: Self.user, success: false, size: size, time: 2, path: path))
        }
        let estimator = Estimator(events: Self.events, classes: Self.classes)
        let candidate = EstimateCandidate(
            label: "fr", control: nil, flags: "fr", naflags: "", policy: "cnt", classes: Self.classes, dialect: .macos)
        let talkers = estimator.evaluate(candidate, on: builder.profile()).topTalkers
        // The old reckoning: a dictionary keyed by the names.
        var expected: [String: (first: String, bytes: Int)] = [:]
        for talker in builder.profile().talkers where talker.event == 72 {
            let known = expected.first { $0.key == talker.name }
            expected[known?.key ?? talker.name] = (
                known?.value.first ?? talker.name, (known?.value.bytes ?? 0) + talker.bytes
            )
        }
        #expect(talkers.map(\.bytes) == [180, 100, 20])
        #expect(talkers.count == expected.count)
        #expect(Set(talkers.map(\.name)) == Set(expected.values.map(\.first)))
    }

    /// The estimate is the same whatever order the profile holds its talkers in (sorted, as
    /// first seen, shuffled): sums by name, and each name spelled as the first of its
    /// canonically equal spellings in the profile's order (most bytes, then bucket, then
    /// first seen), compared byte for byte.
    @Test func estimateIsTheSameInAnyTalkerOrder() {
        var builder = VolumeProfileBuilder()
        let spellings = [
            ("/tmp/\u{E9}", 40), ("/tmp/e\u{301}", 40), ("/tmp/e\u{301}", 50), ("/\u{212A}", 30), ("/K", 30),
            ("/k", 30), ("/\u{212A}", 10), ("/tmp/\u{E9}", 10), ("/usr/bin/git", 100),
        ]
        for (path, size) in spellings {
            for (event, success, user) in [
                (UInt16(72), true, Self.user), (72, false, Self.user), (72, true, nil), (72, true, 0),
                (23, true, Self.user), (6152, false, Self.user),
            ] {
                builder.add(
                    RecordSummary(
                        event: event, auditUserID: user, success: success, size: size,
                        execArgsBytes: event == 23 ? 5 : 0, time: 1, path: path))
            }
        }
        let estimator = Estimator(events: Self.events, classes: Self.classes, topCount: 20)
        let candidates = ["fr", "fr,ex", "all", "lo"].map { flags in
            EstimateCandidate(
                label: flags, control: nil, flags: flags, naflags: flags, policy: "cnt,argv", classes: Self.classes,
                dialect: .macos)
        }
        let sorted = builder.profile()
        var profiles = [builder.profile(talkersInOrder: false)]
        var r = SeededRandom(seed: 0x0D3E)
        for _ in 0..<20 {
            var shuffled = sorted
            shuffled.talkers.shuffle(using: &r)
            profiles.append(shuffled)
        }
        for candidate in candidates {
            let expected = estimator.evaluate(candidate, on: sorted)
            #expect(!expected.topTalkers.isEmpty || candidate.label == "lo")
            for profile in profiles {
                let estimate = estimator.evaluate(candidate, on: profile)
                #expect(estimate == expected)
                #expect(
                    estimate.topTalkers.map { Array($0.name.utf8) } == expected.topTalkers.map { Array($0.name.utf8) })
            }
        }
        // The spelling with the most bytes names the sum: decomposed é (50 bytes in one bucket).
        let paths = estimator.evaluate(candidates[0], on: sorted).topTalkers.filter { $0.kind == "path" }
        #expect(paths.contains { Array($0.name.utf8) == Array("/tmp/e\u{301}".utf8) })
    }

    @Test func perUserMasksApplyAsAtLogin() {
        let users = AuditUserTable(users: [
            AuditUserEntry(
                name: "alice", always: AuditMask(success: 0x1000, failure: 0x1000),
                never: AuditMask(success: 0x1, failure: 0x1))
        ])
        let result = estimate("fr", users: users)
        #expect(result.records == 2)
        #expect(result.bytes == 160)
    }

    /// Alice (501) and Bob (502) each make 3 reads (fr, 50 bytes) and 1 login (lo, 80
    /// bytes); a non-attributable authentication (aa, 60 bytes) stands apart. Alice's
    /// always-mask adds fr and her never-mask removes lo: only her records change.
    @Test func perUserMasksChangeOnlyThatUsersRecords() throws {
        var builder = VolumeProfileBuilder()
        for (i, user) in [UInt32(501), 502].enumerated() {
            for j in 0..<3 {
                builder.add(
                    RecordSummary(event: 72, auditUserID: user, success: true, size: 50, time: Double(i * 100 + j)))
            }
            builder.add(
                RecordSummary(event: 6152, auditUserID: user, success: true, size: 80, time: Double(i * 100 + 50)))
        }
        builder.add(RecordSummary(event: 45023, auditUserID: Self.unset, success: true, size: 60, time: 1000))
        let profile = builder.profile().recorded(with: .everything)
        let users = AuditUserTable.parse(
            SourceText(path: "audit_user", text: "alice:fr:lo\nbob:no:no\n"), classes: Self.classes)
        let candidate = EstimateCandidate(
            label: "c", flags: "lo", naflags: "aa", policy: "cnt", argv: false, arge: false, classes: Self.classes)
        func evaluate(_ names: [UInt32: String]) -> CandidateEstimate {
            Estimator(events: Self.events, classes: Self.classes, users: users, userNames: names).evaluate(
                candidate, on: profile)
        }
        let unmapped = evaluate([:])
        #expect(unmapped.records == 3 && unmapped.bytes == 2 * 80 + 60)
        #expect(unmapped.notes == ["audit_user has 2 entries; give --user-map to apply them"])
        let applied = evaluate([501: "alice", 502: "bob", 503: "carol"])
        #expect(applied.records == 5 && applied.bytes == 3 * 50 + 80 + 60)
        #expect(applied.byEvent.map { [$0.event: $0.records] } == [[72: 3], [6152: 1], [45023: 1]])
        #expect(applied.notes.isEmpty)
        // Bob alone mapped: his empty masks leave the counts as without audit_user.
        #expect(evaluate([502: "bob"]).records == 3)
    }

    @Test func profilesMergeByAddition() throws {
        let one = Self.profile()
        let merged = one.merging(one)
        #expect(merged.records == 2 * one.records)
        #expect(merged.bytes == 2 * one.bytes)
        #expect(merged.spanSeconds == 2 * one.spanSeconds)
        #expect(merged.hosts == ["host-a"])
        let estimator = Estimator(events: Self.events, classes: Self.classes)
        let candidate = EstimateCandidate(
            label: "c", flags: "lo", naflags: "", policy: "cnt", argv: false, arge: false, classes: Self.classes)
        // Per host per day: doubling the sample and its span leaves the rate unchanged.
        #expect(
            estimator.evaluate(candidate, on: merged).bytesPerDay == estimator.evaluate(candidate, on: one).bytesPerDay)
    }

    @Test func profileRoundTripsThroughItsFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("auditlint-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("p.json").path
        let profile = Self.profile()
        try AtomicWrite.write(try profile.jsonData(), to: path)
        #expect(try VolumeProfile.read(path: path) == profile)
    }

    @Test(arguments: [
        ("{\"kind\":\"something-else\"}", "not an auditlint volume profile"),
        ("{\"kind\":\"auditlint-volume-profile\",\"schemaVersion\":99}", "newer than this auditlint reads"),
        (
            "{\"kind\":\"auditlint-volume-profile\",\"schemaVersion\":1,\"files\":1}",
            "damaged volume profile: \"hosts\" is missing"
        ),
        ("\u{0}\u{1}garbage", "damaged volume profile, not valid JSON"),
    ])
    func badProfilesAreRefusedClearly(content: String, message: String) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("auditlint-\(UUID().uuidString).json")
            .path
        try AtomicWrite.write(content, to: path)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect {
            _ = try VolumeProfile.read(path: path)
        } throws: { error in
            "\(error)".contains(message) && "\(error)".contains(path)
        }
    }

    @Test func jsonInterface() {
        let report = EstimateReport(profile: Self.profile(), candidates: [estimate("lo")])
        #expect(
            EstimateReporter.json(report) == """
                {"schemaVersion":1,"input":{"files":1,"records":67,"bytes":3910,"spanSeconds":86400,"damagedBytes":0,"hosts":["host-a"],"recordedFlags":"all","recordedNaflags":"all"},\
                "candidates":[{"label":"c","flags":"lo","naflags":"","policy":"cnt,argv","valid":true,"records":2,"bytes":160,\
                "bytesPerDay":160,"lowerBound":false,"unsampled":{"flags":[],"naflags":[]},"byClass":{"lo":{"records":2,"bytes":160}},\
                "byEvent":[{"event":6152,"name":"AUE_login","records":2,"bytes":160}],\
                "hourlyBytes":[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,160],"topTalkers":[],"notes":[]}]}

                """)
    }
}
