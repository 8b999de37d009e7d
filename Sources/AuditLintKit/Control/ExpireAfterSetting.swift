/// `expire-after` (§1.2, §5.4): when auditd deletes old trails.
public struct ExpireAfterSetting: Sendable, Hashable {
    /// How two conditions combine.
    public enum Combinator: String, Sendable, Hashable, Codable {
        case and, or
    }

    /// What a term measures.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// An age (`s`, `h`, `d`, `y`).
        case age
        /// A total size of trails (`B`, `K`, `M`, `G`, a space or no unit).
        case size
    }

    /// One `N[u]` term.
    public struct Term: Sendable, Hashable {
        /// The number as `%ju` reads it (a negative number wraps).
        public var number: UInt64
        /// Offsets of the number (sign included) in the value.
        public var numberOffsets: Range<Int>
        /// The unit byte (`%c`); nil for a bare number, which counts as bytes.
        public var unit: UInt8?
        /// Offset of the unit byte.
        public var unitOffset: Int?
        /// What the unit makes of the term (uppercase or a space: size; anything else: age).
        public var kind: Kind
        /// Bytes (size); nil when the unit is not one libbsm knows, or for an age.
        public var amount: UInt64?
        /// Seconds (age), signed as libbsm stores it in a `time_t`: `-1d` is −86400; nil
        /// when the unit is not one libbsm knows, or for a size.
        public var seconds: Int64?

        /// Whether libbsm knows the unit.
        public var isKnownUnit: Bool { kind == .size ? amount != nil : seconds != nil }
        /// Whether the number was written with a leading minus (`%lu` wraps it).
        public var isNegative: Bool { Int64(bitPattern: number) < 0 }

        /// The offsets of the whole term (number and unit).
        public var offsets: Range<Int> { numberOffsets.lowerBound..<((unitOffset ?? numberOffsets.upperBound - 1) + 1) }
    }

    /// Why libbsm rejects the value.
    public enum Problem: Sendable, Hashable {
        /// No value.
        case absent
        /// No number at the start (or an empty value).
        case notANumber
        /// A unit libbsm does not know for the term at this index.
        case badUnit(termIndex: Int)
        /// Operator-like text follows the first term but no number follows it.
        case missingSecondTerm
        /// The second number has no unit after it (libbsm requires one there).
        case secondTermWithoutUnit
        /// Two terms without `and` or `or` between them.
        case noOperator
    }

    /// The line in force; nil when the key is missing.
    public var entry: ControlEntry?
    /// The terms libbsm read (one or two).
    public var terms: [Term] = []
    /// The combinator of a two-term value.
    public var combinator: Combinator?
    /// Offsets of the operator text (`%[ \tadnorADNOR]`) of a two-term value.
    public var operatorOffsets: Range<Int>?
    /// Why libbsm rejects the value; nil when it accepts it.
    public var problem: Problem?
    /// Text after the last term that libbsm ignores.
    public var ignoredOffsets: Range<Int>?

    /// Whether the key appears in the file.
    public var isPresent: Bool { entry != nil }
    /// The value as written.
    public var written: String? { entry?.value?.text }
    /// Whether libbsm accepts the value.
    public var isValid: Bool { isPresent && problem == nil }

    /// The age limit in seconds libbsm ends up with; nil when no term is an age (or invalid).
    /// With two ages the second overwrites the first. Negative for `-1d`: `getacexpire`
    /// stores the age in a signed `time_t`, and `auditd_expire_trails` then deletes every
    /// closed trail at the next rotation (its cutoff `now - age` lies in the future).
    public var ageSeconds: Int64? { isValid ? terms.last { $0.kind == .age }?.seconds : nil }
    /// The size limit in bytes; nil when no term is a size (or invalid).
    public var sizeBytes: UInt64? { isValid ? terms.last { $0.kind == .size }?.amount : nil }

    /// Whether expiry can ever delete a trail: with AND both an age and a size must be
    /// non-zero; otherwise either (§5.4). False when missing or invalid.
    public var expiresAnything: Bool {
        guard isValid else { return false }
        let age = (ageSeconds ?? 0) != 0
        let size = (sizeBytes ?? 0) != 0
        return combinator == .and ? age && size : age || size
    }

    /// The kind both terms share, when a two-term value has two of one kind.
    public var repeatedKind: Kind? {
        guard terms.count == 2, terms[0].kind == terms[1].kind else { return nil }
        return terms[0].kind
    }

    /// Why the effective condition differs from what is written; nil when it does not.
    public var explanation: String? {
        guard let entry else { return "expire-after is missing: auditd never deletes trails" }
        if let problem {
            return
                "\(describe(problem)) (line \(entry.line)): auditd logs a parse error at every rotation and deletes nothing"
        }
        var notes: [String] = []
        for term in terms where term.unit == nil || term.unit == 0x20 {
            let number = String(term.number)
            notes.append(
                term.unit == nil
                    ? "`\(number)` without a unit means \(number) bytes"
                    : "`\(number) ` followed by a space means \(number) bytes (the space is the unit)")
        }
        if let kind = repeatedKind {
            notes.append(
                combinator == .and
                    ? "both terms are \(kind == .age ? "ages" : "sizes"), so AND can never hold: nothing expires"
                    : "both terms are \(kind == .age ? "ages" : "sizes"): the second overwrites the first")
        }
        if let age = ageSeconds, age < 0 {
            notes.append(
                combinator == .and
                    ? "the age is negative (\(age) s): every closed trail counts as expired, so trails are deleted whenever the size term is exceeded"
                    : "the age is negative (\(age) s): every closed trail is deleted at the next rotation")
        }
        if let size = sizeBytes, terms.contains(where: { $0.kind == .size && $0.isNegative }) {
            notes.append("the size is negative: libbsm wraps it to \(size) bytes, which trails never reach")
        }
        if !expiresAnything, repeatedKind == nil { notes.append("the limits are zero: nothing expires") }
        return notes.isEmpty ? nil : notes.joined(separator: "; ")
    }

    /// A one-line description of a problem.
    public func describe(_ problem: Problem) -> String {
        switch problem {
        case .absent: "the expire-after line has no value"
        case .notANumber:
            (written ?? "").isEmpty ? "the value is empty" : "`\(written ?? "")` does not start with a number"
        case .badUnit(let index):
            terms[safe: index].flatMap { term in term.unit.map { Self.describeUnit($0, kind: term.kind) } }
                ?? "a unit libbsm does not know"
        case .missingSecondTerm: "the operator is not followed by a second term"
        case .secondTermWithoutUnit: "the second term has no unit (write e.g. `1G` or `60d`)"
        case .noOperator: "the two terms are not joined by AND or OR"
        }
    }

    static func describeUnit(_ unit: UInt8, kind: Kind) -> String {
        if kind == .size { return "the size unit \(describeByte(unit)) is not B, K, M or G" }
        if (0x61...0x7A).contains(unit) {
            return "the unit \(describeByte(unit)) is not s, h, d or y (sizes are uppercase: B, K, M, G)"
        }
        return "the unit \(describeByte(unit)) is not s, h, d or y"
    }

    /// The range a problem refers to.
    public func range(of problem: Problem) -> SourceRange? {
        guard let entry else { return nil }
        guard let value = entry.value, !value.bytes.isEmpty else { return entry.keyRange }
        switch problem {
        case .absent: return entry.keyRange
        case .badUnit(let index):
            guard let offset = terms[safe: index]?.unitOffset else { return value.range(from: 0) }
            return value.range(offset: offset, length: 1)
        case .missingSecondTerm, .secondTermWithoutUnit:
            // From where the second number should be, or the whole value when nothing follows.
            guard let after = operatorOffsets?.upperBound, after < value.bytes.count else {
                return value.range(from: 0)
            }
            return value.range(from: after)
        case .noOperator:
            let words = (operatorOffsets ?? 0..<0).filter { value.bytes[$0] != 0x20 && value.bytes[$0] != 0x09 }
            guard let first = words.first, let last = words.last else { return value.range(from: 0) }
            return value.range(offset: first, length: last - first + 1)
        case .notANumber: return value.range(from: 0)
        }
    }

    /// The range of term `index`.
    public func range(ofTerm index: Int) -> SourceRange? {
        guard let value = entry?.value, let term = terms[safe: index] else { return nil }
        return value.range(offset: term.offsets.lowerBound, length: term.offsets.count)
    }

    /// `setexpirecond` for one term: `au_spacetobytes` into a `size_t` (wraps) or
    /// `au_timetosec` into a signed `time_t` (bsm_control.c): the `u_long` from `%lu` is
    /// cast to `time_t` first, so `-1d` is −86400 s, and the `y` unit's leap-day term is
    /// the signed quotient `(time_t)value / 4` (`-5y` = −(5 × 364 + 1) days).
    static func term(number: UInt64, numberOffsets: Range<Int>, unit: UInt8?, unitOffset: Int?) -> Term {
        let byte = unit ?? UInt8(ascii: "B")
        let isSize = (0x41...0x5A).contains(byte) || byte == 0x20
        var term = Term(
            number: number, numberOffsets: numberOffsets, unit: unit, unitOffset: unitOffset,
            kind: isSize ? .size : .age)
        if isSize {
            term.amount = spaceToBytes(number, unit: byte)
        } else {
            let value = Int64(bitPattern: number)
            let day: Int64 = 86_400
            switch byte {
            case UInt8(ascii: "s"): term.seconds = value
            case UInt8(ascii: "h"): term.seconds = value &* 3_600
            case UInt8(ascii: "d"): term.seconds = value &* day
            // Swift's `/` truncates toward zero, as C's does.
            case UInt8(ascii: "y"): term.seconds = (value &* day &* 364) &+ (value / 4) &* day
            default: term.seconds = nil
            }
        }
        return term
    }

    static let operatorBytes = Set(" \tadnorADNOR".utf8)

    static func parse(_ entry: ControlEntry?) -> ExpireAfterSetting {
        var setting = ExpireAfterSetting(entry: entry)
        guard let entry else { return setting }
        guard let value = entry.value else {
            setting.problem = .absent
            return setting
        }
        // sscanf("%ju%c%[ \tadnorADNOR]%ju%c") after skipping blanks.
        var scanner = CScanner(value.bytes)
        guard let (first, firstDigits) = scanner.scanUnsigned() else {
            setting.problem = .notANumber
            return setting
        }
        let firstUnit = scanner.scanCharacter()
        setting.terms = [
            term(
                number: first, numberOffsets: firstDigits.start..<firstDigits.end,
                unit: firstUnit?.byte, unitOffset: firstUnit?.offset)
        ]
        var end = scanner.position
        if firstUnit != nil, let operatorRange = scanner.scanSet(operatorBytes) {
            setting.operatorOffsets = operatorRange
            guard let (second, secondDigits) = scanner.scanUnsigned() else {
                setting.problem = .missingSecondTerm
                return setting
            }
            guard let secondUnit = scanner.scanCharacter() else {
                setting.problem = .secondTermWithoutUnit
                return setting
            }
            setting.terms.append(
                term(
                    number: second, numberOffsets: secondDigits.start..<secondDigits.end,
                    unit: secondUnit.byte, unitOffset: secondUnit.offset))
            end = scanner.position
            let words = String(decoding: value.bytes[operatorRange], as: UTF8.self).lowercased()
            setting.combinator = words.contains("and") ? .and : words.contains("or") ? .or : nil
        }
        // Units are checked first, then the operator (as getacexpire does).
        if let index = setting.terms.firstIndex(where: { !$0.isKnownUnit }) {
            setting.problem = .badUnit(termIndex: index)
        } else if setting.terms.count == 2, setting.combinator == nil {
            setting.problem = .noOperator
        }
        if value.bytes[end...].contains(where: { !CScanner.isSpace($0) }) {
            setting.ignoredOffsets = end..<value.bytes.count
        }
        return setting
    }
}
