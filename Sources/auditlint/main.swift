import ArgumentParser
import AuditLintKit
import Foundation

/// Exit codes the tool promises (see `auditlint --help`).
enum ExitStatus: Int32 {
    case success = 0
    case findings = 1
    case usage = 2
    case failure = 3
}

/// Writes `text` to standard output: the one writer of every command's output, so a write
/// error (a full disk, `> /dev/full`) becomes an ``AuditLintError/writeFailed(_:reason:)``
/// and exit code 3 instead of being lost in a stdio buffer.
///
/// Control characters that came from a file (escape sequences, carriage returns) are
/// written as visible `\xNN` (``TerminalText``); `escaping: false` is for output that styles
/// itself with ANSI colours and has escaped file content already (`lint --color`).
func writeStandardOutput(_ text: String, terminator: String = "\n", escaping: Bool = true) throws {
    let shown = escaping ? TerminalText.escape(text, keepNewlines: true) : text
    try OutputFile.standardOutput().write(Data((shown + terminator).utf8))
}

func writeStandardError(_ text: String) {
    var line = text
    if !line.hasSuffix("\n") { line += "\n" }
    FileHandle.standardError.write(Data(line.utf8))
}

/// Prints help or the version: exit 0, or 3 when standard output cannot be written.
func printHelp(_ message: String) -> Int32 {
    do {
        try writeStandardOutput(message)
        return ExitStatus.success.rawValue
    } catch {
        writeStandardError("auditlint: error: \(error)")
        return ExitStatus.failure.rawValue
    }
}

/// Parses the command line, runs the command and maps every outcome to the documented
/// exit codes (ArgumentParser's own would use 64 for usage errors).
func runMain() -> Int32 {
    TrailTruncationGuard.install()
    let command: ParsableCommand
    do {
        command = try AuditLintCommand.parseAsRoot()
    } catch {
        let code = AuditLintCommand.exitCode(for: error)
        let message = AuditLintCommand.fullMessage(for: error)
        if code == .success {
            return printHelp(message)
        }
        writeStandardError(message)
        return ExitStatus.usage.rawValue
    }
    do {
        var mutable = command
        try mutable.run()
        return ExitStatus.success.rawValue
    } catch let exit as ExitCode {
        return exit.rawValue
    } catch let error as AuditLintError {
        writeStandardError("auditlint: error: \(error.description)")
        return error.isUsageError ? ExitStatus.usage.rawValue : ExitStatus.failure.rawValue
    } catch let error as ValidationError {
        writeStandardError("auditlint: error: \(error.message)")
        return ExitStatus.usage.rawValue
    } catch {
        let code = AuditLintCommand.exitCode(for: error)
        if code == .success {
            return printHelp(AuditLintCommand.fullMessage(for: error))
        }
        writeStandardError("auditlint: error: \(error)")
        return ExitStatus.failure.rawValue
    }
}

exit(runMain())
