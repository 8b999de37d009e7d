/// Runs rules over loaded configurations. Pure: no I/O, no printing.
public struct Linter: Sendable {
    /// The rules to run, in catalog order.
    public var rules: [any Rule.Type]

    public init(rules: [any Rule.Type]) {
        self.rules = rules
    }

    /// Every finding of every rule for `context`, in source order (file, line, column,
    /// then rule id), without duplicates.
    ///
    /// A fix that would leave its file as it is (its replacement equals the text in its
    /// range) is dropped here, whichever rule offered it: a fix always changes the file.
    public func lint(_ context: LintContext) -> [Finding] {
        var findings: [Finding] = []
        let sources = context.sources
        for rule in rules {
            for var finding in rule.init().check(context) {
                if let fix = finding.fix, let source = sources.first(where: { $0.path == fix.range.file }),
                    !fix.changes(source)
                {
                    finding.fix = nil
                }
                findings.append(finding)
            }
        }
        // Sorted (a stable sort), equal findings are next to each other among those of the
        // same file, start, rule and message: a later copy is dropped there, which keeps the
        // first of each in the order the rules gave them, as a set of those seen would.
        var unique: [Finding] = []
        unique.reserveCapacity(findings.count)
        var groupStart = 0
        for finding in findings.sorted(by: Finding.sourceOrder) {
            if let last = unique.last, Finding.sourceOrder(last, finding) {
                groupStart = unique.count
            }
            if !unique[groupStart...].contains(finding) { unique.append(finding) }
        }
        return unique
    }
}

extension Fix {
    /// Whether applying the fix to `source` changes it: false when the replacement is
    /// exactly the bytes in its range (an empty range holds no bytes). A range outside
    /// the file counts as a change (nothing can be compared).
    public func changes(_ source: SourceText) -> Bool {
        let lines = source.lineStarts
        guard range.start.line >= 1, range.start.line <= lines.count, range.end.line >= 1, range.end.line <= lines.count
        else { return true }
        let start = lines[range.start.line - 1] + range.start.column - 1
        let end = lines[range.end.line - 1] + range.end.column  // exclusive
        guard start >= 0, end >= start, end <= source.bytes.count else { return true }
        return !source.bytes[start..<end].elementsEqual(replacement.utf8)
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
