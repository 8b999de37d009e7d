import ArgumentParser
import AuditLintKit
import Foundation

/// `auditlint config --show [PATH]`: the effective settings and where each comes from.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Show the effective configuration, each setting with its origin.",
        discussion: """
            Precedence: command line > environment (AUDITLINT_FAIL_ON, AUDITLINT_DIALECT, \
            AUDITLINT_NO_INLINE_SUPPRESSIONS, AUDITLINT_BASELINE, AUDITLINT_ENABLE, AUDITLINT_DISABLE, \
            AUDITLINT_SEVERITY, AUDITLINT_CONFIG) > .auditlint.json (its per-path overrides over its \
            top level) > defaults. Example: auditlint config --show hosts/web1
            """
    )

    @Flag(help: "Print the effective settings (the only action for now).")
    var show = false

    @Argument(help: "A file or directory whose configuration to show (default: the current directory).")
    var path: String = "."

    @OptionGroup var settings: SettingsOptions

    func validate() throws {
        guard show else { throw ValidationError("nothing to do; use `auditlint config --show`") }
    }

    func run() throws {
        let workingDirectory = FileManager.default.currentDirectoryPath
        let absolute = PathContext.absolute(path, from: workingDirectory)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory) else {
            throw AuditLintError.fileNotFound(path)
        }
        let directory = isDirectory.boolValue ? absolute : PathName.directory(holding: absolute)
        try writeStandardOutput(try settings.resolve(startingAt: directory).rendered, terminator: "")
    }
}
