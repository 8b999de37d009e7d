import ArgumentParser
import AuditLintKit

/// `auditlint commands`: the commands run, from the exec records of BSM trails.
struct CommandsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "commands",
        abstract: "List the commands executed in BSM audit trails (records with exec arguments).",
        discussion: """
            One line per exec record: time (UTC, ISO 8601), pid, audit user id, effective user \
            id and the full argument vector (shell-quoted where needed). The kernel records \
            arguments only when the argv policy is on. Exit code 1 if any damage was found.
            """
    )

    @Argument(
        help:
            "Trail files, directories of trails (read in name order), FIFOs, or - for standard input (devices are refused: pipe /dev/auditpipe in with -)."
    )
    var trails: [String]

    @Option(help: "Output format: text or jsonl.")
    var format: DecodeCommand.Format = .text

    @OptionGroup var damage: DamageOptions

    func validate() throws {
        if trails.isEmpty { throw ValidationError("name at least one trail, a directory, or - for standard input") }
    }

    func run() throws {
        let jsonl = format == .jsonl
        var output = StandardOutput()
        let damaged = try readTrails(trails, options: damage.readerOptions, output: &output) { file, record, out in
            guard let exec = ExecRecord(record) else { return }
            out.buffer.append(contentsOf: (jsonl ? exec.jsonLine(file: file) : exec.textLine).utf8)
            out.buffer.append(10)
        }
        if damaged { throw ExitCode(ExitStatus.findings.rawValue) }
    }
}
