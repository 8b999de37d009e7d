import Foundation
import Testing

/// The sample config repository lints exactly as its README documents.
@Suite struct ConfigRepoTests {
    static let repository = LintCommandTests.repositoryRoot.appendingPathComponent("Examples/config-repo")

    /// The fenced block after `$ auditlint lint hosts` in the README.
    static func documentedOutput() throws -> String {
        let readme = try String(contentsOf: repository.appendingPathComponent("README.md"), encoding: .utf8)
        let start = try #require(readme.range(of: "```text\n$ auditlint lint hosts\n"))
        let end = try #require(readme.range(of: "\n```", range: start.upperBound..<readme.endIndex))
        return String(readme[start.upperBound..<end.lowerBound]) + "\n"
    }

    @Test func lintsAsDocumented() throws {
        let run = try CLI.run(["lint", "hosts"], cwd: Self.repository)
        #expect(run.stdout == (try Self.documentedOutput()))
        #expect(run.status == 0)
    }

    @Test func freeBSDHostsAreReadWithTheOpenBSMDialect() throws {
        let run = try CLI.run(["config", "--show"], cwd: Self.repository.appendingPathComponent("hosts/freebsd/web"))
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains(".auditlint.json"))
    }

    @Test func thePreCommitHookNamesTheLintCommand() throws {
        let hooks = try String(
            contentsOf: LintCommandTests.repositoryRoot.appendingPathComponent(".pre-commit-hooks.yaml"),
            encoding: .utf8)
        #expect(hooks.contains("entry: auditlint lint"))
        // A hook passes changed table files; they lint the audit_control beside them.
        let run = try CLI.run(
            ["lint", "hosts/macos/laptops/audit_control", "hosts/freebsd/web/audit_control"], cwd: Self.repository)
        #expect(run.status == 0)
    }
}
