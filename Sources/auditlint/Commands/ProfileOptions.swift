import ArgumentParser
import AuditLintKit

/// `--profile` and its options: evaluate a compliance profile on each configuration.
struct ProfileOptions: ParsableArguments {
    /// What a profile evaluation adds to a lint run.
    struct Evaluation {
        var findings: [Finding] = []
        var rules: [RuleDescription] = []
        /// The text report appended to text output.
        var report: String?
    }

    func evaluate(_ contexts: [LintContext]) throws -> Evaluation {
        Evaluation()
    }
}
