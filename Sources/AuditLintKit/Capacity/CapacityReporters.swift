/// The output formats of a capacity report.
public enum CapacityReportFormat: String, Sendable, CaseIterable {
    case text, json, markdown, html
}

extension CapacityReport {
    /// The report rendered in `format`. Pure: the same report always gives the same bytes.
    public func rendered(as format: CapacityReportFormat) throws -> String {
        switch format {
        case .text: textReport()
        case .json: try jsonReport()
        case .markdown: markdownReport()
        case .html: htmlReport()
        }
    }

    /// The figures as label/value rows, shared by the text, markdown and HTML reports.
    var figureRows: [(String, String)] {
        let sim = simulation
        func time(_ seconds: Double?) -> String {
            seconds.map { "after \(Quantity.formatDuration($0))" } ?? "never"
        }
        return [
            (
                "outcome",
                sim.outcome.rawValue + (sim.outcomeSeconds.map { " after \(Quantity.formatDuration($0))" } ?? "")
            ),
            ("written per day", Quantity.formatSize(rounding: sim.bytesPerDay)),
            ("peak audit bytes", "\(Quantity.formatSize(sim.peakAuditBytes)) (\(sim.peakAuditBytes) bytes)"),
            ("final audit bytes", "\(Quantity.formatSize(sim.finalAuditBytes)) (\(sim.finalAuditBytes) bytes)"),
            ("history kept", Quantity.formatDuration(sim.historyDays * 86_400)),
            ("rotations", "\(sim.rotations)"),
            ("expired files", "\(sim.expiredFiles)"),
            ("files on disk", "\(sim.filesOnDisk)"),
            ("first LOW_SPACE", time(sim.firstLowSpaceSeconds)),
            ("first out of space", time(sim.firstNoSpaceSeconds)),
            ("dropped", Quantity.formatSize(sim.droppedBytes)),
        ]
    }

    /// The inputs as label/value rows.
    var inputRows: [(String, String)] {
        let i = inputs
        let expire = ExpireAfter(
            ageSeconds: i.expireAfterAgeSeconds, sizeBytes: i.expireAfterSizeBytes, combinator: i.expireAfterCombinator)
        var rows = [
            (
                "volume",
                "\(Quantity.formatSize(rounding: i.bytesPerDay))/day in \(i.recordSize)-byte records (\(i.volumeSource))"
            ),
            (
                "disk",
                "\(Quantity.formatSize(i.diskSize)), \(Quantity.formatSize(i.diskFree)) free, \(i.blockSize)-byte blocks"
            ),
            ("other growth", "\(Quantity.formatSize(i.otherGrowthPerDay))/day"),
            (
                "audit settings",
                "filesz \(Quantity.formatSize(i.filesz)), expire-after \(expire.description), minfree \(i.minfree)%, policy \(i.policy), qsize \(i.qsize)"
            ),
            ("simulated", "\(Quantity.formatDuration(i.horizonSeconds)) from \(Self.utc(i.start))"),
        ]
        if let retention = i.retentionSeconds { rows.append(("retention", Quantity.formatDuration(retention))) }
        if let budget = i.budget { rows.append(("budget", budget)) }
        return rows
    }

    /// `2026-01-05 00:00:00 UTC`.
    static func utc(_ epoch: Int64) -> String {
        CivilTime.dateTime(epoch) + " UTC"
    }

    // MARK: Text

    /// Plain text; the first line is the answer.
    public func textReport() -> String {
        var lines = [headline, "verdict: \(verdict.rawValue)", "", "Reasons:"]
        lines += reasons.map { "  - \($0)" }
        func table(_ title: String, _ rows: [(String, String)]) {
            lines += ["", "\(title):"] + TextTable.lines(rows.map { [$0.0, $0.1] }, indent: "  ")
        }
        table("Simulation", figureRows)
        table("Inputs", inputRows)
        lines += ["", "Assumptions:"] + assumptions.map { "  - \($0)" }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: JSON

    /// JSON with sorted keys: `{"assumptions":[…],"inputs":{…},"reasons":[…],"schemaVersion":1,
    /// "series":[…],"simulation":{…},"verdict":…}`.
    public func jsonReport() throws -> String {
        try JSONValue(encoding: JSONShape(report: self)).sortingKeys().compact + "\n"
    }

    private struct JSONShape: Encodable {
        var schemaVersion = 1
        var verdict: CapacityVerdict
        var reasons: [String]
        var assumptions: [String]
        var inputs: CapacityReportInputs
        var simulation: CapacitySimulation
        var series: [CapacitySeriesPoint]

        init(report: CapacityReport) {
            verdict = report.verdict
            reasons = report.reasons
            assumptions = report.assumptions
            inputs = report.inputs
            simulation = report.simulation
            series = report.series
        }
    }

    // MARK: Markdown

    /// Markdown for a pull-request comment or a GitHub step summary.
    public func markdownReport() -> String {
        let mark = verdict.markdownMark
        let escape = MarkdownText.cell
        var lines = [
            "### \(mark) auditlint report: \(verdict.rawValue)", "", "**\(escape(headline))**", "",
        ]
        lines += reasons.map { "- \(escape($0))" }
        lines += ["", "| figure | value |", "|---|---|"]
        lines += figureRows.map { "| \($0.0) | \(escape($0.1)) |" }
        lines += ["", "| input | value |", "|---|---|"]
        lines += inputRows.map { "| \($0.0) | \(escape($0.1)) |" }
        lines += ["", "<details><summary>Assumptions</summary>", ""]
        lines += assumptions.map { "- \(escape($0))" }
        lines += ["", "</details>"]
        return lines.joined(separator: "\n") + "\n"
    }
}
