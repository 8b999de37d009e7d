import Foundation

/// Output formats of `tune status`.
public enum TuningStatusFormat: String, Sendable, CaseIterable {
    case text, json, markdown
}

/// Renders a journal's iterations as a table: change, projected and observed bytes per
/// day, history kept, verdict and review decision. Pure functions.
public enum TuningStatusReport {
    /// The journal in `format`.
    public static func render(_ journal: TuningJournal, as format: TuningStatusFormat) -> String {
        switch format {
        case .text: text(journal)
        case .json: json(journal)
        case .markdown: markdown(journal)
        }
    }

    static let header = ["#", "change", "projected/day", "observed/day", "error", "history", "peak", "verdict", "review"]

    static func rows(_ journal: TuningJournal) -> [[String]] {
        journal.iterations.map { iteration in
            let projection = iteration.projection
            let review = iteration.review
            return [
                String(iteration.number),
                iteration.change?.summary ?? "initial configuration",
                size(projection.bytesPerDay) + (projection.lowerBound ? " (at least)" : ""),
                review.map { size($0.observedBytesPerDay) } ?? "-",
                review.map { $0.error.isFinite ? String(format: "%+.0f%%", $0.error * 100) : "+∞" } ?? "-",
                Quantity.formatDuration(projection.historyDays * 86_400),
                Quantity.formatSize(projection.peakAuditBytes),
                projection.verdict.rawValue,
                review?.decision.rawValue ?? (iteration.observations.isEmpty ? "not reviewed" : "observed"),
            ]
        }
    }

    static func size(_ bytesPerDay: Double) -> String { Quantity.formatSize(rounding: bytesPerDay) }

    static func constraintsLine(_ journal: TuningJournal) -> String {
        let c = journal.constraints
        var parts = [
            "disk \(Quantity.formatSize(c.diskSize)) (\(Quantity.formatSize(c.diskFree)) free)",
            "retention \(Quantity.formatDuration(c.retentionSeconds))",
            "budget \(c.budget) (\(Quantity.formatSize(c.budgetBytes)))",
        ]
        if c.otherGrowthPerDay != 0 { parts.append("other growth \(Quantity.formatSize(c.otherGrowthPerDay))/day") }
        if let profile = c.complianceProfile { parts.append("compliance \(profile)") }
        return parts.joined(separator: ", ")
    }

    static func text(_ journal: TuningJournal) -> String {
        var out = "Tuning \(journal.configPath): \(constraintsLine(journal))\n"
        out += "Calibration ×\(String(format: "%.2f", journal.calibrationFactor)); sample of \(journal.profile.records) records over \(Quantity.formatDuration(journal.profile.spanSeconds))"
        out += journal.profile.hosts.isEmpty ? "\n\n" : " from \(journal.profile.hosts.joined(separator: ", "))\n\n"
        out += TextTable.render([header] + rows(journal))
        return out
    }

    static func markdown(_ journal: TuningJournal) -> String {
        func line(_ cells: [String]) -> String {
            "| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |\n"
        }
        var out = "## Tuning `\(journal.configPath)`\n\n\(constraintsLine(journal)); calibration ×\(String(format: "%.2f", journal.calibrationFactor))\n\n"
        out += line(header) + line(header.map { _ in "---" })
        for row in rows(journal) { out += line(row) }
        return out
    }

    static func json(_ journal: TuningJournal) -> String {
        let c = journal.constraints
        let iterations = journal.iterations.map { iteration -> String in
            let p = iteration.projection
            let hosts = Array(Set(iteration.observations.map(\.host))).sorted()
            return "{\"number\":\(iteration.number),\"change\":\(JSONText.optional(iteration.change?.summary, JSONText.string)),"
                + "\"configHash\":\(JSONText.string(iteration.configHash)),"
                + "\"projectedBytesPerDay\":\(JSONText.number(p.bytesPerDay)),\"lowerBound\":\(p.lowerBound),"
                + "\"observedBytesPerDay\":\(JSONText.optional(iteration.review?.observedBytesPerDay) { JSONText.number($0) }),"
                + "\"error\":\(JSONText.optional(iteration.review?.error) { JSONText.number($0, decimals: 3) }),"
                + "\"historyDays\":\(JSONText.number(p.historyDays, decimals: 2)),\"peakAuditBytes\":\(p.peakAuditBytes),"
                + "\"outcome\":\(JSONText.string(p.outcome.rawValue)),\"verdict\":\(JSONText.string(p.verdict.rawValue)),"
                + "\"hosts\":[\(hosts.map(JSONText.string).joined(separator: ","))],"
                + "\"decision\":\(JSONText.optional(iteration.review?.decision.rawValue, JSONText.string))}"
        }
        return "{\"schemaVersion\":1,\"config\":\(JSONText.string(journal.configPath)),"
            + "\"constraints\":{\"diskSize\":\(c.diskSize),\"diskFree\":\(c.diskFree),\"otherGrowthPerDay\":\(c.otherGrowthPerDay),"
            + "\"retentionSeconds\":\(JSONText.number(c.retentionSeconds)),\"budget\":\(JSONText.string(c.budget)),"
            + "\"budgetBytes\":\(c.budgetBytes),\"complianceProfile\":\(JSONText.optional(c.complianceProfile, JSONText.string))},"
            + "\"calibrationFactor\":\(JSONText.number(journal.calibrationFactor, decimals: 4)),"
            + "\"iterations\":[\(iterations.joined(separator: ","))]}\n"
    }
}
