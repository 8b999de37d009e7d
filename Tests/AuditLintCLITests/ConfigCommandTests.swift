import Foundation
import Testing

@Suite struct ConfigCommandTests {
    static func repository() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "auditlint-cli-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("hosts/web1"), withIntermediateDirectories: true)
        try Data(#"{"version": 1, "failOn": "warning", "disable": ["AC105"]}"#.utf8)
            .write(to: directory.appendingPathComponent(".auditlint.json"))
        return directory
    }

    @Test func showsEachSettingWithItsOrigin() throws {
        let repository = try Self.repository()
        defer { try? FileManager.default.removeItem(at: repository) }
        let run = try CLI.run(["config", "--show", "hosts/web1", "--dialect", "openbsm"], cwd: repository)
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
        #expect(lines.first?.hasSuffix("/.auditlint.json") == true)
        #expect(lines.contains { $0.hasPrefix("failOn warning file ") })
        #expect(lines.contains("dialect openbsm command line --dialect"))
        #expect(lines.contains { $0.hasPrefix("rule AC105 disabled file ") })
    }

    @Test func invalidConfigurationIsAUsageError() throws {
        let repository = try Self.repository()
        defer { try? FileManager.default.removeItem(at: repository) }
        try Data(#"{"version": 1, "failOn": "fatal"}"#.utf8).write(
            to: repository.appendingPathComponent(".auditlint.json"))
        let run = try CLI.run(["config", "--show"], cwd: repository)
        #expect(run.status == 2)
        #expect(run.stderr.contains(".auditlint.json:1:16: \"failOn\" must be one of error, warning, note, never"))
        let badOption = try CLI.run(["config", "--show", "--fail-on", "sometimes"], cwd: repository)
        #expect(badOption.status == 2)
    }
}
