import Testing

@testable import AuditLintKit

/// The eslogger synthesizer's event mix agrees with the BSM-to-ES map: each ES event it writes
/// for a class is one the map gives for the success half of some event of that class.
@Suite struct ESSynthesisMapTests {
    @Test(arguments: ESLogSynthesizer.menu.keys.sorted())
    func synthesizedEventsAreMappedForTheirClass(className: String) throws {
        let mask = try #require(AuditClassTable.builtIn(.macos).lookup(className)?.mask)
        let mapped = Set(
            AuditEventTable.builtIn(.macos).events
                .filter { $0.classMask & mask != 0 }
                .compactMap { ESCorrespondence.forEvent(named: $0.name) }
                .filter(\.recordedOnMacOS)
                .flatMap { $0.success.events.compactMap(\.shortName) })
        for event in try #require(ESLogSynthesizer.menu[className]) {
            #expect(mapped.contains(event), "synth writes \(event) for \(className); the map gives \(mapped.sorted())")
        }
    }
}
