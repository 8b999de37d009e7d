import AuditLintKit

/// Helpers shared by the audit_control rules.
enum ControlRuleSupport {

    /// What auditd does when `key` is missing (or its only line is ignored).
    static func consequenceOfMissing(_ key: ControlKey) -> String {
        switch key {
        case .dir: "auditd has no trail directory and cannot start"
        case .flags: "au_user_mask fails at login, so users get no system-wide mask"
        case .naflags: "the kernel's non-attributable mask stays 0 (nothing audited)"
        case .policy: "auditd sets the kernel policy to cnt only"
        case .minfree: "auditd cannot open a trail and exits at start"
        case .filesz: "the kernel never rotates trails by size"
        case .expireAfter: "auditd never deletes old trails"
        case .host: "records carry no host address"
        case .dist: "trails are not linked for auditdistd"
        case .qsize: "the kernel keeps its queue size of 100 records"
        case .superuserSetSflagsMask, .superuserClearSflagsMask, .memberSetSflagsMask, .memberClearSflagsMask:
            "the kernel's built-in session-flag mask applies"
        }
    }

    /// "line 6 is the flags in force" or "auditd behaves as if flags were missing: …".
    static func inForceOrMissing(_ key: ControlKey, in control: AuditControl) -> String {
        if let entry = control.entry(for: key) {
            return "line \(entry.line) is the \(key.rawValue) line in force"
        }
        return "auditd behaves as if \(key.rawValue) were missing: \(consequenceOfMissing(key))"
    }

    /// The Levenshtein distance between two byte strings.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.utf8)
        let b = Array(b.utf8)
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1]
            for (j, y) in b.enumerated() {
                current.append(Swift.min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }

    /// The key closest to `word` (case-insensitive), when it is close enough to be a typo.
    static func nearestKey(to word: String) -> ControlKey? {
        // Keys are at most 27 bytes; anything much longer is not a typo of one.
        guard word.utf8.count <= 40 else { return nil }
        let lowered = word.lowercased()
        let scored = ControlKey.allCases.map { ($0, editDistance(lowered, $0.rawValue)) }
        guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
        return best.1 <= Swift.max(2, best.0.rawValue.count / 3) ? best.0 : nil
    }

    /// A range on one line from `start` through `end` (inclusive columns).
    static func range(file: String, line: Int, from start: Int, through end: Int) -> SourceRange {
        SourceRange(
            file: file, start: SourcePosition(line: line, column: start),
            end: SourcePosition(line: line, column: Swift.max(start, end)))
    }

    /// The range of the text of physical line `line` without its `\r\n`.
    static func contentRange(of line: Int, in source: SourceText) -> (range: SourceRange, text: [UInt8]) {
        var bytes = Array(source.lineBytes(line))
        if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        return (SourceRange(file: source.path, line: line, column: 1, length: bytes.count), bytes)
    }

    /// `text` without leading and trailing spaces, tabs and carriage returns.
    static func trimBlanks(_ text: String) -> String {
        let blanks: Set<Unicode.Scalar> = [" ", "\t", "\r"]
        var scalars = Substring(text).unicodeScalars[...]
        while let first = scalars.first, blanks.contains(first) { scalars.removeFirst() }
        while let last = scalars.last, blanks.contains(last) { scalars.removeLast() }
        return String(String.UnicodeScalarView(scalars))
    }

    /// The byte count of a string.
    static func width(_ text: String) -> Int { text.utf8.count }
}

extension Rule {
    /// A rule's references: the reference pages it relies on (``RuleReference``), then the
    /// code they describe.
    static func references(
        _ pages: String..., code: String = "libbsm bsm_control.c getstrfromtype_locked and the getac* readers"
    ) -> [String] {
        pages + [code]
    }
}
