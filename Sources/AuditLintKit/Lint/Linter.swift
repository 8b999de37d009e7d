/// Runs rules over loaded configurations. Pure: no I/O, no printing.
public struct Linter: Sendable {
    /// The rules to run, in catalog order.
    public var rules: [any Rule.Type]

    public init(rules: [any Rule.Type]) {
        self.rules = rules
    }

    /// Every finding of every rule for `context`, in source order (file, line, column,
    /// then rule id), without duplicates.
    public func lint(_ context: LintContext) -> [Finding] {
        var findings: [Finding] = []
        var seen = Set<Finding>()
        for rule in rules {
            for finding in rule.init().check(context) where seen.insert(finding).inserted {
                findings.append(finding)
            }
        }
        return findings.sorted(by: Finding.sourceOrder)
    }
}

extension Finding {
    /// Source order: file, start position, then rule id and message (total and stable).
    public static func sourceOrder(_ lhs: Finding, _ rhs: Finding) -> Bool {
        if lhs.range.file != rhs.range.file { return lhs.range.file < rhs.range.file }
        if lhs.range.start != rhs.range.start { return lhs.range.start < rhs.range.start }
        if lhs.ruleId != rhs.ruleId { return lhs.ruleId < rhs.ruleId }
        return lhs.message < rhs.message
    }
}
