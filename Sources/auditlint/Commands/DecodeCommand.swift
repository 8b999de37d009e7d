import ArgumentParser
import AuditLintKit
import Foundation

/// `auditlint decode`: BSM trails as praudit text or XML or JSON lines, tolerant of damage,
/// with auditreduce's record selection.
struct DecodeCommand: ParsableCommand {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, xml, jsonl
    }

    static let configuration = CommandConfiguration(
        commandName: "decode",
        abstract: "Decode BSM audit trails like praudit, recovering from damage.",
        discussion: """
            Text output is praudit's: the default is byte-identical to `praudit -n`, --raw to \
            `praudit -r`, --oneline to `praudit -l`, with times in the local time zone as \
            praudit prints them (--utc for UTC). --format xml is `praudit -x` byte for byte \
            (with --raw, --short, --oneline as -r, -s, -l), except that the closing </audit> \
            is written after standard input too. Tokens praudit cannot parse \
            (such as macOS's identity token, 0xed) print as `unknown` like praudit; --format \
            jsonl decodes them (fields: Docs/trail-json.md). The selection options keep the \
            records auditreduce would select with the same criteria (Docs/selection.md); \
            without them every record is printed. Damage (truncated records, garbage, impossible sizes, bad \
            trailers, overrunning tokens) is reported on standard error with its byte offset, \
            and every intact record after it is still decoded. Exit code 1 if any damage was \
            found.
            """
    )

    @Argument(
        help:
            "Trail files, directories of trails (read in name order), FIFOs, or - for standard input (devices are refused: pipe /dev/auditpipe in with -)."
    )
    var trails: [String]

    @Flag(name: [.customShort("r"), .long], help: "Print numbers, like praudit -r.")
    var raw = false

    @Flag(name: [.customShort("l"), .long], help: "One line a record, like praudit -l.")
    var oneline = false

    @Flag(name: [.customShort("s"), .long], help: "Print event names instead of descriptions, like praudit -s.")
    var short = false

    @Option(name: [.customShort("d"), .long], help: "The field delimiter for text output.")
    var delimiter = ","

    @Option(help: "Output format: text (praudit), xml (praudit -x) or jsonl (one JSON object a record).")
    var format: Format = .text

    @OptionGroup var tables: EventTableOptions

    @Flag(help: "Print times in UTC rather than the local time zone.")
    var utc = false

    @OptionGroup(title: "Selection (as auditreduce)") var selection: SelectionOptions

    @OptionGroup var damage: DamageOptions

    func validate() throws {
        if raw, short { throw ValidationError("--raw and --short cannot be combined (as in praudit)") }
        if format == .jsonl, raw || oneline || short || delimiter != "," {
            throw ValidationError("--raw, --oneline, --short and --delimiter apply to text output, not --format jsonl")
        }
        if trails.isEmpty { throw ValidationError("name at least one trail, a directory, or - for standard input") }
    }

    func run() throws {
        let tables = try tables.load()
        let selection = try selection.resolve(tables: tables)
        let selecting = !selection.isEmpty
        let prauditNames = tables.prauditNames
        let names: @Sendable (UInt16) -> BSMEventTable.Entry? = { prauditNames[$0] }
        var offset: @Sendable (Int64) -> Int = { _ in 0 }
        if !utc {
            let zone = TimeZone.current
            offset = { zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval($0))) }
        }
        let text = PrauditFormatter(
            raw: raw, oneLine: oneline, shortEventNames: short, delimiter: delimiter, eventNames: names,
            utcOffset: offset)
        let xml = PrauditXMLFormatter(text)
        let jsonNames = tables.names
        let json = TrailJSONFormatter(eventNames: { jsonNames[$0] })
        var output = StandardOutput()
        if format == .xml { output.buffer.append(contentsOf: PrauditXMLFormatter.header.utf8) }
        let damaged = try readTrails(trails, options: damage.readerOptions, output: &output) { file, record, out in
            guard !selecting || selection.selects(record) else { return }
            switch format {
            case .text: text.append(record, to: &out.buffer)
            case .xml: xml.append(record, to: &out.buffer)
            case .jsonl: json.append(record, file: file, to: &out.buffer)
            }
        }
        if format == .xml {
            output.buffer.append(contentsOf: PrauditXMLFormatter.footer.utf8)
            try output.flush()
        }
        if damaged { throw ExitCode(ExitStatus.findings.rawValue) }
    }
}
