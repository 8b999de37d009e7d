/// The audit settings a capacity question simulates: an audit_control's effective values
/// (or the stock audit_control's), with the values given on the command line over them.
///
/// `report` maps its options to this and makes one call; option names in its errors are the
/// command line's (`--policy`).
public struct AuditSettingsRequest: Sendable {
    public var filesz: Int64?
    public var minfree: Int?
    public var expireAfterAgeSeconds: Double?
    public var expireAfterSizeBytes: Int64?
    public var expireCombinator: ExpireAfter.Combinator?
    /// A policy as written in audit_control (`cnt,argv`), read as libbsm reads `policy:`.
    public var policy: String?
    public var qsize: Int?

    public init(
        filesz: Int64? = nil, minfree: Int? = nil, expireAfterAgeSeconds: Double? = nil,
        expireAfterSizeBytes: Int64? = nil,
        expireCombinator: ExpireAfter.Combinator? = nil, policy: String? = nil, qsize: Int? = nil
    ) {
        self.filesz = filesz
        self.minfree = minfree
        self.expireAfterAgeSeconds = expireAfterAgeSeconds
        self.expireAfterSizeBytes = expireAfterSizeBytes
        self.expireCombinator = expireCombinator
        self.policy = policy
        self.qsize = qsize
    }

    /// Whether any setting was given.
    public var isEmpty: Bool {
        filesz == nil && minfree == nil && expireAfterAgeSeconds == nil && expireAfterSizeBytes == nil
            && expireCombinator == nil && policy == nil && qsize == nil
    }

    static let stockNote =
        "the stock audit_control values (filesz:2M, expire-after:10M, minfree:5, policy:cnt,argv, qsize 100)"

    /// The settings to simulate and a note saying where they come from.
    ///
    /// - Throws: ``AuditLintError/invalidInput(_:)`` when `control`'s minfree keeps auditd
    ///   from starting, or the policy given is not one libbsm accepts.
    public func resolve(control: AuditControl?, dialect: Dialect) throws -> (
        settings: CapacityConfiguration, note: String
    ) {
        var config = CapacityConfiguration.stock
        let note: String
        if let control {
            guard let effective = CapacityConfiguration(control: control) else {
                throw AuditLintError.invalidInput(
                    "\(control.path): minfree is missing or invalid, so auditd would not start and writes no trail; fix it first (`auditlint lint \(control.path)` shows how)"
                )
            }
            config = effective
            note =
                "audit settings: the effective values of \(control.path) (\(dialect.rawValue) dialect)"
                + (isEmpty ? "" : ", overridden by the options given")
        } else {
            note = isEmpty ? "audit settings: \(Self.stockNote)" : "audit settings not given use \(Self.stockNote)"
        }
        if let filesz { config.filesz = filesz }
        if let minfree { config.minfree = minfree }
        if expireAfterAgeSeconds != nil || expireAfterSizeBytes != nil {
            config.expireAfter = ExpireAfter(ageSeconds: expireAfterAgeSeconds, sizeBytes: expireAfterSizeBytes)
        }
        if let expireCombinator { config.expireAfter.combinator = expireCombinator }
        if let policy {
            // Read as libbsm reads a `policy:` line, so the option means what the file would.
            let setting = AuditControl.parse(
                SourceText(path: "--policy", text: "policy:\(policy)\n"), dialect: dialect, classes: .builtIn(dialect)
            ).policy
            if let explanation = setting.explanation {
                throw AuditLintError.invalidInput("--policy \(policy): \(explanation); write names such as cnt,argv")
            }
            config.cnt = setting.effective.contains(.cnt)
            config.ahlt = setting.effective.contains(.ahlt)
        }
        if let qsize { config.qsize = qsize }
        return (config, note)
    }
}
