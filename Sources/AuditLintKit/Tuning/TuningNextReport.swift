import Foundation

/// The text `tune next` prints: the current projection, the ranked steps, what blocked the
/// others, and the proposal with how long to run it, what to watch and how to apply it.
/// Pure functions, beside ``TuningStatusReport``.
public struct TuningNextReport: Sendable {
    /// The advice for the next step.
    public var advice: TuningAdvisor.Advice
    /// The iteration the advice starts from.
    public var base: TuningIteration
    /// The number of a proposed, not yet observed iteration this proposal replaces.
    public var replacing: Int?
    /// The volume model's calibration factor.
    public var calibrationFactor: Double
    /// The session's constraints.
    public var constraints: TuningConstraints
    /// The number the proposal is recorded as (nil when there is no proposal).
    public var proposalNumber: Int?
    /// How many ranked steps to list.
    public var top: Int

    public init(
        advice: TuningAdvisor.Advice, base: TuningIteration, replacing: Int?, calibrationFactor: Double,
        constraints: TuningConstraints, proposalNumber: Int?, top: Int
    ) {
        self.advice = advice
        self.base = base
        self.replacing = replacing
        self.calibrationFactor = calibrationFactor
        self.constraints = constraints
        self.proposalNumber = proposalNumber
        self.top = top
    }

    /// The report up to and including how to apply the proposal.
    public var text: String {
        var out = ""
        if let replacing { out += "Replacing iteration \(replacing) (proposed, not yet observed).\n" }
        out += "Current (iteration \(base.number)): \(TuningText.projection(advice.current))\n"
        out += "Calibration ×\(String(format: "%.2f", calibrationFactor))\n"
        if let review = base.review, review.decision == .keep {
            out +=
                "Note: iteration \(base.number)'s review said keep (observed \(String(format: "%+.0f%%", review.error * 100))); the projections below use the recalibrated model.\n"
        }
        out += "\n"
        if !advice.ranked.isEmpty {
            var rows = [["score", "step", "per day", "history", "peak"]]
            for candidate in advice.ranked.prefix(max(0, top)) {
                rows.append([
                    String(format: "%.1f", candidate.score), candidate.change.summary,
                    TuningText.rate(candidate.projection.bytesPerDay),
                    Quantity.formatDuration(candidate.projection.historyDays * 86_400),
                    Quantity.formatSize(candidate.projection.peakAuditBytes),
                ])
            }
            out +=
                "Ranked steps (gain − cost):\n"
                + TextTable.render(rows).split(separator: "\n").map { "  " + $0 }.joined(separator: "\n") + "\n"
        }
        let counts = advice.blockedCounts
        if !counts.isEmpty {
            let described = [
                "budget": "the budget (\(constraints.budget))",
                "retention": "the retention (\(Quantity.formatDuration(constraints.retentionSeconds)))",
                "disk": "the disk (records lost)",
                "compliance": "the compliance profile (\(constraints.complianceProfile ?? "none"): a requirement lost)",
            ]
            out +=
                "Blocked: "
                + counts.keys.sorted().map { "\(counts[$0]!) by \(described[$0] ?? $0)" }.joined(separator: ", ") + "\n"
        }
        for note in advice.notes { out += "\(note)\n" }
        guard let proposal = advice.proposal, let number = proposalNumber else { return out }
        let p = proposal.projection
        out += "\nProposed (iteration \(number)): \(proposal.change.summary)\n"
        for edit in proposal.change.edits { out += "  \(edit.key): \(edit.from ?? "(missing)") → \(edit.to)\n" }
        out += "  projected: \(TuningText.projection(p))\n"
        out += "  change: \(TuningText.signedRate(p.bytesPerDay - advice.current.bytesPerDay))/day"
        out += String(format: "; score %.1f (gain %.1f, cost %.1f)", proposal.score, proposal.gain, proposal.cost)
        if !proposal.requirementsMet.isEmpty { out += "; meets \(proposal.requirementsMet.joined(separator: ", "))" }
        out += "\n"
        let days = TuningSession.reviewAfterDays(p)
        out += "Run it for at least \(days) days (a full weekly cycle"
        let whole = Int(saturating: (p.rotationsPerDay * Double(days)).rounded(.down))
        out +=
            whole >= 1
            ? ", about \(whole) rotation\(whole == 1 ? "" : "s"))"
            : "; it will not rotate by then: review the .not_terminated trail)"
        out += " before `auditlint tune review`.\n"
        out += "Watch:\n"
        if !proposal.topClasses.isEmpty {
            out +=
                "  - the new bytes: "
                + proposal.topClasses.map { "\($0.name) \(TuningText.signedRate($0.bytesPerDay))/day" }.joined(
                    separator: ", ") + "\n"
        }
        out +=
            "  - the audit directory's growth (ls -l /var/audit): about \(TuningText.rate(p.bytesPerDay))/day per host\n"
        if p.outcome == .lowSpace {
            out += "  - the soft limit is reached in the simulation: expect audit_warn soft-limit mail\n"
        }
        if p.lowerBound {
            out +=
                "  - the sample lacks exec arguments or classes this configuration selects: the real volume may be higher than projected\n"
        }
        out += "Apply: install the new audit_control, then run `audit -s`"
        out +=
            proposal.change.key == "flags"
            ? "; flags apply at login: users must log out and back in (or reboot).\n" : ".\n"
        return out
    }

    /// The proposed file: a unified diff against `old` (`diff`), or the whole new file.
    public static func newFile(old: String, new: String, path: String, iteration: Int, diff: Bool) -> String {
        diff
            ? "\n" + UnifiedDiff.diff(old, new, oldName: path, newName: path + " (iteration \(iteration))")
            : "\n--- new \(path) (iteration \(iteration)) ---\n" + new
    }
}

/// Phrases the tune commands share.
public enum TuningText {
    /// What `tune init` says about the session it started: the sample, the constraints, the
    /// tables, iteration 0's projection, and the next command.
    public static func started(_ journal: TuningJournal, journalPath: String, configName: String) -> String {
        var out = "Started \(journalPath): iteration 0 is \(configName)\n"
        let sample = journal.profile
        out +=
            "Sample: \(sample.records) records, \(Quantity.formatSize(Int64(clamping: sample.bytes))) over \(Quantity.formatDuration(sample.spanSeconds))"
            + (sample.hosts.isEmpty ? "" : " from \(sample.hosts.joined(separator: ", "))") + "\n"
        out += "Constraints: \(constraints(journal.constraints))\n"
        let tables = [journal.auditClass.map { _ in "audit_class" }, journal.auditEvent.map { _ in "audit_event" }]
            .compactMap { $0 }
        out +=
            "Tables: "
            + (tables.isEmpty
                ? "the built-in \(journal.dialect.rawValue) audit_class and audit_event"
                : tables.joined(separator: " and ") + " next to the config (kept in the journal)") + "\n"
        if let projection = journal.iterations.first?.projection {
            out += "Projected: \(self.projection(projection))\n"
            for reason in projection.reasons { out += "  - \(reason)\n" }
        }
        out += "Next: auditlint tune next --journal \(journalPath)\n"
        return out
    }

    /// Bytes a day, for people: `1.2 GiB`.
    public static func rate(_ bytesPerDay: Double) -> String {
        Quantity.formatSize(rounding: bytesPerDay)
    }

    /// A change of bytes a day with its sign: `+12 MiB`.
    public static func signedRate(_ bytesPerDay: Double) -> String { (bytesPerDay >= 0 ? "+" : "") + rate(bytesPerDay) }

    /// The session's constraints in one line.
    public static func constraints(_ c: TuningConstraints) -> String {
        var text =
            "disk \(Quantity.formatSize(c.diskSize)) with \(Quantity.formatSize(c.diskFree)) free, retention \(Quantity.formatDuration(c.retentionSeconds)), budget \(c.budget) (\(Quantity.formatSize(c.budgetBytes)))"
        if let profile = c.complianceProfile { text += ", compliance \(profile)" }
        return text
    }

    /// A projection in one line: volume, history, peak and verdict.
    public static func projection(_ p: TuningProjection) -> String {
        "\(rate(p.bytesPerDay))/day\(p.lowerBound ? " (at least)" : ""), \(Quantity.formatDuration(p.historyDays * 86_400)) of history, peak \(Quantity.formatSize(p.peakAuditBytes)): \(p.verdict.rawValue)"
    }
}
