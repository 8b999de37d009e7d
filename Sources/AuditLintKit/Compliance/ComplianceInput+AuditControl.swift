extension ComplianceInput {
    /// The compliance input for a parsed audit_control: each key's effective value as
    /// ``AuditControl`` models it, `.invalid` with a short reason when libbsm, auditd or
    /// the kernel rejects the line, `.missing` when there is no line.
    public init(control: AuditControl, controlText: [UInt8], classes: AuditClassTable) {
        func flags(_ setting: FlagsSetting) -> KeyState<AuditMask> {
            guard setting.isPresent else { return .missing }
            if let mask = setting.mask { return .valid(mask) }
            switch setting.valueProblem {
            case .absent: return .invalid(reason: "the \(setting.key.rawValue) line has no value")
            case .tooLong(let length, let limit): return .invalid(reason: "\(length) bytes, over libbsm's \(limit)")
            case nil: break
            }
            let reasons =
                setting.parsed.map { parsed in parsed.problems.map { FlagsSetting.describe($0, in: parsed) } } ?? []
            return .invalid(reason: reasons.joined(separator: ", "))
        }
        let policy = control.policy
        let policySetting: KeyState<Set<String>>
        if !policy.isPresent {
            policySetting = .missing
        } else if let parsed = policy.parsed {
            policySetting =
                policy.kernelRejected.isEmpty
                ? .valid(Set(parsed.names))
                : .invalid(reason: "the kernel rejects \(policy.kernelRejected.names.joined(separator: ","))")
        } else {
            policySetting = .invalid(reason: policy.problems.map(policy.describe).joined(separator: "; "))
        }
        let expire = control.expireAfter
        let expireSetting: KeyState<Expiry> =
            !expire.isPresent
            ? .missing
            : expire.problem.map { .invalid(reason: expire.describe($0)) }
                ?? .valid(
                    Expiry(
                        age: expire.ageSeconds, size: expire.sizeBytes,
                        combinator: expire.combinator == .and ? .and : .or,
                        neverApplied: control.hostStopsExpiry ? AuditControl.hostStopsExpiryNote : nil))
        let minfree = control.minfree
        let minfreeSetting: KeyState<Int> =
            !minfree.isPresent
            ? .missing
            : minfree.effectivePercent.map { .valid($0) }
                ?? .invalid(reason: minfree.percent.map { "\($0) is outside 0–100" } ?? "the minfree line has no value")
        let filesz = control.filesz
        let fileszSetting: KeyState<UInt64> =
            !filesz.isPresent
            ? .missing
            : filesz.problem.map { .invalid(reason: filesz.describe($0)) } ?? .valid(filesz.effectiveBytes)
        self.init(
            controlText: controlText,
            classes: classes,
            flags: flags(control.flags),
            naflags: flags(control.naflags),
            policy: policySetting,
            expireAfter: expireSetting,
            minfree: minfreeSetting,
            filesz: fileszSetting
        )
    }
}
