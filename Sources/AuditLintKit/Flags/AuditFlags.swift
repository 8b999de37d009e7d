/// A pair of 32-bit preselection masks: records of successful events are kept when
/// `success & eventClass != 0`, failed ones when `failure & eventClass != 0`.
public struct AuditMask: Sendable, Hashable, Codable {
    /// Classes audited on success.
    public var success: UInt32
    /// Classes audited on failure.
    public var failure: UInt32

    public init(success: UInt32 = 0, failure: UInt32 = 0) {
        self.success = success
        self.failure = failure
    }

    /// The empty mask (nothing audited).
    public static let none = AuditMask()

    /// The effective per-user mask at login: `(flags + always) − never` (`getfauditflags`).
    public func adding(_ always: AuditMask) -> AuditMask {
        AuditMask(success: success | always.success, failure: failure | always.failure)
    }

    /// This mask with `never`'s bits cleared.
    public func removing(_ never: AuditMask) -> AuditMask {
        AuditMask(success: success & ~never.success, failure: failure & ~never.failure)
    }

    /// Whether a record of an event in `eventClass` with this outcome is preselected.
    public func selects(eventClass: UInt32, success outcome: Bool) -> Bool {
        (outcome ? success : failure) & eventClass != 0
    }
}

/// A parsed audit-flags string (`flags`, `naflags`, `audit_user` masks, `audit_event`
/// classes), evaluated left to right the way libbsm's `getauditflagsbin` does.
public struct AuditFlags: Sendable, Hashable {
    /// Which half of the mask an element applies to.
    public enum Half: String, Sendable, Hashable, Codable {
        case both, success, failure
    }

    /// One comma-separated element, `[^][+|-]name`.
    public struct Element: Sendable, Hashable {
        /// The element's bytes as written.
        public var text: String
        /// Byte offset of the element within the flags string.
        public var offset: Int
        /// Length of the element in bytes.
        public var length: Int
        /// `^`: remove instead of add.
        public var remove: Bool
        /// `+` success only, `-` failure only, neither both.
        public var half: Half
        /// The class name after the prefixes (may be empty or unknown).
        public var className: String
        /// The class found for the name; nil when unknown (which invalidates the string).
        public var resolved: AuditClass?
    }

    /// Why an element is unusable.
    public enum Problem: Sendable, Hashable {
        /// The name is not in audit_class (includes case mismatches, spaces, `\r`).
        case unknownClass(name: String, elementIndex: Int)
        /// `+`, `-`, `^` or `^+` with no name after it.
        case emptyName(elementIndex: Int)
    }

    /// The string as written.
    public var text: String
    /// The non-empty elements, in order (empty elements from `,,` are skipped, as
    /// `strtok_r` does).
    public var elements: [Element]
    /// The problems; any problem makes the whole string unusable.
    public var problems: [Problem]

    /// Whether libbsm accepts the string.
    public var isValid: Bool { problems.isEmpty }

    /// The resulting masks, or nil when libbsm rejects the string.
    public var mask: AuditMask? {
        guard isValid else { return nil }
        var result = AuditMask.none
        for element in elements {
            let bits = element.resolved?.mask ?? 0
            let success = element.half != .failure
            let failure = element.half != .success
            if element.remove {
                if success { result.success &= ~bits }
                if failure { result.failure &= ~bits }
            } else {
                if success { result.success |= bits }
                if failure { result.failure |= bits }
            }
        }
        return result
    }

    /// Parses `bytes` (the raw value; no trimming) against `classes`.
    public static func parse(bytes: some Collection<UInt8>, classes: AuditClassTable) -> AuditFlags {
        let raw = Array(bytes)
        var elements: [Element] = []
        var problems: [Problem] = []
        var start = 0
        while start <= raw.count {
            var end = start
            while end < raw.count, raw[end] != UInt8(ascii: ",") { end += 1 }
            if end > start {
                let chunk = raw[start..<end]
                var index = chunk.startIndex
                var remove = false
                var half = Half.both
                if chunk[index] == UInt8(ascii: "^") {
                    remove = true
                    index += 1
                }
                if index < chunk.endIndex {
                    if chunk[index] == UInt8(ascii: "+") {
                        half = .success
                        index += 1
                    } else if chunk[index] == UInt8(ascii: "-") {
                        half = .failure
                        index += 1
                    }
                }
                let nameBytes = chunk[index...]
                let resolved = classes.lookup(bytes: nameBytes)
                let elementIndex = elements.count
                if nameBytes.isEmpty {
                    problems.append(.emptyName(elementIndex: elementIndex))
                } else if resolved == nil {
                    problems.append(
                        .unknownClass(name: String(decoding: nameBytes, as: UTF8.self), elementIndex: elementIndex))
                }
                elements.append(
                    Element(
                        text: String(decoding: chunk, as: UTF8.self),
                        offset: start,
                        length: end - start,
                        remove: remove,
                        half: half,
                        className: String(decoding: nameBytes, as: UTF8.self),
                        resolved: resolved
                    ))
            }
            start = end + 1
        }
        return AuditFlags(text: String(decoding: raw, as: UTF8.self), elements: elements, problems: problems)
    }

    /// Parses a string (convenience for tests and the command line).
    public static func parse(_ text: String, classes: AuditClassTable) -> AuditFlags {
        parse(bytes: Array(text.utf8), classes: classes)
    }
}

extension AuditClassTable {
    /// The class names whose bits are all in `bits`, in table order, as libbsm's
    /// `getauditflagschar` prints them (classes with an empty mask are left out).
    public func names(coveredBy bits: UInt32) -> [String] {
        var seen = Set<String>()
        return classes.compactMap { entry in
            guard entry.mask != 0, entry.mask & bits == entry.mask, seen.insert(entry.name).inserted else { return nil }
            return entry.name
        }
    }
}
