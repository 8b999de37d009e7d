import AuditLintKit

/// AC214: a qsize the kernel refuses.
public struct AC214InvalidQsize: Rule {
    public static let description = RuleDescription(
        id: "AC214",
        slug: "invalid-qsize",
        title: "qsize not a number in 11–10000",
        severity: .error,
        rationale:
            "A small qsize such as 5 looks like a memory saving, but the kernel rejects it and keeps its default of 100.",
        behavior:
            "getacqsize reads a decimal integer; libbsm accepts 0–10000 (AQ_MAXHIGH), and the kernel's A_SETQCTRL also requires the high-water mark to exceed the low-water mark 10, so 0–10 fail with EINVAL. On failure the queue stays at 100 records. A `qsize` line without a colon is not an error: getacqsize gets NULL and keeps the default (USE_DEFAULT_QSZ); `qsize:` with nothing after it fails.",
        references: references(
            Doc.auditControl("qsize"), code: "libbsm bsm_control.c getacqsize; FreeBSD audit_syscalls.c A_SETQCTRL"),
        triggeringExamples: [
            RuleExample("qsize:↓5\n", dialect: .openbsm),
            RuleExample("qsize:↓big\n", dialect: .openbsm),
        ],
        nonTriggeringExamples: [
            RuleExample("qsize:200\n", dialect: .openbsm),
            RuleExample("qsize:5\n", dialect: .macos, comment: "not read on macOS (AC108)"),
        ]
    )

    public init() {}

    public func check(_ context: LintContext) -> [Finding] {
        let setting = context.control.qsize
        guard setting.isRead, let entry = setting.entry, !setting.isValid else { return [] }
        let range = entry.value.flatMap { $0.bytes.isEmpty ? nil : $0.range(from: 0) } ?? entry.keyRange
        let read = setting.parsed.map { "\($0) is outside 11–10000" } ?? "it is not a number"
        return [
            finding(
                "qsize \(entry.value.map { QuotedText.code($0.text) } ?? "(no value)"): \(read), so the kernel keeps its queue of \(QueueSizeSetting.kernelDefault) records; write a number from 11 to 10000 or remove the line",
                at: range
            )
        ]
    }
}
