import Foundation

/// Trail growth measured from a copy of an audit directory without decoding: each trail's
/// start and end times come from its name (`YYYYMMDDhhmmss.YYYYMMDDhhmmss`, UTC), its
/// bytes from its size. A `.not_terminated` or `.crash_recovery` trail ends at its
/// modification time. Other files (and symbolic links such as `current`) are skipped.
public struct TrailGrowth: Sendable, Hashable {
    /// One trail file.
    public struct File: Sendable, Hashable {
        public var name: String
        public var start: Int64
        public var end: Int64
        public var bytes: Int64
    }

    /// The trails measured, in name order.
    public var files: [File]
    /// Names skipped (not trail names, or before `since`), for the report.
    public var skipped: [String]

    /// Total bytes of the trails measured.
    public var bytes: Int64 { files.map(\.bytes).saturatingSum() }

    /// From the earliest start to the latest end, in seconds.
    public var spanSeconds: Double {
        guard let first = files.map(\.start).min(), let last = files.map(\.end).max() else { return 0 }
        return Double(last - first)
    }

    /// Measures the trails in `directory`.
    ///
    /// - Parameter since: trails that start before this time (seconds since the epoch) were
    ///   written under an earlier configuration and are skipped.
    /// - Throws: ``AuditLintError/fileNotFound(_:)`` or ``AuditLintError/unreadable(_:reason:)``
    ///   when the directory cannot be listed; ``AuditLintError/invalidInput(_:)`` when it
    ///   holds no trail.
    public static func measure(directory: String, since: Int64? = nil) throws -> TrailGrowth {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: directory, isDirectory: &isDirectory) else {
            throw AuditLintError.fileNotFound(directory)
        }
        guard isDirectory.boolValue else {
            throw AuditLintError.invalidInput(
                "\(directory): not a directory; give a copy of the audit directory, or the trails with --trail")
        }
        let names: [String]
        do { names = try fm.contentsOfDirectory(atPath: directory).sorted() } catch {
            throw AuditLintError.unreadable(directory, reason: "cannot list the directory")
        }
        let base = directory.hasSuffix("/") ? directory : directory + "/"
        var growth = TrailGrowth(files: [], skipped: [])
        for name in names where !name.hasPrefix(".") {
            let attributes = try? fm.attributesOfItem(atPath: base + name)
            guard attributes?[.type] as? FileAttributeType == .typeRegular,
                let size = (attributes?[.size] as? NSNumber)?.int64Value,
                let (start, named) = parse(name)
            else {
                growth.skipped.append(name)
                continue
            }
            let end = named ?? Int64(((attributes?[.modificationDate] as? Date) ?? Date()).timeIntervalSince1970)
            guard since.map({ start >= $0 }) ?? true, end >= start else {
                growth.skipped.append(name)
                continue
            }
            growth.files.append(File(name: name, start: start, end: end, bytes: size))
        }
        guard !growth.files.isEmpty else {
            throw AuditLintError.invalidInput(
                "\(directory): no trail file named YYYYMMDDhhmmss.YYYYMMDDhhmmss (or .not_terminated)\(since == nil ? "" : " started after --since"); copy the whole audit directory"
            )
        }
        return growth
    }

    /// The start time and, for a closed trail, the end time of a trail name; nil when the
    /// name is not a trail's.
    public static func parse(_ name: String) -> (start: Int64, end: Int64?)? {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let start = time(parts[0]) else { return nil }
        if parts[1] == "not_terminated" || parts[1] == "crash_recovery" { return (start, nil) }
        guard let end = time(parts[1]) else { return nil }
        return (start, end)
    }

    /// `YYYYMMDDhhmmss` (UTC) as seconds since the epoch.
    public static func time(_ text: Substring) -> Int64? {
        guard text.count == 14, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        let digits = text.map { Int64($0.wholeNumberValue!) }
        func field(_ from: Int, _ count: Int) -> Int64 { digits[from..<(from + count)].reduce(0) { $0 * 10 + $1 } }
        let (year, month, day) = (field(0, 4), field(4, 2), field(6, 2))
        let (hour, minute, second) = (field(8, 2), field(10, 2), field(12, 2))
        guard (1970...9999).contains(year), (1...12).contains(month), (1...31).contains(day),
            hour < 24, minute < 60, second < 61
        else { return nil }
        return CivilTime.seconds(
            year: year, month: Int(month), day: Int(day), hour: Int(hour), minute: Int(minute), second: Int(second))
    }

    /// `YYYYMMDDhhmmss` (UTC) for seconds since the epoch.
    public static func name(_ time: Int64) -> String {
        CivilTime.compact(time)
    }
}
