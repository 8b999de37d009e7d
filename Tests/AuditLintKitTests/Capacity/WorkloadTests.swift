import Foundation
import Testing

@testable import AuditLintKit

/// The workloads reproduce the daily volumes derived from their published figures.
@Suite struct WorkloadTests {
    static let megabyte = 1e6

    /// (workload, flags, §4.3 MB/day, relative tolerance). The §4.3 figures come from the
    /// spec author's own script, whose details are not published; the CIS-style set comes
    /// out 30 % higher here (11.7 MB/day) because every failure share applies as tabled.
    static let references: [(String, String, Double, Double)] = [
        ("developer", "lo,aa", 0.05, 0.1),
        ("developer", "lo,aa,ad,-fm,-ex,-fr,-fw", 9, 0.35),
        ("developer", "lo,aa,ad,fm,-ex,-fr,-fw,-fd", 24, 0.15),
        ("developer", "all", 300, 0.1),
        ("server", "lo,aa", 0.04, 0.15),
        ("server", "lo,aa,ex", 3.0, 0.1),
        ("server", "all", 140, 0.05),
    ]

    @Test(arguments: references)
    func reproducesTheReferenceVolumes(name: String, flags: String, megabytesPerDay: Double, tolerance: Double) throws {
        let workload = try #require(Workload.named(name))
        let perDay = workload.volume(flags: flags).bytesPerDay / Self.megabyte
        #expect(abs(perDay - megabytesPerDay) / megabytesPerDay < tolerance, "\(perDay) MB/day")
    }

    @Test func buildHostIsWithinTheKernelBuildRange() throws {
        // P13: 0.12–0.27 GB an hour of FreeBSD BSM under near-all flags while building.
        let workload = Workload.buildHost
        let perActiveHour = workload.volume(flags: "all").bytesPerDay / workload.activeHoursPerDay
        #expect(perActiveHour > 0.12e9 && perActiveHour < 0.27e9)
    }

    @Test func laptopAndDeveloperHaveNinePointSixActiveHours() {
        #expect(abs(Workload.laptop.activeHoursPerDay - 9.6) < 1e-9)
        #expect(abs(Workload.developer.activeHoursPerDay - 9.6) < 1e-9)
        #expect(Workload.server.activeHoursPerDay == 24)
    }

    @Test func flagPrefixesSelectSuccessFailureAndRemoval() throws {
        let server = Workload.server
        let failuresOnly = server.volume(flags: "-fr").eventsPerDay
        #expect(abs(failuresOnly - 7_300 * 0.05 * 24) < 1e-6)
        #expect(abs(server.volume(flags: "+fr").eventsPerDay - 7_300 * 0.95 * 24) < 1e-6)
        #expect(server.volume(flags: "all,^fa").eventsPerDay < server.volume(flags: "all").eventsPerDay)
        // pc includes exec events once.
        #expect(server.volume(flags: "pc").eventsPerDay == server.volume(flags: "pc,ex").eventsPerDay)
        let unknown = server.volume(flags: "lo,ap")
        #expect(unknown.unmodelledClasses == ["ap"])
    }

    @Test func everyFigureNamesItsSource() {
        for workload in Workload.all {
            #expect(workload.hourlyWeights.count == 24)
            for item in workload.classes { #expect(!item.source.isEmpty) }
        }
        let text = Workload.sources
        for workload in Workload.all { #expect(text.contains("\n\(workload.name): ")) }
        #expect(text.contains("assumed"))
    }

    /// `--list-workloads` sends users to a page they can open, and every source label it
    /// cites (C1, M3, P13…) is described there.
    @Test func everySourceLabelIsDescribedInTheDocs() throws {
        let text = Workload.sources
        #expect(text.contains("Docs/reference/capacity-model.md#built-in-workloads"))
        #expect(!text.contains("§") && !text.contains("volume-figures"))
        let page = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
                "Docs/reference/capacity-model.md")
        let docs = try String(contentsOf: page, encoding: .utf8)
        let section = try #require(docs.components(separatedBy: "## Built-in workloads").dropFirst().first)
            .components(separatedBy: "\n## ")[0]
        let cited = Set(text.matches(of: /\b[CMP][0-9]+\b/).map { String($0.output) })
        #expect(cited.count >= 6)
        for label in cited.sorted() {
            #expect(
                section.contains("| \(label) |"), "\(label) is cited by --list-workloads but not described in the docs")
        }
    }
}
