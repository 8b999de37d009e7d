import Foundation

/// Parsed audit_event tables shared by the configurations of one run.
///
/// A fleet's directories often hold the same audit_event (the stock file copied to every
/// host), and a parse depends on nothing but the file's bytes and the classes it is read
/// with, so one parse serves every identical file, its ranges moved to each file's path.
/// The key is content: the event file's bytes, and the audit_class bytes the classes were
/// parsed from (or the dialect, for its built-in classes); never a path.
///
/// Bounded: a table over ``maximumTableBytes`` is parsed but not kept, and at most
/// ``maximumEntries`` tables of ``maximumBytes`` of source in all are kept (the oldest
/// dropped first), so memory stays small however many files a run reads.
public final class TableCache: @unchecked Sendable {
    /// The largest audit_event (in bytes) kept; the stock files are 20–40 KB.
    public static let maximumTableBytes = 128 << 10
    /// The most source bytes (event and class files) of the kept tables together.
    public static let maximumBytes = 512 << 10
    /// The most tables kept.
    public static let maximumEntries = 16

    private struct Key: Hashable {
        var events: [UInt8]
        var classes: [UInt8]?
        var dialect: Dialect

        var size: Int { events.count + (classes?.count ?? 0) }

        /// The bytes hashed in bulk (an array of bytes hashes one element at a time).
        func hash(into hasher: inout Hasher) {
            events.withUnsafeBytes { hasher.combine(bytes: $0) }
            hasher.combine(events.count)
            if let classes {
                classes.withUnsafeBytes { hasher.combine(bytes: $0) }
                hasher.combine(classes.count)
            }
            hasher.combine(classes == nil)
            hasher.combine(dialect)
        }
    }

    private let lock = NSLock()
    private var tables: [Key: AuditEventTable] = [:]
    private var order: [Key] = []
    private var bytes = 0

    public init() {}

    /// How many tables are kept.
    var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return tables.count
    }

    /// `AuditEventTable.parse(source, classes: classes)`, from the cache when a file with
    /// the same bytes was read with the same classes. `classes` must be the table read
    /// from `classesSource` (`AuditClassTable.parse(classesSource, dialect: dialect)`),
    /// or `AuditClassTable.builtIn(dialect)` when `classesSource` is nil.
    func events(
        _ source: SourceText, classes: AuditClassTable, classesSource: SourceText?, dialect: Dialect
    ) -> AuditEventTable {
        guard source.bytes.count <= Self.maximumTableBytes else {
            return AuditEventTable.parse(source, classes: classes)
        }
        let key = Key(events: source.bytes, classes: classesSource?.bytes, dialect: dialect)
        lock.lock()
        let known = tables[key]
        lock.unlock()
        if let known { return known.relocated(to: source.path) }
        let parsed = AuditEventTable.parse(source, classes: classes)
        guard key.size <= Self.maximumBytes else { return parsed }
        lock.lock()
        defer { lock.unlock() }
        if tables[key] == nil {
            while !order.isEmpty, order.count >= Self.maximumEntries || bytes + key.size > Self.maximumBytes {
                let oldest = order.removeFirst()
                tables[oldest] = nil
                bytes -= oldest.size
            }
            tables[key] = parsed
            order.append(key)
            bytes += key.size
        }
        return parsed
    }
}

extension AuditEventTable {
    /// The table as read from a file with the same bytes at `path`: every range (of the
    /// visible and hidden events and of the stop) and ``path`` name `path` instead.
    func relocated(to path: String) -> AuditEventTable {
        guard path != self.path else { return self }
        var table = self
        table.path = path
        for index in table.events.indices { table.events[index].relocate(to: path) }
        for index in table.hiddenEvents.indices { table.hiddenEvents[index].relocate(to: path) }
        table.stop?.range.file = path
        table.stop?.lineRange.file = path
        return table
    }
}

extension AuditEvent {
    /// Makes every range of the event name `path`.
    fileprivate mutating func relocate(to path: String) {
        range?.file = path
        numberRange?.file = path
        nameRange?.file = path
        descriptionRange?.file = path
        classesRange?.file = path
        collapsedFieldRange?.file = path
    }
}
