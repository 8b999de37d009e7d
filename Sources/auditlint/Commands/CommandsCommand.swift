import ArgumentParser
import AuditLintKit

/// `auditlint commands`: the commands run, from the exec records of BSM trails.
struct CommandsCommand: ParsableCommand {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, jsonl
    }

    static let configuration = CommandConfiguration(
        commandName: "commands",
        abstract: "List the commands executed in BSM audit trails (records with exec arguments).",
        discussion: """
            One line per exec record: time (UTC, ISO 8601), pid, audit user id, effective user \
            id and the full argument vector (shell-quoted where needed). The kernel records \
            arguments only when the argv policy is on. The selection options keep the exec \
            records auditreduce would select with the same criteria (Docs/selection.md). Exit \
            code 1 if any damage was found.
            """
    )

    @Argument(
        help:
            "Trail files, directories of trails (read in name order), FIFOs, or - for standard input (devices are refused: pipe /dev/auditpipe in with -)."
    )
    var trails: [String]

    @Option(help: "Output format: text or jsonl.")
    var format: Format = .text

    @OptionGroup var tables: EventTableOptions

    @OptionGroup(title: "Selection (as auditreduce)") var selection: SelectionOptions

    @OptionGroup var damage: DamageOptions

    func validate() throws {
        if trails.isEmpty { throw ValidationError("name at least one trail, a directory, or - for standard input") }
    }

    func run() throws {
        let selection = try selection.resolve(tables: try tables.load())
        let selecting = !selection.isEmpty
        let jsonl = format == .jsonl
        var output = StandardOutput()
        let damaged = try readTrails(trails, options: damage.readerOptions, output: &output) { file, record, out in
            guard let exec = ExecRecord(record), !selecting || selection.selects(record) else { return }
            out.buffer.append(contentsOf: (jsonl ? exec.jsonLine(file: file) : exec.textLine).utf8)
            out.buffer.append(10)
        }
        if damaged { throw ExitCode(ExitStatus.findings.rawValue) }
    }
}
