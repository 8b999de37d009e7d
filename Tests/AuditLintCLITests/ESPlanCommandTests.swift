import AuditLintTestSupport
import Foundation
import Testing

@Suite struct ESPlanCommandTests {
    /// Every audit_control under Examples/.
    static let examples: [String] = {
        let root = SharedData.packageRoot.appendingPathComponent("Examples")
        let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        var found: [String] = []
        while let url = walker?.nextObject() as? URL {
            if url.lastPathComponent == "audit_control" { found.append(url.path) }
        }
        return found.sorted()
    }()

    @Test func findsTheExamples() {
        #expect(Self.examples.count >= 8)
    }

    @Test(arguments: examples)
    func runsOnEveryExampleInEveryFormat(path: String) throws {
        let text = try CLI.run(["es-plan", path])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("Coverage by class:"))
        let json = try CLI.run(["es-plan", path, "--format", "json", "--profile", "cis-l2"])
        #expect(json.status == 0, "\(json.stderr)")
        let document = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(document?["schemaVersion"] as? Int == 1)
        #expect((document?["requirements"] as? [Any])?.isEmpty == false)
        let markdown = try CLI.run(["es-plan", path, "--format", "markdown"])
        #expect(markdown.status == 0 && markdown.stdout.hasPrefix("# Endpoint Security plan"))
    }

    @Test func writesTheOutputFile() throws {
        let directory = try TemporaryDirectory("es-plan")
        defer { directory.remove() }
        let control = try directory.write("audit_control", "dir:/var/audit\nflags:lo,aa,ex\nminfree:5\npolicy:cnt\n")
        let output = directory.path("plan.md")
        let run = try CLI.run(["es-plan", control, "--format", "markdown", "--output", output])
        #expect(run.status == 0 && run.stdout.isEmpty)
        let written = try String(contentsOfFile: output, encoding: .utf8)
        #expect(written.contains("sudo eslogger "))
        #expect(written.contains("`exec`"))
    }

    @Test func badInputGetsAClearErrorAndExitCode() throws {
        let directory = try TemporaryDirectory("es-plan-bad")
        defer { directory.remove() }
        let missing = try CLI.run(["es-plan", directory.path("nope")])
        #expect(missing.status == 3 && missing.stderr.contains("nope"))
        let empty = try CLI.run(["es-plan", directory.url.path])
        #expect(empty.status == 2 && empty.stderr.contains("audit_control"))
        let format = try CLI.run(["es-plan", directory.path("nope"), "--format", "xml"])
        #expect(format.status == 2 && format.stderr.contains("format"))
        let control = try directory.write("a/audit_control", "flags:lo\n")
        let alone = try CLI.run(["es-plan", control, "--stig-release", "macos-14"])
        #expect(alone.status == 2 && alone.stderr.contains("--profile"))
        let unwritable = try CLI.run(["es-plan", control, "--output", directory.path("no/such/dir/plan.txt")])
        #expect(unwritable.status == 3 && unwritable.stderr.contains("plan.txt"))
        try directory.write("b/one/audit_control", "flags:lo\n")
        try directory.write("b/two/audit_control", "flags:aa\n")
        let two = try CLI.run(["es-plan", directory.path("b")])
        #expect(two.status == 2 && two.stderr.contains("holds 2 audit_control files"))
    }

    /// The README shows real output of es-plan on Examples/macos-default.
    @Test func theReadmeShowsRealOutput() throws {
        let readme = try String(
            contentsOf: SharedData.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let run = try CLI.run(["es-plan", "Examples/macos-default/audit_control"], cwd: SharedData.packageRoot)
        #expect(run.status == 0)
        #expect(
            readme.contains("$ auditlint es-plan Examples/macos-default/audit_control\n" + run.stdout),
            "README.md's Endpoint Security section does not show the current output")
    }
}
