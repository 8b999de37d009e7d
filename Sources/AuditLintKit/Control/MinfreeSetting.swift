/// `minfree` (§1.2, §5.1): the percentage of free space below which auditd is warned.
public struct MinfreeSetting: Sendable, Hashable {
    /// The line in force; nil when the key is missing.
    public var entry: ControlEntry?
    /// Whose auditd uses the value.
    public var dialect: Dialect = .openbsm
    /// What `atoi` makes of the value; nil when there is no value.
    public var percent: Int?
    /// The range of the digits `atoi` read; nil when it read none (the value counts as 0).
    public var digitsOffsets: Range<Int>?
    /// Text `atoi` ignores (`%` in `5%`, or the whole value when it is not a number).
    public var ignoredOffsets: Range<Int>?

    /// Whether the key appears in the file.
    public var isPresent: Bool { entry != nil }
    /// The value as written.
    public var written: String? { entry?.value?.text }
    /// Whether auditd can hand the value to the kernel (0–100); otherwise auditd does not start.
    public var isValid: Bool { percent.map { (0...100).contains($0) } ?? false }
    /// Whether the value is not a number at all, which `atoi` turns into 0.
    public var isNonNumeric: Bool { percent != nil && digitsOffsets == nil }

    /// Whether auditd divides by zero with this value: OpenBSM-21's auditd_read_dirs computes
    /// `f_blocks / (100 / auditd_minval)` for every directory, so `0` is a division by zero
    /// (OpenBSM 1.2 computes `f_blocks * minval / 100` and allows 0, "Allow 0% minspace").
    /// Undefined in C: SIGFPE on Intel Macs (auditd dies each time it reads the directories,
    /// at start and at every rotation), 0 on Apple silicon (no soft limit). Apple publishes
    /// no newer auditd, so later macOS releases are unverified.
    public var dividesByZero: Bool { dialect == .macos && effectivePercent == 0 }

    /// The percentage in force; nil when auditd cannot start (missing, no value, or outside 0–100).
    public var effectivePercent: Int? { isValid ? percent : nil }

    /// The kernel's low-space threshold as a percentage of the file system's blocks:
    /// `f_blocks / (100 / minfree)` with integer division (30 → 33.3 %, 51–100 → 100 %);
    /// 0 when `minfree` is 0 (no low-space trigger); nil when auditd cannot start.
    public var kernelThresholdPercent: Double? {
        guard let percent = effectivePercent else { return nil }
        return Self.kernelThreshold(percent: percent)
    }

    /// The kernel's threshold (in percent) for a valid `minfree` value.
    public static func kernelThreshold(percent: Int) -> Double {
        percent == 0 ? 0 : 100.0 / Double(100 / percent)
    }

    /// Why the effective value differs from what is written; nil when it does not.
    public var explanation: String? {
        guard let entry else {
            return
                "minfree is missing: auditd cannot open a trail and exits at start (despite the man page's default of 20)"
        }
        guard let percent else {
            return "line \(entry.line) has no value: treated as missing, auditd exits at start"
        }
        guard isValid else {
            return "atoi reads \(percent), outside 0–100: the kernel rejects it and auditd exits at start"
        }
        var notes: [String] = []
        if dividesByZero {
            notes.append(Self.divisionByZeroNote)
        }
        if isNonNumeric {
            notes.append("`\(written ?? "")` is not a number: atoi reads 0, which disables the low-space warning")
        } else if ignoredOffsets != nil {
            notes.append("atoi reads \(percent) and ignores the rest")
        }
        if let threshold = kernelThresholdPercent, threshold != Double(percent) {
            notes.append(
                "the kernel warns below \(Self.format(threshold)) % free (integer division 100/\(percent) = \(100 / percent))"
            )
        }
        return notes.isEmpty ? nil : notes.joined(separator: "; ")
    }

    /// What OpenBSM-21's auditd does with `minfree:0`.
    public static let divisionByZeroNote =
        "OpenBSM-21's auditd computes f_blocks / (100 / minfree) for each dir, a division by zero: on an Intel Mac auditd dies with SIGFPE at start and at every rotation, on Apple silicon the soft limit never fires (unverified for macOS releases after OpenBSM-21)"

    /// A percentage with at most one decimal (33.3, 100, 7.1).
    public static func format(_ value: Double) -> String {
        let tenths = (value * 10).rounded()
        return tenths.truncatingRemainder(dividingBy: 10) == 0 ? String(Int(tenths / 10)) : String(tenths / 10)
    }

    static func parse(_ entry: ControlEntry?, dialect: Dialect) -> MinfreeSetting {
        var setting = MinfreeSetting(entry: entry, dialect: dialect)
        guard let value = entry?.value else { return setting }
        let result = AtoiResult(value.bytes)
        setting.percent = Int(result.value)
        setting.digitsOffsets = result.digits
        setting.ignoredOffsets = result.ignoredTail
        return setting
    }
}
