import Foundation
import Testing

@testable import AuditLintKit

@Suite struct GlobTests {
    @Test(arguments: [
        ("hosts/legacy/**", "hosts/legacy/a/audit_control", true),
        ("hosts/legacy/**", "hosts/legacy", false),
        ("hosts/legacy/**", "hosts/legacyX/audit_control", false),
        ("**/audit_control", "audit_control", true),
        ("**/audit_control", "a/b/c/audit_control", true),
        ("**/audit_control", "a/b/audit_control.bak", false),
        ("hosts/*/audit_control", "hosts/web1/audit_control", true),
        ("hosts/*/audit_control", "hosts/web/1/audit_control", false),
        ("hosts/web?/audit_control", "hosts/web7/audit_control", true),
        ("hosts/web?/audit_control", "hosts/web/audit_control", false),
        ("a/**/b", "a/b", true),
        ("a/**/b", "a/x/y/b", true),
        ("*.conf", "x.conf", true),
        ("*.conf", "d/x.conf", false),
        ("audit_control", "audit_control", true),
        ("audit_control", "x/audit_control", false),
        ("**", "anything/at/all", true),
    ])
    func matches(pattern: String, path: String, expected: Bool) {
        #expect(Glob(pattern).matches(path) == expected)
    }

    @Test func pathologicalPatternsStayFast() {
        let pattern = String(repeating: "*a", count: 20) + "b"
        #expect(!Glob(pattern).matches(String(repeating: "a", count: 100)))
        #expect(!Glob(String(repeating: "**/", count: 30) + "x").matches(String(repeating: "d/", count: 60) + "y"))
    }
}

@Suite struct FailOnTests {
    static func findings(_ severities: [Severity], suppressed: Bool = false) -> [ReportedFinding] {
        severities.map {
            ReportedFinding(
                Finding(ruleId: "AC101", severity: $0, message: "m", range: .wholeFile("f")),
                suppression: suppressed ? Suppression(kind: .inline, reason: nil) : nil)
        }
    }

    @Test(arguments: [
        (FailOn.error, [Severity.warning, .note], Int32(0)), (.error, [.error], 1),
        (.warning, [.note], 0), (.warning, [.warning], 1), (.note, [.note], 1),
        (.never, [.error], 0), (.note, [], 0),
    ])
    func exitStatus(failOn: FailOn, severities: [Severity], expected: Int32) {
        #expect(failOn.exitStatus(for: Self.findings(severities)) == expected)
    }

    @Test func suppressedFindingsNeverFail() {
        #expect(FailOn.note.exitStatus(for: Self.findings([.error], suppressed: true)) == 0)
    }
}

@Suite struct ConfigFileTests {
    static let example = """
        {
          "version": 1,
          "failOn": "warning",
          "dialect": "macos",
          "disable": ["AC105"],
          "enable": ["AC512"],
          "severity": {"AC203": "note"},
          "noInlineSuppressions": true,
          "baseline": "ci/baseline.json",
          "overrides": [
            {"paths": ["hosts/legacy/**"], "disable": ["AC203"], "severity": {"AC105": "error"}},
            {"paths": ["./hosts/freebsd/**", "bsd/*"], "dialect": "openbsm", "enable": ["AC105"]}
          ]
        }
        """

    static func parse(_ text: String, path: String = "/repo/.auditlint.json") throws -> ConfigFile {
        try ConfigFile.parse(Array(text.utf8), path: path)
    }

    @Test func parsesEveryKey() throws {
        let file = try Self.parse(Self.example)
        #expect(file.directory == "/repo")
        #expect(file.base.failOn == Configured(.warning, origin: .configFile("/repo/.auditlint.json")))
        #expect(file.base.baseline?.value == "/repo/ci/baseline.json")
        #expect(file.base.noInlineSuppressions?.value == true)
        #expect(file.base.rules.mapValues(\.value) == ["AC105": false, "AC512": true])
        #expect(file.base.severities.mapValues(\.value) == ["AC203": .note])
        #expect(file.overrides.count == 2)
        #expect(file.overrides[1].patterns.map(\.pattern) == ["hosts/freebsd/**", "bsd/*"])
        #expect(file.overrides[1].layer.dialect?.value == .openbsm)
    }

    @Test(arguments: [
        (
            "{\"version\": 1, \"failon\": \"error\"}",
            "/repo/.auditlint.json:1:16: unknown key \"failon\" (did you mean \"failOn\"?); the keys are version, failOn, dialect, disable, enable, severity, noInlineSuppressions, baseline, overrides"
        ),
        (
            "{\"failOn\": \"error\"}",
            "/repo/.auditlint.json: \"version\" is missing; start the file with \"version\": 1"
        ),
        (
            "{\"version\": 2}",
            "/repo/.auditlint.json:1:2: version 2 needs a newer auditlint (this one reads version 1); upgrade auditlint"
        ),
        (
            "{\"version\": 1,\n \"failOn\": \"fatal\"}",
            "/repo/.auditlint.json:2:2: \"failOn\" must be one of error, warning, note, never; found \"fatal\""
        ),
        (
            "{\"version\": 1, \"disable\": [\"ac105\"]}",
            "/repo/.auditlint.json:1:16: \"disable\" has \"ac105\", which is not a rule id (ids are AC and three digits, such as \"AC105\")"
        ),
        (
            "{\"version\": 1, \"disable\": [\"AC105\"], \"enable\": [\"AC105\"]}",
            "/repo/.auditlint.json:1:38: AC105 is both enabled and disabled; keep it in one list"
        ),
        (
            "{\"version\": 1, \"severity\": {\"AC105\": \"fatal\"}}",
            "/repo/.auditlint.json:1:29: \"AC105\" must be one of note, warning, error; found \"fatal\""
        ),
        (
            "{\"version\": 1, \"overrides\": [{\"disable\": [\"AC105\"]}]}",
            "/repo/.auditlint.json:1:16: overrides[1] needs \"paths\": a non-empty array of patterns such as [\"hosts/legacy/**\"]"
        ),
        (
            "{\"version\": 1, \"overrides\": [{\"paths\": [\"a\"], \"failOn\": \"note\"}]}",
            "/repo/.auditlint.json:1:47: unknown key \"failOn\"; the keys are paths, dialect, disable, enable, severity"
        ),
        (
            "{\"version\": 1,,}",
            "/repo/.auditlint.json:1:15: damaged configuration file, not valid JSON: expected a quoted member name; write at least {\"version\": 1}, or remove the file"
        ),
        (
            "{\"version\": 1, \"noInlineSuppressions\": \"yes\"}",
            "/repo/.auditlint.json:1:16: \"noInlineSuppressions\" must be true or false"
        ),
    ])
    func invalidFilesAreRefusedWithWhereAndWhat(text: String, message: String) {
        do {
            _ = try Self.parse(text)
            Issue.record("accepted \(text)")
        } catch let error as AuditLintError {
            #expect(error.description == message)
            #expect(error.isUsageError)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func locateWalksUpAndHonoursExplicitChoices() {
        let existing: Set<String> = ["/repo/.auditlint.json", "/repo/hosts/special/.auditlint.json"]
        let exists: (String) -> Bool = { existing.contains($0) }
        #expect(
            ConfigFile.locate(explicit: nil, environment: [:], startingAt: "/repo/hosts/web1", fileExists: exists)
                == "/repo/.auditlint.json")
        #expect(
            ConfigFile.locate(explicit: nil, environment: [:], startingAt: "/repo/hosts/special/x", fileExists: exists)
                == "/repo/hosts/special/.auditlint.json")
        #expect(
            ConfigFile.locate(explicit: nil, environment: [:], startingAt: "/elsewhere/a", fileExists: exists) == nil)
        #expect(
            ConfigFile.locate(
                explicit: nil, environment: ["AUDITLINT_CONFIG": "/c.json"], startingAt: "/repo", fileExists: exists)
                == "/c.json")
        #expect(
            ConfigFile.locate(
                explicit: "x.json", environment: ["AUDITLINT_CONFIG": "/c.json"], startingAt: "/repo",
                fileExists: exists) == "x.json")
    }

    @Test func loadsFromDisk() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "auditlint-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent(ConfigFile.fileName).path
        try AtomicWrite.write(Self.example, to: path)
        #expect(try ConfigFile.load(path: path).base.failOn?.value == .warning)
        #expect(throws: AuditLintError.fileNotFound(path + ".missing")) { try ConfigFile.load(path: path + ".missing") }
    }
}

@Suite struct SettingsResolutionTests {
    static let file = try! ConfigFileTests.parse(ConfigFileTests.example)

    @Test func precedenceIsCommandLineThenEnvironmentThenFileThenDefault() throws {
        let environment = try SettingsLayer.environment([
            "AUDITLINT_FAIL_ON": "note", "AUDITLINT_DIALECT": "openbsm", "AUDITLINT_DISABLE": "AC301, AC302",
            "AUDITLINT_SEVERITY": "AC203=error", "AUDITLINT_BASELINE": "", "HOME": "/root",
        ])
        let commandLine = SettingsLayer.commandLine(failOn: .never, enable: ["AC301"])
        let settings = Settings(file: Self.file, environment: environment, commandLine: commandLine)
        #expect(settings.failOn == Configured(.never, origin: .commandLine("--fail-on")))
        #expect(settings.dialect == Configured(.openbsm, origin: .environment("AUDITLINT_DIALECT")))
        #expect(settings.noInlineSuppressions == Configured(true, origin: .configFile("/repo/.auditlint.json")))
        #expect(settings.baseline?.value == "/repo/ci/baseline.json")
        #expect(settings.rules["AC301"] == Configured(true, origin: .commandLine("--enable")))
        #expect(settings.rules["AC302"] == Configured(false, origin: .environment("AUDITLINT_DISABLE")))
        #expect(settings.severities["AC203"]?.origin == .environment("AUDITLINT_SEVERITY"))

        let defaults = Settings(file: nil)
        #expect(defaults.failOn == Configured(.error, origin: .builtIn))
        #expect(defaults.dialect == Configured(.macos, origin: .builtIn))
        #expect(defaults.noInlineSuppressions == Configured(false, origin: .builtIn))
        #expect(defaults.baseline == nil)
    }

    @Test func perPathOverridesApplyUnderTheEnvironmentAndCommandLine() {
        let settings = Settings(file: Self.file, commandLine: .commandLine(severities: ["AC105": .note]))
        let legacy = settings.forFile("hosts/legacy/web/audit_control", workingDirectory: "/repo")
        #expect(!legacy.isEnabled("AC203"))
        #expect(!legacy.isEnabled("AC105"))
        #expect(legacy.severity(of: "AC105", default: .warning) == .note)
        #expect(legacy.isEnabled("AC512", enabledByDefault: false))
        let bsd = settings.forFile("../bsd/audit_control", workingDirectory: "/repo/hosts")
        #expect(
            bsd.dialect
                == Configured(
                    .openbsm,
                    origin: .pathOverride(file: "/repo/.auditlint.json", paths: ["hosts/freebsd/**", "bsd/*"])))
        #expect(bsd.isEnabled("AC105"))
        let other = settings.forFile("/elsewhere/audit_control", workingDirectory: "/repo")
        #expect(other.dialect.value == .macos && !other.isEnabled("AC105") && other.isEnabled("AC203"))

        let findings = [
            Finding(ruleId: "AC203", severity: .error, message: "m", range: .wholeFile("f")),
            Finding(ruleId: "AC301", severity: .warning, message: "m", range: .wholeFile("f")),
        ]
        #expect(legacy.adjust(findings).map(\.ruleId) == ["AC301"])
        #expect(other.adjust(findings).map(\.severity) == [.note, .warning])
    }

    @Test(arguments: [
        (
            "AUDITLINT_FAIL_ON", "fatal",
            "environment variable AUDITLINT_FAIL_ON=fatal is invalid; use error, warning, note or never, or unset it"
        ),
        (
            "AUDITLINT_DIALECT", "linux",
            "environment variable AUDITLINT_DIALECT=linux is invalid; use macos or openbsm, or unset it"
        ),
        (
            "AUDITLINT_NO_INLINE_SUPPRESSIONS", "maybe",
            "environment variable AUDITLINT_NO_INLINE_SUPPRESSIONS=maybe is invalid; use 1, true, yes, 0, false or no, or unset it"
        ),
        (
            "AUDITLINT_DISABLE", "AC105,trailing",
            "environment variable AUDITLINT_DISABLE=AC105,trailing is invalid; use comma-separated rule ids such as AC105,AC203, or unset it"
        ),
        (
            "AUDITLINT_SEVERITY", "AC105",
            "environment variable AUDITLINT_SEVERITY=AC105 is invalid; use ID=LEVEL pairs such as AC105=warning,AC203=note (levels error, warning, note), or unset it"
        ),
    ])
    func invalidEnvironmentIsAUsageError(name: String, value: String, message: String) {
        #expect(throws: AuditLintError.invalidInput(message)) { try SettingsLayer.environment([name: value]) }
    }

    @Test func renderedShowsEachSettingWithItsOrigin() throws {
        let settings = Settings(
            file: Self.file,
            environment: try SettingsLayer.environment(["AUDITLINT_FAIL_ON": "note"]),
            commandLine: .commandLine(dialect: .openbsm, disable: ["AC301"])
        )
        try Golden.check(settings.rendered, "config-show.txt")
        #expect(
            Settings(file: nil).rendered == """
                configuration file: (none)
                failOn                error   default
                dialect               macos   default
                noInlineSuppressions  false   default
                baseline              (none)  default

                """)
    }
}
