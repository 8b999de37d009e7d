import AuditLintKit

/// AC304: exec events audited, but the policy in force has no `argv`.
public struct AC304ExecWithoutArgv: Rule {
    public static let description = RuleDescription(
        id: "AC304",
        slug: "exec-without-argv",
        title: "ex or pc audited without policy argv: exec records without command lines",
        severity: .warning,
        rationale:
            "An exec record without its arguments says that /bin/sh or /usr/bin/python3 ran, not what it ran. Investigations and most baselines that audit ex rely on the command line.",
        behavior:
            "Only with argv (0x4) does the kernel add the exec_args token (0x3c) to execve records. Every exec event is in class ex and class pc, so flags or naflags selecting either audits execs. A missing or rejected policy leaves the kernel with cnt only, without argv.",
        references: [
            Doc.auditControl("policy-names"), Doc.auditControl("audit-flags-grammar"),
            Doc.kernel("exec-arguments-and-environment"),
            "xnu audit_arg.c audit_arg_argv; OpenBSM bsm_token.c au_to_exec_args",
        ],
        triggeringExamples: [
            RuleExample("flags:lo,aa,-ex\npolicy:↓cnt\n", fixed: "flags:lo,aa,-ex\npolicy:cnt,argv\n"),
            RuleExample(
                "flags:lo,aa,pc\npolicy:↓cnt, argv\n", comment: "libbsm rejects the space, so auditd sets cnt only"),
            RuleExample("↓flags:lo,aa,+ex\n", dialect: .openbsm, comment: "no policy line: auditd sets cnt only"),
            RuleExample(
                "naflags:lo,ex\npolicy:↓cnt,argv,group\n", comment: "the kernel rejects group and keeps cnt only"),
        ],
        nonTriggeringExamples: [
            RuleExample("flags:lo,aa,-ex\npolicy:cnt,argv\n"),
            RuleExample("flags:lo,aa\npolicy:cnt\n", comment: "no exec audited"),
            RuleExample("flags:lo,aa,ex,^ex,^pc\npolicy:cnt\n", comment: "the exclusion removes ex again"),
        ]
    )

    public init() {}

    public func check(_ context: LintContext) -> [Finding] {
        let control = context.control
        let policy = control.policy
        guard !policy.effective.contains(.argv) else { return [] }
        let execBits = PostureRuleSupport.bits("ex", in: context) | PostureRuleSupport.bits("pc", in: context)
        let selecting = [control.flags, control.naflags].filter { setting in
            guard let mask = setting.mask else { return false }
            return (mask.success | mask.failure) & execBits != 0
        }
        guard let first = selecting.first, let flagsEntry = first.entry else { return [] }
        let keys = selecting.map(\.key.rawValue).joined(separator: " and ")
        var message =
            "\(keys) \(selecting.count == 1 ? "audits" : "audit") exec events (class ex or pc), but the policy in force has no argv, so exec records name the program and not its command line"
        if let fallback = PostureRuleSupport.policyFallback(policy) { message += " (\(fallback))" }
        var fix: Fix?
        if let entry = policy.entry, let value = entry.value, policy.isValid, policy.kernelRejected.isEmpty,
            !value.bytes.isEmpty
        {
            message += "; write `policy:\(value.text),argv`"
            fix = Fix(summary: "add argv", range: value.range(from: 0), replacement: value.text + ",argv")
        } else {
            message += "; write a policy with argv, e.g. `policy:cnt,argv`"
        }
        var range = flagsEntry.keyRange
        if let entry = policy.entry {
            range = entry.value.flatMap { $0.bytes.isEmpty ? nil : $0.range(from: 0) } ?? entry.keyRange
        }
        return [finding(message, at: range, fix: fix)]
    }
}
