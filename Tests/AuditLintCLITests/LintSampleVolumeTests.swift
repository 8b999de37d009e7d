import Foundation
import Testing

/// `lint --trail` / `--volume-profile`: the capacity rules replay a sample through each
/// file's own settings.
@Suite struct LintSampleVolumeTests {
    static let root = LintCommandTests.repositoryRoot

    @Test func aSampleTrailDrivesTheRetentionRule() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "auditlint-sample-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let trail = directory.appendingPathComponent("sample.bsm").path
        let synth = try CLI.run(["synth", "--workload", "developer", "--duration", "1h", "--seed", "3", "-o", trail])
        #expect(synth.status == 0, "\(synth.stderr)")

        let run = try CLI.run(["lint", "--trail", trail, "--retention", "30d", "Examples/stig-macos"], cwd: Self.root)
        #expect(run.status == 1, "\(run.stdout)")
        #expect(run.stdout.contains("[AC401]"))
        #expect(run.stdout.contains("--trail \(trail) replayed through this file's flags, naflags and policy"))

        // The same sample saved as a profile gives the same finding.
        let profile = directory.appendingPathComponent("sample.json").path
        let save = try CLI.run(["estimate", trail, "--save-profile", profile])
        #expect(save.status == 0, "\(save.stderr)")
        let fromProfile = try CLI.run(
            ["lint", "--volume-profile", profile, "--retention", "30d", "Examples/stig-macos"], cwd: Self.root)
        #expect(fromProfile.status == 1)
        #expect(fromProfile.stdout.contains("[AC401]"))
    }

    @Test func oneVolumeSourceAtATime() throws {
        let run = try CLI.run(
            ["lint", "--volume-profile", "x.json", "--rate", "1G/day", "Examples/stig-macos"], cwd: Self.root)
        #expect(run.status == 2)
        #expect(run.stderr.contains("give the volume one way"))
    }
}
