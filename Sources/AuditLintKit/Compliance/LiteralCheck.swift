/// What the mainstream literal checker (the mSCP compliance script and the DISA STIG
/// check text copied from it) computes on the raw audit_control text, reproduced
/// byte for byte (`compliance.md` §2.1–§2.2, §3).
///
/// The checks are string pipelines, not semantics: `awk` selects lines with a regular
/// expression (anchored or not, so comments may count), `tr`/`grep -c` count tokens,
/// and the script compares the output with the expected value as an exact string
/// (`$(…)` strips trailing newlines only).
public enum LiteralCheck: Sendable, Hashable {
    /// `awk -F':' '/^KEY/ { print $NF }' AC | tr ',' '\n' | grep -Ec 'PATTERN'` must
    /// print `1`.
    case tokenCount(key: String, pattern: TokenPattern)
    /// `awk -F: '/KEY/{print $2}' AC` (with `^KEY` when `anchored`) must print exactly
    /// `expected`.
    case secondField(key: String, anchored: Bool, expected: String)

    /// The `grep -E` patterns the mSCP flags and policy checks use.
    public enum TokenPattern: Sendable, Hashable {
        /// `'^lo'`: the token starts with the text.
        case prefix(String)
        /// `'aa'`, `'\-fr'`: the text anywhere in the token.
        case substring(String)

        /// The pattern as the checker writes it.
        public var regex: String {
            switch self {
            case .prefix(let text): "^" + text
            case .substring(let text): text.hasPrefix("-") ? "\\" + text : text
            }
        }

        func matches(_ line: ArraySlice<UInt8>) -> Bool {
            switch self {
            case .prefix(let text): line.starts(with: text.utf8)
            case .substring(let text): LiteralCheck.contains(line, Array(text.utf8))
            }
        }
    }

    /// The result of running a literal check.
    public struct Outcome: Sendable, Hashable {
        /// Whether the checker reports compliance.
        public var passed: Bool
        /// What the check printed (after `$(…)` stripped trailing newlines).
        public var output: String

        public init(passed: Bool, output: String) {
            self.passed = passed
            self.output = output
        }
    }

    /// The shell command the checker runs, with `AC` for the audit_control path.
    public var command: String {
        switch self {
        case .tokenCount(let key, let pattern):
            "awk -F':' '/^\(key)/ { print $NF }' AC | tr ',' '\\n' | grep -Ec '\(pattern.regex)'"
        case .secondField(let key, let anchored, _):
            "awk -F: '/\(anchored ? "^" : "")\(key)/{print $2}' AC"
        }
    }

    /// The value the checker compares the output with.
    public var expected: String {
        switch self {
        case .tokenCount: "1"
        case .secondField(_, _, let expected): expected
        }
    }

    /// Runs the check on the raw audit_control bytes.
    public func evaluate(_ text: [UInt8]) -> Outcome {
        switch self {
        case .tokenCount(let key, let pattern):
            var count = 0
            for record in Self.records(text) where record.starts(with: key.utf8) {
                let field = Self.fields(record).last ?? record
                count +=
                    field.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false)
                    .filter { pattern.matches($0) }.count
            }
            return Outcome(passed: count == 1, output: String(count))
        case .secondField(let key, let anchored, let expected):
            let keyBytes = Array(key.utf8)
            var output: [UInt8] = []
            for record in Self.records(text)
            where anchored ? record.starts(with: keyBytes) : Self.contains(record, keyBytes) {
                let fields = Self.fields(record)
                if fields.count >= 2 { output += fields[1] }
                output.append(UInt8(ascii: "\n"))
            }
            while output.last == UInt8(ascii: "\n") { output.removeLast() }
            return Outcome(passed: output.elementsEqual(expected.utf8), output: String(decoding: output, as: UTF8.self))
        }
    }

    /// awk's records: the text split on `\n`, without the empty record after a final newline.
    static func records(_ text: [UInt8]) -> [ArraySlice<UInt8>] {
        var records = text.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        if records.last?.isEmpty == true { records.removeLast() }
        return records
    }

    /// awk's fields with `-F:`: every `:` separates, empty fields kept.
    static func fields(_ record: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        record.isEmpty ? [] : record.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
    }

    static func contains(_ haystack: ArraySlice<UInt8>, _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        guard haystack.count >= needle.count else { return false }
        var index = haystack.startIndex
        while index <= haystack.endIndex - needle.count {
            if haystack[index..<(index + needle.count)].elementsEqual(needle) { return true }
            index += 1
        }
        return false
    }
}
