import AuditLintKit

/// Helpers shared by the security posture rules (AC3xx).
enum PostureRuleSupport {
    /// The bits of class `name` in the configuration's audit_class table (0 when it has none).
    static func bits(_ name: String, in context: LintContext) -> UInt32 {
        context.classes.lookup(name)?.mask ?? 0
    }

    /// The offset and length of the first element of a comma-separated `policy` value that
    /// is exactly `word`.
    static func policyWord(_ word: String, in value: ControlValue) -> (offset: Int, length: Int)? {
        var offset = 0
        for element in value.text.split(separator: ",", omittingEmptySubsequences: false) {
            if element == word { return (offset, element.utf8.count) }
            offset += element.utf8.count + 1
        }
        return nil
    }

    /// The single-bit classes of `mask`, written as flags (`lo,+aa,-fr`), in table order.
    static func describe(_ mask: AuditMask, classes: AuditClassTable) -> String {
        var seen: UInt32 = 0
        var words: [String] = []
        for item in classes.classes where item.mask != 0 && item.mask & (item.mask - 1) == 0 && seen & item.mask == 0 {
            seen |= item.mask
            switch (mask.success & item.mask != 0, mask.failure & item.mask != 0) {
            case (true, true): words.append(item.name)
            case (true, false): words.append("+" + item.name)
            case (false, true): words.append("-" + item.name)
            case (false, false): break
            }
        }
        return words.joined(separator: ",")
    }

    /// The masks after each element of `flags` (index i: after elements 0...i), left to right.
    static func runningMasks(_ flags: AuditFlags) -> [AuditMask] {
        var result: [AuditMask] = []
        var mask = AuditMask.none
        for element in flags.elements {
            let change = AuditMask(
                success: element.half != .failure ? element.resolved?.mask ?? 0 : 0,
                failure: element.half != .success ? element.resolved?.mask ?? 0 : 0)
            mask = element.remove ? mask.removing(change) : mask.adding(change)
            result.append(mask)
        }
        return result
    }

    /// The bits an element adds or removes, per half.
    static func change(of element: AuditFlags.Element) -> AuditMask {
        let bits = element.resolved?.mask ?? 0
        return AuditMask(success: element.half != .failure ? bits : 0, failure: element.half != .success ? bits : 0)
    }

    /// Why the policy in force lacks a bit the file may name: "policy is missing, so auditd
    /// sets cnt only" or the setting's explanation; nil when the written policy is in force.
    static func policyFallback(_ policy: PolicySetting) -> String? {
        guard policy.isPresent else { return "policy is missing, so auditd sets cnt only" }
        return policy.explanation
    }
}
