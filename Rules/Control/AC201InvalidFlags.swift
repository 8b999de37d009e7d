import AuditLintKit

/// AC201: flags/naflags lists libbsm rejects as a whole.
public struct AC201InvalidFlags: Rule {
    public static let description = RuleDescription(
        id: "AC201",
        slug: "invalid-flags",
        title: "Invalid flags or naflags: the whole mask is rejected",
        severity: .error,
        rationale:
            "One bad element (a space after a comma, an uppercase or unknown class, a trailing `\\r`) throws the whole list away: `flags:lo, aa` audits nothing at all, not just `lo`.",
        behavior:
            "getauditflagsbin splits on commas without trimming and looks each `[^][+|-]name` up case-sensitively in audit_class; any unknown name returns -1. For naflags auditd then leaves the kernel's non-attributable mask unchanged (boot default 0); for flags au_user_mask fails at every login. auditd reads naflags into a 128-byte buffer in OpenBSM 1.2 but a 25-byte one in Apple's OpenBSM-21 (NA_EVENT_STR_SIZE), so on macOS a naflags value of 25 bytes or more is rejected whole.",
        references: references(
            Doc.auditControl("flags"), Doc.auditControl("naflags"), Doc.auditControl("audit-flags-grammar"),
            code: "libbsm bsm_flags.c getauditflagsbin; libauditd auditd_lib.c auditd_set_namask"),
        triggeringExamples: [
            RuleExample("flags:lo,↓ aa\n", comment: "the class is ` aa`, with the space", fixed: "flags:lo,aa\n"),
            RuleExample("naflags:lo,↓AA,↓xx\n"),
            RuleExample(
                "↓flags\nflags:lo,aa\n",
                comment: "a key without a colon stops the search: the second line is never read"),
        ],
        nonTriggeringExamples: [
            RuleExample("flags:lo,aa,^-fr,+ex\nnaflags:lo,aa\n"),
            RuleExample("flags:lo,,aa,\n", comment: "empty elements are skipped"),
        ]
    )

    public init() {}

    public func check(_ context: LintContext) -> [Finding] {
        [context.control.flags, context.control.naflags].flatMap { check($0, context) }
    }

    func check(_ setting: FlagsSetting, _ context: LintContext) -> [Finding] {
        guard let entry = setting.entry else { return [] }
        let key = setting.key.rawValue
        switch setting.valueProblem {
        case .absent:
            // `key:` on macOS is AC202's (an empty value).
            guard !entry.hasColon else { return [] }
            return [
                finding(
                    // OpenBSM-21 getstrfromtype_locked: the first matching line without a value
                    // fails with EINVAL (OpenBSM 1.2 reads it as "" instead: AC202).
                    "`\(key)` has no `:` and no value: macOS's libbsm fails at this line (EINVAL) and never reads a later \(key) line, so \(setting.consequenceOfRejection); write `\(key):` followed by the classes",
                    at: entry.keyRange
                )
            ]
        case .tooLong(let length, let limit):
            guard let value = entry.value else { return [] }
            return [
                finding(
                    // getacna/getaccommon return -3 when strlen(value) >= the caller's buffer
                    // (auditd_lib.c NA_EVENT_STR_SIZE: 25 in OpenBSM-21, 128 in OpenBSM 1.2).
                    "the \(key) value is \(length) bytes, over the \(limit) bytes \(context.dialect.modelledRelease)'s auditd reads into its \(limit + 1)-byte buffer, so \(setting.consequenceOfRejection); use fewer or broader classes"
                        + (context.dialect == .macos ? " (unverified for macOS releases after OpenBSM-21)" : ""),
                    at: value.range(from: 0)
                )
            ]
        case nil:
            break
        }
        guard let parsed = setting.parsed, let value = entry.value else { return [] }
        let suggestion = setting.suggestedValue(classes: context.classes)
        return parsed.problems.enumerated().compactMap { index, problem in
            let elementIndex: Int =
                switch problem {
                case .unknownClass(_, let element), .emptyName(let element): element
                }
            guard let range = setting.range(ofElement: elementIndex) else { return nil }
            var message = "\(key): \(FlagsSetting.describe(problem, in: parsed)) at column \(range.start.column)"
            message += Self.hint(for: parsed.elements[elementIndex], classes: context.classes)
            message += ": libbsm rejects the whole list, so \(setting.consequenceOfRejection)"
            if let suggestion { message += "; write `\(key):\(suggestion)`" }
            let fix =
                index == 0
                ? suggestion.map { Fix(summary: "write `\($0)`", range: value.range(from: 0), replacement: $0) } : nil
            return finding(message, at: range, fix: fix)
        }
    }

    /// Why an element is wrong, when a likely cause is visible.
    static func hint(for element: AuditFlags.Element, classes: AuditClassTable) -> String {
        let name = element.className
        if name.hasPrefix("^") || name.hasPrefix("+") || name.hasPrefix("-") {
            return " (prefixes go in the order ^ then + or -)"
        }
        if name.contains("#") { return " (audit_control has no inline comments)" }
        if name.hasSuffix("\r") { return " (the line ends in \\r: CRLF line endings)" }
        if name.first == " " || name.first == "\t" || name.last == " " || name.last == "\t" {
            return " (no blanks are allowed around commas)"
        }
        if name.contains(" ") || name.contains("\t") {
            // getstrfromtype_locked hands over the whole rest of the line: a note after the
            // classes becomes part of the last element.
            return " (the text after the blank is part of the value: audit_control has no comments after a value)"
        }
        if classes.lookup(name.lowercased()) != nil { return " (class names are case-sensitive)" }
        if name.isEmpty { return "" }
        return " (not in audit_class)"
    }
}
