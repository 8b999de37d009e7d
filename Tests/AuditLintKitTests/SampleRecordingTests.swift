import Foundation
import Testing

@testable import AuditLintKit

/// An estimate that cannot know says so: classes a candidate selects that the sample could
/// not contain make it a lower bound, named in a note, never "free".
@Suite struct SampleRecordingTests {
    typealias T = EstimatorTests
    static let classes = T.classes

    /// The sample of ``EstimatorTests`` as recorded with `flags`/`naflags` (nil: unknown):
    /// successful execs, reads both ways, logins, non-attributable authentications.
    static func profile(flags: String?, naflags: String?, without events: Set<UInt16> = []) -> VolumeProfile {
        var builder = VolumeProfileBuilder()
        for record in T.records where !events.contains(record.event) { builder.add(record) }
        let mask = { (text: String?) in text.flatMap { AuditFlags.parse($0, classes: classes).mask } }
        return builder.profile().recorded(with: SampleRecording(flags: mask(flags), naflags: mask(naflags)))
    }

    static func estimate(_ flags: String, _ naflags: String = "", on profile: VolumeProfile) -> CandidateEstimate {
        let candidate = EstimateCandidate(
            label: flags, flags: flags, naflags: naflags, policy: "cnt", argv: false, arge: false, classes: classes)
        return Estimator(events: T.events, classes: classes).evaluate(candidate, on: profile)
    }

    @Test func withoutTheRecordingClassesWithoutRecordsAreUnknown() throws {
        let profile = Self.profile(flags: nil, naflags: nil)
        // No failed exec, no login failure, no attributable aa in the sample.
        let result = Self.estimate("ex,lo,aa", "aa", on: profile)
        #expect(result.lowerBound)
        #expect(result.unsampled.flags == ["-lo", "aa", "-ex"])
        #expect(result.unsampled.naflags == ["-aa"])
        let note = try #require(result.notes.last)
        #expect(
            note.hasPrefix(
                "lower bound: flags -lo,aa,-ex and naflags -aa: the sample holds no record of them and it is not known")
        )
        #expect(note.contains("--sample-flags") && note.contains("flags:all and naflags:all"))
        // What the sample holds in full is no lower bound.
        #expect(Self.estimate("fr", on: profile).lowerBound == false)
    }

    @Test func aRecordedClassWithoutRecordsIsTrulyAbsent() {
        let profile = Self.profile(flags: "ex,fr,lo,aa", naflags: "aa")
        let result = Self.estimate("ex,lo,aa", "aa", on: profile)
        #expect(result.unsampled.isEmpty)
        #expect(!result.lowerBound)
        #expect(result.notes.isEmpty)
    }

    @Test func aClassTheSampleWasNotRecordedWithIsUnknown() throws {
        // Recorded with lo,+ex: failed execs and reads could not be in it.
        let profile = Self.profile(flags: "lo,+ex", naflags: "")
        let result = Self.estimate("lo,ex,fr", on: profile)
        #expect(result.unsampled.flags == ["fr", "-ex"])
        #expect(result.unsampled.naflags == [])
        #expect(result.lowerBound)
        let note = try #require(result.notes.last)
        #expect(note.contains("the sample was not recorded with them, so their volume is unknown"))
        // The records it has still count.
        #expect(result.records == 62)
    }

    /// An event in several classes is recorded through any of them: pc is fully recorded
    /// when every pc event is also ex and the sample was recorded with ex.
    @Test func eventsRecordedThroughAnotherClassCount() {
        let profile = Self.profile(flags: "ex", naflags: "")
        #expect(Self.estimate("pc", on: profile).unsampled.isEmpty)
    }

    /// `estimate --compare-additions` on a sample recorded with lo,aa,ex: +fr is not "=".
    @Test func additionsTheSampleCannotContainAreNotFree() throws {
        let profile = Self.profile(flags: "lo,aa,ex", naflags: "lo,aa", without: [72])
        let base = Self.estimate("lo,aa,ex", "lo,aa", on: profile)
        let plusFr = Self.estimate("lo,aa,ex,fr", "lo,aa", on: profile)
        #expect(plusFr.bytes == base.bytes)
        #expect(plusFr.unsampled.flags == ["fr"])
        let report = EstimateReport(profile: profile, candidates: [base, plusFr])
        let text = EstimateReporter.text(report)
        let row = try #require(text.split(separator: "\n").first { $0.hasPrefix("lo,aa,ex,fr ") })
        #expect(row.hasSuffix("unknown (not sampled)"))
        #expect(!row.contains("="))
        let json = EstimateReporter.json(report)
        #expect(json.contains("\"lowerBound\":true,\"unsampled\":{\"flags\":[\"fr\"],\"naflags\":[]}"))
    }

    @Test func mergedProfilesKnowWhatEveryPartRecorded() {
        let a = Self.profile(flags: "lo,ex", naflags: "lo")
        let b = Self.profile(flags: "lo,fr", naflags: "lo")
        let merged = a.merging(b)
        #expect(merged.recordedFlags == AuditFlags.parse("lo", classes: Self.classes).mask)
        #expect(a.merging(Self.profile(flags: nil, naflags: nil)).recordedFlags == nil)
        // Saved and read back, the recording stays.
        let decoded = try? JSONDecoder().decode(VolumeProfile.self, from: merged.jsonData())
        #expect(decoded?.recordedNaflags == merged.recordedNaflags)
    }

    /// `lint --trail`: the capacity findings' volume says it is a lower bound.
    @Test func capacityFindingsSayTheVolumeIsALowerBound() throws {
        let control = AuditControl.parse(
            SourceText(path: "audit_control", text: "flags:lo,ex\nnaflags:\nminfree:5\nfilesz:2M\n"), dialect: .openbsm,
            classes: Self.classes)
        var assumptions = CapacityAssumptions.standard
        for (flags, lowerBound) in [(nil, true), ("all", false)] as [(String?, Bool)] {
            assumptions.volume = .sample(Self.profile(flags: flags, naflags: flags), source: "--trail sample")
            let evaluation = try #require(assumptions.evaluate(control, classes: Self.classes, events: T.events))
            #expect(
                evaluation.volumeSource.contains("; at least: the sample cannot tell about flags -lo,-ex") == lowerBound
            )
        }
    }

    @Test(arguments: ["lo,aa/lo/ex", "lo,nosuchclass", "lo/zz"])
    func badSampleFlagsNameTheOption(text: String) {
        #expect {
            _ = try SampleRecording.parse(text, option: "--sample-flags", classes: Self.classes)
        } throws: { error in
            "\(error)".hasPrefix("--sample-flags:") && (error as? AuditLintError)?.isUsageError == true
        }
    }

    @Test func sampleFlagsGiveFlagsAndNaflags() throws {
        let both = try SampleRecording.parse("lo,ex/lo", option: "--sample-flags", classes: Self.classes)
        #expect(both.flags == AuditMask(success: 0x4000_1000, failure: 0x4000_1000))
        #expect(both.naflags == AuditMask(success: 0x1000, failure: 0x1000))
        let one = try SampleRecording.parse("all", option: "--sample-flags", classes: Self.classes)
        #expect(one.flags == one.naflags)
    }

    /// A copied audit directory with the audit_control beside it says what it was recorded with.
    @Test func theAuditControlBesideTheTrailsIsRead() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "auditlint-sample-\(UUID().uuidString)")
        let trails = root.appendingPathComponent("audit")
        try FileManager.default.createDirectory(at: trails, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let trail = trails.appendingPathComponent("20260101000000.20260102000000").path
        try AtomicWrite.write(Data(), to: trail)
        #expect(SampleRecording.beside(trails: [trail], dialect: .openbsm, classes: Self.classes) == nil)
        try AtomicWrite.write(
            Data("dir:/var/audit\nflags:lo,ex\nminfree:5\n".utf8), to: root.appendingPathComponent("audit_control").path
        )
        for given in [trail, trails.path] {
            let recording = try #require(
                SampleRecording.beside(trails: [given], dialect: .openbsm, classes: Self.classes))
            #expect(recording.flags == AuditMask(success: 0x4000_1000, failure: 0x4000_1000))
            #expect(recording.naflags == AuditMask.none)
        }
        // An explicit value wins.
        let profile = Self.profile(flags: nil, naflags: nil)
        let marked = try profile.recorded(
            sampleFlags: "fr", option: "--sample-flags", besideTrails: [trail], dialect: .openbsm, classes: Self.classes
        )
        #expect(marked.recordedFlags == AuditMask(success: 1, failure: 1))
    }
}
