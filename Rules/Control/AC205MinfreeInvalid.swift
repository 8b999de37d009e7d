import AuditLintKit

/// AC205: minfree missing, without a value, out of range, or not a number.
public struct AC205MinfreeInvalid: Rule {
    public static let description = RuleDescription(
        id: "AC205",
        slug: "invalid-minfree",
        title: "minfree missing or out of range: auditd does not start",
        severity: .error,
        rationale:
            "The man page promises a 20 % default, but without a usable minfree auditd cannot open a trail and exits: no auditing at all.",
        behavior:
            "getacmin returns -1 for a missing key; auditd_read_dirs calls auditd_set_minfree first and fails, so do_trail_file fails and auditd exits at start (audit_warn nostart). A value outside 0–100 is rejected by the kernel (A_SETQCTRL, EINVAL) with the same result. The value is read with atoi: text that is not a number reads as 0, which disables the low-space warning. On macOS, OpenBSM-21's auditd_read_dirs computes f_blocks / (100 / minfree), so 0 divides by zero (OpenBSM 1.2a1 allowed 0 and changed the formula): SIGFPE on Intel, no soft limit on Apple silicon; unverified for later macOS.",
        references: references(
            Doc.auditControl("minfree"), Doc.auditControl("where-the-manual-page-is-wrong"),
            code: "libbsm bsm_control.c getacmin; libauditd auditd_lib.c auditd_set_minfree; auditd.c audit_setup"),
        triggeringExamples: [
            RuleExample("↓dir:/var/audit\nflags:lo,aa\n", comment: "no minfree line at all"),
            RuleExample("minfree:↓150\n"),
            RuleExample("minfree:↓-3\n"),
            RuleExample("minfree:↓five\n", comment: "atoi reads 0"),
            RuleExample("↓minfree\n"),
        ],
        nonTriggeringExamples: [
            RuleExample("minfree:5\n"),
            RuleExample(
                "minfree:0\n", dialect: .openbsm,
                comment: "0 is allowed: no low-space warning (on macOS, OpenBSM-21's auditd divides by zero)"),
            RuleExample("minfree:5%\n", comment: "atoi stops at the %"),
        ]
    )

    public init() {}

    public func check(_ context: LintContext) -> [Finding] {
        let setting = context.control.minfree
        guard let entry = setting.entry else {
            return [
                finding(
                    "minfree is missing: auditd cannot open a trail and exits at start (the man page's 20 % default does not apply); add `minfree:5`",
                    at: .wholeFile(context.controlSource.path)
                )
            ]
        }
        guard let value = entry.value, let percent = setting.percent else {
            return [
                finding(
                    "minfree has no value: libbsm treats it as missing, so auditd exits at start; write `minfree:5`",
                    at: entry.keyRange
                )
            ]
        }
        let valueRange = value.bytes.isEmpty ? entry.keyRange : value.range(from: 0)
        if !setting.isValid {
            return [
                finding(
                    "minfree \(QuotedText.code(value.text)) is read as \(percent), outside 0–100: the kernel rejects it and auditd exits at start; write a percentage such as `minfree:5`",
                    at: valueRange
                )
            ]
        }
        if setting.isNonNumeric {
            return [
                finding(
                    "minfree \(QuotedText.code(value.text)) is not a number: atoi reads 0, which turns off the low-space warning; write a percentage such as `minfree:5`"
                        + (setting.dividesByZero
                            ? "; on macOS 0 is worse: \(MinfreeSetting.divisionByZeroNote)"
                            : " (or `0` if that is intended)"),
                    at: valueRange,
                    severity: .warning
                )
            ]
        }
        if setting.dividesByZero {
            // OpenBSM-21 auditd_lib.c auditd_read_dirs: f_blocks / (100 / auditd_minval).
            return [
                finding(
                    "minfree 0: \(MinfreeSetting.divisionByZeroNote); write a percentage such as `minfree:5`",
                    at: valueRange,
                    severity: .warning
                )
            ]
        }
        return []
    }
}
