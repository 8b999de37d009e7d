/// Audit policy bits (§3), as `au_strtopol` names them.
public struct AuditPolicy: OptionSet, Sendable, Hashable, Codable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let cnt = AuditPolicy(rawValue: 0x0001)
    public static let ahlt = AuditPolicy(rawValue: 0x0002)
    public static let argv = AuditPolicy(rawValue: 0x0004)
    public static let arge = AuditPolicy(rawValue: 0x0008)
    public static let seq = AuditPolicy(rawValue: 0x0010)
    public static let windata = AuditPolicy(rawValue: 0x0020)
    public static let user = AuditPolicy(rawValue: 0x0040)
    public static let group = AuditPolicy(rawValue: 0x0080)
    public static let trail = AuditPolicy(rawValue: 0x0100)
    public static let path = AuditPolicy(rawValue: 0x0200)
    public static let scnt = AuditPolicy(rawValue: 0x0400)
    public static let publicObjects = AuditPolicy(rawValue: 0x0800)
    public static let zonename = AuditPolicy(rawValue: 0x1000)
    public static let perzone = AuditPolicy(rawValue: 0x2000)

    /// The names libbsm knows, in bit order.
    public static let names: [(name: String, policy: AuditPolicy)] = [
        ("cnt", .cnt), ("ahlt", .ahlt), ("argv", .argv), ("arge", .arge), ("seq", .seq),
        ("windata", .windata), ("user", .user), ("group", .group), ("trail", .trail),
        ("path", .path), ("scnt", .scnt), ("public", .publicObjects), ("zonename", .zonename),
        ("perzone", .perzone),
    ]

    /// The only bits the FreeBSD and macOS kernels accept; any other bit makes
    /// `A_SETPOLICY` fail with EINVAL.
    public static let kernelSupported: AuditPolicy = [.cnt, .ahlt, .argv, .arge]

    /// The policy with exactly this name (case-sensitive).
    public static func named(_ name: String) -> AuditPolicy? {
        names.first { $0.name == name }?.policy
    }

    /// The names of the set bits, in bit order.
    public var names: [String] {
        Self.names.filter { contains($0.policy) }.map(\.name)
    }
}

/// `policy` (§1.2, §3): what libbsm parses and what the kernel ends up with.
public struct PolicySetting: Sendable, Hashable {
    /// Why `au_strtopol` (or the getter) rejects the value.
    public enum Problem: Sendable, Hashable {
        /// No value (no `:`; on macOS also nothing after it).
        case absent
        /// Over the 127 bytes of auditd's buffer (`POL_STR_SIZE`).
        case tooLong(length: Int)
        /// An empty element (`cnt,,argv`, a trailing comma, an empty value) at this offset.
        case emptyElement(offset: Int)
        /// A word that is not exactly a policy name (spaces, uppercase, typos).
        case unknownName(String, offset: Int, length: Int)
    }

    /// The line in force; nil when the key is missing.
    public var entry: ControlEntry?
    /// Every reason libbsm rejects the value (it stops at the first; all are listed).
    public var problems: [Problem] = []
    /// The bits libbsm parsed; nil when it rejects the value or the key is missing.
    public var parsed: AuditPolicy?

    /// Whether the key appears in the file.
    public var isPresent: Bool { entry != nil }
    /// The value as written.
    public var written: String? { entry?.value?.text }
    /// Whether libbsm accepts the value.
    public var isValid: Bool { parsed != nil }
    /// The parsed bits the kernel refuses (`seq`, `group`, …), which make it reject the whole policy.
    public var kernelRejected: AuditPolicy {
        parsed.map { $0.subtracting(.kernelSupported) } ?? []
    }

    /// The policy in force: the parsed bits when the kernel accepts them; otherwise `cnt`
    /// only (auditd's fallback for a missing or rejected value, and the kernel's boot
    /// policy, which it keeps when it refuses the set call).
    public var effective: AuditPolicy {
        guard let parsed, kernelRejected.isEmpty else { return .cnt }
        return parsed
    }

    /// The value with blanks around elements, empty elements and wrong case removed, when
    /// that gives a string libbsm accepts (`cnt, argv` → `cnt,argv`); nil otherwise. Names
    /// the kernel rejects (`seq`: A_SETPOLICY in xnu's and FreeBSD's audit_syscalls.c
    /// refuses the whole policy for them) are left out, so the suggestion takes effect.
    public var suggestedValue: String? {
        guard let value = entry?.value, !isValid else { return nil }
        let words = value.text.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingBlanks().lowercased() }
            .filter { !$0.isEmpty }
        guard !words.isEmpty, words.allSatisfy({ AuditPolicy.named($0) != nil }) else { return nil }
        let kept = words.filter {
            AuditPolicy.named($0).map { AuditPolicy.kernelSupported.isSuperset(of: $0) } ?? false
        }
        return kept.isEmpty ? nil : kept.joined(separator: ",")
    }

    /// Why the effective policy differs from what is written; nil when it does not.
    public var explanation: String? {
        guard let entry else { return "policy is missing: auditd sets cnt only" }
        if let parsed {
            guard !kernelRejected.isEmpty else { return nil }
            let lost = parsed.intersection(.kernelSupported).subtracting(.cnt).names
            return
                "the kernel rejects the whole policy because of \(kernelRejected.names.joined(separator: ",")) and keeps its previous one (at boot: cnt only)"
                + (lost.isEmpty ? "" : "; \(lost.joined(separator: ",")) is lost")
        }
        let lost = lostBits.names
        let reason = problems.first.map(describe) ?? "the value is rejected"
        return "\(reason) (line \(entry.line)), so libbsm rejects the value and auditd sets cnt only"
            + (lost.isEmpty ? "" : "; \(lost.joined(separator: ",")) is silently lost")
    }

    /// The supported policies the written value names (ignoring its errors) that the
    /// fallback to `cnt` drops.
    public var lostBits: AuditPolicy {
        guard let value = entry?.value, parsed == nil else { return [] }
        var bits = AuditPolicy()
        for word in value.text.split(separator: ",") {
            if let policy = AuditPolicy.named(word.trimmingBlanks().lowercased()) { bits.insert(policy) }
        }
        return bits.intersection(.kernelSupported).subtracting(.cnt)
    }

    /// A one-line description of a problem.
    public func describe(_ problem: Problem) -> String {
        switch problem {
        case .absent: "the policy line has no value"
        case .tooLong(let length): "the value is \(length) bytes, over auditd's 127-byte buffer"
        case .emptyElement: written == "" ? "the value is empty" : "an empty element (two commas, or a comma at an end)"
        case .unknownName(let name, _, _): "\(QuotedText.code(name)) is not a policy name"
        }
    }

    /// The exact range a problem refers to.
    public func range(of problem: Problem) -> SourceRange? {
        guard let entry else { return nil }
        guard let value = entry.value, !value.bytes.isEmpty else { return entry.keyRange }
        switch problem {
        case .absent: return entry.keyRange
        case .tooLong: return value.range(from: 0)
        case .emptyElement(let offset):
            return value.range(offset: min(offset, max(value.bytes.count - 1, 0)), length: 1)
        case .unknownName(_, let offset, let length): return value.range(offset: offset, length: length)
        }
    }

    static func parse(_ entry: ControlEntry?) -> PolicySetting {
        var setting = PolicySetting(entry: entry)
        guard let entry else { return setting }
        guard let value = entry.value else {
            setting.problems = [.absent]
            return setting
        }
        if value.bytes.count > 127 { setting.problems.append(.tooLong(length: value.bytes.count)) }
        // strsep on ",": every element, empty ones included, must be exactly a name.
        var bits = AuditPolicy()
        var start = 0
        let bytes = value.bytes
        while start <= bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != UInt8(ascii: ",") { end += 1 }
            if end == start {
                setting.problems.append(.emptyElement(offset: start))
            } else {
                let word = String(decoding: bytes[start..<end], as: UTF8.self)
                if let policy = AuditPolicy.named(word) {
                    bits.insert(policy)
                } else {
                    setting.problems.append(.unknownName(word, offset: start, length: end - start))
                }
            }
            start = end + 1
        }
        if setting.problems.isEmpty { setting.parsed = bits }
        return setting
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and `\r`.
    func trimmingBlanks() -> String {
        let blanks: Set<Character> = [" ", "\t", "\r", "\r\n"]
        let head = drop { blanks.contains($0) }
        return String(head.reversed().drop { blanks.contains($0) }.reversed())
    }
}
