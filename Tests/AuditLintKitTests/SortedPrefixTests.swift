import AuditLintKit
import Testing

/// `sortedPrefix(_:by:)` is `sorted(by:).prefix(_:)` without the full sort.
@Suite struct SortedPrefixTests {
    /// Pairs ordered by their first part only, so that many are equal in the order: their
    /// second part (the input position) shows that equal elements keep their order.
    @Test(arguments: [0, 1, 2, 3, 10, 99, 100, 101, 500])
    func givesWhatSortingGives(count: Int) {
        var random = SeededRandom(seed: UInt64(count) + 7)
        for size in [0, 1, 5, 100, 400] {
            let elements = (0..<size).map { (key: Int(random.next() % 20), position: $0) }
            let order: ((key: Int, position: Int), (key: Int, position: Int)) -> Bool = { $0.key > $1.key }
            let expected = Array(elements.sorted(by: order).prefix(count))
            let found = elements.sortedPrefix(count, by: order)
            #expect(found.map(\.key) == expected.map(\.key), "count \(count), size \(size)")
            #expect(found.map(\.position) == expected.map(\.position), "count \(count), size \(size)")
        }
    }

    @Test func aNegativeCountGivesNothing() {
        #expect([3, 1, 2].sortedPrefix(-1, by: <).isEmpty)
    }
}
