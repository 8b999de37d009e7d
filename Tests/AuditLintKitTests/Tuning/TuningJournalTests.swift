import Foundation
import Testing

@testable import AuditLintKit

@Suite struct TuningJournalTests {
    @Test func roundTripKeepsEveryField() throws {
        var journal = try TuningFixtures.journal()
        journal.iterations[0].observations.append(
            TuningObservation(
                host: "a", method: .trailNames, files: 2, bytes: 1_000, spanSeconds: 86_400, recordedAt: 5))
        let directory = try TuningFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("j.json").path
        try journal.write(to: path)
        let read = try TuningJournal.read(path: path)
        #expect(read == journal)
        #expect(read.iterations[0].configHash == TuningJournal.hash(TuningFixtures.config))
        // Deterministic: writing it again gives the same bytes.
        #expect(try read.jsonData() == journal.jsonData())
    }

    @Test func writeReplacesAtomicallyAndLeavesNoTemporaryFile() throws {
        let directory = try TuningFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("auditlint-tuning.json").path
        let journal = try TuningFixtures.journal()
        try Data(repeating: 0x7B, count: 100_000).write(to: URL(fileURLWithPath: path))
        try journal.write(to: path)
        #expect(try TuningJournal.read(path: path) == journal)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["auditlint-tuning.json"])
        // A write that cannot happen leaves the old journal as it was.
        let missing = directory.appendingPathComponent("no/such/dir/j.json").path
        #expect(throws: AuditLintError.self) { try journal.write(to: missing) }
        #expect(try TuningJournal.read(path: path) == journal)
    }

    /// A crash in the middle of a non-atomic write would leave a truncated file: refused.
    @Test func truncatedFileIsRefusedWithItsPath() throws {
        let data = try TuningFixtures.journal().jsonData()
        let half = data.prefix(data.count / 2)
        let error = #expect(throws: AuditLintError.self) {
            try TuningJournal.decode(half, path: "/x/auditlint-tuning.json")
        }
        let message = error?.description ?? ""
        // The syntax error is on the line the file is cut in (a JSON string never spans lines).
        let line = half.filter { $0 == UInt8(ascii: "\n") }.count + 1
        #expect(message.hasPrefix("/x/auditlint-tuning.json:\(line):"), "\(message)")
        #expect(message.contains(": damaged tuning journal, not valid JSON: "))
        #expect(error?.isUsageError == true)
    }

    @Test func newerVersionIsRefused() throws {
        let text = String(decoding: try TuningFixtures.journal().jsonData(), as: UTF8.self)
            .replacingOccurrences(of: "\"schemaVersion\" : 2", with: "\"schemaVersion\" : 3")
        let error = #expect(throws: AuditLintError.self) { try TuningJournal.decode(Data(text.utf8), path: "j.json") }
        #expect(
            error?.description
                == "j.json: tuning journal schema version 3 is newer than this auditlint reads (2); upgrade auditlint")
    }

    /// A journal written before steps could set two values (version 1, no `further`, no
    /// `growsWithoutBound`) still loads, and is written as version 2 once a step is recorded.
    @Test func aVersionOneJournalStillLoads() throws {
        let journal = try TuningFixtures.journal()
        let text = String(decoding: try journal.jsonData(), as: UTF8.self)
            .replacingOccurrences(of: "\"schemaVersion\" : 2", with: "\"schemaVersion\" : 1")
        #expect(!text.contains("further") && !text.contains("growsWithoutBound"))
        var old = try TuningJournal.decode(Data(text.utf8), path: "j.json")
        #expect(old.schemaVersion == 1 && old.iterations == journal.iterations)
        let advice = try TuningAdvisor(model: TuningModel(journal: old)).advise(from: old.iterations[0].config)
        try TuningSession.record(
            try #require(advice.proposal), in: &old, journalPath: "j.json", now: TuningFixtures.start)
        #expect(try TuningJournal.decode(old.jsonData(), path: "j.json").schemaVersion == 2)
    }

    @Test(arguments: [
        ("\"kind\" : \"auditlint-tuning-journal\"", "\"kind\" : \"other\"", "not an auditlint tuning journal"),
        ("\"budgetBytes\" : 67108864", "\"budgetBytes\" : \"64M\"", "wrong type at constraints.budgetBytes"),
        ("\"number\" : 0", "\"number\" : 3", "iterations[0] is numbered 3"),
        ("\"config\" : \"#", "\"config\" : \"##", "iterations[0].configHash does not match its config text"),
        ("\"retentionSeconds\" : 172800,", "", "\"retentionSeconds\" is missing"),
    ])
    func damagedFieldIsNamed(original: String, replacement: String, expected: String) throws {
        let text = String(decoding: try TuningFixtures.journal().jsonData(), as: UTF8.self)
        #expect(text.contains(original))
        let damaged = text.replacingOccurrences(of: original, with: replacement)
        let error = #expect(throws: AuditLintError.self) {
            try TuningJournal.decode(Data(damaged.utf8), path: "j.json")
        }
        #expect(error?.description.contains(expected) == true, "\(error?.description ?? "")")
    }

    @Test func calibrationIsTheLatestReviewsFactor() throws {
        var journal = try TuningFixtures.journal()
        #expect(journal.calibrationFactor == 1)
        journal.iterations[0].review = TuningReview(
            observedBytesPerDay: 2, maxHostBytesPerDay: 2, projectedBytesPerDay: 1, error: 1, factorBefore: 1,
            factorAfter: 2,
            historyDaysAtObserved: 1, verdictAtObserved: .ok, decision: .keep, reasons: [])
        #expect(journal.calibrationFactor == 2)
    }
}
