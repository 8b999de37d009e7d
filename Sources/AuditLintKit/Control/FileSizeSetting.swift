/// `filesz` (§1.2): the trail size at which the kernel asks auditd to rotate.
public struct FileSizeSetting: Sendable, Hashable {
    /// The smallest non-zero size libbsm and the kernel accept (`MIN_AUDIT_FILE_SIZE`, 512 KiB).
    public static let minimum: UInt64 = 512 * 1024

    /// Why libbsm rejects the value.
    public enum Problem: Sendable, Hashable {
        /// No value.
        case absent
        /// No number where one is needed (empty, or not starting with digits).
        case notANumber
        /// The byte after the number is not `B`, `K`, `M`, `G` or a space.
        case badSuffix(UInt8, offset: Int)
        /// A non-zero size below 512 KiB.
        case belowMinimum(bytes: UInt64)
    }

    /// The line in force; nil when the key is missing.
    public var entry: ControlEntry?
    /// Why libbsm rejects the value; nil when it accepts it (or the key is missing).
    public var problem: Problem?
    /// The size libbsm computes (before the minimum check); nil when it cannot.
    public var parsedBytes: UInt64?
    /// Offsets of the number.
    public var numberOffsets: Range<Int>?
    /// The byte after the number (`%c`, the suffix); nil for a bare number.
    public var suffixByte: UInt8?
    /// The offset of ``suffixByte`` in the value.
    public var suffixOffset: Int?
    /// Text after the suffix that libbsm ignores (`B` in `2MB`).
    public var ignoredOffsets: Range<Int>?
    /// Whether the number was negative and wrapped to a huge size (`-1` → 2⁶⁴−1).
    public var wrappedNegative = false

    /// Whether the key appears in the file.
    public var isPresent: Bool { entry != nil }
    /// The value as written.
    public var written: String? { entry?.value?.text }
    /// Whether libbsm and the kernel accept the value.
    public var isValid: Bool { isPresent && problem == nil }

    /// The rotation size in force: the accepted size, or 0 (never rotate by size, the
    /// kernel's boot value, which it keeps) when the key is missing or rejected.
    public var effectiveBytes: UInt64 { isValid ? parsedBytes ?? 0 : 0 }

    /// Why the effective size differs from what is written; nil when it does not.
    public var explanation: String? {
        guard entry != nil else { return "filesz is missing: the kernel never rotates trails by size" }
        if let problem {
            return "\(describe(problem)): libbsm rejects it and the kernel never rotates trails by size"
        }
        var notes: [String] = []
        if wrappedNegative { notes.append("the negative number wraps to \(parsedBytes ?? 0) bytes") }
        if let ignoredOffsets, let value = entry?.value {
            notes.append(
                "`\(String(decoding: value.bytes[ignoredOffsets], as: UTF8.self))` after the suffix is ignored")
        }
        return notes.isEmpty ? nil : notes.joined(separator: "; ")
    }

    /// A one-line description of a problem.
    public func describe(_ problem: Problem) -> String {
        switch problem {
        case .absent: "the filesz line has no value"
        case .notANumber: "`\(written ?? "")` does not start with a number"
        case .badSuffix(let byte, _):
            (0x61...0x7A).contains(byte)
                ? "the suffix \(describeByte(byte)) is lowercase (only B, K, M, G)"
                : "the suffix \(describeByte(byte)) is not B, K, M or G"
        case .belowMinimum(let bytes):
            "\(bytes) bytes is below the 512 KiB (524288-byte) minimum"
                + (suffixByte == 0x20 ? " (a space after the number means bytes)" : "")
        }
    }

    /// The range a problem refers to.
    public func range(of problem: Problem) -> SourceRange? {
        guard let entry else { return nil }
        guard let value = entry.value, !value.bytes.isEmpty else { return entry.keyRange }
        switch problem {
        case .absent: return entry.keyRange
        case .badSuffix(_, let offset): return value.range(offset: offset, length: 1)
        case .notANumber, .belowMinimum: return value.range(from: 0)
        }
    }

    static func parse(_ entry: ControlEntry?) -> FileSizeSetting {
        var setting = FileSizeSetting(entry: entry)
        guard let entry else { return setting }
        guard let value = entry.value else {
            setting.problem = .absent
            return setting
        }
        // sscanf("%ju%c") after skipping blanks.
        var scanner = CScanner(value.bytes)
        guard let (number, digits) = scanner.scanUnsigned() else {
            setting.problem = .notANumber
            return setting
        }
        setting.numberOffsets = digits.start..<digits.end
        setting.wrappedNegative = digits.negative && number != 0
        var bytes = number
        if let (byte, offset) = scanner.scanCharacter() {
            setting.suffixByte = byte
            setting.suffixOffset = offset
            if value.bytes[(offset + 1)...].contains(where: { !CScanner.isSpace($0) }) {
                setting.ignoredOffsets = (offset + 1)..<value.bytes.count
            }
            guard let scaled = spaceToBytes(number, unit: byte) else {
                setting.problem = .badSuffix(byte, offset: offset)
                return setting
            }
            bytes = scaled
        }
        setting.parsedBytes = bytes
        if bytes != 0, bytes < minimum { setting.problem = .belowMinimum(bytes: bytes) }
        return setting
    }
}
