import Foundation

/// Ranks the next steps of a tuning session and picks one.
///
/// Candidates, each one step from the value in force (``TuningSettings/replacingValue(of:with:)``):
/// - a class added to `flags`, whole (`nt`) or by half (`+nt` success only, `-nt` failure only),
///   when that half is not audited yet;
/// - an exclusion of an audited class half (`^-fa`, `^+fa`, or `^fa` for both);
/// - `argv` added to `policy`;
/// - on a file that never rotates (`filesz` 0 or missing): `filesz` and an `expire-after`
///   together, as one step (``TuningChange/Kind/rotation``), or `filesz` alone when
///   `expire-after` already deletes something; `expire-after` alone is not offered, since
///   without rotation auditd never runs expiry;
/// - on a file that rotates: a `filesz` that rotates about every 6 hours when rotation happens
///   more than once an hour or less than once a day, and an `expire-after` that keeps the
///   retention: `Nd`, `Nd OR S` with S the budget less two trails, or S alone.
///
/// A candidate that changes nothing auditd does (the same masks, policy and capacity
/// settings) is dropped. Each other is projected (``TuningModel``) and scored `gain − cost`
/// (Docs/tuning.md explains each term):
///
/// | gain | points |
/// |---|---|
/// | a compliance requirement newly met | +12 |
/// | a class half newly audited (no longer audited) | ± half of the class weight, ``classWeights`` |
/// | `argv` | 10 when exec is audited (`ex` or `pc`, either half), else 1 |
/// | a constraint (disk, retention, budget) newly met | +20 each |
/// | rotation brought between once an hour and once a day | +3 |
/// | room to grow (`expire-after`, `filesz`): the bytes/day the expiry allows within retention and budget | 2 × log2(after ÷ before), within ±12 |
///
/// | cost | points |
/// |---|---|
/// | volume | 10 × Δ bytes/day ÷ the daily allowance (budget ÷ retention days) |
/// | history lost | 5 × days lost below the retention ÷ retention days, + 1 × days lost beyond it (up to one retention more) ÷ retention days |
/// | disk risk | 10 × Δ peak ÷ budget, + 5 when the soft limit (low space) is newly reached, + 3 when `expire-after` loses its size cap |
/// | disk taken from other data | 20 × Δ peak ÷ the free disk at the start |
///
/// A candidate whose projection breaks the budget (trails that never stop growing included),
/// the retention or the disk (the capacity model's outcome worse than low space), or that
/// stops meeting a requirement of the compliance profile it met (evaluated on the effective
/// values; a retention requirement counts as met only when the file rotates, since expiry
/// runs at rotation) is never proposed; it is counted under what blocks it (`budget`,
/// `retention`, `disk`, `compliance`). The proposal is the allowed candidate with the highest
/// positive score (ties: fewer bytes per day, then its summary); when the current file breaks
/// a constraint and a rotation or expiry step repairs it, exclusions rank after such steps.
public struct TuningAdvisor: Sendable {
    /// Forensic weight of each class (success and failure together). Unlisted classes weigh 1.
    public static let classWeights: [String: Double] = [
        "lo": 10, "aa": 10, "ex": 8, "ad": 6, "pc": 4, "fm": 4, "fc": 4, "fd": 4, "fw": 4, "nt": 4,
        "ap": 3, "fr": 2, "na": 2, "fa": 1, "cl": 1, "ip": 1, "io": 1, "ot": 1,
    ]
    public static let requirementPoints = 12.0
    public static let constraintPoints = 20.0
    /// `argv` once exec is audited: about a class as valuable as `ex` itself.
    public static let argvPoints = 10.0
    public static let rotationPoints = 3.0
    public static let volumeCostPoints = 10.0
    public static let retentionCostPoints = 5.0
    /// History beyond the retention: worth little once the retention is met.
    public static let surplusHistoryPoints = 1.0
    /// The disk the trails take from other data, per whole free disk.
    public static let otherDataPoints = 20.0
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
        let currentEffect = Effect(current.settings)
        var ranked: [Candidate] = []
        var blocked: [Candidate] = []
        var seen = Set<String>()
        for (proposed, text) in candidateEdits(current) where seen.insert(text).inserted && text != config {
            let evaluation = try model.evaluate(text, runs: &runs)
            // A step that changes nothing auditd does is no step.
            guard Effect(evaluation.settings) != currentEffect else { continue }
            var broken = model.brokenConstraints(evaluation.projection)
            // Every candidate is checked against the profile: one that stops meeting a
            // requirement is never proposed, whatever it repairs.
            let met = metRequirements(evaluation.settings, requirements)
            if !currentMet.subtracting(met).isEmpty { broken.append("compliance") }
            var change = proposed
            change.summary = Self.label(
                change, filesz: evaluation.settings.control.filesz.effectiveBytes,
                bytesPerDay: evaluation.projection.bytesPerDay)
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
        // A repair prefers rotation and expiry to giving up coverage: when one of them
        // repairs the current configuration, exclusions rank after every such step.
        let expiryRepairs =
            !currentBroken.isEmpty && ranked.contains { Self.setsExpiry($0.change.kind) && $0.score > 0 }
        func demoted(_ candidate: Candidate) -> Int { expiryRepairs && candidate.change.kind == .exclude ? 1 : 0 }
        ranked.sort {
            (demoted($0), $1.score, $0.projection.bytesPerDay, $1.change.summary) < (
                demoted($1), $0.score, $1.projection.bytesPerDay, $0.change.summary
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
        let expire = control.expireAfter
        let rotations = current.projection.rotationsPerDay
        let perDay = current.projection.bytesPerDay
        let size = Self.rotationSize(bytesPerDay: perDay, budget: model.constraints.budgetBytes)
        func expireValues(trail: Int64) -> [String] {
            Self.expireValues(
                retentionSeconds: model.constraints.retentionSeconds, budgetBytes: model.constraints.budgetBytes,
                filesz: max(trail, 512 * 1024)
            ).filter { $0 != expire.written }
        }
        if filesz.effectiveBytes == 0 {
            // Without rotation auditd never runs expiry: rotation comes with an expiry that
            // deletes, in one step, or alone when the expiry in force already deletes.
            if expire.expiresAnything {
                edit(.filesz, .filesz, from: filesz.written, to: size.text, "set filesz to \(size.text)")
            }
            let rotating = model.settings(settings.replacingValue(of: .filesz, with: size.text))
            for value in expireValues(trail: size.bytes) {
                edits.append(
                    (
                        TuningChange(
                            kind: .rotation, key: ControlKey.filesz.rawValue, from: filesz.written, to: size.text,
                            element: nil, summary: "set filesz to \(size.text) and expire-after to \(value)",
                            further: [
                                TuningChange.Edit(key: ControlKey.expireAfter.rawValue, from: expire.written, to: value)
                            ]),
                        rotating.replacingValue(of: .expireAfter, with: value)
                    ))
            }
            return edits
        }
        if rotations > 24 || (rotations < 1 && perDay / 4 >= 512 * 1024) {
            edit(.filesz, .filesz, from: filesz.written, to: size.text, "set filesz to \(size.text)")
        }
        for value in expireValues(trail: Int64(clamping: filesz.effectiveBytes)) {
            edit(.expireAfter, .expireAfter, from: expire.written, to: value, "set expire-after to \(value)")
        }
        return edits
    }

    /// What auditd does with a configuration: the masks, the policy and the capacity
    /// settings in force. Two texts with the same effect are the same step.
    struct Effect: Hashable {
        var flags: AuditMask?
        var naflags: AuditMask?
        var policy: AuditPolicy
        var capacity: CapacityConfiguration?

        init(_ settings: TuningSettings) {
            flags = settings.control.flags.mask
            naflags = settings.control.naflags.mask
            policy = settings.policy
            capacity = try? settings.capacityConfiguration()
        }
    }

    /// The step's summary with what its projection implies: a new `filesz` says how often
    /// the trails rotate at the projected bytes per day.
    static func label(_ change: TuningChange, filesz: UInt64, bytesPerDay: Double) -> String {
        guard change.kind == .filesz || change.kind == .rotation, filesz > 0 else { return change.summary }
        let interval =
            bytesPerDay > 0
            ? "rotate about every \(Quantity.formatDuration(Double(filesz) / bytesPerDay * 86_400))"
            : "nothing written, so no rotation"
        let head = "set filesz to \(change.to) (\(interval))"
        guard let expire = change.further?.first else { return head }
        return head + " and \(expire.key) to \(expire.to)"
    }

    /// Classes a step may add or exclude: a non-empty mask that is not every class, one per mask.
    var tunableClasses: [AuditClass] {
        var seen = Set<UInt32>()
        return model.classes.classes.filter { $0.mask != 0 && $0.mask != .max && seen.insert($0.mask).inserted }
    }

    /// A `filesz` value that rotates about every 6 hours: a power of two MiB from 1M, at
    /// most an eighth of the budget (never below libbsm's 512K minimum). At a low rate even
    /// 1M rotates far less often; the step's label says how often (``label(_:filesz:bytesPerDay:)``).
    static func rotationSize(bytesPerDay: Double, budget: Int64) -> (text: String, bytes: Int64) {
        let target = max(bytesPerDay / 4, 1)
        var mib: Int64 = 1
        while Double(mib * 2 << 20) <= target, mib < 1 << 20 { mib *= 2 }
        while mib > 1, mib << 20 > budget / 8 { mib /= 2 }
        return mib == 1 && budget / 8 < 1 << 20 ? ("512K", 512 << 10) : ("\(mib)M", mib << 20)
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

    /// The requirements `settings` meets, evaluated on the effective values. A retention
    /// requirement counts only when the trails rotate: auditd runs expiry at rotation, so
    /// an `expire-after` on a file that never rotates keeps nothing in check.
    func metRequirements(_ settings: TuningSettings, _ requirements: [ComplianceRequirement]) -> Set<String> {
        guard !requirements.isEmpty else { return [] }
        let input = settings.complianceInput(classes: model.classes)
        let rotates = settings.control.filesz.effectiveBytes > 0
        return Set(
            requirements.filter { requirement in
                if case .retention = requirement.check, !rotates { return false }
                return requirement.evaluate(input).status == .pass
            }.map(\.id))
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
            gain += execAudited(next.settings) ? Self.argvPoints : 1
        }
        gain += Double(currentBroken.filter { !broken.contains($0) }.count) * Self.constraintPoints
        let before = current.projection
        let after = next.projection
        let expiry = Self.setsExpiry(change.kind)
        if change.kind != .expireAfter, expiry, !(1...24).contains(before.rotationsPerDay),
            (1...24).contains(after.rotationsPerDay)
        {
            gain += Self.rotationPoints
        }
        if expiry {
            let ratio = headroom(next.settings) / headroom(current.settings)
            gain += min(Self.headroomCap, max(-Self.headroomCap, Self.headroomPoints * log2(ratio)))
        }
        let retentionDays = max(constraints.retentionSeconds / 86_400, 1.0 / 24)
        let allowance = max(Double(constraints.budgetBytes) / retentionDays, 1)
        var cost = Self.volumeCostPoints * (after.bytesPerDay - before.bytesPerDay) / allowance
        // History up to the retention is what was asked for; beyond it, worth little.
        func history(_ days: Double) -> Double {
            (Self.retentionCostPoints * min(days, retentionDays)
                + Self.surplusHistoryPoints * min(max(days - retentionDays, 0), retentionDays)) / retentionDays
        }
        cost += max(0, history(before.historyDays) - history(after.historyDays))
        let peakDelta = Double(after.peakAuditBytes) - Double(before.peakAuditBytes)
        cost += Self.diskRiskPoints * peakDelta / Double(max(constraints.budgetBytes, 1))
        cost += Self.otherDataPoints * peakDelta / Double(max(constraints.diskFree, 1))
        if after.outcome == .lowSpace, before.outcome == .ok { cost += Self.lowSpacePoints }
        if change.kind == .expireAfter || change.kind == .rotation, Self.hasSizeCap(current.settings),
            !Self.hasSizeCap(next.settings)
        {
            cost += Self.uncappedPoints
        }
        return (gain, cost)
    }

    /// Whether a step of this kind changes rotation or expiry.
    static func setsExpiry(_ kind: TuningChange.Kind) -> Bool {
        kind == .filesz || kind == .expireAfter || kind == .rotation
    }

    /// Whether exec records are written: `ex` or `pc` (both hold execve) audited on either half.
    func execAudited(_ settings: TuningSettings) -> Bool {
        let mask = settings.control.flags.mask ?? .none
        return ["ex", "pc"].contains { name in
            guard let bits = model.classes.lookup(name)?.mask, bits != 0 else { return false }
            return (mask.success | mask.failure) & bits != 0
        }
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
