import AuditLintKit

/// AC308: on macOS 14 and later auditd is off by default, and audit(4) is deprecated.
public struct AC308MacOSAuditDeprecated: Rule {
    public static let description = RuleDescription(
        id: "AC308",
        slug: "macos-audit-deprecated",
        title: "macOS 14 and later: auditd is disabled by default, and audit(4) is deprecated",
        severity: .note,
        rationale:
            "A correct audit_control does nothing on a Mac where auditd is not running, and since macOS 14 it is not unless someone enables it. Apple has deprecated audit(4) since macOS 11 and says it will be removed, so a fleet that relies on it needs both the enabling step and a plan for its removal.",
        behavior:
            "Apple's man pages: the audit(4) subsystem has been deprecated since macOS 11.0, disabled since macOS 14.0, and will be removed. macOS 14 and later ship only /etc/security/audit_control.example; re-enable by copying it to /etc/security/audit_control, running `launchctl enable system/com.apple.auditd` as root, and rebooting.",
        references: [
            Doc.kernel("when-settings-take-effect"), Doc.compliance("macos-14-and-later"),
            "Apple audit_control(5), audit(8) man pages (macOS 14 and later)",
        ],
        triggeringExamples: [
            RuleExample("↓dir:/var/audit\nflags:lo,aa\n", dialect: .macos)
        ],
        nonTriggeringExamples: [
            RuleExample("dir:/var/audit\nflags:lo,aa\n", dialect: .openbsm)
        ]
    )

    public init() {}

    public func check(_ context: LintContext) -> [Finding] {
        guard context.dialect == .macos else { return [] }
        return [
            finding(
                "on macOS 14 and later auditd is disabled by default and audit(4) is deprecated (since macOS 11) and due to be removed: this file takes effect only as /etc/security/audit_control (copied from audit_control.example) after `launchctl enable system/com.apple.auditd` and a reboot; check that auditd runs (`audit -c`), and plan for its removal",
                at: .wholeFile(context.controlSource.path)
            )
        ]
    }
}
