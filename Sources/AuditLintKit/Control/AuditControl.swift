/// A parsed `audit_control` file: every line as libbsm reads it, and every setting as
/// written and as auditd and the kernel end up applying it (§1–§3).
///
/// Parsing never fails: every problem is data on the settings and lines. Each setting
/// keeps the line in force (`entry`), with the exact ranges of its key and value.
public struct AuditControl: Sendable, Hashable {
    /// The file's path as the user named it.
    public var path: String
    /// The implementation whose reading is modelled.
    public var dialect: Dialect
    /// Every `fgets` chunk, in file order (a line over 255 bytes is several).
    public var lines: [ControlLine]
    /// Every tokenised line (not comments or blank lines), in file order, known keys or not.
    public var entries: [ControlEntry]

    /// `flags`: the system-wide attributable mask, applied at each login.
    public var flags: FlagsSetting
    /// `naflags`: the kernel's non-attributable mask.
    public var naflags: FlagsSetting
    /// `policy`.
    public var policy: PolicySetting
    /// `minfree`.
    public var minfree: MinfreeSetting
    /// `filesz`.
    public var filesz: FileSizeSetting
    /// `expire-after`.
    public var expireAfter: ExpireAfterSetting
    /// Every `dir` line in order; ``effectiveDirectories`` is what auditd enumerates.
    public var directories: [DirectorySetting]
    /// `host`.
    public var host: HostSetting
    /// `dist`.
    public var dist: DistSetting
    /// `qsize`.
    public var qsize: QueueSizeSetting
    /// The macOS `*-sflags-mask` keys present (first occurrence of each).
    public var sessionFlagMasks: [SessionFlagMaskSetting]

    /// A later line for a first-wins key, which libbsm never reaches.
    public struct Duplicate: Sendable, Hashable {
        /// The key.
        public var key: ControlKey
        /// The ignored line.
        public var ignored: ControlEntry
        /// The line in force.
        public var inForce: ControlEntry
    }

    /// Every ignored repetition of a key other than `dir`.
    public var duplicates: [Duplicate]

    /// Parses audit_control exactly as the dialect's libbsm reads it (never throws: every
    /// problem is data).
    ///
    /// - Parameters:
    ///   - source: The file's bytes.
    ///   - dialect: Whose libbsm to model (`macos` keeps trailing blanks and takes the value
    ///     up to the next `:`; `openbsm` trims trailing blanks and takes the rest of the line).
    ///   - classes: The audit_class table `flags` and `naflags` are checked against.
    public static func parse(_ source: SourceText, dialect: Dialect, classes: AuditClassTable) -> AuditControl {
        let lines = ControlLexer.lines(of: source)
        let entries = lines.enumerated().compactMap { index, line in
            ControlLexer.entry(of: line, at: index, dialect: dialect, file: source.path)
        }
        var first: [ControlKey: ControlEntry] = [:]
        var duplicates: [Duplicate] = []
        for entry in entries {
            guard let key = entry.key, !key.repeats else { continue }
            if let inForce = first[key] {
                duplicates.append(Duplicate(key: key, ignored: entry, inForce: inForce))
            } else {
                first[key] = entry
            }
        }
        var listEnded = false
        let directories = entries.filter { $0.key == .dir }.map { entry in
            // getacdir stops the list at a line without a value or one too long for MAXNAMLEN.
            if (entry.value?.bytes.count ?? 255) >= 255 { listEnded = true }
            return DirectorySetting(entry: entry, isEnumerated: !listEnded)
        }
        return AuditControl(
            path: source.path,
            dialect: dialect,
            lines: lines,
            entries: entries,
            flags: .parse(key: .flags, entry: first[.flags], dialect: dialect, classes: classes),
            naflags: .parse(key: .naflags, entry: first[.naflags], dialect: dialect, classes: classes),
            policy: .parse(first[.policy]),
            minfree: .parse(first[.minfree], dialect: dialect),
            filesz: .parse(first[.filesz]),
            expireAfter: .parse(first[.expireAfter]),
            directories: directories,
            host: HostSetting(entry: first[.host]),
            dist: DistSetting(entry: first[.dist], isRead: ControlKey.dist.isRead(by: dialect)),
            qsize: .parse(first[.qsize], dialect: dialect),
            sessionFlagMasks: ControlKey.sessionFlagMaskKeys.compactMap { key in
                first[key].map { SessionFlagMaskSetting(key: key, entry: $0) }
            },
            duplicates: duplicates
        )
    }

    // MARK: Effective values

    /// The directories auditd enumerates, in order, exactly as it will `statfs` them.
    public var effectiveDirectories: [String] {
        directories.filter(\.isEnumerated).compactMap(\.path)
    }

    /// Whether `host` keeps every trail from expiring: OpenBSM-21's auditd names trails
    /// `<start>.<end>.<host>` once `getachost` succeeds (auditd_set_host sets
    /// `auditd_hostlen`, `affixdir` appends the host), and its `auditd_expire_trails` skips
    /// every name that is not exactly 29 bytes. OpenBSM 1.2a1 fixed it (names of at least
    /// 29 bytes), so only the `macos` dialect has it; unverified after OpenBSM-21.
    public var hostStopsExpiry: Bool {
        dialect == .macos && host.effective != nil
    }

    /// Why nothing expires when ``hostStopsExpiry`` (for show and the compliance verdict).
    public static let hostStopsExpiryNote =
        "host is set, so OpenBSM-21's auditd names trails `<start>.<end>.<host>` and its expiry, which only considers names of exactly 29 bytes, deletes nothing (unverified for macOS releases after OpenBSM-21)"

    /// Whether auditd's expiry can ever delete a trail: `expire-after` would delete
    /// something and the trail names are ones expiry considers (``hostStopsExpiry``).
    public var trailsExpire: Bool {
        expireAfter.expiresAnything && !hostStopsExpiry
    }

    /// Whether auditd can start with this file as far as the file shows: `minfree` valid and
    /// at least one `dir` enumerated (whether it exists is only known on the host).
    public var auditdCanStart: Bool {
        minfree.effectivePercent != nil && !effectiveDirectories.isEmpty
    }

    /// The first line for `key` (the one in force), or nil.
    public func entry(for key: ControlKey) -> ControlEntry? {
        entries.first { $0.key == key }
    }

    /// Where to report something about `key` (its name as written in the file, such as
    /// `expire-after`): the value of the line in force, its key when the value is empty,
    /// or the whole file when the key is missing.
    public func valueRange(forKey key: String) -> SourceRange {
        guard let controlKey = ControlKey(rawValue: key), let entry = entry(for: controlKey) else {
            return .wholeFile(path)
        }
        guard let value = entry.value, !value.bytes.isEmpty else { return entry.keyRange }
        return value.range
    }

    // MARK: Lexical facts

    /// The line an entry is on.
    public func line(of entry: ControlEntry) -> ControlLine { lines[entry.lineIndex] }

    /// Lines whose key would be a known key but for leading blanks (` filesz:2M`).
    public var leadingBlankEntries: [ControlEntry] {
        entries.filter { $0.hasLeadingBlank && ControlKey(rawValue: $0.strippedKey) != nil }
    }

    /// Indented comment lines (`  # text`): not comments to libbsm, but ignored as unknown keys.
    public var indentedComments: [ControlEntry] {
        entries.filter { $0.hasLeadingBlank && $0.strippedKey.hasPrefix("#") }
    }

    /// Lines with a key no implementation reads (typos, garbage), not counting
    /// ``leadingBlankEntries`` and ``indentedComments``.
    public var unknownEntries: [ControlEntry] {
        entries.filter { entry in
            entry.key == nil && ControlKey(rawValue: entry.strippedKey) == nil && !entry.strippedKey.hasPrefix("#")
        }
    }

    /// Lines with a known key that this dialect does not read (`qsize` on macOS, …).
    public var entriesNotReadByDialect: [ControlEntry] {
        entries.filter { $0.key.map { !$0.isRead(by: dialect) } ?? false }
    }

    /// Lines ending in `\r\n` (each value keeps the `\r`).
    public var carriageReturnLines: [ControlLine] {
        lines.filter(\.hasCarriageReturn)
    }

    /// Physical lines over 255 bytes whose remainder libbsm reads as another line: the
    /// first chunk of each, paired with the continuation chunks that carry text.
    public var splitLines: [(first: ControlLine, continuations: [ControlLine])] {
        var result: [(ControlLine, [ControlLine])] = []
        var index = 0
        while index < lines.count {
            let head = lines[index]
            var rest: [ControlLine] = []
            while index + 1 < lines.count, lines[index].isSplit {
                index += 1
                rest.append(lines[index])
            }
            let meaningful = rest.filter { $0.content.contains { !CScanner.isSpace($0) } }
            if !meaningful.isEmpty { result.append((head, meaningful)) }
            index += 1
        }
        return result
    }
}

extension ControlValue {
    /// The offset of a `#` that looks like the start of a comment (at the start of the
    /// value or after a blank); libbsm keeps it and everything after it in the value.
    public var commentOffset: Int? {
        bytes.indices.first { index in
            bytes[index] == UInt8(ascii: "#") && (index == 0 || bytes[index - 1] == 0x20 || bytes[index - 1] == 0x09)
        }
    }
}
