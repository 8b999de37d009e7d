/// One `dir` line and what auditd makes of it (Docs/reference/audit_control.md#dir).
public struct DirectorySetting: Sendable, Hashable {
    /// The line.
    public var entry: ControlEntry
    /// Whether `getacdir` returns it; false for lines after the list ended.
    public var isEnumerated: Bool

    /// The path exactly as auditd will `statfs` it (leading and, on macOS, trailing blanks kept);
    /// nil when the line has no value.
    public var path: String? { entry.value?.text }

    /// Whether the path is usable as written: absolute, with no blank or `\r` at either end.
    /// (Whether it exists is only known on the host.)
    public var isWellFormed: Bool {
        guard let bytes = entry.value?.bytes, let first = bytes.first, let last = bytes.last else { return false }
        return first == UInt8(ascii: "/") && !CScanner.isSpace(last)
    }
}

/// `host` (Docs/reference/audit_control.md#host).
public struct HostSetting: Sendable, Hashable {
    /// The line in force; nil when the key is missing.
    public var entry: ControlEntry?
    /// The host name or address as auditd resolves it (verbatim); nil when absent or empty.
    public var effective: String? {
        guard let text = entry?.value?.text, !text.isEmpty else { return nil }
        return text
    }
}

/// `dist` (Docs/reference/audit_control.md#dist; OpenBSM 1.2a2 and later, not read by Apple's OpenBSM-21).
public struct DistSetting: Sendable, Hashable {
    /// The line in force; nil when the key is missing.
    public var entry: ControlEntry?
    /// Whether the dialect reads the key.
    public var isRead: Bool
    /// Whether auditd links every trail into `<dir>/dist`: the value is exactly `on` or
    /// `yes` in any case (a leading space makes it `off`).
    public var isEnabled: Bool {
        guard isRead, let text = entry?.value?.text.lowercased() else { return false }
        return text == "on" || text == "yes"
    }
}

/// `qsize` (Docs/reference/audit_control.md#qsize; OpenBSM 1.2a5 and later, not read by Apple's OpenBSM-21).
public struct QueueSizeSetting: Sendable, Hashable {
    /// The kernel's default high-water mark (`AQ_HIWATER`).
    public static let kernelDefault = 100
    /// The range the kernel accepts: above the low-water mark 10, at most `AQ_MAXHIGH`.
    public static let kernelRange = 11...10_000

    /// The line in force; nil when the key is missing.
    public var entry: ControlEntry?
    /// Whether the dialect reads the key.
    public var isRead: Bool
    /// What `sscanf("%d")` reads; nil when the value is absent or not a number.
    public var parsed: Int?

    /// Whether the line in force has no `:`: OpenBSM 1.2's `getacqsize` gets NULL, keeps
    /// `USE_DEFAULT_QSZ` and returns success (`qsize:` hands sscanf "" and fails).
    public var keepsDefault: Bool { entry != nil && entry?.value == nil }

    /// Whether auditd accepts the value: a number the kernel accepts, or no value at all.
    public var isValid: Bool { keepsDefault || parsed.map { Self.kernelRange.contains($0) } ?? false }
    /// The kernel's queue high-water mark in force.
    public var effective: Int { isRead && isValid ? parsed ?? Self.kernelDefault : Self.kernelDefault }

    static func parse(_ entry: ControlEntry?, dialect: Dialect) -> QueueSizeSetting {
        var setting = QueueSizeSetting(entry: entry, isRead: ControlKey.qsize.isRead(by: dialect))
        if let bytes = entry?.value?.bytes {
            var scanner = CScanner(bytes)
            scanner.skipSpaces()
            setting.parsed = scanner.number().map { Int(CScanner.int32(from: $0)) }
        }
        return setting
    }
}

/// One of the four macOS `*-sflags-mask` keys (Docs/reference/audit_control.md#session-flag-masks): inert on macOS 14 and later.
public struct SessionFlagMaskSetting: Sendable, Hashable {
    /// The session-flag names and bits (`AU_SESSION_FLAG_*`).
    public static let flagNames: [(name: String, bit: UInt32)] = [
        ("is_initial", 0x0001), ("has_graphic_access", 0x0010), ("has_tty", 0x0020),
        ("is_remote", 0x1000), ("has_console_access", 0x2000), ("has_authenticated", 0x4000),
    ]

    /// Which of the four keys.
    public var key: ControlKey
    /// The line in force.
    public var entry: ControlEntry

    /// The comma-separated names as written (empty elements skipped).
    public var names: [String] {
        (entry.value?.text ?? "").split(separator: ",").map(String.init)
    }

    /// The names that are not session flags.
    public var unknownNames: [String] {
        names.filter { name in !Self.flagNames.contains { $0.name == name } }
    }

    /// The bits the names stand for.
    public var mask: UInt32 {
        names.reduce(0) { mask, name in mask | (Self.flagNames.first { $0.name == name }?.bit ?? 0) }
    }
}
