import ArgumentParser
import AuditLintKit
import AuditLintRules
import Foundation

/// `auditlint rules`: the catalog as a table, JSON or Markdown.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List every rule with its id, slug, default severity and title.",
        discussion: "`--format markdown` prints the catalog that is kept in Rules/README.md."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, markdown
    }

    @Option(help: "Output format: \(Format.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: Format = .text

    func run() throws {
        let rules = RuleCatalog.descriptions
        switch format {
        case .text:
            try writeStandardOutput(RuleDocumentation.table(rules), terminator: "")
        case .markdown:
            try writeStandardOutput(RuleDocumentation.markdownCatalog(rules), terminator: "")
        case .json:
            try writeStandardOutput(RuleDocumentation.json(rules))
        }
    }
}

/// `auditlint explain ID`: a rule's rationale, behaviour, examples and references.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain a rule: why it matters, what auditd does, and examples."
    )

    @Argument(help: "A rule id (AC203) or slug.")
    var rule: String

    func run() throws {
        guard let found = RuleCatalog.description(rule) else {
            throw AuditLintError.invalidInput(
                "no rule '\(rule)'; run `auditlint rules` for the list of ids")
        }
        try writeStandardOutput(RuleDocumentation.explain(found), terminator: "")
    }
}
