/// A parsed `# auditlint disable-…` comment.
///
/// Suppressions are whole-line comments, because libbsm treats a line as a comment only
/// when its first byte is `#`; a trailing `# …` after a value becomes part of the value.
///
/// ```
/// # auditlint disable-next-line=AC301,AC302 -- fail-stop is required by our STIG profile
/// policy:ahlt,argv
/// # auditlint disable-file=AC402 -- this host ships its trails off every hour
/// ```
/// `disable-next-line` covers findings that start on the next line that is not a comment
/// (several suppression comments may be stacked above one line), and on the comment lines
/// between (a comment can be flagged too, such as a line over 255 bytes); `disable-file`
/// covers the whole file and may appear on any line. Rule ids are written `AC` and three digits,
/// separated by commas. The `-- reason` is optional but recommended: without it the
/// comment is reported by `AC003` (a note), the way ESLint's `require-description` and
/// kube-linter's "we strongly encourage adding an explanation" push for justifications
/// without blocking. A comment that starts `# auditlint disable`/`enable` but does not
/// follow the grammar suppresses nothing and is reported by `AC002`.
public struct SuppressionDirective: Sendable, Hashable {
    /// What a directive covers.
    public enum Scope: String, Sendable, Hashable, CaseIterable {
        /// The next line that is not a comment.
        case nextLine = "disable-next-line"
        /// The whole file.
        case file = "disable-file"
    }

    /// A rule id as written in the comment, with its place (for unused-suppression findings).
    public struct RuleReference: Sendable, Hashable {
        /// The rule id (`AC301`).
        public var id: String
        /// Where it is written.
        public var range: SourceRange
    }

    /// What the directive covers.
    public var scope: Scope
    /// The rules it suppresses, in the order written.
    public var rules: [RuleReference]
    /// The text after ` -- `, trimmed; nil when there is none.
    public var reason: String?
    /// The comment line.
    public var range: SourceRange
    /// For ``Scope/nextLine``: the line it covers; nil when no non-comment line follows.
    public var targetLine: Int?

    /// Whether the directive covers findings that start on `line`: any line for
    /// ``Scope/file``; for ``Scope/nextLine``, the lines after the comment through
    /// ``targetLine`` (the comment lines in between included).
    public func covers(line: Int) -> Bool {
        switch scope {
        case .file: true
        case .nextLine: targetLine.map { line > range.start.line && line <= $0 } ?? false
        }
    }
}

/// A rule id in a suppression comment that suppressed nothing.
public struct UnusedSuppression: Sendable, Hashable {
    /// The rule id as written.
    public var ruleId: String
    /// The directive's scope.
    public var scope: SuppressionDirective.Scope
    /// Where the id is written in the comment.
    public var range: SourceRange

    public init(ruleId: String, scope: SuppressionDirective.Scope, range: SourceRange) {
        self.ruleId = ruleId
        self.scope = scope
        self.range = range
    }
}

/// Parsing and applying inline suppression comments, and the meta rules that keep them
/// honest: `AC001` unused suppression, `AC002` malformed suppression comment, `AC003`
/// suppression without a reason.
public enum InlineSuppressions {
    /// The result of ``apply(to:sources:enabled:knownRuleIds:isRuleActive:)``.
    public struct Outcome: Sendable {
        /// The input findings plus the meta rules' findings, each with its suppression state.
        public var findings: [ReportedFinding]
        /// The rule ids in comments that suppressed nothing (each is also an `AC001` finding).
        public var unused: [UnusedSuppression]
    }

    /// Parses every suppression comment of `source`; comments that start like a directive
    /// but do not follow the grammar (or lack a reason) come back as `AC002` (`AC003`)
    /// findings.
    ///
    /// - Parameter knownRuleIds: when given, ids outside it make the comment malformed.
    public static func parse(
        _ source: SourceText, knownRuleIds: Set<String>? = nil
    ) -> (directives: [SuppressionDirective], problems: [Finding]) {
        var directives: [SuppressionDirective] = []
        var problems: [Finding] = []
        let nextCodeLine = nextCodeLines(source)
        for line in stride(from: 1, through: source.lineCount, by: 1) {
            let slice = source.lineBytes(line)
            guard slice.first == UInt8(ascii: "#") else { continue }
            let bytes = Array(slice)
            switch parseComment(bytes, line: line, path: source.path, knownRuleIds: knownRuleIds) {
            case .none:
                continue
            case .malformed(let message, let range):
                problems.append(
                    Finding(
                        ruleId: MetaRules.malformedSuppression.id, severity: MetaRules.malformedSuppression.severity,
                        message: message, range: range,
                        subject: "suppression=" + String(decoding: bytes.prefix(maximumQuotedBytes), as: UTF8.self)
                    ))
            case .directive(var directive):
                if directive.scope == .nextLine {
                    directive.targetLine = nextCodeLine[line + 1]
                }
                if directive.reason == nil {
                    let ids = directive.rules.map(\.id).joined(separator: ",")
                    problems.append(
                        Finding(
                            ruleId: MetaRules.suppressionWithoutReason.id,
                            severity: MetaRules.suppressionWithoutReason.severity,
                            message:
                                "this suppression of \(ids) gives no reason; add ` -- why it is accepted` so reviewers can judge it",
                            range: directive.range, subject: "suppression=\(directive.scope.rawValue)=\(ids)"
                        ))
                }
                directives.append(directive)
            }
        }
        return (directives, problems)
    }

    /// Applies the suppression comments of `sources` to `findings` and reports the unused ones.
    ///
    /// - Parameters:
    ///   - enabled: false for `noInlineSuppressions`: comments are then ignored entirely
    ///     (nothing suppressed, no meta findings).
    ///   - knownRuleIds: when given, comments naming other ids are malformed (`AC002`).
    ///   - isRuleActive: whether a rule ran on a file (`ruleId`, `path`); a suppression of a
    ///     rule that did not run is not reported as unused (it is not superfluous, the rule
    ///     is merely off there).
    public static func apply(
        to findings: [Finding],
        sources: [SourceText],
        enabled: Bool = true,
        knownRuleIds: Set<String>? = nil,
        isRuleActive: (_ ruleId: String, _ path: String) -> Bool = { _, _ in true }
    ) -> Outcome {
        guard enabled else { return Outcome(findings: findings.map { ReportedFinding($0) }, unused: []) }
        var all = findings
        var directivesByFile: [String: [SuppressionDirective]] = [:]
        var nextCodeLineByFile: [String: [Int?]] = [:]
        for source in sources where directivesByFile[source.path] == nil {
            let parsed = parse(source, knownRuleIds: knownRuleIds)
            directivesByFile[source.path] = parsed.directives
            nextCodeLineByFile[source.path] = nextCodeLines(source)
            all += parsed.problems
        }
        struct EntryID: Hashable {
            var file: String
            var directive: Int
            var rule: Int
        }
        // Each file's rule ids indexed by (line or whole file, rule id), so a finding looks
        // up only the entries that can cover it: linear in findings plus ids.
        struct Target: Hashable {
            var file: String
            var line: Int?
            var ruleId: String
        }
        var entriesByTarget: [Target: [EntryID]] = [:]
        for (file, directives) in directivesByFile {
            for (index, directive) in directives.enumerated() {
                if directive.scope == .nextLine && directive.targetLine == nil { continue }
                let line = directive.scope == .file ? nil : directive.targetLine
                for (ruleIndex, rule) in directive.rules.enumerated() {
                    entriesByTarget[Target(file: file, line: line, ruleId: rule.id), default: []]
                        .append(EntryID(file: file, directive: index, rule: ruleIndex))
                }
            }
        }
        var used: Set<EntryID> = []
        let reported = all.map { finding -> ReportedFinding in
            let file = finding.range.file
            var reason: Suppression?
            // A next-line directive is indexed under its target, the first code line after it;
            // a finding on a comment line above that target is covered too (covers(line:)).
            let start = finding.range.start.line
            let codeLine =
                nextCodeLineByFile[file].flatMap { start >= 1 && start < $0.count ? $0[start] : nil } ?? start
            for line in [nil, codeLine] as [Int?] {
                for entry in entriesByTarget[Target(file: file, line: line, ruleId: finding.ruleId)] ?? [] {
                    let directive = directivesByFile[file]![entry.directive]
                    guard directive.covers(line: start) else { continue }
                    used.insert(entry)
                    if reason == nil || directive.scope == .nextLine {
                        reason = Suppression(kind: .inline, reason: directive.reason)
                    }
                }
            }
            return ReportedFinding(finding, suppression: reason)
        }
        var unused: [UnusedSuppression] = []
        for source in sources {
            for (index, directive) in (directivesByFile[source.path] ?? []).enumerated() {
                for (ruleIndex, rule) in directive.rules.enumerated()
                where !used.contains(EntryID(file: source.path, directive: index, rule: ruleIndex))
                    && isRuleActive(rule.id, source.path)
                {
                    unused.append(UnusedSuppression(ruleId: rule.id, scope: directive.scope, range: rule.range))
                }
            }
            directivesByFile[source.path] = nil  // a file listed twice is reported once
        }
        let unusedFindings = unused.map { entry in
            let place =
                switch entry.scope {
                case .file: "in this file"
                case .nextLine: "on the next line"
                }
            return ReportedFinding(
                Finding(
                    ruleId: MetaRules.unusedSuppression.id, severity: MetaRules.unusedSuppression.severity,
                    message:
                        "suppression of \(entry.ruleId) is unused: no \(entry.ruleId) finding \(place); remove it from the comment",
                    range: entry.range, subject: "unused=\(entry.scope.rawValue)=\(entry.ruleId)"
                ))
        }
        return Outcome(findings: reported + unusedFindings, unused: unused)
    }

    // MARK: Grammar

    private enum Parsed {
        case none
        case malformed(String, SourceRange)
        case directive(SuppressionDirective)
    }

    /// For each line (1-based), the first line at or after it that is not a comment, found
    /// in one backward pass (stacked comments share their target without a rescan each);
    /// nil where only comments follow.
    private static func nextCodeLines(_ source: SourceText) -> [Int?] {
        var nextCodeLine = [Int?](repeating: nil, count: source.lineCount + 2)
        for line in stride(from: source.lineCount, through: 1, by: -1) {
            nextCodeLine[line] = source.lineBytes(line).first == UInt8(ascii: "#") ? nextCodeLine[line + 1] : line
        }
        return nextCodeLine
    }

    private static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    /// The most rule ids one comment may list (more than the catalog holds is a mistake,
    /// or a file built to make every finding's work grow with it).
    public static let maximumRuleIds = 100

    /// The most bytes of a comment quoted in a finding's message or subject.
    static let maximumQuotedBytes = 120

    private static func quoted(_ bytes: ArraySlice<UInt8>) -> String {
        let text = String(decoding: bytes.prefix(maximumQuotedBytes), as: UTF8.self)
        return bytes.count > maximumQuotedBytes ? text + "…" : text
    }

    private static func parseComment(_ line: [UInt8], line number: Int, path: String, knownRuleIds: Set<String>?)
        -> Parsed
    {
        var bytes = line
        if bytes.last == 0x0D { bytes.removeLast() }
        while let last = bytes.last, isBlank(last) { bytes.removeLast() }
        var index = 1
        while index < bytes.count, isBlank(bytes[index]) { index += 1 }
        let tool = Array("auditlint".utf8)
        guard bytes.count >= index + tool.count, Array(bytes[index..<index + tool.count]) == tool else { return .none }
        index += tool.count
        let afterTool = index
        while index < bytes.count, isBlank(bytes[index]) { index += 1 }
        let rest = bytes[index...]
        guard index > afterTool,
            rest.starts(with: "disable".utf8) || rest.starts(with: "enable".utf8)
        else { return .none }
        let wholeLine = SourceRange(file: path, line: number, column: 1, length: line.count)
        let grammar =
            "write `# auditlint disable-next-line=AC301,AC302 -- reason` or `# auditlint disable-file=AC402 -- reason`"
        func malformed(_ problem: String, showGrammar: Bool = true) -> Parsed {
            .malformed(
                "malformed suppression comment, it suppresses nothing: \(problem)"
                    + (showGrammar ? "; \(grammar)" : ""), wholeLine)
        }
        guard let equals = rest.firstIndex(of: UInt8(ascii: "=")),
            let scope = SuppressionDirective.Scope(rawValue: String(decoding: bytes[index..<equals], as: UTF8.self))
        else {
            let word = quoted(rest.prefix { !isBlank($0) && $0 != UInt8(ascii: "=") })
            return malformed(
                "`\(word)` is not a directive (there are `disable-next-line=` and `disable-file=`, and no `enable`)")
        }
        var position = equals + 1
        var rules: [SuppressionDirective.RuleReference] = []
        while true {
            while position < bytes.count, isBlank(bytes[position]) { position += 1 }
            let start = position
            while position < bytes.count, !isBlank(bytes[position]), bytes[position] != UInt8(ascii: ",") {
                position += 1
            }
            guard position > start else { return malformed("a rule id is missing after `=` or `,`") }
            guard position - start == 5, case let id = String(decoding: bytes[start..<position], as: UTF8.self),
                MetaRules.isRuleID(id)
            else {
                return malformed(
                    "`\(quoted(bytes[start..<position]))` is not a rule id (ids are `AC` and three digits, such as `AC301`)"
                )
            }
            if let knownRuleIds, !knownRuleIds.contains(id) {
                return malformed("there is no rule \(id); `auditlint rules` lists them", showGrammar: false)
            }
            if rules.contains(where: { $0.id == id }) {
                return malformed("\(id) is listed twice; list each rule once", showGrammar: false)
            }
            if rules.count == maximumRuleIds {
                return malformed(
                    "more than \(maximumRuleIds) rule ids in one comment; disable rules for a whole file or path in .auditlint.json instead",
                    showGrammar: false)
            }
            rules.append(
                .init(id: id, range: SourceRange(file: path, line: number, column: start + 1, length: position - start))
            )
            while position < bytes.count, isBlank(bytes[position]) { position += 1 }
            guard position < bytes.count, bytes[position] == UInt8(ascii: ",") else { break }
            position += 1
        }
        var reason: String?
        if position < bytes.count {
            guard bytes[position...].starts(with: "--".utf8),
                position + 2 == bytes.count || isBlank(bytes[position + 2])
            else {
                return malformed("expected ` -- reason` after the rule ids, found `\(quoted(bytes[position...]))`")
            }
            let text = bytes[(position + 2)...].drop(while: isBlank)
            reason = text.isEmpty ? nil : String(decoding: text, as: UTF8.self)
        }
        return .directive(
            SuppressionDirective(scope: scope, rules: rules, reason: reason, range: wholeLine, targetLine: nil))
    }
}
