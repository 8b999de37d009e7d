import Foundation

/// What a fleet report asks of every host: the configuration to judge (a candidate
/// audit_control, or each host's own), the period and requirements, and the disk to assume
/// for profiles that record none.
public struct FleetRequest: Sendable {
    /// The candidate audit_control as read in each dialect (nil: each host's own, from its
    /// profile's ``HostFacts/auditControl``). A dialect whose reading failed holds the error,
    /// reported for each host of that dialect.
    public var candidate: [Dialect: Result<AuditControl, AuditLintError>]?
    /// The dialect of profiles that record none (older profiles).
    public var fallbackDialect: Dialect
    /// The disk of profiles that record none: size and free space (both or neither), block size.
    public var fallbackDiskSize: Int64?
    public var fallbackDiskFree: Int64?
    public var fallbackBlockSize: Int64?
    /// Non-audit growth per day on every host.
    public var otherGrowthPerDay: Int64
    /// The simulated time and its start (UTC seconds since the epoch).
    public var horizonSeconds: Double
    public var startEpoch: Int64
    /// The retention and budget every host must meet.
    public var requirements: CapacityRequirements

    public init(
        candidate: [Dialect: Result<AuditControl, AuditLintError>]?, fallbackDialect: Dialect = .macos,
        fallbackDiskSize: Int64? = nil, fallbackDiskFree: Int64? = nil, fallbackBlockSize: Int64? = nil,
        otherGrowthPerDay: Int64 = 0, horizonSeconds: Double = 90 * 86_400,
        startEpoch: Int64 = CapacityAssumptions.defaultStartEpoch,
        requirements: CapacityRequirements = CapacityRequirements()
    ) {
        self.candidate = candidate
        self.fallbackDialect = fallbackDialect
        self.fallbackDiskSize = fallbackDiskSize
        self.fallbackDiskFree = fallbackDiskFree
        self.fallbackBlockSize = fallbackBlockSize
        self.otherGrowthPerDay = otherGrowthPerDay
        self.horizonSeconds = horizonSeconds
        self.startEpoch = startEpoch
        self.requirements = requirements
    }
}

/// Runs the capacity model for each host of a fleet, one profile at a time.
///
/// Each host goes the way `auditlint report` goes for one host: the candidate's settings
/// through ``AuditSettingsRequest``, the host's profile replayed through the candidate by
/// ``VolumeRequest`` (with the candidate's tables, loaded once per dialect), the host's disk
/// into ``CapacityInputs``, and ``CapacityReport/evaluating(_:requirements:notes:volumeSource:)``
/// for the verdict, so a host's verdict is the one `report` gives for it alone. Only the
/// per-host summary (``FleetHost``) is kept.
public struct FleetEvaluator: Sendable {
    public let request: FleetRequest

    /// What one dialect evaluates hosts with: the candidate (nil: each host's own), its
    /// settings, and the tables a sample is classified with.
    struct Context: Sendable {
        var control: AuditControl?
        var configuration: CapacityConfiguration?
        var setup: EstimateSetup
    }

    private let contexts: [Dialect: Result<Context, AuditLintError>]

    /// Prepares the candidate's settings and tables for each dialect.
    public init(request: FleetRequest) {
        self.request = request
        var contexts: [Dialect: Result<Context, AuditLintError>] = [:]
        for dialect in Dialect.allCases {
            contexts[dialect] = Result { () throws(AuditLintError) -> Context in
                do {
                    guard let candidate = request.candidate else {
                        let setup = try EstimateSetup.load(controlPath: nil, eventsPath: nil, dialect: dialect)
                        return Context(control: nil, configuration: nil, setup: setup)
                    }
                    let control = try candidate[dialect, default: .failure(.invalidInput("no candidate"))].get()
                    let (configuration, _) = try AuditSettingsRequest().resolve(control: control, dialect: dialect)
                    let setup = try EstimateSetup.load(controlPath: control.path, eventsPath: nil, dialect: dialect)
                    return Context(control: control, configuration: configuration, setup: setup)
                } catch let error as AuditLintError {
                    throw error
                } catch {
                    throw AuditLintError.invalidInput("\(error)")
                }
            }
        }
        self.contexts = contexts
    }

    /// The host whose profile is the file at `path` (read, checked, evaluated); a file that
    /// cannot be read or evaluated gives a host with a ``FleetHost/problem``.
    public func evaluate(file path: String) -> FleetHost {
        do {
            return evaluate(try VolumeProfile.read(path: path), file: path)
        } catch {
            return FleetHost(file: path, name: Self.fileStem(path), problem: FleetHost.Problem(error))
        }
    }

    /// The host `profile` describes, read from `file`.
    public func evaluate(_ profile: VolumeProfile, file: String) -> FleetHost {
        let facts = profile.host
        var host = FleetHost(
            file: file,
            name: facts?.name ?? (profile.hosts.isEmpty ? Self.fileStem(file) : profile.hosts.joined(separator: ",")))
        host.dialect = facts?.dialect ?? request.fallbackDialect
        host.configHash = facts?.auditControl?.sha256
        host.configPath = facts?.auditControl?.path
        host.lastTime = profile.lastTime
        do {
            host.evaluation = try evaluation(profile, file: file, facts: facts, dialect: host.dialect)
        } catch {
            host.problem = FleetHost.Problem(error)
        }
        return host
    }

    /// The capacity report for one host and the summary kept of it.
    func evaluation(_ profile: VolumeProfile, file: String, facts: HostFacts?, dialect: Dialect) throws
        -> FleetHost.Evaluation
    {
        let (report, resolved) = try capacityReport(profile, file: file, facts: facts, dialect: dialect)
        return FleetHost.Evaluation(report: report, estimate: resolved.estimate, spanSeconds: profile.spanSeconds)
    }

    /// The capacity report `auditlint report` gives for this host alone, and the volume it replayed.
    public func capacityReport(_ profile: VolumeProfile, file: String, facts: HostFacts?, dialect: Dialect) throws
        -> (report: CapacityReport, volume: VolumeRequest.Resolved)
    {
        let context = try contexts[dialect, default: .failure(.invalidInput("unknown dialect"))].get()
        var volumeRequest = VolumeRequest(volumeProfiles: [file])
        volumeRequest.sampleProfile = profile
        let configuration: CapacityConfiguration
        let resolved: VolumeRequest.Resolved
        if let control = context.control, let candidate = context.configuration {
            configuration = candidate
            resolved = try volumeRequest.resolve(control: control, dialect: dialect, setup: context.setup)
        } else {
            guard let own = facts?.auditControl else {
                throw AuditLintError.invalidInput(
                    "the profile records no audit_control; give a candidate with --audit-control, or save the profile with `auditlint estimate --audit-control /etc/security/audit_control --save-profile`"
                )
            }
            guard let settings = own.settings.capacityConfiguration else {
                throw AuditLintError.invalidInput(
                    "the host's audit_control (\(own.path)) has minfree missing or invalid, so auditd would not start and writes no trail; fix it first (`auditlint lint` shows how)"
                )
            }
            configuration = settings
            resolved = try volumeRequest.resolve(
                candidate: own.settings.candidate(label: own.path), setup: context.setup)
        }
        let disk = try self.disk(facts)
        let inputs = CapacityInputs(
            configuration: configuration, diskSize: disk.size, freeAtStart: disk.free, blockSize: disk.blockSize,
            otherGrowthPerDay: request.otherGrowthPerDay, horizonSeconds: request.horizonSeconds,
            startEpoch: request.startEpoch, volume: resolved.volume)
        let report = try CapacityReport.evaluating(
            inputs, requirements: request.requirements, notes: resolved.notes, volumeSource: resolved.source)
        return (report, resolved)
    }

    /// The host's disk: the profile's, else the one given for profiles without one.
    func disk(_ facts: HostFacts?) throws -> (size: Int64, free: Int64, blockSize: Int64) {
        if let disk = facts?.disk { return (disk.size, disk.free, disk.blockSize) }
        guard let size = request.fallbackDiskSize, let free = request.fallbackDiskFree else {
            throw AuditLintError.invalidInput(
                "the profile records no disk; give --disk-size and --disk-free for such hosts, or save the profile with a current `auditlint estimate --save-profile` on the host"
            )
        }
        return (size, free, request.fallbackBlockSize ?? 4096)
    }

    /// Every file's host, in the order of `files`, evaluated by up to `workers` threads; only
    /// one profile per thread is held at a time.
    public func evaluate(files: [String], workers: Int) -> [FleetHost] {
        var hosts = [FleetHost?](repeating: nil, count: files.count)
        let threads = max(1, min(workers, files.count))
        hosts.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let slots = buffer
            DispatchQueue.concurrentPerform(iterations: threads) { thread in
                for index in stride(from: thread, to: files.count, by: threads) {
                    slots[index] = evaluate(file: files[index])
                }
            }
        }
        return hosts.map { $0! }
    }

    /// `web-01` for `profiles/web-01.json`.
    static func fileStem(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return name.hasSuffix(".json") ? String(name.dropLast(5)) : name
    }
}
