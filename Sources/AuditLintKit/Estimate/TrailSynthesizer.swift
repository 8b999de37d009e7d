import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes a realistic BSM trail for a built-in ``Workload``: its events per class, record
/// sizes, failure shares and daily cycle, with the tokens each kind of event carries.
///
/// * Kernel records: a header, the event's tokens (exec_args and path for an exec; path(s)
///   and attribute for file events; socket for network events; arguments, exit or ipc
///   tokens), a subject and a return token, and for the macOS dialect the identity token
///   (0xed) xnu adds to every kernel record, with paths written twice (as passed, then as
///   resolved), as current macOS does (Docs/reference/capacity-model.md#built-in-workloads).
/// * User-space records (`lo`, `aa`): a subject (extended for logins), a text and a return.
/// * About a quarter of the processes are daemons without an audit user id (AU_DEFAUDITID),
///   so their records are non-attributable; failed logins are non-attributable too.
/// * Failures follow each class's failure share exactly (error diffusion); record sizes
///   vary ±40 % around the class's mean and are steered (apart for successes and failures)
///   so that each class's mean matches; where the mean is below an event's smallest record,
///   a smaller event of the class is written (an exit rather than a chdir, a socket close
///   rather than a file close). An estimate of the trail under `all` gives the workload's
///   volume within 0.1 % over an hour (the tests allow 1 %, and 3 % for small flag sets).
/// * Header times follow the workload's hourly weights (UTC), uniformly within each hour.
///
/// The output depends only on the options (the same seed gives the same bytes), and memory
/// is bounded by one hour's schedule, whatever the duration.
public struct TrailSynthesizer: Sendable {
    /// What to synthesise.
    public struct Options: Sendable {
        public var workload: Workload
        /// Seconds of trail to write.
        public var durationSeconds: Double
        public var seed: UInt64
        public var dialect: Dialect
        /// The sample's audit_control flags (default `all`): only records they select are written.
        public var flags: String
        /// The sample's naflags (default: the same as `flags`).
        public var naflags: String?
        /// The sample's policy: `argv` writes exec_args tokens, `arge` exec_env tokens.
        public var policy: String
        /// The first hour's UTC start, seconds since the epoch.
        public var start: UInt64

        public init(
            workload: Workload, durationSeconds: Double, seed: UInt64 = 1, dialect: Dialect = .macos,
            flags: String = "all", naflags: String? = nil, policy: String = "cnt,argv",
            start: UInt64 = TrailSynthesizer.defaultStart
        ) {
            self.workload = workload
            self.durationSeconds = durationSeconds
            self.seed = seed
            self.dialect = dialect
            self.flags = flags
            self.naflags = naflags
            self.policy = policy
            self.start = start
        }
    }

    /// What was written.
    public struct Summary: Sendable, Hashable {
        public var records = 0
        public var bytes = 0
        /// Records written per workload class.
        public var recordsByClass: [String: Int] = [:]
    }

    /// 2026-01-05 00:00:00 UTC, a Monday.
    public static let defaultStart: UInt64 = 1_767_571_200
    /// The longest duration accepted (a year).
    public static let maximumDuration: Double = 366 * 86_400

    public let options: Options
    let plans: [ClassPlan]
    let candidate: EstimateCandidate

    /// Prepares a synthesis; the events come from the dialect's built-in table.
    ///
    /// - Throws: ``AuditLintError/invalidInput(_:)`` for a duration out of range or flags
    ///   or policy libbsm rejects.
    public init(_ options: Options) throws {
        guard options.durationSeconds > 0, options.durationSeconds <= Self.maximumDuration else {
            throw AuditLintError.invalidInput("--duration must be more than 0 and at most 366 days")
        }
        let classes = AuditClassTable.builtIn(options.dialect)
        let events = AuditEventTable.builtIn(options.dialect)
        let candidate = EstimateCandidate(
            label: "synth", control: nil, flags: options.flags, naflags: options.naflags ?? options.flags,
            policy: options.policy, classes: classes, dialect: options.dialect)
        if candidate.flagsMask == nil || !candidate.isValid {
            throw AuditLintError.invalidInput(
                "--flags/--naflags: '\(options.flags)' is rejected by libbsm; give a valid class list such as all or lo,aa,ex"
            )
        }
        if let problem = candidate.problems.first {
            throw AuditLintError.invalidInput("--policy: \(problem)")
        }
        self.options = options
        self.candidate = candidate
        plans = options.workload.classes.compactMap { ClassPlan(workloadClass: $0, events: events, classes: classes) }
    }

    /// Generates the trail hour by hour, passing chunks of about 1 MiB to `sink`.
    public func generate(progress: ((Double) -> Void)? = nil, _ sink: ([UInt8]) throws -> Void) throws -> Summary {
        var random = SeededRandom(seed: options.seed)
        var state = plans.map { _ in ClassState() }
        let world = World(dialect: options.dialect, random: &random)
        var summary = Summary()
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 21)
        let flagsMask = candidate.flagsMask ?? .none
        let naflagsMask = candidate.naflagsMask ?? .none
        let selectable = plans.map { plan in
            let any = AuditMask(
                success: flagsMask.success | naflagsMask.success, failure: flagsMask.failure | naflagsMask.failure)
            return any.selects(eventClass: plan.classMask, success: true)
                || any.selects(eventClass: plan.classMask, success: false)
        }
        // Each hour's schedule: (time in ms, class index), sorted.
        try Self.forEachHour(
            options.workload, start: options.start, durationSeconds: options.durationSeconds,
            eventsPerHour: plans.enumerated().map { selectable[$0.offset] ? $0.element.eventsPerHour : nil },
            ticksPerSecond: 1000, random: &random, progress: progress
        ) { schedule, random in
            for item in schedule {
                let plan = plans[item.plan]
                let record = plan.record(
                    time: item.time, state: &state[item.plan], world: world, options: options,
                    candidate: candidate, random: &random)
                guard let record else { continue }
                buffer += record
                summary.records += 1
                summary.bytes += record.count
                summary.recordsByClass[plan.name, default: 0] += 1
                if buffer.count >= 1 << 20 {
                    try sink(buffer)
                    buffer.removeAll(keepingCapacity: true)
                }
            }
        }
        if !buffer.isEmpty { try sink(buffer) }
        return summary
    }
}

extension TrailSynthesizer: ChunkedSynthesis {
    /// Calls `body` with each hour's events (hours end on UTC hour boundaries; the first and
    /// last may be parts), then `progress` with the share done. An hour holds, for each plan
    /// with a rate, `eventsPerHour × weight × part` events (the fraction rounded at random),
    /// at uniform random times counted in `1 / ticksPerSecond` seconds, sorted by time then plan.
    static func forEachHour(
        _ workload: Workload, start: UInt64, durationSeconds: Double, eventsPerHour: [Double?],
        ticksPerSecond: Double, random: inout SeededRandom,
        progress: ((Double) -> Void)?, _ body: ([(time: UInt64, plan: Int)], inout SeededRandom) throws -> Void
    ) rethrows {
        let end = Double(start) + durationSeconds
        var hourStart = Double(start)
        while hourStart < end {
            let hourEnd = min(end, (hourStart / 3600).rounded(.down) * 3600 + 3600)
            let hour = Int((hourStart / 3600).rounded(.down).truncatingRemainder(dividingBy: 24))
            let share = workload.hourlyWeights[hour] * (hourEnd - hourStart) / 3600
            var schedule: [(time: UInt64, plan: Int)] = []
            for (index, rate) in eventsPerHour.enumerated() {
                guard let rate else { continue }
                let expected = rate * share
                var count = Int(expected.rounded(.down))
                if Double.random(in: 0..<1, using: &random) < expected - Double(count) { count += 1 }
                let span = UInt64(((hourEnd - hourStart) * ticksPerSecond).rounded(.down))
                let base = UInt64((hourStart * ticksPerSecond).rounded())
                for _ in 0..<count {
                    schedule.append((base + (span > 0 ? UInt64.random(in: 0..<span, using: &random) : 0), index))
                }
            }
            schedule.sort { ($0.time, $0.plan) < ($1.time, $1.plan) }
            try body(schedule, &random)
            hourStart = hourEnd
            progress?((hourStart - Double(start)) / durationSeconds)
        }
    }
}

/// A synthesizer that generates its output in chunks (``TrailSynthesizer``, ``ESLogSynthesizer``).
public protocol ChunkedSynthesis {
    associatedtype Summary
    /// Generates the output, passing chunks of about 1 MiB to `sink`.
    func generate(progress: ((Double) -> Void)?, _ sink: ([UInt8]) throws -> Void) throws -> Summary
}

extension ChunkedSynthesis {
    /// Streams the output to `path` (see ``OutputFile``: a regular file through a temporary
    /// renamed over it at the end, a device or FIFO directly).
    ///
    /// - Throws: ``AuditLintError/writeFailed(_:reason:)``.
    @discardableResult
    public func write(to path: String, progress: ((Double) -> Void)? = nil) throws -> Summary {
        let file = try OutputFile(path: path)
        do {
            let summary = try generate(progress: progress) { try file.write($0) }
            try file.commit()
            return summary
        } catch {
            file.discard()
            if let error = error as? AuditLintError { throw error }
            throw AuditLintError.writeFailed(path, reason: error.localizedDescription)
        }
    }

    /// The output's bytes in memory (for tests and short durations).
    public func bytes() throws -> (bytes: [UInt8], summary: Summary) {
        var out: [UInt8] = []
        let summary = try generate(progress: nil) { out += $0 }
        return (out, summary)
    }
}

/// The running totals that keep a class's failure share and mean size exact (sizes are
/// steered apart for successes and failures, so outcome-only flags see the mean too).
struct ClassState {
    var generated = [0, 0]
    var generatedBytes = [0, 0]
    var failureDebt = 0.0
}

/// The processes records come from: their paths, audit user ids and code-signing identities.
struct World: Sendable {
    struct Process: Sendable {
        var path: String
        var auditUserID: UInt32
        var pid: UInt32
        var signingID: String
        var teamID: String
        var cdhash: [UInt8]
    }

    var processes: [Process]
    static let user: UInt32 = 501
    static let words = [
        "Library", "Caches", "Application Support", "Documents", "Projects", "src", "build", "com.apple",
        "index", "data", "cache", "tmp", "logs", "config", "Preferences", "node_modules", "lib",
        "include", "objects", "Containers", "Frameworks", "Resources", "db", "sqlite", "json",
    ]

    init(dialect: Dialect, random: inout SeededRandom) {
        let macos = dialect == .macos
        let programs: [(String, String, Bool)] =
            macos
            ? [
                ("/usr/libexec/mdworker_shared", "com.apple.mdworker_shared", true),
                ("/usr/sbin/cfprefsd", "com.apple.cfprefsd.xpc.daemon", true),
                ("/usr/libexec/trustd", "com.apple.trustd", true),
                ("/usr/libexec/syspolicyd", "com.apple.syspolicyd", true),
                ("/usr/sbin/mDNSResponder", "com.apple.mDNSResponder", true),
                ("/usr/libexec/logd", "com.apple.logd", true),
                ("/Applications/Safari.app/Contents/MacOS/Safari", "com.apple.Safari", false),
                ("/Applications/Slack.app/Contents/MacOS/Slack", "com.tinyspeck.slackmacgap", false),
                ("/Applications/Xcode.app/Contents/MacOS/Xcode", "com.apple.dt.Xcode", false),
                ("/usr/bin/git", "com.apple.git", false), ("/bin/zsh", "com.apple.zsh", false),
                ("/usr/bin/swift-frontend", "com.apple.swift-frontend", false),
                ("/usr/bin/clang", "com.apple.clang", false),
                ("/usr/local/bin/node", "node", false), ("/bin/ls", "com.apple.ls", false),
                ("/usr/bin/make", "com.apple.make", false),
            ]
            : [
                ("/usr/sbin/cron", "", true), ("/usr/local/sbin/nginx", "", true),
                ("/usr/local/bin/postgres", "", true),
                ("/usr/libexec/postfix/master", "", true), ("/usr/sbin/syslogd", "", true),
                ("/usr/sbin/sshd", "", true),
                ("/usr/local/bin/python3.11", "", false), ("/bin/sh", "", false), ("/usr/bin/cc", "", false),
                ("/usr/bin/make", "", false), ("/usr/bin/ld", "", false), ("/bin/ls", "", false),
                ("/usr/local/bin/git", "", false),
            ]
        processes = programs.enumerated().map { index, program in
            let (path, signingID, daemon) = program
            return Process(
                path: path, auditUserID: daemon ? RecordSummary.unsetAuditUserID : Self.user,
                pid: UInt32(100 + index * 37),
                signingID: signingID, teamID: signingID.hasPrefix("com.apple") || signingID.isEmpty ? "" : "EQHXZ8M8AV",
                cdhash: (0..<20).map { _ in UInt8.random(in: 0...255, using: &random) })
        }
    }

    /// A string of exactly `length` UTF-8 bytes: `prefix`, then path-like words.
    static func fill(_ prefix: String, _ length: Int, _ random: inout SeededRandom) -> String {
        var text = prefix
        while text.utf8.count < length {
            text += "/" + words[Int.random(in: 0..<words.count, using: &random)]
        }
        return String(decoding: text.utf8.prefix(max(0, length)), as: UTF8.self)
    }
}

/// How one workload class turns into records.
struct ClassPlan: Sendable {
    enum Kind: Sendable { case login, auth, admin, exec, process, network, file, close, ipc }

    struct Event: Sendable {
        var number: UInt16
        var name: String
        /// A close of a socket or pipe: no path or attribute token.
        var withoutPath = false
    }

    var name: String
    var kind: Kind
    var eventsPerHour: Double
    var meanBytes: Double
    var failureShare: Double
    /// The events used (a close of a socket or pipe, without path, counts as a second event).
    var events: [Event]
    var classMask: UInt32

    /// Events per workload class, preferring the common calls; only events whose table
    /// entry puts them in exactly that class are used (execve is `pc,ex`).
    static let menu: [String: (Kind, [String])] = [
        "lo": (.login, ["AUE_login", "AUE_logout", "AUE_openssh"]),
        "aa": (.auth, ["AUE_auth_user", "AUE_ssauthorize"]),
        "ad": (.admin, ["AUE_MAC_SYSCALL", "AUE_GETAUID", "AUE_GETAUDIT_ADDR"]),
        "ex": (.exec, ["AUE_EXECVE"]),
        "pc": (.process, ["AUE_FORK", "AUE_EXIT", "AUE_CHDIR"]),
        "nt": (.network, ["AUE_CONNECT", "AUE_SENDMSG", "AUE_RECVMSG"]),
        "fr": (.file, ["AUE_OPEN_R", "AUE_READLINK"]),
        "fw": (.file, ["AUE_OPEN_W", "AUE_FTRUNCATE"]),
        "fc": (.file, ["AUE_CREAT", "AUE_MKDIR"]),
        "fd": (.file, ["AUE_UNLINK", "AUE_RMDIR"]),
        "fm": (.file, ["AUE_CHMOD", "AUE_FCNTL"]),
        "fa": (.file, ["AUE_STAT", "AUE_LSTAT", "AUE_ACCESS", "AUE_GETATTRLIST"]),
        "cl": (.close, ["AUE_CLOSE"]),
        "ip": (.ipc, ["AUE_SHMGET"]),
    ]

    init?(workloadClass: WorkloadClass, events table: AuditEventTable, classes: AuditClassTable) {
        guard let (kind, names) = Self.menu[workloadClass.name], let auditClass = classes.lookup(workloadClass.name)
        else { return nil }
        let chosen = names.compactMap { name in table.events.first { $0.name == name } }.filter { event in
            kind == .exec ? event.classMask & auditClass.mask != 0 : event.classMask == auditClass.mask
        }
        guard !chosen.isEmpty else { return nil }
        name = workloadClass.name
        self.kind = kind
        eventsPerHour = workloadClass.eventsPerActiveHour
        meanBytes = workloadClass.meanBytes
        failureShare = workloadClass.failureShare
        events = chosen.map { Event(number: UInt16(truncatingIfNeeded: $0.number), name: $0.name) }
        if kind == .close { events += events.map { Event(number: $0.number, name: $0.name, withoutPath: true) } }
        classMask = chosen[0].classMask
    }

    /// The next record of this class at `time` (milliseconds since the epoch), or nil when
    /// the sample's flags do not select it.
    func record(
        time: UInt64, state: inout ClassState, world: World, options: TrailSynthesizer.Options,
        candidate: EstimateCandidate, random: inout SeededRandom
    ) -> [UInt8]? {
        state.failureDebt += failureShare
        let success = state.failureDebt < 1
        if !success { state.failureDebt -= 1 }
        let userSpace = kind == .login || kind == .auth
        var process = world.processes[Int.random(in: 0..<world.processes.count, using: &random)]
        if userSpace {
            process.auditUserID = kind == .login && !success ? RecordSummary.unsetAuditUserID : World.user
        }
        // The size to aim for: ±40 % around the mean, plus what earlier records fell short.
        let jitter = Double.random(in: -0.4...0.4, using: &random)
        let outcome = success ? 0 : 1
        let debt = meanBytes * Double(state.generated[outcome]) - Double(state.generatedBytes[outcome])
        let target = max(0, Int((meanBytes * (1 + jitter) + debt).rounded()))
        let macos = options.dialect == .macos
        // A random event of the class, or the next one that fits the target (fork rather
        // than chdir, a socket close rather than a file close), or else the smallest.
        let first = Int.random(in: 0..<events.count, using: &random)
        var event = events[first]
        var probe = tokens(event: event, success: success, process: process, padding: 0, macos: macos, random: &random)
        var fixed = Self.recordSize(probe.tokens)
        for step in 1..<events.count where fixed > target {
            let other = events[(first + step) % events.count]
            let otherProbe = tokens(
                event: other, success: success, process: process, padding: 0, macos: macos, random: &random)
            let otherFixed = Self.recordSize(otherProbe.tokens)
            if otherFixed < fixed { (event, probe, fixed) = (other, otherProbe, otherFixed) }
        }
        let header = BSMHeader(event: event.number, seconds: time / 1000, milliseconds: time % 1000)
        let padding = max(0, (target - fixed) / probe.paddedStrings)
        let built = tokens(
            event: event, success: success, process: process, padding: padding, macos: macos, random: &random)
        let full = BSMEncoder.record(header, built.tokens)
        state.generated[outcome] += 1
        state.generatedBytes[outcome] += full.count

        let attributable = process.auditUserID != RecordSummary.unsetAuditUserID
        let mask = (attributable ? candidate.flagsMask : candidate.naflagsMask) ?? .none
        guard mask.selects(eventClass: classMask, success: success) else { return nil }
        guard kind == .exec, !candidate.argv || candidate.arge else { return full }
        // The policy decides the exec strings: without argv no exec_args; with arge an exec_env.
        var kept = built.tokens.filter { token in
            if case .execArgs = token { return candidate.argv }
            return true
        }
        if candidate.arge {
            let environment = (0..<Int.random(in: 12...30, using: &random)).map { index in
                Array(World.fill("VAR_\(index)=", Int.random(in: 20...120, using: &random), &random).utf8)
            }
            kept.insert(.execEnv(environment), at: candidate.argv ? 1 : 0)
        }
        return BSMEncoder.record(header, kept)
    }

    static func recordSize(_ tokens: [BSMToken]) -> Int {
        18 + 7 + tokens.reduce(0) { $0 + BSMEncoder.encode($1).count }
    }

    /// The tokens of one record, its variable string padded by `padding` bytes; and how
    /// many strings grow with the padding (paths written twice on macOS).
    func tokens(
        event: Event, success: Bool, process: World.Process, padding: Int, macos: Bool,
        random: inout SeededRandom
    ) -> (tokens: [BSMToken], paddedStrings: Int) {
        let status: UInt8 = success ? 0 : (kind == .file ? 2 : kind == .login || kind == .auth ? 1 : 13)
        let value: UInt64 = success ? UInt64(Int.random(in: 0...40, using: &random)) : 0xFFFF_FFFF
        let subject = BSMToken.subject(
            BSMSubject(
                isExtended: kind == .login, auditUID: process.auditUserID,
                effectiveUID: process.auditUserID == World.user ? 501 : 0,
                effectiveGID: 20, realUID: process.auditUserID == World.user ? 501 : 0, realGID: 20, pid: process.pid,
                sessionID: process.auditUserID == World.user ? 100_004 : 0, terminalPort: 0,
                terminalAddress: kind == .login ? .ipv4(192, 168, 1, 20) : .ipv4(0, 0, 0, 0)))
        let tail: [BSMToken] = [subject, .returnValue(status: status, value: value, is64Bit: false)]
        let identity: [BSMToken] =
            macos
            ? [
                .identity(
                    BSMIdentity(
                        signerType: 1, signingID: Array(process.signingID.utf8), teamID: Array(process.teamID.utf8),
                        cdhash: process.cdhash))
            ]
            : []
        let attribute = BSMToken.attribute(
            BSMAttribute(
                mode: 0o100644, uid: 501, gid: 20, fileSystemID: 16_777_231,
                nodeID: UInt64.random(in: 1_000...9_999_999, using: &random), device: 0))
        func paths(_ text: String) -> [BSMToken] {
            // macOS writes the path as passed and then as resolved (same length here).
            Array(repeating: .path(BSMBytes.cString(text)), count: macos ? 2 : 1)
        }
        func argument(_ number: UInt8, _ text: String, _ extra: Int = 0) -> BSMToken {
            .argument(
                number: number, value: UInt64.random(in: 0...4096, using: &random),
                text: BSMBytes.cString(World.fill(text, text.utf8.count + extra, &random)), is64Bit: false)
        }
        // An argument token only when there is room for one (it takes 9 bytes and its text).
        func optionalArgument(_ number: UInt8, _ text: String) -> [BSMToken] {
            padding >= 9
                ? [argument(number, String(text.prefix(padding - 9)), max(0, padding - 9 - text.utf8.count))] : []
        }
        switch kind {
        case .login:
            let text = World.fill(success ? "successful login" : "bad password", 16 + padding, &random)
            return ([subject, .text(BSMBytes.cString(text)), tail[1]], 1)
        case .auth:
            let text = World.fill(success ? "user <dev> authenticated" : "user <dev> failed", 10 + padding, &random)
            return ([subject, .text(BSMBytes.cString(text)), tail[1]], 1)
        case .admin:
            if event.name == "AUE_MAC_SYSCALL" {
                return (
                    [argument(1, "cmd"), .text(BSMBytes.cString(World.fill("arg: Sandbox", 12 + padding, &random)))]
                        + tail + identity, 1
                )
            }
            return (optionalArgument(1, "cmd") + tail + identity, 1)
        case .exec:
            let arguments = [
                Array((process.path.split(separator: "/").last.map(String.init) ?? "tool").utf8),
                Array(World.fill("--config=", 9 + padding, &random).utf8),
            ]
            return ([.execArgs(arguments)] + paths(process.path) + [attribute] + tail + identity, 1)
        case .process:
            switch event.name {
            case "AUE_CHDIR":
                let path = World.fill("/Users/dev", 10 + padding, &random)
                return (paths(path) + [attribute] + tail + identity, macos ? 2 : 1)
            case "AUE_EXIT":
                return ([.exit(status: 0, returnValue: 0)] + optionalArgument(1, "status") + tail + identity, 1)
            default:
                return ([argument(0, "child PID", padding)] + tail + identity, 1)
            }
        case .network:
            let socket = BSMToken.socketInet32(family: 2, port: [0x01, 0xbb], address: [17, 253, 144, 10])
            return ([argument(1, "fd", padding), socket] + tail + identity, 1)
        case .file:
            let path = World.fill("/Users/dev", 10 + padding, &random)
            var tokens = event.name == "AUE_FCNTL" || event.name == "AUE_CHMOD" ? [argument(2, "mode")] : []
            tokens += paths(path)
            if success { tokens.append(attribute) }
            return (tokens + tail + identity, macos ? 2 : 1)
        case .close:
            if event.withoutPath { return ([argument(1, "fd", padding)] + tail + identity, 1) }
            let path = World.fill("/Users/dev", 10 + padding, &random)
            return ([argument(1, "fd")] + paths(path) + [attribute] + tail + identity, macos ? 2 : 1)
        case .ipc:
            return (
                optionalArgument(1, "size") + [.ipc(type: 4, id: UInt32.random(in: 1...65_535, using: &random))] + tail
                    + identity, 1
            )
        }
    }
}
