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

    /// The flags grammar as sets of class names (the way `volume(flags:)` was first
    /// written), the reference the index-based version must agree with to the bit.
    static func referenceVolume(_ workload: Workload, flags: String) -> WorkloadVolume {
        var success = Set<String>()
        var failure = Set<String>()
        var unmodelled: [String] = []
        let known = Set(workload.classes.map(\.name))
        for raw in flags.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !raw.isEmpty {
            var token = Substring(raw)
            let remove = token.hasPrefix("^")
            if remove { token = token.dropFirst() }
            var wantSuccess = true
            var wantFailure = true
            if token.hasPrefix("+") {
                wantFailure = false
                token = token.dropFirst()
            } else if token.hasPrefix("-") {
                wantSuccess = false
                token = token.dropFirst()
            }
            for name in token == "all" ? Array(known) : [String(token)] {
                if !known.contains(name) {
                    if !unmodelled.contains(name) { unmodelled.append(name) }
                    continue
                }
                if wantSuccess { if remove { success.remove(name) } else { success.insert(name) } }
                if wantFailure { if remove { failure.remove(name) } else { failure.insert(name) } }
            }
        }
        if success.contains("pc") { success.insert("ex") }
        if failure.contains("pc") { failure.insert("ex") }
        var eventsPerHour = 0.0
        var bytesPerHour = 0.0
        for item in workload.classes {
            let share =
                (success.contains(item.name) ? 1 - item.failureShare : 0)
                + (failure.contains(item.name) ? item.failureShare : 0)
            eventsPerHour += item.eventsPerActiveHour * share
            bytesPerHour += item.eventsPerActiveHour * share * item.meanBytes
        }
        return WorkloadVolume(
            eventsPerDay: eventsPerHour * workload.activeHoursPerDay,
            bytesPerDay: bytesPerHour * workload.activeHoursPerDay,
            meanRecordSize: eventsPerHour > 0 ? Int64((bytesPerHour / eventsPerHour).rounded()) : 200,
            unmodelledClasses: unmodelled)
    }

    @Test(arguments: [
        "", "lo,aa", " lo , aa ", "all", "all,^fa", "all,^-fr,^+fw", "-all", "+all,^+all", "pc", "-pc", "+pc,^+ex",
        "ex,^pc", "lo,xx,ap,xx,,", "lo,\u{A0}aa", "lo,aa,ad,fd,fm,-all", "^lo,lo,^lo", "+fr,-fr,^fr,fr",
        "\tcl\t,ip,nt,fa,fc,fd,fm,fw,fr,ad,aa,lo,ex,pc",
    ])
    func volumeAgreesWithTheSetBasedReference(flags: String) {
        var workloads = Workload.all
        var doubled = Workload.server
        doubled.classes += [WorkloadClass("fr", 1_000, 500, 0.5, "a second fr"), WorkloadClass("zz", 10, 10, 0, "")]
        workloads.append(doubled)
        for workload in workloads {
            #expect(workload.volume(flags: flags) == Self.referenceVolume(workload, flags: flags), "\(workload.name)")
        }
    }

    /// Kept volumes are the computed ones, also for a workload that shares a built-in's name
    /// but not its figures.
    @Test func keptVolumesAreTheComputedOnes() {
        var busier = Workload.developer
        busier.classes[0].eventsPerActiveHour *= 10
        for flags in ["lo,aa", "all", "lo,aa", "-fr,+ex"] {
            for workload in Workload.all + [busier, Workload.developer] {
                #expect(WorkloadVolumes.shared.volume(of: workload, flags: flags) == workload.volume(flags: flags))
            }
        }
        #expect(
            WorkloadVolumes.shared.volume(of: busier, flags: "lo")
                != WorkloadVolumes.shared.volume(of: .developer, flags: "lo"))
    }
}
