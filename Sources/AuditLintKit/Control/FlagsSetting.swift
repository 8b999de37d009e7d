/// `flags` or `naflags` (§1.2, §2): the written class list and the masks it yields.
public struct FlagsSetting: Sendable, Hashable {
    /// Why libbsm could not even hand the value to the flags parser.
    public enum ValueProblem: Sendable, Hashable {
        /// No value, on macOS: the line has no `:` or nothing after it, and OpenBSM-21's
        /// `getstrfromtype_locked` fails with EINVAL, so the getter fails. (OpenBSM 1.2's
        /// `getaccommon` hands the parser "" instead: ``readsAsEmpty``.)
        case absent
        /// Longer than the consumer's buffer (`naflags`: 127 bytes, 24 on macOS); the getter
        /// returns −3.
        case tooLong(length: Int, limit: Int)
    }

    /// `.flags` or `.naflags`.
    public var key: ControlKey
    /// Whose libbsm read the value.
    public var dialect: Dialect = .openbsm
    /// The line in force (the first with this key); nil when the key is missing.
    public var entry: ControlEntry?
    /// The parsed class list; nil when the key is missing or its value never reaches the parser.
    public var parsed: AuditFlags?
    /// Why the value never reached the parser.
    public var valueProblem: ValueProblem?

    /// Whether the key appears in the file.
    public var isPresent: Bool { entry != nil }
    /// Whether the line in force has no `:` and OpenBSM 1.2's libbsm reads it as an empty
    /// value (`getaccommon` coerces the NULL from `getstrfromtype_locked` to "").
    public var readsAsEmpty: Bool { dialect == .openbsm && entry != nil && entry?.value == nil }
    /// The value as written.
    public var written: String? { entry?.value?.text }
    /// Whether libbsm accepts the value (false when the key is missing).
    public var isValid: Bool { valueProblem == nil && parsed?.isValid == true }
    /// Whether the value is present and empty (an empty mask: nothing audited).
    public var isEmpty: Bool { isValid && parsed?.elements.isEmpty == true }

    /// The masks libbsm computes from the value; nil when it rejects it.
    public var mask: AuditMask? { valueProblem == nil ? parsed?.mask : nil }

    /// The mask that ends up in force.
    ///
    /// `naflags`: the kernel's non-attributable mask; when missing or rejected the kernel
    /// keeps its boot default, 0 (§1.2). `flags`: the system part of every login's mask;
    /// nil when libbsm rejects it, because `au_user_mask` then fails and what the login
    /// program does is program-specific. A missing `flags` is the empty mask on OpenBSM
    /// 1.2 (`getacflg` → `getaccommon` returns "" with success) and nil on macOS
    /// (OpenBSM-21's `getacflg` returns 1, so `au_user_mask` fails).
    public var effectiveMask: AuditMask? {
        if let mask { return mask }
        if key == .naflags || (entry == nil && dialect == .openbsm) { return AuditMask.none }
        return nil
    }

    /// Why the effective mask differs from what is written; nil when it does not.
    public var explanation: String? {
        guard let entry else {
            switch (key, dialect) {
            case (.naflags, .openbsm):
                return
                    "naflags is missing: getacna hands back an empty string, so auditd sets the kernel's non-attributable mask to 0 (nothing audited)"
            case (.naflags, _):
                return "naflags is missing: the kernel's non-attributable mask stays 0 (nothing audited)"
            case (_, .openbsm):
                return
                    "flags is missing: getacflg hands back an empty string, so every login gets an empty system mask (only audit_user classes apply)"
            default:
                return "flags is missing: au_user_mask fails, so login programs get no system mask"
            }
        }
        if readsAsEmpty {
            return "line \(entry.line) has no `:`; OpenBSM's libbsm reads it as an empty value, so \(emptyConsequence)"
        }
        let consequence = consequenceOfRejection
        switch valueProblem {
        case .absent:
            return "line \(entry.line) has no value; \(consequence)"
        case .tooLong(let length, let limit):
            return
                "the value is \(length) bytes, over the \(limit) bytes \(dialect.modelledRelease)'s auditd reads; \(consequence)"
        case nil:
            break
        }
        guard let parsed, let problem = parsed.problems.first else { return nil }
        return "\(Self.describe(problem, in: parsed)) makes libbsm reject the whole list; \(consequence)"
    }

    /// What an empty (valid) value means.
    public var emptyConsequence: String {
        key == .naflags
            ? "auditd sets the kernel's non-attributable mask to 0 (nothing audited)"
            : "users get no system-wide classes (only their audit_user ones)"
    }

    /// What happens when libbsm rejects the value.
    public var consequenceOfRejection: String {
        key == .naflags
            ? "auditd leaves the kernel's non-attributable mask at its boot default 0 (nothing audited)"
            : "au_user_mask fails at every login and users get no mask from flags (what the login program then does is program-specific)"
    }

    /// The value with blanks, `\r`, an inline `# comment`, empty elements and wrong case
    /// removed, when that gives a list libbsm accepts (`lo, AA` → `lo,aa`); nil otherwise.
    public func suggestedValue(classes: AuditClassTable) -> String? {
        guard let value = entry?.value, !isValid || value.commentOffset != nil else { return nil }
        let bytes = value.commentOffset.map { Array(value.bytes[..<$0]) } ?? value.bytes
        var elements: [String] = []
        for piece in String(decoding: bytes, as: UTF8.self).split(separator: ",") {
            let element = piece.trimmingBlanks()
            if element.isEmpty { continue }
            let prefix = String(element.prefix { $0 == "^" || $0 == "+" || $0 == "-" }.prefix(2))
            let name = String(element.dropFirst(prefix.count))
            guard ["", "^", "+", "-", "^+", "^-"].contains(prefix) else { return nil }
            if classes.lookup(name) != nil {
                elements.append(prefix + name)
            } else if classes.lookup(name.lowercased()) != nil {
                elements.append(prefix + name.lowercased())
            } else {
                return nil
            }
        }
        let suggestion = elements.joined(separator: ",")
        return elements.isEmpty || suggestion == value.text ? nil : suggestion
    }

    /// A one-line description of a flags problem, e.g. "unknown class ` aa` (element 2)".
    public static func describe(_ problem: AuditFlags.Problem, in flags: AuditFlags) -> String {
        switch problem {
        case .unknownClass(let name, let index):
            "unknown class \(QuotedText.code(name)) in element \(QuotedText.code(flags.elements[index].text))"
        case .emptyName(let index):
            "element \(QuotedText.code(flags.elements[index].text)) with no class name"
        }
    }

    /// The exact range of element `index` of ``parsed``.
    public func range(ofElement index: Int) -> SourceRange? {
        guard let value = entry?.value, let element = parsed?.elements[safe: index] else { return nil }
        return value.range(offset: element.offset, length: element.length)
    }

    /// The longest value the getter's real caller accepts: `getaccommon` (and OpenBSM-21's
    /// `getacna`) returns −3 when `strlen(value) >= len`. `naflags`: auditd_set_namask's
    /// `NA_EVENT_STR_SIZE` buffer, 128 bytes in OpenBSM 1.2 but 25 in OpenBSM-21 (auditd_lib.c),
    /// so 127 or 24 bytes. `flags`: au_user_mask and getfauditflags pass
    /// `MAX_AUDITSTRING_LEN` (256, bsm_user.c), more than a 255-byte line can hold.
    public static func bufferLimit(key: ControlKey, dialect: Dialect) -> Int {
        guard key == .naflags else { return 255 }
        return dialect == .macos ? 24 : 127
    }

    static func parse(key: ControlKey, entry: ControlEntry?, dialect: Dialect, classes: AuditClassTable) -> FlagsSetting
    {
        var setting = FlagsSetting(key: key, dialect: dialect, entry: entry)
        guard let entry else { return setting }
        guard let value = entry.value else {
            switch dialect {
            case .openbsm:
                // bsm_control.c (1.2) getaccommon: "coercing the NULL back into an empty
                // string"; getauditflagsbin("") is the empty mask.
                setting.parsed = AuditFlags.parse(bytes: [], classes: classes)
            case .macos:
                // OpenBSM-21 getstrfromtype_locked: no value → EINVAL, the getter fails.
                setting.valueProblem = .absent
            }
            return setting
        }
        let limit = Self.bufferLimit(key: key, dialect: dialect)
        if value.bytes.count > limit {
            setting.valueProblem = .tooLong(length: value.bytes.count, limit: limit)
        }
        setting.parsed = AuditFlags.parse(bytes: value.bytes, classes: classes)
        return setting
    }
}

extension Array {
    subscript(safe index: Int) -> Element? {
        indices.contains(index) ? self[index] : nil
    }
}
