import Foundation
import Testing

@testable import auditlint

/// The files that install and integrate auditlint elsewhere (`action.yml`, the sample config
/// repository's workflow, the README's Action snippet, `.pre-commit-hooks.yaml`) are valid
/// YAML, keep every input out of shell text, and name only inputs, commands and options that
/// exist. PyYAML (through python3) parses the YAML; the checks are here, against the
/// commands' own definitions. Without python3 and PyYAML the tests are skipped, saying why.
@Suite struct InstallFilesTests {
    static let root = LintCommandTests.repositoryRoot

    /// Why YAML cannot be parsed here; nil when python3 with PyYAML is available.
    static let yamlUnavailable: String? = {
        let probe = try? YAMLDocument.run(script: "import yaml", input: Data())
        return probe?.status == 0
            ? nil
            : "python3 with PyYAML (pip install pyyaml) is needed to parse action.yml and the workflows"
    }()

    static let yamlAvailable = yamlUnavailable == nil
    static let skipReason = Comment(rawValue: yamlUnavailable ?? "")

    /// A command's options and flags by long name, with the values an option accepts (empty
    /// when any), from ArgumentParser's description of the tool; hidden (old) spellings left out.
    static let commandOptions: [String: [String: [String]]] = {
        let json = AuditLintCommand._dumpHelp()
        guard let root = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any],
            let command = root["command"] as? [String: Any]
        else { return [:] }
        var found: [String: [String: [String]]] = [:]
        func walk(_ command: [String: Any], path: [String]) {
            var options: [String: [String]] = [:]
            for argument in command["arguments"] as? [[String: Any]] ?? []
            where argument["kind"] as? String != "positional" && argument["shouldDisplay"] as? Bool != false {
                for name in argument["names"] as? [[String: Any]] ?? [] where name["kind"] as? String == "long" {
                    if let long = name["name"] as? String { options[long] = argument["allValues"] as? [String] ?? [] }
                }
            }
            found[path.joined(separator: " ")] = options
            for sub in command["subcommands"] as? [[String: Any]] ?? [] {
                walk(sub, path: path + [sub["commandName"] as? String ?? "?"])
            }
        }
        walk(command, path: [])
        return found
    }()

    static func text(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    /// The `--long-option` names in a piece of shell text (a bare `--` is not one).
    static func longOptions(in text: String) -> [String] {
        text.matches(of: /(?:^|[^\w-])--([a-z][a-z0-9-]*)/).map { String($0.output.1) }
    }

    /// The action's declared inputs.
    static func actionInputs() throws -> [String: Any] {
        let action = try #require(try YAMLDocument.parse(text("action.yml")) as? [String: Any])
        return try #require(action["inputs"] as? [String: Any])
    }

    /// Every `uses: auditlint/auditlint@…` step in a parsed document, wherever it is.
    static func actionSteps(in document: Any) -> [[String: Any]] {
        if let map = document as? [String: Any] {
            if let uses = map["uses"] as? String, uses.hasPrefix("auditlint/auditlint@") { return [map] }
            return map.values.flatMap(actionSteps)
        }
        if let list = document as? [Any] { return list.flatMap(actionSteps) }
        return []
    }

    /// Every `run:` script in a parsed document.
    static func scripts(in document: Any) -> [String] {
        if let map = document as? [String: Any] {
            return (map["run"] as? String).map { [$0] } ?? map.values.flatMap(scripts)
        }
        if let list = document as? [Any] { return list.flatMap(scripts) }
        return []
    }

    /// Checks that every `auditlint SUBCOMMAND …` command line in a script names a command and
    /// options it has (continuation lines joined).
    static func checkCommandLines(in script: String, source: String) {
        let joined = script.replacing("\\\n", with: " ")
        for line in joined.split(separator: "\n") {
            guard let match = line.firstMatch(of: /(?:^|[\s;&|(])auditlint\s+([a-z][a-z-]*)(.*)/) else { continue }
            let command = String(match.output.1)
            guard let options = commandOptions[command] else {
                Issue.record("\(source): `auditlint \(command)` is no command")
                continue
            }
            for option in longOptions(in: String(match.output.2)) {
                #expect(options[option] != nil, "\(source): `auditlint \(command)` has no --\(option)")
            }
        }
    }

    @Test(.enabled(if: yamlAvailable, skipReason))
    func theActionIsACompositeActionWhoseReferencesResolve() throws {
        let source = try Self.text("action.yml")
        let action = try #require(try YAMLDocument.parse(source) as? [String: Any])
        #expect(action["name"] is String)
        #expect(action["description"] is String)
        let inputs = try #require(action["inputs"] as? [String: Any])
        let runs = try #require(action["runs"] as? [String: Any])
        #expect(runs["using"] as? String == "composite")
        let steps = try #require(runs["steps"] as? [[String: Any]])
        #expect(steps.count > 3)
        var ids: [String] = []
        for step in steps {
            let name = step["name"] as? String ?? "?"
            #expect((step["uses"] == nil) != (step["run"] == nil), "step \(name): one of uses and run")
            if step["run"] != nil { #expect(step["shell"] as? String == "bash", "step \(name) needs shell: bash") }
            if let id = step["id"] as? String {
                #expect(!ids.contains(id), "step id \(id) twice")
                ids.append(id)
            }
        }
        // Every input named is declared, and every declared input is used.
        let referenced = Set(source.matches(of: /\binputs\.([A-Za-z0-9_-]+)/).map { String($0.output.1) })
        #expect(referenced.subtracting(inputs.keys).isEmpty, "undeclared: \(referenced.subtracting(inputs.keys))")
        #expect(Set(inputs.keys).subtracting(referenced).isEmpty, "unused: \(Set(inputs.keys).subtracting(referenced))")
        for (name, input) in inputs {
            #expect((input as? [String: Any])?["description"] is String, "input \(name) has no description")
        }
        // Every step output named belongs to a step that has that id.
        for match in source.matches(of: /\bsteps\.([A-Za-z0-9_-]+)\.outputs\b/) {
            #expect(ids.contains(String(match.output.1)), "no step with id \(match.output.1)")
        }
        let outputs = try #require(action["outputs"] as? [String: Any])
        #expect(Set(outputs.keys).isSuperset(of: ["exit-code", "sarif-file", "auditlint"]))
    }

    /// Inputs reach the shell through `env:`; an expression pasted into a script would let a
    /// path or an argument inject commands.
    @Test(.enabled(if: yamlAvailable, skipReason))
    func noExpressionIsPastedIntoAScript() throws {
        for path in ["action.yml", "Examples/config-repo/.github/workflows/audit-config.yml"] {
            let document = try YAMLDocument.parse(Self.text(path))
            let scripts = Self.scripts(in: document)
            #expect(!scripts.isEmpty, "\(path) has no run step")
            for script in scripts {
                #expect(!script.contains("${{"), "\(path): a run script holds an expression: \(script.prefix(80))")
            }
        }
    }

    @Test(.enabled(if: yamlAvailable, skipReason))
    func theActionPassesOnlyOptionsAndFormatsLintHas() throws {
        let action = try #require(try YAMLDocument.parse(Self.text("action.yml")) as? [String: Any])
        let steps = try #require((action["runs"] as? [String: Any])?["steps"] as? [[String: Any]])
        let lint = try #require(steps.first { $0["id"] as? String == "lint" }?["run"] as? String)
        #expect(lint.contains("args=(lint)"), "the lint step runs `auditlint lint`")
        let options = try #require(Self.commandOptions["lint"])
        let used = Self.longOptions(in: lint)
        #expect(Set(used).isSuperset(of: ["fail-on", "profile", "config", "dialect", "format", "output"]))
        for option in used {
            #expect(options[option] != nil, "auditlint lint has no --\(option)")
        }
        // Formats pair with --output in order and the one without goes to standard output,
        // so text (the log) must be the last format.
        let formats = lint.matches(of: /--format ([a-z]+)/).map { String($0.output.1) }
        for format in formats {
            #expect(options["format"]?.contains(format) == true, "no lint format \(format)")
        }
        #expect(formats.last == "text" && formats.filter { $0 == "text" }.count == 1, "\(formats)")
    }

    @Test(.enabled(if: yamlAvailable, skipReason))
    func theSampleWorkflowUsesTheActionInsteadOfBuilding() throws {
        let path = "Examples/config-repo/.github/workflows/audit-config.yml"
        let workflow = try YAMLDocument.parse(Self.text(path))
        let inputs = try Self.actionInputs()
        let uses = Self.actionSteps(in: workflow)
        #expect(uses.count >= 2, "the lint and capacity jobs use the Action")
        #expect(uses.contains { ($0["with"] as? [String: Any])?["install-only"] == nil }, "one job lints")
        for step in uses {
            for key in (step["with"] as? [String: Any] ?? [:]).keys {
                #expect(inputs[key] != nil, "\(path): the Action has no input \(key)")
            }
        }
        for script in Self.scripts(in: workflow) {
            #expect(!script.contains("swift build") && !script.contains("git clone"), "\(path) builds by hand")
            Self.checkCommandLines(in: script, source: path)
        }
    }

    @Test(.enabled(if: yamlAvailable, skipReason))
    func theReadmeActionSnippetsUseDeclaredInputs() throws {
        let readme = try Self.text("README.md")
        let inputs = try Self.actionInputs()
        let blocks = readme.matches(of: /```yaml\n((?:.|\n)*?)```/).map { String($0.output.1) }
            .filter { $0.contains("auditlint/auditlint@") }
        #expect(!blocks.isEmpty, "the README shows how to use the Action")
        for block in blocks {
            let document = try YAMLDocument.parse(block)
            let steps = Self.actionSteps(in: document)
            #expect(!steps.isEmpty)
            for key in steps.flatMap({ ($0["with"] as? [String: Any] ?? [:]).keys }) {
                #expect(inputs[key] != nil, "README: the Action has no input \(key)")
            }
            for script in Self.scripts(in: document) { Self.checkCommandLines(in: script, source: "README.md") }
        }
    }

    @Test(.enabled(if: yamlAvailable, skipReason))
    func thePreCommitHookMatchesTheCommandLine() throws {
        let hooks = try #require(try YAMLDocument.parse(Self.text(".pre-commit-hooks.yaml")) as? [[String: Any]])
        let hook = try #require(hooks.first { $0["id"] as? String == "auditlint" })
        #expect(hook["language"] as? String == "swift")
        #expect(hook["pass_filenames"] as? Bool == true)
        let entry = (hook["entry"] as? String ?? "").split(separator: " ").map(String.init)
        #expect(entry.first == "auditlint", "the entry runs the package's product")
        #expect(entry.count >= 2 && Self.commandOptions[entry[1]] != nil, "\(entry)")
        if entry.count >= 2, let options = Self.commandOptions[entry[1]] {
            for option in Self.longOptions(in: entry.joined(separator: " ")) {
                #expect(options[option] != nil, "auditlint \(entry[1]) has no --\(option)")
            }
        }
        // The hook sees exactly the four files libbsm and auditd read.
        let files = try NSRegularExpression(pattern: try #require(hook["files"] as? String))
        func matches(_ path: String) -> Bool {
            files.firstMatch(in: path, range: NSRange(path.startIndex..., in: path)) != nil
        }
        for path in ["audit_control", "hosts/macos/audit_class", "etc/security/audit_event", "x/audit_user"] {
            #expect(matches(path), "\(path)")
        }
        for path in ["audit_control.example", "hosts/my_audit_control", "audit_warn", "audit_control/x.md"] {
            #expect(!matches(path), "\(path)")
        }
    }
}

/// YAML read by python3's PyYAML (`yaml.safe_load`) and handed over as JSON.
enum YAMLDocument {
    struct ParseError: Error, CustomStringConvertible {
        var description: String
    }

    static let loader = """
        import json, sys, yaml
        try:
            document = yaml.safe_load(sys.stdin.buffer.read().decode("utf-8"))
        except yaml.YAMLError as error:
            sys.stderr.write(str(error))
            sys.exit(1)
        json.dump(document, sys.stdout, default=str)
        """

    /// The document in `text` as JSON values (mappings, lists, strings, numbers, booleans).
    static func parse(_ text: String) throws -> Any {
        let result = try run(script: loader, input: Data(text.utf8))
        guard result.status == 0 else { throw ParseError(description: "not valid YAML: \(result.stderr)") }
        return try JSONSerialization.jsonObject(with: result.stdout, options: [.fragmentsAllowed])
    }

    /// Runs `python3 -c script` with `input` on standard input.
    static func run(script: String, input: Data) throws -> (status: Int32, stdout: Data, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(input)
        try stdin.fileHandleForWriting.close()
        nonisolated(unsafe) var errorData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errorData = stderr.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outputData = stdout.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return (process.terminationStatus, outputData, String(decoding: errorData, as: UTF8.self))
    }
}
