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

    static let header = [
        "#", "change", "projected/day", "observed/day", "error", "history", "peak", "verdict", "review",
    ]

    static func rows(_ journal: TuningJournal) -> [[String]] {
        journal.iterations.map { iteration in
            let projection = iteration.projection
            let review = iteration.review
            return [
                String(iteration.number),
                iteration.change?.summary ?? "initial configuration",
                size(projection.bytesPerDay) + (projection.lowerBound ? " (at least)" : ""),
                review.map { size($0.observedBytesPerDay) } ?? "-",
                review.map { TuningReview.formatError($0.error) } ?? "-",
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
        out +=
            "Calibration ×\(String(format: "%.2f", journal.calibrationFactor)); sample of \(journal.profile.records) records over \(Quantity.formatDuration(journal.profile.spanSeconds))"
        out += journal.profile.hosts.isEmpty ? "\n\n" : " from \(journal.profile.hosts.joined(separator: ", "))\n\n"
        out += TextTable.render([header] + rows(journal))
        return out
    }

    static func markdown(_ journal: TuningJournal) -> String {
        func line(_ cells: [String]) -> String {
            "| " + cells.map(MarkdownText.cell).joined(separator: " | ") + " |\n"
        }
        var out =
            "## Tuning `\(journal.configPath)`\n\n\(constraintsLine(journal)); calibration ×\(String(format: "%.2f", journal.calibrationFactor))\n\n"
        out += line(header) + line(header.map { _ in "---" })
        for row in rows(journal) { out += line(row) }
        return out
    }

    static func json(_ journal: TuningJournal) -> String {
        let c = journal.constraints
        let iterations = journal.iterations.map { iteration -> JSONValue in
            let p = iteration.projection
            let review = iteration.review
            return .object([
                "number": .integer(iteration.number), "change": .optional(iteration.change?.summary, JSONValue.string),
                "configHash": .string(iteration.configHash),
                "projectedBytesPerDay": .rounded(p.bytesPerDay, decimals: 1), "lowerBound": .bool(p.lowerBound),
                "observedBytesPerDay": .optional(review?.observedBytesPerDay) { .rounded($0, decimals: 1) },
                "error": .optional(review?.error) { .rounded($0, decimals: 3) },
                "historyDays": .rounded(p.historyDays, decimals: 2), "peakAuditBytes": .integer(Int(p.peakAuditBytes)),
                "outcome": .string(p.outcome.rawValue), "verdict": .string(p.verdict.rawValue),
                "hosts": .array(Set(iteration.observations.map(\.host)).sorted().map(JSONValue.string)),
                "decision": .optional(review?.decision.rawValue, JSONValue.string),
            ])
        }
        return JSONValue.object([
            "schemaVersion": .integer(1), "config": .string(journal.configPath),
            "constraints": .object([
                "diskSize": .integer(Int(c.diskSize)), "diskFree": .integer(Int(c.diskFree)),
                "otherGrowthPerDay": .integer(Int(c.otherGrowthPerDay)),
                "retentionSeconds": .rounded(c.retentionSeconds, decimals: 1), "budget": .string(c.budget),
                "budgetBytes": .integer(Int(c.budgetBytes)),
                "complianceProfile": .optional(c.complianceProfile, JSONValue.string),
            ]),
            "calibrationFactor": .rounded(journal.calibrationFactor, decimals: 4),
            "iterations": .array(iterations),
        ]).compact + "\n"
    }
}
