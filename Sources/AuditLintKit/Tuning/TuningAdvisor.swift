import Foundation

/// Ranks the next steps of a tuning session and picks one.
///
/// Candidates, each one edit of the value in force (``TuningSettings/replacingValue(of:with:)``):
/// - a class added to `flags`, whole (`nt`) or by half (`+nt` success only, `-nt` failure only),
///   when that half is not audited yet;
/// - an exclusion of an audited class half (`^-fa`, `^+fa`, or `^fa` for both);
/// - `argv` added to `policy`;
/// - a `filesz` that rotates about every 6 hours, when rotation is off or happens more than
///   once an hour or less than once a day;
/// - an `expire-after` that keeps the retention: `Nd`, `Nd OR S` with S the budget less two
///   trails, or S alone.
///
/// Each is projected (``TuningModel``) and scored `gain − cost`:
///
/// | gain | points |
/// |---|---|
/// | a compliance requirement newly met (lost) | +12 (−12) |
/// | a class half newly audited (no longer audited) | ± half of the class weight, ``classWeights`` |
/// | `argv` | 4 when exec is audited on success, else 1 |
/// | a constraint (disk, retention, budget) newly met | +20 each |
/// | rotation brought between once an hour and once a day | +3 |
/// | room to grow (`expire-after`, `filesz`): the bytes/day the expiry allows within retention and budget | 2 × log2(after ÷ before), within ±12 |
///
/// | cost | points |
/// |---|---|
/// | volume | 10 × Δ bytes/day ÷ the daily allowance (budget ÷ retention days) |
/// | retention lost | 5 × days of history lost (counted up to twice the retention) ÷ retention days |
/// | disk risk | 10 × Δ peak ÷ budget, + 5 when the soft limit (low space) is newly reached, + 3 when `expire-after` loses its size cap |
///
/// A candidate whose projection breaks the budget, the retention or the disk (the capacity
/// model's outcome worse than low space) is never proposed; it is counted under the
/// constraint that blocks it. The proposal is the allowed candidate with the highest
/// positive score (ties: fewer bytes per day, then its summary).
public struct TuningAdvisor: Sendable {
    /// Forensic weight of each class (success and failure together). Unlisted classes weigh 1.
    public static let classWeights: [String: Double] = [
        "lo": 10, "aa": 10, "ex": 8, "ad": 6, "pc": 4, "fm": 4, "fc": 4, "fd": 4, "fw": 4, "nt": 4,
        "ap": 3, "fr": 2, "na": 2, "fa": 1, "cl": 1, "ip": 1, "io": 1, "ot": 1,
    ]
    public static let requirementPoints = 12.0
    public static let constraintPoints = 20.0
    public static let argvPoints = 4.0
    public static let rotationPoints = 3.0
    public static let volumeCostPoints = 10.0
    public static let retentionCostPoints = 5.0
    public static let diskRiskPoints = 10.0
    public static let lowSpacePoints = 5.0
    public static let uncappedPoints = 3.0
    public static let headroomPoints = 2.0
    public static let headroomCap = 12.0

    public var model: TuningModel

    public init(model: TuningModel) { self.model = model }

    /// One scored candidate.
    public struct Candidate: Sendable {
        public var change: TuningChange
        public var config: String
        public var projection: TuningProjection
        public var gain: Double
        public var cost: Double
        public var score: Double { gain - cost }
        /// The constraints the projection breaks (empty when allowed).
        public var blockedBy: [String]
        /// Compliance requirement ids newly met (not evaluated for blocked candidates).
        public var requirementsMet: [String]
        /// The classes whose bytes grow most under the new config, most first.
        public var topClasses: [(name: String, bytesPerDay: Double)]
    }

    /// The ranking.
    public struct Advice: Sendable {
        /// The current configuration's projection.
        public var current: TuningProjection
        /// The constraints the current configuration breaks.
        public var currentBroken: [String]
        /// Allowed candidates, best first.
        public var ranked: [Candidate]
        /// Candidates that break a constraint.
        public var blocked: [Candidate]
        /// Why no candidate is proposed, when none is.
        public var notes: [String]
        /// The proposal: the best allowed candidate with a positive score.
        public var proposal: Candidate? { ranked.first { $0.score > 0 } }

        /// Blocked candidates counted by the constraint that blocks them, e.g.
        /// `["budget": 12, "retention": 3]` (a candidate may count under several).
        public var blockedCounts: [String: Int] {
            var counts: [String: Int] = [:]
            for candidate in blocked { for name in candidate.blockedBy { counts[name, default: 0] += 1 } }
            return counts
        }
    }

    /// Ranks every candidate next step from `config`.
    ///
    /// - Throws: ``AuditLintError/invalidInput(_:)`` when the flags in force are rejected by
    ///   libbsm (fix them first: tune edits values, it does not repair them) or the capacity
    ///   inputs make no sense.
    public func advise(from config: String) throws -> Advice {
        var runs: [CapacityInputs: CapacityRun] = [:]
        let current = try model.evaluate(config, runs: &runs)
        let flags = current.settings.control.flags
        if flags.isPresent, !flags.isValid {
            throw AuditLintError.invalidInput(
                "flags '\(flags.written ?? "")' is rejected by libbsm; fix it first (see `auditlint lint`), then run tune next"
            )
        }
        let currentBroken = model.brokenConstraints(current.projection)
        let requirements = complianceRequirements()
        let currentMet = metRequirements(current.settings, requirements)
        var ranked: [Candidate] = []
        var blocked: [Candidate] = []
        var seen = Set<String>()
        for (change, text) in candidateEdits(current) where seen.insert(text).inserted && text != config {
            let evaluation = try model.evaluate(text, runs: &runs)
            let broken = model.brokenConstraints(evaluation.projection)
            // Blocked steps are never proposed: their compliance is not worth evaluating.
            let met = broken.isEmpty ? metRequirements(evaluation.settings, requirements) : currentMet
            let (gain, cost) = score(
                change: change, from: current, to: evaluation, currentBroken: currentBroken,
                broken: broken, requirementDelta: met.subtracting(currentMet).count - currentMet.subtracting(met).count)
            let candidate = Candidate(
                change: change, config: text, projection: evaluation.projection, gain: gain, cost: cost,
                blockedBy: broken,
                requirementsMet: requirements.map(\.id).filter { met.contains($0) && !currentMet.contains($0) },
                topClasses: growth(from: current.estimate, to: evaluation.estimate))
            if broken.isEmpty { ranked.append(candidate) } else { blocked.append(candidate) }
        }
        ranked.sort {
            ($1.score, $0.projection.bytesPerDay, $1.change.summary) < (
                $0.score, $1.projection.bytesPerDay, $0.change.summary
            )
        }
        var notes: [String] = []
        if ranked.first(where: { $0.score > 0 }) == nil {
            if !currentBroken.isEmpty {
                notes.append(
                    "the current configuration breaks the \(currentBroken.joined(separator: " and ")) and no single step meets every constraint; audit fewer classes or raise the budget by hand"
                )
            } else if ranked.isEmpty {
                notes.append(
                    "every candidate step breaks a constraint: the current configuration is as far as the budget and retention allow"
                )
            } else {
                notes.append(
                    "no step gains more than it costs: the current configuration is balanced for these constraints")
            }
        }
        return Advice(
            current: current.projection, currentBroken: currentBroken, ranked: ranked, blocked: blocked, notes: notes)
    }

    // MARK: Candidates

    func candidateEdits(_ current: TuningModel.Evaluation) -> [(TuningChange, String)] {
        let settings = current.settings
        let control = settings.control
        var edits: [(TuningChange, String)] = []
        func edit(
            _ kind: TuningChange.Kind, _ key: ControlKey, from: String?, to value: String, element: String? = nil,
            _ summary: String
        ) {
            edits.append(
                (
                    TuningChange(
                        kind: kind, key: key.rawValue, from: from, to: value, element: element, summary: summary),
                    settings.replacingValue(of: key, with: value)
                ))
        }
        let written = control.flags.written ?? ""
        func flagsEdit(_ kind: TuningChange.Kind, _ element: String, _ summary: String) {
            edit(
                kind, .flags, from: control.flags.written, to: written.isEmpty ? element : written + "," + element,
                element: element, summary)
        }
        let mask = control.flags.mask ?? .none
        for auditClass in tunableClasses {
            let bits = auditClass.mask
            let success = mask.success & bits == bits
            let failure = mask.failure & bits == bits
            let name = auditClass.name
            let what = auditClass.description.isEmpty ? name : auditClass.description
            if !success && !failure { flagsEdit(.addClass, name, "add \(name) to flags (\(what))") }
            if !success { flagsEdit(.addClass, "+" + name, "add +\(name) to flags (successful \(what))") }
            if !failure { flagsEdit(.addClass, "-" + name, "add -\(name) to flags (failed \(what))") }
            if success && failure { flagsEdit(.exclude, "^" + name, "exclude ^\(name) from flags (\(what))") }
            if success { flagsEdit(.exclude, "^+" + name, "exclude ^+\(name) from flags (successful \(what))") }
            if failure { flagsEdit(.exclude, "^-" + name, "exclude ^-\(name) from flags (failed \(what))") }
        }
        if !settings.policy.contains(.argv) {
            let names = (control.policy.isValid ? settings.policy.names : ["cnt"]) + ["argv"]
            edit(
                .addArgv, .policy, from: control.policy.written, to: names.joined(separator: ","), element: "argv",
                "add argv to policy (exec arguments in exec records)")
        }
        let filesz = control.filesz
        let rotations = current.projection.rotationsPerDay
        let perDay = current.projection.bytesPerDay
        if filesz.effectiveBytes == 0 || rotations > 24 || (rotations < 1 && perDay / 4 >= 512 * 1024) {
            let value = Self.rotationSize(bytesPerDay: perDay, budget: model.constraints.budgetBytes)
            edit(
                .filesz, .filesz, from: filesz.written, to: value, "set filesz to \(value) (rotate about every 6 hours)"
            )
        }
        let trail = max(Int64(clamping: filesz.effectiveBytes), 512 * 1024)
        for value in Self.expireValues(
            retentionSeconds: model.constraints.retentionSeconds,
            budgetBytes: model.constraints.budgetBytes, filesz: trail)
        where value != control.expireAfter.written {
            edit(
                .expireAfter, .expireAfter, from: control.expireAfter.written, to: value, "set expire-after to \(value)"
            )
        }
        return edits
    }

    /// Classes a step may add or exclude: a non-empty mask that is not every class, one per mask.
    var tunableClasses: [AuditClass] {
        var seen = Set<UInt32>()
        return model.classes.classes.filter { $0.mask != 0 && $0.mask != .max && seen.insert($0.mask).inserted }
    }

    /// A `filesz` value that rotates about every 6 hours: a power of two MiB from 1M, at
    /// most an eighth of the budget (never below libbsm's 512K minimum).
    static func rotationSize(bytesPerDay: Double, budget: Int64) -> String {
        let target = max(bytesPerDay / 4, 1)
        var mib: Int64 = 1
        while Double(mib * 2 << 20) <= target, mib < 1 << 20 { mib *= 2 }
        while mib > 1, mib << 20 > budget / 8 { mib /= 2 }
        return mib == 1 && budget / 8 < 1 << 20 ? "512K" : "\(mib)M"
    }

    /// `expire-after` values that keep `retention`: the age alone, the age OR a size cap of
    /// the budget less two trails (whole G or M, rounded down), and that size alone.
    static func expireValues(retentionSeconds: Double, budgetBytes: Int64, filesz: Int64) -> [String] {
        let age: String
        if retentionSeconds.truncatingRemainder(dividingBy: 86_400) == 0 {
            age = "\(Int(saturating: retentionSeconds / 86_400))d"
        } else if retentionSeconds.truncatingRemainder(dividingBy: 3_600) == 0 {
            age = "\(Int(saturating: retentionSeconds / 3_600))h"
        } else {
            age = "\(Int(saturating: retentionSeconds.rounded(.up)))s"
        }
        var values = [age]
        // A filesz of `-1` wraps to 2^64 − 1 (clamped to Int64.max): no room for a size cap.
        let cap = budgetBytes.subtractingSaturating(filesz.multipliedSaturating(by: 2))
        if cap >= 1 << 20 {
            let size = cap >= 1 << 30 ? "\(cap >> 30)G" : "\(cap >> 20)M"
            values += ["\(age) OR \(size)", size]
        }
        return values
    }

    // MARK: Scoring

    /// The profile's requirements, or none.
    func complianceRequirements() -> [ComplianceRequirement] {
        guard let name = model.constraints.complianceProfile, let profile = ComplianceProfile(rawValue: name) else {
            return []
        }
        return profile.requirements()
    }

    func metRequirements(_ settings: TuningSettings, _ requirements: [ComplianceRequirement]) -> Set<String> {
        guard !requirements.isEmpty else { return [] }
        let input = settings.complianceInput(classes: model.classes)
        return Set(requirements.filter { $0.evaluate(input).status == .pass }.map(\.id))
    }

    /// Coverage points of a mask: half a class's weight for each audited half.
    func coverage(_ mask: AuditMask) -> Double {
        tunableClasses.reduce(0) { total, auditClass in
            let weight = Self.classWeights[auditClass.name] ?? 1
            let bits = auditClass.mask
            return total + (mask.success & bits == bits ? weight / 2 : 0)
                + (mask.failure & bits == bits ? weight / 2 : 0)
        }
    }

    func score(
        change: TuningChange, from current: TuningModel.Evaluation, to next: TuningModel.Evaluation,
        currentBroken: [String], broken: [String], requirementDelta: Int
    ) -> (gain: Double, cost: Double) {
        let constraints = model.constraints
        var gain = Double(requirementDelta) * Self.requirementPoints
        gain +=
            coverage(next.settings.control.flags.mask ?? .none) - coverage(current.settings.control.flags.mask ?? .none)
        if change.kind == .addArgv {
            let exec = model.classes.lookup("ex")?.mask ?? 0
            let audited = (next.settings.control.flags.mask?.success ?? 0) & exec != 0 && exec != 0
            gain += audited ? Self.argvPoints : 1
        }
        gain += Double(currentBroken.filter { !broken.contains($0) }.count) * Self.constraintPoints
        let before = current.projection
        let after = next.projection
        if change.kind == .filesz, !(1...24).contains(before.rotationsPerDay), (1...24).contains(after.rotationsPerDay)
        {
            gain += Self.rotationPoints
        }
        if change.kind == .expireAfter || change.kind == .filesz {
            let ratio = headroom(next.settings) / headroom(current.settings)
            gain += min(Self.headroomCap, max(-Self.headroomCap, Self.headroomPoints * log2(ratio)))
        }
        let retentionDays = max(constraints.retentionSeconds / 86_400, 1.0 / 24)
        let allowance = max(Double(constraints.budgetBytes) / retentionDays, 1)
        var cost = Self.volumeCostPoints * (after.bytesPerDay - before.bytesPerDay) / allowance
        let margin = 2 * retentionDays
        cost +=
            Self.retentionCostPoints * max(0, min(before.historyDays, margin) - min(after.historyDays, margin))
            / retentionDays
        cost +=
            Self.diskRiskPoints * Double(after.peakAuditBytes - before.peakAuditBytes)
            / Double(max(constraints.budgetBytes, 1))
        if after.outcome == .lowSpace, before.outcome == .ok { cost += Self.lowSpacePoints }
        if change.kind == .expireAfter, Self.hasSizeCap(current.settings), !Self.hasSizeCap(next.settings) {
            cost += Self.uncappedPoints
        }
        return (gain, cost)
    }

    /// The most bytes per day a configuration can write while keeping the retention inside
    /// the budget, as its expiry bounds it: the size cap (or, without one, the budget)
    /// spread over the retention or the age term, whichever is longer; without expiry,
    /// the budget spread over the horizon.
    func headroom(_ settings: TuningSettings) -> Double {
        let c = model.constraints
        guard let configuration = try? settings.capacityConfiguration() else { return 1 }
        let expire = configuration.expireAfter
        let budget = Double(c.budgetBytes)
        let size = expire.sizeBytes.flatMap { $0 > 0 ? Double($0) : nil }
        let age = expire.ageSeconds.flatMap { $0 > 0 ? $0 : nil }
        let expires = expire.combinator == .and ? size != nil && age != nil : size != nil || age != nil
        guard expires, configuration.filesz > 0 else { return max(budget / c.horizonSeconds * 86_400, 1) }
        let days = max(c.retentionSeconds, expire.combinator == .or ? age ?? 0 : 0) / 86_400
        let bytes = expire.combinator == .or ? min(size ?? budget, budget) : budget
        return max(bytes / max(days, 1.0 / 24), 1)
    }

    /// Whether expiry bounds the trails' total size (a size term that deletes on its own).
    static func hasSizeCap(_ settings: TuningSettings) -> Bool {
        let expire = settings.control.expireAfter
        return (expire.sizeBytes ?? 0) > 0 && expire.combinator != .and
    }

    /// Classes whose bytes per day grow most from `before` to `after` (calibrated), at most 3.
    func growth(from before: CandidateEstimate, to after: CandidateEstimate) -> [(name: String, bytesPerDay: Double)] {
        let span = model.profile.spanSeconds
        guard span > 0 else { return [] }
        let scale = 86_400 / span * model.calibrationFactor
        return after.byClass.compactMap { name, share -> (String, Double)? in
            let delta = Double(share.bytes.subtractingSaturating(before.byClass[name]?.bytes ?? 0)) * scale
            return delta > 0 ? (name, delta) : nil
        }.sorted { ($1.1, $0.0) < ($0.1, $1.0) }.prefix(3).map { $0 }
    }
}
