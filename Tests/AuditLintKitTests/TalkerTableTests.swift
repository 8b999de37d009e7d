import Foundation
import Testing

@testable import AuditLintKit

/// The talker table's copies for parts of a file (``TalkerTable/withCountsZeroed()``).
@Suite struct TalkerTableTests {
    /// A table of `paths`, each counted once in bucket 0.
    static func table(_ paths: [String]) -> TalkerTable {
        var table = TalkerTable()
        for path in paths { add(path, to: &table) }
        return table
    }

    /// Inserts the talker of `path` in bucket 0, counted once.
    static func add(_ path: String, to table: inout TalkerTable) {
        var path = path
        path.withUTF8 { bytes in
            let bytes = UnsafeRawBufferPointer(bytes)
            let hash = PathInterner.hash(bytes)
            table.insert(
                key: TalkerTable.key(hash, bucketKey: 0, executable: false),
                owner: TalkerTable.owner(entry: 0, executable: false), path: bytes, pathHash: hash, records: 1,
                bytes: 10)
        }
    }

    /// Where the table keeps the path of its first talker.
    static func firstPathAddress(_ table: TalkerTable) -> UnsafeRawPointer? {
        table.withPath(of: table.talkers[0]) { $0.baseAddress }
    }

    /// A zeroed copy counts apart from its original and names its `(other)` talkers, and an
    /// `(other)` added to it leaves the paths shared with the original (a part of a file
    /// copied them all for its first `(other)`); a named talker added copies them.
    @Test func aZeroedCopyAddsOtherWithoutCopyingThePaths() {
        let original = Self.table(["/etc/hosts", "/usr/bin/login"])
        var copy = original.withCountsZeroed()
        #expect(copy.talkers.map { $0.records } == [0, 0])
        #expect(copy.talkers.map { copy.name(of: $0) } == ["/etc/hosts", "/usr/bin/login"])

        let owner = TalkerTable.owner(entry: 1, executable: true)
        let other = copy.insertOther(
            key: TalkerTable.otherKey(bucketKey: 1, executable: true), owner: owner, records: 3, bytes: 30)
        copy.add(at: 0, records: 2, bytes: 20)
        #expect(copy.name(of: copy.talkers[other]) == VolumeProfileBuilder.otherTalker)
        #expect(copy.talkers[other].isOther && copy.talkers[other].records == 3)
        #expect(copy.findOther(key: TalkerTable.otherKey(bucketKey: 1, executable: true), owner: owner) == other)
        #expect(Self.firstPathAddress(copy) == Self.firstPathAddress(original))
        #expect(original.count == 2 && original.talkers.map { $0.records } == [1, 1])

        var named = original.withCountsZeroed()
        Self.add("/bin/sh", to: &named)
        #expect(Self.firstPathAddress(named) != Self.firstPathAddress(original))
        #expect(original.talkers.map { original.name(of: $0) } == ["/etc/hosts", "/usr/bin/login"])
    }

    /// The `(other)` name takes its place in the path bytes' limit: a table whose limit
    /// leaves no room beside it takes no named talker.
    @Test func theOtherNameCountsAgainstThePathBytes() {
        var table = TalkerTable()
        table.arenaLimit = 12
        #expect(table.hasRoom(forPath: 5))
        #expect(!table.hasRoom(forPath: 6))
    }
}
