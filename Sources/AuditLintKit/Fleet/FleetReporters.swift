import Foundation

/// The output formats of a fleet report.
public enum FleetReportFormat: String, Sendable, CaseIterable {
    case text, json, markdown, html
}

extension FleetReport {
    /// The report rendered in `format`, listing at most `top` failing hosts (JSON lists every
    /// host). Pure: the same report always gives the same bytes.
    public func rendered(as format: FleetReportFormat, top: Int = 20) -> String {
        switch format {
        case .text: textReport(top: top)
        case .json: jsonReport()
        case .markdown: markdownReport(top: top)
        case .html: htmlReport(top: top)
        }
    }

    /// `1200 hosts under candidate x (SHA-256 …): 37 fail, 120 warn, 1043 ok`.
    public var headline: String {
        var text =
            "\(Self.hosts(hosts.count)) under \(configuration): "
            + "\(verdicts[.fail, default: 0]) fail, \(verdicts[.warn, default: 0]) warn, \(verdicts[.ok, default: 0]) ok"
        if !problems.isEmpty {
            text += "; \(problems.count) profile\(problems.count == 1 ? "" : "s") not evaluated"
        }
        return text
    }

    static func size(_ bytes: Double) -> String { Quantity.formatSize(rounding: bytes) }
    /// `1 host`, `2 hosts`.
    static func hosts(_ count: Int) -> String { "\(count) host\(count == 1 ? "" : "s")" }
    static func days(_ days: Double) -> String { Quantity.formatDuration(days * 86_400) }

    /// The fleet's figures as label/value rows (text, Markdown and HTML).
    var summaryRows: [(String, String)] {
        var rows: [(String, String)] = [
            (
                "hosts",
                "\(hosts.count) evaluated: \(verdicts[.fail, default: 0]) fail, \(verdicts[.warn, default: 0]) warn, \(verdicts[.ok, default: 0]) ok"
                    + (problems.isEmpty ? "" : "; \(problems.count) not evaluated")
            ),
            (
                "bytes per day",
                "total \(Self.size(bytesPerDay.total)), p50 \(Self.size(bytesPerDay.p50)), p90 \(Self.size(bytesPerDay.p90)), "
                    + "p99 \(Self.size(bytesPerDay.p99)), max \(Self.size(bytesPerDay.maximum))"
            ),
            (
                "history kept",
                "min \(Self.days(historyDays.minimum)), p10 \(Self.days(historyDays.p10)), p50 \(Self.days(historyDays.p50))"
            ),
        ]
        if !failures.isEmpty {
            rows.append(
                (
                    "ways of failing",
                    FleetHost.Failure.allCases.compactMap { failure in
                        failures[failure].map { "\(failure.summary): \($0)" }
                    }.joined(separator: ", ")
                ))
        }
        rows.append(("configuration", configuration))
        rows.append(("simulated", periodText))
        return rows
    }

    /// `90 days from 2026-01-01 00:00:00 UTC; retention 30 days; budget 5%`.
    var periodText: String {
        var text = "\(Quantity.formatDuration(horizonSeconds)) from \(CapacityReport.utc(startEpoch))"
        if let retention = requirements.retentionSeconds {
            text += "; retention \(Quantity.formatDuration(retention))"
        }
        if let budget = requirements.budget { text += "; budget \(budget.description)" }
        return text
    }

    /// The failing hosts' rows: rank, host, when, cause, bytes/day, disk, free, history.
    func failingRows(top: Int) -> [[String]] {
        failing.prefix(top).enumerated().map { index, host in
            let evaluation = host.evaluation!
            return [
                "\(index + 1)", host.name, Self.when(evaluation), Self.cause(evaluation),
                Self.size(evaluation.bytesPerDay) + (evaluation.lowerBound ? " (at least)" : ""),
                Quantity.formatSize(evaluation.diskSize), Quantity.formatSize(evaluation.diskFree),
                Self.days(evaluation.historyDays),
            ]
        }
    }

    static let failingHeader = ["#", "host", "fails", "cause", "bytes/day", "disk", "free", "history"]

    /// `abcdef012345` for a SHA-256, `unrecorded` as is.
    static func shortHash(_ key: String) -> String { key.count == 64 ? String(key.prefix(12)) : key }

    // MARK: Text

    /// Plain text; the first line is the answer.
    public func textReport(top: Int) -> String {
        var lines = ["Fleet: \(headline)", "verdict: \(verdict.rawValue)", ""]
        lines += TextTable.lines(summaryRows.map { [$0.0, $0.1] })
        let failingCount = failing.count
        if failingCount > 0 {
            lines += [
                "",
                "Failing hosts, soonest first"
                    + (failingCount > top ? " (the first \(top) of \(failingCount)):" : " (\(failingCount)):"),
            ]
            lines += TextTable.lines([Self.failingHeader] + failingRows(top: top), indent: "  ")
        }
        lines += ["", "Days until the disk fills:"]
        let widest = max(daysToFull.map(\.hosts).max() ?? 0, 1)
        let digits = "\(widest)".count
        lines += TextTable.lines(
            daysToFull.map { bucket in
                let count = String(repeating: " ", count: digits - "\(bucket.hosts)".count) + "\(bucket.hosts)"
                let bar = String(repeating: "#", count: bucket.hosts == 0 ? 0 : max(1, bucket.hosts * 40 / widest))
                return [bucket.label(horizonSeconds: horizonSeconds), count] + (bar.isEmpty ? [] : [bar])
            }, indent: "  ")
        lines += ["", "Configurations (SHA-256 of the audit_control each host ran under):"]
        lines += TextTable.lines(
            configurations.map {
                [Self.shortHash($0.key), $0.example ?? "", Self.hosts($0.hosts), "\($0.failing) failing"]
            },
            indent: "  ")
        lines += ["", "Dialects:"]
        lines += TextTable.lines(
            dialects.map { [$0.key, Self.hosts($0.hosts), "\($0.failing) failing"] }, indent: "  ")
        if !talkers.isEmpty {
            lines += ["", "What drives the failing hosts' volume (bytes a day, summed over the failing hosts):"]
            lines += TextTable.lines(
                talkers.map { [$0.kind, $0.name, "\(Self.size($0.bytesPerDay))/day", "on \(Self.hosts($0.hosts))"] },
                indent: "  ")
        }
        if !problems.isEmpty {
            lines += ["", "Profiles not evaluated (\(problems.count)):"]
            lines += problems.prefix(top).map { "  - \($0.problem!.message)" }
            if problems.count > top { lines.append("  - … and \(problems.count - top) more") }
        }
        if !notes.isEmpty {
            lines += ["", "Notes:"] + notes.map { "  - \($0)" }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: JSON

    /// JSON: `{"schemaVersion":1,"verdict":…,"configuration":{…},"period":{…},"summary":{…},
    /// "hosts":[…],"problems":[…],"notes":[…]}`, every host included (failing ones first,
    /// soonest first).
    public func jsonReport() -> String {
        func number(_ value: Double) -> JSONValue { .rounded(value, decimals: 1) }
        func optional(_ value: Double?) -> JSONValue { value.map(number) ?? .null }
        func percentiles(_ p: Percentiles, _ keys: [String]) -> JSONValue {
            let all: [String: Double] = [
                "total": p.total, "min": p.minimum, "p10": p.p10, "p50": p.p50, "p90": p.p90, "p99": p.p99,
                "max": p.maximum,
            ]
            return .object(keys.map { ($0, .rounded(all[$0]!, decimals: 3)) })
        }
        let hostValues: [JSONValue] = hosts.map { host in
            let e = host.evaluation!
            return .object([
                ("name", .string(host.name)),
                ("file", .string(host.file)),
                ("dialect", .string(host.dialect.rawValue)),
                ("configSha256", host.configHash.map(JSONValue.string) ?? .null),
                ("lastTime", host.lastTime.map { .integer(Int($0.rounded(.down))) } ?? .null),
                ("verdict", .string(e.verdict.rawValue)),
                ("failures", .array(e.failures.map { .string($0.rawValue) })),
                ("failsAfterSeconds", optional(e.failureSeconds)),
                ("fullAfterSeconds", optional(e.fullSeconds)),
                ("outcome", .string(e.outcome.rawValue)),
                ("headline", .string(e.headline)),
                ("reasons", .array(e.reasons.map(JSONValue.string))),
                ("bytesPerDay", number(e.bytesPerDay)),
                ("lowerBound", .bool(e.lowerBound)),
                ("historyDays", .rounded(e.historyDays, decimals: 3)),
                ("peakAuditBytes", .integer(Int(e.peakAuditBytes))),
                ("droppedBytes", .integer(Int(e.droppedBytes))),
                ("diskSize", .integer(Int(e.diskSize))),
                ("diskFree", .integer(Int(e.diskFree))),
                (
                    "talkers",
                    .array(
                        e.talkers.map {
                            .object([
                                ("kind", .string($0.kind)), ("name", .string($0.name)),
                                ("bytesPerDay", number($0.bytesPerDay)),
                            ])
                        })
                ),
            ])
        }
        let summary: JSONValue = .object([
            ("hosts", .integer(hosts.count)),
            ("notEvaluated", .integer(problems.count)),
            (
                "verdicts",
                .object(
                    ["ok", "warn", "fail"].map { ($0, .integer(verdicts[CapacityVerdict(rawValue: $0)!, default: 0])) })
            ),
            ("failures", .object(FleetHost.Failure.allCases.map { ($0.rawValue, .integer(failures[$0, default: 0])) })),
            ("bytesPerDay", percentiles(bytesPerDay, ["total", "p50", "p90", "p99", "max"])),
            ("historyDays", percentiles(historyDays, ["min", "p10", "p50"])),
            (
                "configurations",
                .array(
                    configurations.map {
                        .object([
                            ("sha256", $0.key == "unrecorded" ? .null : .string($0.key)),
                            ("example", $0.example.map(JSONValue.string) ?? .null),
                            ("hosts", .integer($0.hosts)), ("failing", .integer($0.failing)),
                        ])
                    })
            ),
            (
                "dialects",
                .array(
                    dialects.map {
                        .object([
                            ("dialect", .string($0.key)), ("hosts", .integer($0.hosts)),
                            ("failing", .integer($0.failing)),
                        ])
                    })
            ),
            (
                "daysToFull",
                .array(
                    daysToFull.map {
                        .object([
                            ("fromDays", number($0.lowerDays)), ("toDays", optional($0.upperDays)),
                            ("hosts", .integer($0.hosts)),
                        ])
                    })
            ),
            (
                "talkers",
                .array(
                    talkers.map {
                        .object([
                            ("kind", .string($0.kind)), ("name", .string($0.name)),
                            ("bytesPerDay", number($0.bytesPerDay)), ("hosts", .integer($0.hosts)),
                        ])
                    })
            ),
        ])
        let document: JSONValue = .object([
            ("schemaVersion", .integer(1)),
            ("verdict", .string(verdict.rawValue)),
            (
                "configuration",
                .object([
                    ("candidate", candidatePath.map(JSONValue.string) ?? .null),
                    ("sha256", candidateHash.map(JSONValue.string) ?? .null),
                    ("description", .string(configuration)),
                ])
            ),
            (
                "period",
                .object([
                    ("horizonSeconds", number(horizonSeconds)),
                    ("start", .integer(Int(startEpoch))),
                    ("retentionSeconds", optional(requirements.retentionSeconds)),
                    ("budget", requirements.budget.map { .string($0.description) } ?? .null),
                ])
            ),
            ("summary", summary),
            ("hosts", .array(hostValues)),
            (
                "problems",
                .array(
                    problems.map {
                        .object([("file", .string($0.file)), ("error", .string($0.problem!.message))])
                    })
            ),
            ("notes", .array(notes.map(JSONValue.string))),
        ])
        return document.compact + "\n"
    }

    // MARK: Markdown

    /// Markdown for a GitHub job summary or a pull-request comment.
    public func markdownReport(top: Int) -> String {
        let mark = verdict.markdownMark
        let escape = MarkdownText.cell
        func table(_ header: [String], _ rows: [[String]]) -> [String] {
            [
                "| " + header.joined(separator: " | ") + " |",
                "|" + header.map { _ in "---" }.joined(separator: "|") + "|",
            ]
                + rows.map { "| " + $0.map(escape).joined(separator: " | ") + " |" }
        }
        var lines = ["### \(mark) auditlint fleet: \(verdict.rawValue)", "", "**\(escape(headline))**", ""]
        lines += table(["figure", "value"], summaryRows.map { [$0.0, $0.1] })
        let failingCount = failing.count
        if failingCount > 0 {
            lines += [
                "",
                "#### Failing hosts, soonest first"
                    + (failingCount > top ? " (the first \(top) of \(failingCount))" : ""),
                "",
            ]
            lines += table(Self.failingHeader, failingRows(top: top))
        }
        lines += ["", "#### Days until the disk fills", ""]
        lines += table(
            ["days", "hosts"], daysToFull.map { [$0.label(horizonSeconds: horizonSeconds), "\($0.hosts)"] })
        if !talkers.isEmpty {
            lines += ["", "#### What drives the failing hosts' volume", ""]
            lines += table(
                ["kind", "name", "bytes/day", "hosts"],
                talkers.map { [$0.kind, $0.name, Self.size($0.bytesPerDay), "\($0.hosts)"] })
        }
        lines += ["", "<details><summary>Configurations and dialects</summary>", ""]
        lines += table(
            ["SHA-256", "example", "hosts", "failing"],
            configurations.map { [Self.shortHash($0.key), $0.example ?? "", "\($0.hosts)", "\($0.failing)"] })
        lines.append("")
        lines += table(["dialect", "hosts", "failing"], dialects.map { [$0.key, "\($0.hosts)", "\($0.failing)"] })
        lines += ["", "</details>"]
        if !problems.isEmpty {
            lines += ["", "#### Profiles not evaluated (\(problems.count))", ""]
            lines += problems.prefix(top).map { "- \(escape($0.problem!.message))" }
            if problems.count > top { lines.append("- … and \(problems.count - top) more") }
        }
        if !notes.isEmpty {
            lines += ["", "#### Notes", ""] + notes.map { "- \(escape($0))" }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
