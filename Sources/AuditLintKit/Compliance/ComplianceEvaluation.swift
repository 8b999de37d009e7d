/// Whether a requirement is met.
public enum ComplianceStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case pass
    case fail
    case notApplicable = "not-applicable"
}

/// The verdict on one requirement: the real status on the effective values, the reason
/// (which states the effective value), and what the literal checker would say.
public struct ComplianceResult: Sendable, Hashable {
    /// The requirement evaluated.
    public var requirement: ComplianceRequirement
    /// The verdict on the effective values.
    public var status: ComplianceStatus
    /// Why, stating the effective value; when the literal check disagrees it starts with
    /// "passes the literal check but not the real one:" or "fails the literal check but
    /// passes the real one:".
    public var reason: String
    /// The literal checker's verdict; nil when there is no literal check (or the
    /// requirement is not applicable).
    public var literalCheck: Bool?

    public init(requirement: ComplianceRequirement, status: ComplianceStatus, reason: String, literalCheck: Bool?) {
        self.requirement = requirement
        self.status = status
        self.reason = reason
        self.literalCheck = literalCheck
    }
}

extension ComplianceRequirement {
    /// Evaluates the requirement on `input`, and its literal check on the raw text.
    public func evaluate(_ input: ComplianceInput) -> ComplianceResult {
        let (status, real) = realVerdict(input)
        guard status != .notApplicable, let literal = literalCheck else {
            return ComplianceResult(requirement: self, status: status, reason: real, literalCheck: nil)
        }
        let outcome = literal.evaluate(input.controlText)
        let printed = outcome.output.isEmpty ? "nothing" : "`\(outcome.output)`"
        let detail =
            "the literal check `\(literal.command)` prints \(printed)"
            + (outcome.passed ? "" : " where `\(literal.expected)` is expected")
        let reason: String
        switch (status, outcome.passed) {
        case (.fail, true): reason = "passes the literal check but not the real one: \(real); \(detail)"
        case (.pass, false): reason = "fails the literal check but passes the real one: \(real); \(detail)"
        default: reason = real
        }
        return ComplianceResult(requirement: self, status: status, reason: reason, literalCheck: outcome.passed)
    }

    private func realVerdict(_ input: ComplianceInput) -> (ComplianceStatus, String) {
        switch check {
        case .flags(let name, let half):
            Self.mask(input.flags, key: "flags", className: name, half: half, classes: input.classes)
        case .naflags(let name, let half):
            Self.mask(input.naflags, key: "naflags", className: name, half: half, classes: input.classes)
        case .halt, .continueOnFailure:
            Self.failureMode(input.policy, halt: check == .halt)
        case .retention(let target):
            Self.retention(input.expireAfter, target: target)
        case .minfree(let minimum):
            Self.minfree(input.minfree, minimum: minimum)
        case .rotation(let minimum):
            Self.rotation(input.filesz, minimum: minimum)
        case .notRequired(let why):
            (.notApplicable, why)
        }
    }

    private static func mask(
        _ setting: ComplianceInput.KeyState<AuditMask>, key: String, className: String,
        half: AuditFlags.Half, classes: AuditClassTable
    ) -> (ComplianceStatus, String) {
        let need =
            switch half {
            case .both: "`\(className)` on success and failure"
            case .failure: "failed `\(className)`"
            case .success: "successful `\(className)`"
            }
        let mask: AuditMask
        switch setting {
        case .missing:
            return (
                .fail,
                key == "flags"
                    ? "there is no `flags` line, so login sessions get no system audit mask and \(need) is not audited"
                    : "there is no `naflags` line, so the kernel's non-attributable mask is empty and \(need) is not audited"
            )
        case .invalid(let why):
            return (
                .fail,
                key == "flags"
                    ? "libbsm rejects this flags string (\(why)), so au_user_mask() fails, login sessions get no system audit mask and \(need) is not audited"
                    : "libbsm rejects this naflags string (\(why)), so auditd leaves the kernel's non-attributable mask unchanged (empty at boot) and \(need) is not audited"
            )
        case .valid(let value):
            mask = value
        }
        guard let bits = classes.lookup(className)?.mask, bits != 0 else {
            return (.fail, "audit_class has no class `\(className)`, so \(key) cannot select \(need)")
        }
        let success = mask.success & bits == bits
        let failure = mask.failure & bits == bits
        let selected =
            switch (success, failure) {
            case (true, true): "on success and failure"
            case (true, false): "on success only"
            case (false, true): "on failure only"
            case (false, false): "on neither success nor failure"
            }
        let met =
            switch half {
            case .both: success && failure
            case .failure: failure
            case .success: success
            }
        var reason = "effective \(key) select `\(className)` \(selected)"
        switch (met, half) {
        case (true, .both): reason += ", as required"
        case (true, _): reason += ", so \(need) is audited"
        case (false, _): reason += ", so \(need) is not audited"
        }
        if !met, className == "ex", let pc = classes.lookup("pc")?.mask, pc != 0, mask.failure & pc == pc {
            reason +=
                " (`-pc` selects exec events too where audit_event puts them in `pc`, but the requirement names class `ex`)"
        }
        return (met ? .pass : .fail, reason)
    }

    private static func failureMode(_ setting: ComplianceInput.KeyState<Set<String>>, halt: Bool) -> (
        ComplianceStatus, String
    ) {
        let policy: Set<String>
        let lead: String
        switch setting {
        case .missing:
            policy = ["cnt"]
            lead = "there is no `policy` line, so the kernel fell back to `cnt` only (auditd_set_policy)"
        case .invalid(let why):
            policy = ["cnt"]
            lead = "libbsm rejects this policy (\(why)), so the kernel fell back to `cnt` only (auditd_set_policy)"
        case .valid(let names):
            policy = names
            lead = "effective policy `\(render(names))`"
        }
        let cnt = policy.contains("cnt")
        let ahlt = policy.contains("ahlt")
        if halt {
            if ahlt && !cnt {
                return (.pass, lead + ": ahlt without cnt, so the system halts when audit records cannot be written")
            }
            // xnu and FreeBSD audit_worker.c (audit_record_write): with cnt there is no
            // pre-emptive fail-stop, but at the hard limit the write fails with ENOSPC and
            // audit_panic_on_write_fail (ahlt) panics: the system halts. The record that met
            // the full disk is lost; that cost is AC302's warning, not a failed requirement.
            if ahlt {
                return (
                    .pass,
                    lead
                        + ": the kernel panics when a trail write fails, a full disk included, so the system halts; with cnt the record that meets the full disk is lost (AC302)"
                )
            }
            if !cnt {
                return (
                    .fail,
                    lead
                        + ": without cnt the kernel fail-stops when the disk fills, but without ahlt any other trail write error only drops the record and the system keeps running"
                )
            }
            return (.fail, lead + ": without ahlt the system keeps running and drops audit records it cannot write")
        }
        if cnt && !ahlt {
            let lost = setting.value == nil ? "; any argv or arge written in the file is lost" : ""
            return (
                .pass,
                lead + ": cnt without ahlt, so the system keeps running and drops records when the disk fills" + lost
            )
        }
        if ahlt { return (.fail, lead + ": ahlt makes the kernel panic when an audit record cannot be written") }
        return (.fail, lead + ": without cnt the kernel stops the system (fail-stop) when audit space runs out")
    }

    /// Policy names in a stable order: cnt, ahlt, argv, arge, then the rest sorted.
    static func render(_ policy: Set<String>) -> String {
        let known = ["cnt", "ahlt", "argv", "arge"]
        let names = known.filter(policy.contains) + policy.subtracting(known).sorted()
        return names.joined(separator: ",")
    }

    private static func retention(_ setting: ComplianceInput.KeyState<ComplianceInput.Expiry>, target: RetentionTarget)
        -> (ComplianceStatus, String)
    {
        let asked = "\(target.source) asks for `\(target.text)` or longer"
        let expiry: ComplianceInput.Expiry
        switch setting {
        case .missing:
            return (
                .fail,
                "there is no `expire-after` line, so auditd never deletes trails: no retention policy is in effect (\(asked))"
            )
        case .invalid(let why):
            return (
                .fail,
                "libbsm rejects this expire-after value (\(why)), so auditd expires nothing: no retention policy is in effect (\(asked))"
            )
        case .valid(let value):
            expiry = value
        }
        let text = ComplianceText.expiry(expiry)
        if let why = expiry.neverApplied {
            return (
                .fail,
                "effective expire-after `\(text)` is never applied: \(why) (AC216): no retention policy is in effect (\(asked))"
            )
        }
        guard expiry.deletesAnything else {
            return (
                .fail,
                "effective expire-after `\(text)` never deletes a trail: no retention policy is in effect (\(asked))"
            )
        }
        var problems: [String] = []
        switch expiry.combinator {
        case .or:
            if let age = expiry.activeAge, age < 0 {
                // getacexpire stores the age signed; auditd_expire_trails' cutoff now − age
                // lies in the future, so every closed trail goes at the next rotation.
                problems.append(
                    "the age \(ComplianceText.age(age)) is negative, so every closed trail is deleted at the next rotation"
                )
            } else if let age = expiry.activeAge.map({ UInt64($0) }) {
                if let required = target.age {
                    if age < required {
                        problems.append(
                            "trails older than \(ComplianceText.age(age)) are deleted, \(target.text) keeps them \(ComplianceText.age(required))"
                        )
                    }
                } else {
                    problems.append("trails older than \(ComplianceText.age(age)) are deleted whatever the total size")
                }
            }
            if let size = expiry.activeSize {
                if let required = target.size {
                    if size < required {
                        problems.append(
                            "trails are deleted once they total \(ComplianceText.size(size)), \(target.text) keeps \(ComplianceText.size(required))"
                        )
                    }
                } else {
                    problems.append(
                        "trails are deleted once they total \(ComplianceText.size(size)) whatever their age, so no age is guaranteed"
                    )
                }
            }
        case .and:
            let age = UInt64(clamping: expiry.activeAge ?? 0)
            let size = expiry.activeSize ?? 0
            let ageCovered = target.age.map { age >= $0 } ?? false
            let sizeCovered = target.size.map { size >= $0 } ?? false
            if !ageCovered && !sizeCovered {
                let older =
                    (expiry.activeAge ?? 0) < 0
                    ? "trails of any age (a negative age)" : "trails older than \(ComplianceText.age(age))"
                problems.append(
                    "\(older) are deleted once they total \(ComplianceText.size(size)), which \(target.text) does not allow"
                )
            }
        }
        if problems.isEmpty {
            return (
                .pass,
                "effective expire-after `\(text)` never deletes a trail that `\(target.text)` keeps (\(target.source))"
            )
        }
        return (
            .fail,
            "effective expire-after `\(text)` deletes trails that `\(target.text)` keeps (\(target.source)): "
                + problems.joined(separator: "; ")
        )
    }

    private static func minfree(_ setting: ComplianceInput.KeyState<Int>, minimum: Int) -> (ComplianceStatus, String) {
        switch setting {
        case .missing:
            return (
                .fail,
                "there is no `minfree` line, so getacmin fails and auditd exits at startup (at least \(minimum)% required)"
            )
        case .invalid(let why):
            return (.fail, "auditd rejects this minfree (\(why)) and does not start (at least \(minimum)% required)")
        case .valid(let percent) where percent >= minimum && percent <= 100:
            return (
                .pass,
                "effective minfree \(percent)%: auditd warns when free space falls below \(percent)% (at least \(minimum)% required)"
            )
        case .valid(let percent):
            let effect =
                percent == 0
                ? "0 disables the low-space warning" : "auditd warns only when free space falls below \(percent)%"
            return (.fail, "effective minfree \(percent)%: \(effect) (at least \(minimum)% required)")
        }
    }

    private static func rotation(_ setting: ComplianceInput.KeyState<UInt64>, minimum: UInt64) -> (
        ComplianceStatus, String
    ) {
        switch setting {
        case .missing:
            return (
                .fail,
                "there is no `filesz` line, so the kernel keeps 0: trails rotate, and expire-after runs, only on `audit -n`"
            )
        case .invalid(let why):
            return (
                .fail,
                "libbsm rejects this filesz (\(why)), so the kernel keeps its previous value (0 at boot): trails rotate only on `audit -n`"
            )
        case .valid(0):
            return (.fail, "effective filesz 0: trails never rotate by size, so expire-after runs only on `audit -n`")
        case .valid(let bytes) where bytes < minimum:
            return (
                .fail,
                "effective filesz \(ComplianceText.size(bytes)) is below \(ComplianceText.size(minimum)), which libbsm and the kernel reject"
            )
        case .valid(let bytes):
            return (
                .pass,
                "effective filesz \(ComplianceText.size(bytes)): trails rotate at that size and expire-after runs at each rotation"
            )
        }
    }
}

/// Formats effective values as audit_control writes them.
enum ComplianceText {
    /// Seconds in the largest exact unit: `60d`, `12h`, `90s`, `-1d`.
    static func age(_ seconds: Int64) -> String {
        if seconds != 0, seconds % 86_400 == 0 { return "\(seconds / 86_400)d" }
        if seconds != 0, seconds % 3_600 == 0 { return "\(seconds / 3_600)h" }
        return "\(seconds)s"
    }

    /// The same for a requirement's (unsigned) age.
    static func age(_ seconds: UInt64) -> String { age(Int64(clamping: seconds)) }

    /// Bytes in the largest exact binary unit: `5G`, `512K`, `100B`.
    static func size(_ bytes: UInt64) -> String {
        for (unit, shift) in [("G", 30), ("M", 20), ("K", 10)] where bytes > 0 && bytes % (1 << UInt64(shift)) == 0 {
            return "\(bytes >> UInt64(shift))\(unit)"
        }
        return "\(bytes)B"
    }

    /// The expiry condition as `expire-after` would write it: `60d OR 5G`, `30d`.
    static func expiry(_ expiry: ComplianceInput.Expiry) -> String {
        let terms = [expiry.activeAge.map(age), expiry.activeSize.map(size)].compactMap { $0 }
        switch (terms.count, expiry.combinator) {
        case (0, _): return "0"
        case (1, .or): return terms[0]
        case (1, .and): return terms[0] + " AND 0"
        default: return terms.joined(separator: " \(expiry.combinator.rawValue) ")
        }
    }
}
