import Foundation
import Testing

@testable import AuditLintKit

@Suite struct CapacityReportTests {
    typealias F = CapacityFixtures

    static func report(
        _ inputs: CapacityInputs, retention: Double? = nil, budget: CapacityBudget? = nil
    ) throws -> CapacityReport {
        CapacityReport(
            inputs: inputs, requirements: CapacityRequirements(retentionSeconds: retention, budget: budget),
            run: try CapacityModel.run(inputs), volumeSource: "--rate 1G/day")
    }

    @Test func safeButShortOfTheRetentionFails() throws {
        let report = try Self.report(F.inputs(), retention: 60 * 86_400)
        #expect(report.verdict == .fail)
        #expect(
            report.headline
                == "Safe for 90 days: peak 10 MiB, 14 minutes of history kept: below the retention of 60 days you asked for"
        )
        #expect(report.textReport().hasPrefix(report.headline + "\n"))
    }

    @Test func safeWithinRetentionAndBudgetIsOk() throws {
        let inputs = F.inputs(expire: ExpireAfter(ageSeconds: 60 * 86_400, sizeBytes: 80 << 30))
        let report = try Self.report(inputs, retention: 60 * 86_400, budget: .percentOfDisk(70))
        #expect(report.verdict == .ok)
        #expect(report.headline.hasPrefix("Safe for 90 days: peak 60 GiB, 60 days of history kept"))
        #expect(report.reasons.count == 3)
    }

    @Test func overBudgetFails() throws {
        let report = try Self.report(F.inputs(), budget: .bytes(5 << 20))
        #expect(report.verdict == .fail)
        #expect(report.headline.hasSuffix(": over the budget of 5 MiB"))
    }

    @Test func droppedRecordsFailWithTheDay() throws {
        let inputs = F.inputs(expire: .never, minfree: 0, disk: 32 << 30, free: 22_600 << 20)
        let report = try Self.report(inputs)
        #expect(report.verdict == .fail)
        #expect(report.headline == "Fills the disk in 22 days: records dropped from day 23 (policy cnt)")
    }

    @Test func failStopAndPanicFail() throws {
        let blocked = try Self.report(F.inputs(expire: .never, cnt: false, disk: 8 << 30, free: 4 << 30))
        #expect(blocked.verdict == .fail && blocked.headline.contains("the system blocks from day"))
        let panic = try Self.report(F.inputs(expire: .never, ahlt: true, disk: 8 << 30, free: 4 << 30))
        #expect(panic.verdict == .fail && panic.headline.contains("the kernel panics from day 4 (policy cnt,ahlt)"))
    }

    @Test func lowSpaceWarns() throws {
        let report = try Self.report(F.inputs(filesz: 0, disk: 10 << 30, free: 6 << 30, days: 30))
        #expect(report.verdict == .warn)
        #expect(report.headline.hasPrefix("Low on space from day 6 (minfree 5%): nothing lost in 30 days"))
    }

    @Test func aHorizonShorterThanTheRetentionWarns() throws {
        let report = try Self.report(F.inputs(expire: .never, days: 10), retention: 30 * 86_400)
        #expect(report.verdict == .warn)
        #expect(report.reasons.contains { $0.contains("give --horizon of at least 30 days") })
    }

    @Test func jsonHasTheInterfaceFieldsAndNulls() throws {
        let json = try Self.report(F.inputs(days: 1)).jsonReport()
        #expect(json.hasPrefix("{\"assumptions\":["))
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(
            Set(object.keys) == [
                "schemaVersion", "verdict", "reasons", "assumptions", "inputs", "simulation", "series",
            ])
        let simulation = try #require(object["simulation"] as? [String: Any])
        for key in [
            "bytesPerDay", "peakAuditBytes", "finalAuditBytes", "historyDays", "rotations", "expiredFiles",
            "filesOnDisk", "firstLowSpaceSeconds", "firstNoSpaceSeconds", "droppedBytes", "outcome",
            "outcomeSeconds",
        ] {
            #expect(simulation[key] != nil, "\(key)")
        }
        #expect(simulation["firstLowSpaceSeconds"] is NSNull)
        let point = try #require((object["series"] as? [[String: Any]])?.first)
        #expect(Set(point.keys) == ["t", "auditBytes", "freeBytes"])
    }

    // MARK: Golden outputs

    /// The fixed scenario of the golden files: the built-in server workload under `all`
    /// on a 32 GiB disk with 12 GiB free that other data also fills; age-only expiry.
    static func goldenReport() throws -> CapacityReport {
        let workload = Workload.server.volume(flags: "all")
        let inputs = CapacityInputs(
            configuration: CapacityConfiguration(
                filesz: 50 << 20, expireAfter: ExpireAfter(ageSeconds: 60 * 86_400), minfree: 5, cnt: true),
            diskSize: 32 << 30, freeAtStart: 12 << 30, otherGrowthPerDay: 100 << 20, startEpoch: F.start,
            volume: WriteVolume(
                bytesPerDay: workload.bytesPerDay, recordSize: workload.meanRecordSize,
                hourlyWeights: Workload.server.hourlyWeights))
        return CapacityReport(
            inputs: inputs,
            requirements: CapacityRequirements(retentionSeconds: 60 * 86_400, budget: .percentOfDisk(25)),
            run: try CapacityModel.run(inputs, seriesPoints: 91),
            notes: ["volume: the built-in server workload under flags all"],
            volumeSource: "workload server, flags all")
    }

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/capacity")

    /// Compares each format byte for byte with its golden file. To accept a deliberate
    /// change, run once with AUDITLINT_UPDATE_GOLDENS=1, review the diff and commit it.
    @Test(arguments: CapacityReportFormat.allCases)
    func matchesTheGoldenFile(format: CapacityReportFormat) throws {
        let rendered = try Self.goldenReport().rendered(as: format)
        let file = Self.fixtures.appendingPathComponent("report.\(format == .markdown ? "md" : format.rawValue)")
        if ProcessInfo.processInfo.environment["AUDITLINT_UPDATE_GOLDENS"] == "1" {
            try rendered.write(to: file, atomically: true, encoding: .utf8)
        }
        let golden = try String(contentsOf: file, encoding: .utf8)
        #expect(rendered == golden)
    }

    @Test func htmlIsSelfContained() throws {
        let html = try Self.goldenReport().htmlReport()
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<svg") && html.contains("<polyline"))
        #expect(html.contains("soft limit (minfree 5%)") && html.contains("hard limit (4 blocks)"))
        #expect(!html.contains("<script") && !html.contains("src=") && !html.contains("href="))
    }
}
