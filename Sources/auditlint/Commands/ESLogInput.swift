import ArgumentParser
import AuditLintKit
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension SampleInputFormat: ExpressibleByArgument {}

extension ESEventSet: ExpressibleByArgument {
    public init?(argument: String) {
        guard let value = try? ESEventSet.parse(argument) else { return nil }
        self = value
    }

    /// A candidate set as `--es-events` takes it.
    static func option(_ text: String) throws -> ESEventSet { try ESEventSet.parse(text) }
}

/// `--input-format`, `--es-events`: what kind of log a sample is, and the eslogger event
/// sets to estimate from an `eslogger` sample.
struct ESLogOptions: ParsableArguments {
    @Option(
        name: .customLong("input-format"),
        help: ArgumentHelp(
            "The sample's kind: bsm (binary trails) or eslogger (JSON Lines); default: detected, eslogger when a file's first byte that is not white space is {.",
            valueName: "format"))
    var inputFormat: SampleInputFormat?

    @Option(
        name: .customLong("es-events"),
        help: ArgumentHelp(
            "A candidate set of eslogger events for an eslogger sample, e.g. exec,fork,exit (repeatable, one set a flag; estimate also shows every event type of the sample, report takes one set, default all).",
            valueName: "events"), transform: ESEventSet.option)
    var esEvents: [ESEventSet] = []
}

/// The kind of the sample the command line names: `given`, else detected from each file
/// (directories expand to their files); every file must be of one kind.
///
/// - Throws: ``AuditLintError/invalidInput(_:)`` when BSM trails and eslogger logs are mixed;
///   the errors of reading the paths.
func sampleFormat(_ arguments: [String], given: SampleInputFormat?) throws -> SampleInputFormat {
    if let given { return given }
    var found: [SampleInputFormat: String] = [:]
    for path in try TrailPaths.expand(arguments) {
        let format = try SampleInputFormat.detect(path: path)
        if found[format] == nil { found[format] = path }
    }
    if let bsm = found[.bsm], let eslogger = found[.eslogger] {
        throw AuditLintError.invalidInput(
            "\(eslogger) is an eslogger log (JSON Lines) and \(bsm) a BSM trail; estimate one kind at a time (--input-format chooses the kind)"
        )
    }
    return found.keys.first ?? .bsm
}

/// Reads the eslogger logs named on the command line (files, directories, `-`) into a
/// profile: damaged lines on standard error with their line numbers (in strict mode the
/// first stops the command with exit code 1), progress on standard error when it is a terminal.
func readESLogProfile(_ arguments: [String], command: String, damage: DamageOptions) throws -> ESVolumeProfile {
    var builder = ESVolumeProfileBuilder()
    let progress = ProgressLine(enabled: isatty(2) != 0)
    defer { progress.clear() }
    let options = ESLogReader.Options(maxLineLength: damage.maxRecordSize.map { Int($0.bytes) } ?? 4 << 20)
    for path in try TrailPaths.expand(arguments) {
        let reader = ESLogReader(source: try FileDescriptorTrailSource(path: path), name: path, options: options)
        try builder.add(
            reader,
            onProblem: { problem in
                progress.clear()
                if damage.strict {
                    writeStandardError(
                        "auditlint: error: \(problem.description.replacingOccurrences(of: "; line skipped", with: "")); read it without --strict to skip damaged lines"
                    )
                    throw ExitCode(ExitStatus.findings.rawValue)
                }
                writeStandardError("auditlint: \(problem)")
            },
            progress: { bytes in progress.show("\(command): \(path): \(Quantity.formatSize(bytes))") })
    }
    return builder.profile()
}

/// Refuses options that apply only to BSM trails when the sample is an eslogger log.
func refuseBSMOptions(_ given: [(name: String, isGiven: Bool)]) throws {
    let names = given.filter(\.isGiven).map(\.name)
    guard !names.isEmpty else { return }
    throw ValidationError(
        "\(names.joined(separator: ", ")) appl\(names.count == 1 ? "ies" : "y") to BSM trails; the sample is an eslogger log: choose its candidate events with --es-events (e.g. --es-events exec,fork,exit)"
    )
}
