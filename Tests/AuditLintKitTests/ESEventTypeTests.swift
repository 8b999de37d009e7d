import AuditLintKit
import AuditLintTestSupport
import Foundation
import Testing

@Suite struct ESEventTypeTests {
    @Test func numbersRunInEnumOrder() {
        #expect(!ESEventType.all.isEmpty)
        for (index, event) in ESEventType.all.enumerated() {
            #expect(event.number == index, "\(event.name)")
        }
    }

    @Test func onlyNotifyEventsHaveShortNamesAndTheyAreUnique() {
        let named = ESEventType.all.filter { $0.shortName != nil }
        #expect(named.allSatisfy { $0.action == .notify && $0.shortNameEvidence != nil })
        #expect(Set(named.compactMap(\.shortName)).count == named.count)
    }

    @Test func lookups() {
        #expect(ESEventType.notify(shortName: "exec")?.name == "ES_EVENT_TYPE_NOTIFY_EXEC")
        #expect(ESEventType.notify(shortName: "exec")?.number == 9)
        #expect(ESEventType.notify(shortName: "no_such_event") == nil)
        #expect(ESEventType.event(number: 11)?.shortName == "fork")
        #expect(ESEventType.event(number: -1) == nil)
        #expect(ESEventType.event(number: ESEventType.all.count) == nil)
    }

    /// The generated table holds exactly the facts of the shared event-type list.
    @Test(.enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.skipReason)))
    func matchesTheSharedEventTypeList() throws {
        let rows = try SharedData.text("data/es/es-event-types.tsv")
            .split(separator: "\n").dropFirst()
            .map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.count == ESEventType.all.count)
        for (row, event) in zip(rows, ESEventType.all) {
            #expect(Int(row[0]) == event.number)
            #expect(row[1] == event.name)
            #expect(row[2].lowercased() == (event.action == .undocumented ? "unknown" : event.action.rawValue))
            #expect((row[3] == "-" || row[3] == "unknown" ? nil : row[3]) == event.shortName)
            #expect((row[4] == "unknown" ? nil : row[4]) == event.introduced)
            #expect((event.shortNameEvidence == .namingRule) == row[6].hasPrefix("naming-rule"), "\(event.name)")
        }
    }
}
