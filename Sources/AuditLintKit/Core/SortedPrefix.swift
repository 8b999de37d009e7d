extension Sequence {
    /// The first `count` elements of `sorted(by:)`, found without sorting them all: what
    /// `sorted(by: areInIncreasingOrder).prefix(count)` gives (elements that are equal in the
    /// order keep their order), in O(n log count) comparisons for a small `count`.
    ///
    /// - Parameter areInIncreasingOrder: a strict weak ordering, as for `sorted(by:)`.
    public func sortedPrefix(_ count: Int, by areInIncreasingOrder: (Element, Element) throws -> Bool) rethrows
        -> [Element]
    {
        guard count > 0 else { return [] }
        var kept: [Element] = []
        kept.reserveCapacity(Swift.min(count, underestimatedCount) + 1)
        for element in self {
            // Only an element that sorts before the last one kept can enter.
            if kept.count == count, let last = kept.last, !(try areInIncreasingOrder(element, last)) { continue }
            // After the elements it does not sort before (the upper bound), so ties keep
            // their order.
            var low = 0
            var high = kept.count
            while low < high {
                let middle = (low + high) / 2
                if try areInIncreasingOrder(element, kept[middle]) { high = middle } else { low = middle + 1 }
            }
            kept.insert(element, at: low)
            if kept.count > count { kept.removeLast() }
        }
        return kept
    }
}
