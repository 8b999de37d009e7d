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
        var seen = Set<Finding>()
        let sources = context.sources
        for rule in rules {
            for var finding in rule.init().check(context) {
                if let fix = finding.fix, let source = sources.first(where: { $0.path == fix.range.file }),
                    !fix.changes(source)
                {
                    finding.fix = nil
                }
                if seen.insert(finding).inserted { findings.append(finding) }
            }
        }
        return findings.sorted(by: Finding.sourceOrder)
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
