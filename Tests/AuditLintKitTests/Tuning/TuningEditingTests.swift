import Foundation
import Testing

@testable import AuditLintKit

@Suite struct TuningEditingTests {
    func settings(_ text: String, dialect: Dialect = .macos) -> TuningSettings {
        TuningSettings(text: text, path: "audit_control", dialect: dialect, classes: TuningFixtures.classes)
    }

    @Test func onlyTheValueOfTheLineInForceChanges() {
        let text = "# flags:old\r\nflags:lo,aa\r\nflags:ignored\nnaflags:lo\n"
        #expect(
            settings(text).replacingValue(of: .flags, with: "lo,aa,-fr")
                == "# flags:old\r\nflags:lo,aa,-fr\r\nflags:ignored\nnaflags:lo\n")
    }

    @Test func trailingBlanksAndLaterTextStay() {
        // OpenBSM trims trailing blanks from the value, so they are kept after the new one.
        #expect(
            settings("flags:lo  \nminfree:5", dialect: .openbsm).replacingValue(of: .flags, with: "lo,aa")
                == "flags:lo,aa  \nminfree:5")
        // macOS takes the value up to the next colon.
        #expect(
            settings("expire-after:10M:x\n").replacingValue(of: .expireAfter, with: "30d") == "expire-after:30d:x\n")
    }

    @Test func aMissingKeyIsAppendedAndAnEmptyValueFilled() {
        #expect(
            settings("dir:/var/audit").replacingValue(of: .policy, with: "cnt,argv")
                == "dir:/var/audit\npolicy:cnt,argv\n")
        #expect(settings("flags:\nminfree:5\n").replacingValue(of: .flags, with: "lo") == "flags:lo\nminfree:5\n")
    }

    @Test func settingsFeedTheModels() throws {
        let s = settings("flags:lo,-fr\nnaflags:lo\npolicy:ahlt,argv\nfilesz:1M\nexpire-after:7d OR 1G\nminfree:20\n")
        let config = try s.capacityConfiguration()
        #expect(config.filesz == 1 << 20)
        #expect(config.expireAfter == ExpireAfter(ageSeconds: 7 * 86_400, sizeBytes: 1 << 30, combinator: .or))
        #expect(config.minfree == 20 && config.ahlt && !config.cnt)
        let candidate = s.candidate(label: "c", classes: TuningFixtures.classes)
        #expect(candidate.argv && !candidate.arge && candidate.flagsText == "lo,-fr")
        let input = s.complianceInput(classes: TuningFixtures.classes)
        #expect(input.expireAfter.value?.age == Int64(7 * 86_400))
        #expect(input.flags.value?.failure == 0x1001)
    }

    @Test func unifiedDiffOfOneChangedLine() {
        let old = "a\nb\nc\nd\ne\nf\ng\nh\n"
        let new = "a\nb\nc\nd\nE\nf\ng\nh\n"
        #expect(
            UnifiedDiff.diff(old, new, oldName: "x", newName: "y") == """
                --- x
                +++ y
                @@ -2,7 +2,7 @@
                 b
                 c
                 d
                -e
                +E
                 f
                 g
                 h

                """)
        #expect(
            UnifiedDiff.diff("a", "a\nb\n", oldName: "x", newName: "y")
                == "--- x\n+++ y\n@@ -1 +1,2 @@\n-a\n\\ No newline at end of file\n+a\n+b\n")
        #expect(UnifiedDiff.diff(old, old, oldName: "x", newName: "y").isEmpty)
    }
}

@Suite struct TrailGrowthTests {
    @Test(arguments: [
        ("19700101000000", Int64(0)), ("20251121000000", Int64(1_763_683_200)), ("20000229235959", Int64(951_868_799)),
    ])
    func trailTimes(name: String, epoch: Int64) {
        #expect(TrailGrowth.time(name[...]) == epoch)
        #expect(TrailGrowth.name(epoch) == name)
    }

    @Test func namesThatAreNotTrails() {
        for name in [
            "current", "20251121000000", "20251121000000.x", "2025112100000a.20251121000000",
            "20251321000000.not_terminated",
        ] {
            #expect(TrailGrowth.parse(name) == nil, "\(name)")
        }
        #expect(TrailGrowth.parse("20251121000000.crash_recovery")! == (1_763_683_200, nil))
    }

    @Test func growthFromNamesSizesAndTheOpenTrailsModificationTime() throws {
        let directory = try TuningFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let start = TuningFixtures.start
        try TuningFixtures.writeTrails(in: directory, from: start, days: 2, bytesPerDay: 1_000)
        let open = directory.appendingPathComponent(TrailGrowth.name(start + 2 * 86_400) + ".not_terminated")
        try Data(count: 500).write(to: open)
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSince1970: Double(start + 2 * 86_400 + 43_200))],
            ofItemAtPath: open.path)
        try Data(count: 9).write(to: directory.appendingPathComponent("notes.txt"))
        try FileManager.default.createSymbolicLink(
            atPath: directory.appendingPathComponent("current").path, withDestinationPath: open.path)
        let growth = try TrailGrowth.measure(directory: directory.path)
        #expect(growth.files.count == 3)
        #expect(growth.bytes == 2_500)
        #expect(growth.spanSeconds == 2.5 * 86_400)
        #expect(Set(growth.skipped) == ["current", "notes.txt"])
        let later = try TrailGrowth.measure(directory: directory.path, since: start + 86_400)
        #expect(later.bytes == 1_500)
        #expect(throws: AuditLintError.self) {
            try TrailGrowth.measure(directory: directory.path, since: start + 10 * 86_400)
        }
    }

    @Test func decodedTrailsGiveTheirRecordBytesAndSpan() throws {
        let directory = try TuningFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var bytes: [UInt8] = []
        for index in 0..<3 {
            let header = BSMHeader(
                is64Bit: false, host: nil, recordSize: 0, version: 11, event: 23, modifier: 0,
                seconds: UInt64(TuningFixtures.start) + UInt64(index) * 1_800, milliseconds: 0)
            let subject = BSMSubject(
                auditUID: 501, effectiveUID: 501, effectiveGID: 20, realUID: 501, realGID: 20, pid: 9,
                sessionID: 1, terminalPort: 0, terminalAddress: .ipv4(0, 0, 0, 0))
            BSMEncoder.appendRecord(
                header,
                [
                    .execArgs([Array("ls".utf8)]), .path(Array("/bin/ls\0".utf8)), .subject(subject),
                    .returnValue(status: index == 2 ? 1 : 0, value: 0, is64Bit: false),
                ], to: &bytes)
        }
        let path = directory.appendingPathComponent("sample.trail").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let profile = try VolumeProfile.reading(trails: [directory.path], hosts: ["h"])
        #expect(profile.records == 3 && profile.bytes == bytes.count && profile.files == 1)
        #expect(profile.spanSeconds == 3_600)
        #expect(profile.entries.map(\.success) == [false, true])
        #expect(profile.entries.allSatisfy { $0.auditUserID == 501 && $0.execArgsBytes == 8 * $0.records })
        #expect(profile.talkers.first?.name == "/bin/ls")
    }
}

@Suite struct TuningRefusalTests {
    @Test func aConfigAuditdWouldNotRunIsRefused() throws {
        let noMinfree = TuningFixtures.config.replacingOccurrences(of: "minfree:5\n", with: "")
        let error = #expect(throws: AuditLintError.self) { try TuningFixtures.journal(config: noMinfree) }
        #expect(error?.description.contains("minfree is missing") == true)
        let badFlags = TuningFixtures.config.replacingOccurrences(
            of: "flags:lo,aa\nminfree", with: "flags:lo, aa\nminfree")
        let journal = try TuningFixtures.journal(config: badFlags)
        let refused = #expect(throws: AuditLintError.self) {
            try TuningAdvisor(model: TuningModel(journal: journal)).advise(from: badFlags)
        }
        #expect(refused?.description.contains("flags 'lo, aa' is rejected by libbsm") == true)
    }
}

@Suite struct TuningTablesTests {
    /// Tables found next to the config at init travel in the journal and map the sample's events.
    @Test func theJournalsTablesMapTheSample() throws {
        let classes =
            "0x00001000:lo:login_logout\n0x00002000:aa:authentication and authorization\n0xffffffff:all:all flags set\n"
        let events = "6152:AUE_login:login - local:aa\n"
        let config = TuningFixtures.config.replacingOccurrences(of: "flags:lo,aa\nminfree", with: "flags:aa\nminfree")
        let builtIn = try TuningFixtures.journal(config: config)
        let custom = try TuningSession.start(
            config: config, configPath: "/etc/security/audit_control", dialect: .macos, auditClass: classes,
            auditEvent: events,
            profile: TuningFixtures.sample, constraints: TuningFixtures.constraints(), now: TuningFixtures.start)
        let logins = Double(3 + 1) * 100 * 24  // lo records of the one-hour sample, per day
        let aa = Double(11 * 120) * 24
        #expect(abs(builtIn.iterations[0].projection.rawBytesPerDay - aa) < 1)
        #expect(abs(custom.iterations[0].projection.rawBytesPerDay - logins) < 1)
        #expect(try TuningJournal.decode(custom.jsonData(), path: "j").auditEvent == events)
        #expect(TuningModel(journal: custom).classes.classes.map(\.name) == ["lo", "aa", "all"])
    }
}
