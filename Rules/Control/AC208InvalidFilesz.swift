import AuditLintKit

/// AC208: filesz missing, invalid or below 512 KiB: trails never rotate by size.
public struct AC208InvalidFilesz: Rule {
    public static let description = RuleDescription(
        id: "AC208",
        slug: "invalid-filesz",
        title: "filesz invalid or below 512 KiB: trails never rotate by size",
        severity: .error,
        rationale:
            "Without a valid filesz the kernel never asks for a rotation, so one trail grows until the disk fills, and expiry (which runs only at rotation) never runs.",
        behavior:
            "getacfilesz reads `%ju%c`: a number, then B/K/M/G (uppercase, binary units) or a space meaning bytes; other suffixes, `2 M` (2 bytes), and non-zero values below 524288 bytes return EINVAL. auditd_set_fsize then leaves the kernel at its boot value 0, never rotate by size. A negative number wraps to 2⁶⁴−1.",
        references: references(
            Doc.auditControl("filesz"), Doc.auditControl("where-the-manual-page-is-wrong"),
            code: "libbsm bsm_control.c getacfilesz, au_spacetobytes; libauditd auditd_lib.c auditd_set_fsize"),
        triggeringExamples: [
            RuleExample("filesz:↓100K\n"),
            RuleExample("filesz:2↓m\n", fixed: "filesz:2M\n"),
            RuleExample("filesz:↓2 M\n"),
            RuleExample("filesz:↓-1\n"),
            RuleExample("↓dir:/var/audit\nminfree:5\n", comment: "no filesz line"),
        ],
        nonTriggeringExamples: [
            RuleExample("filesz:2M\n"),
            RuleExample("filesz:0\n", comment: "explicitly no size rotation"),
            RuleExample("filesz:512K\n"),
        ]
    )

    public init() {}

    public func check(_ context: LintContext) -> [Finding] {
        let setting = context.control.filesz
        guard let entry = setting.entry else {
            return [
                finding(
                    "filesz is missing: the kernel never rotates trails by size, so a trail grows until the disk fills and expiry never runs; add `filesz:2M` (or `filesz:0` if rotation is done otherwise)",
                    at: .wholeFile(context.controlSource.path),
                    severity: .warning
                )
            ]
        }
        if let problem = setting.problem, let range = setting.range(of: problem) {
            var message =
                "filesz \(entry.value.map { QuotedText.code($0.text) } ?? "(no value)"): \(setting.describe(problem)), so libbsm rejects it and the kernel never rotates trails by size"
            var fix: Fix?
            if case .badSuffix(let byte, _) = problem, (0x61...0x7A).contains(byte), "bkmg".utf8.contains(byte) {
                let upper = String(Character(Unicode.Scalar(byte - 0x20)))
                message += "; write the suffix as `\(upper)`"
                fix = Fix(summary: "write `\(upper)`", range: range, replacement: upper)
            } else if case .belowMinimum = problem, setting.suffixByte == 0x20, let value = entry.value,
                let number = setting.numberOffsets, let offset = setting.suffixOffset,
                let unit = value.bytes[(offset + 1)...].first(where: { $0 != 0x20 && $0 != 0x09 }),
                "BKMG".utf8.contains(unit)
            {
                let joined =
                    String(decoding: value.bytes[number], as: UTF8.self) + String(Character(Unicode.Scalar(unit)))
                message += "; write `\(joined)` without the space"
                fix = Fix(summary: "write `\(joined)`", range: value.range(from: 0), replacement: joined)
            } else {
                message += "; write a size of at least 512K such as `filesz:2M`, or 0 for no size rotation"
            }
            return [finding(message, at: range, fix: fix)]
        }
        if setting.wrappedNegative, let value = entry.value {
            return [
                finding(
                    "filesz \(QuotedText.code(value.text)) is negative: libbsm reads it as \(setting.effectiveBytes) bytes, so trails never reach it and never rotate by size; write a positive size such as `filesz:2M`",
                    at: value.range(from: 0),
                    severity: .warning
                )
            ]
        }
        return []
    }
}
