import AuditLintKit

/// AC201: flags/naflags lists libbsm rejects as a whole.
public struct AC201InvalidFlags: Rule {
    public static let description = RuleDescription(
        id: "AC201",
        slug: "invalid-flags",
        title: "Invalid flags or naflags: the whole mask is rejected",
        severity: .error,
        rationale: "One bad element (a space after a comma, an uppercase or unknown class, a trailing `\\r`) throws the whole list away: `flags:lo, aa` audits nothing at all, not just `lo`.",
        behavior: "getauditflagsbin splits on commas without trimming and looks each `[^][+|-]name` up case-sensitively in audit_class; any unknown name returns -1. For naflags auditd then leaves the kernel's non-attributable mask unchanged (boot default 0); for flags au_user_mask fails at every login.",
        references: references(Doc.auditControl("flags"), Doc.auditControl("naflags"), Doc.auditControl("audit-flags-grammar"), code: "libbsm bsm_flags.c getauditflagsbin; libauditd auditd_lib.c auditd_set_namask"),
        triggeringExamples: [
            RuleExample("flags:lo,↓ aa\n", comment: "the class is ` aa`, with the space", fixed: "flags:lo,aa\n"),
            RuleExample("naflags:lo,↓AA,↓xx\n"),
            RuleExample("↓flags\nflags:lo,aa\n", comment: "a key without a colon stops the search: the second line is never read"),
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
            return [finding(
                "`\(key)` has no `:` and no value: libbsm stops at this line and reports \(key) as missing (later \(key) lines are never read), so \(setting.consequenceOfRejection); write `\(key):` followed by the classes",
                at: entry.keyRange
            )]
        case .tooLong(let length, let limit):
            guard let value = entry.value else { return [] }
            return [finding(
                "the \(key) value is \(length) bytes, over the \(limit) bytes libbsm accepts, so \(setting.consequenceOfRejection); use fewer or broader classes",
                at: value.range(from: 0)
            )]
        case nil:
            break
        }
        guard let parsed = setting.parsed, let value = entry.value else { return [] }
        let suggestion = setting.suggestedValue(classes: context.classes)
        return parsed.problems.enumerated().compactMap { index, problem in
            let elementIndex: Int = switch problem {
            case .unknownClass(_, let element), .emptyName(let element): element
            }
            guard let range = setting.range(ofElement: elementIndex) else { return nil }
            var message = "\(key): \(FlagsSetting.describe(problem, in: parsed)) at column \(range.start.column)"
            message += Self.hint(for: parsed.elements[elementIndex], classes: context.classes)
            message += ": libbsm rejects the whole list, so \(setting.consequenceOfRejection)"
            if let suggestion { message += "; write `\(key):\(suggestion)`" }
            let fix = index == 0 ? suggestion.map { Fix(summary: "write `\($0)`", range: value.range(from: 0), replacement: $0) } : nil
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
        if classes.lookup(name.lowercased()) != nil { return " (class names are case-sensitive)" }
        if name.isEmpty { return "" }
        return " (not in audit_class)"
    }
}
