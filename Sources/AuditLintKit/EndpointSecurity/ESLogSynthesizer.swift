import Foundation

/// Writes realistic `eslogger` JSON Lines for a built-in ``Workload``: the same events per
/// class, failure shares and daily cycle as ``TrailSynthesizer``, each event written as the
/// Endpoint Security NOTIFY event that observes it (see ``menu``).
///
/// * Messages follow eslogger's documented schema: `schema_version`, `mach_time`,
///   `event_type`, `thread`, `version`, `seq_num` (per event type), `event` (one key, the short
///   name), `time` (ISO 8601 with nanoseconds), `action_type`, `action`, `process` (audit
///   tokens, ppid, signing facts, `executable` with its stat) and `global_seq_num`, with paths'
///   slashes escaped (`\/`) as eslogger writes them.
/// * Message versions 9 to 11: version 10 (macOS 26) writes each audit token as an array of
///   eight integers instead of an object.
/// * Classes whose modelled events have no Endpoint Security counterpart (`nt`, `ip`; `ad`,
///   whose workload records are mostly `mac_syscall` and `getauid`) write nothing, and
///   failed operations write nothing except failed logins and authentications (ES reports
///   those with `success: false`).
/// * Sizes are modelled, not measured: they follow from the fields written (paths and
///   arguments of path-like words, an environment of 12 to 30 variables on exec), not from
///   captured logs.
///
/// The output depends only on the options (the same seed gives the same bytes); it is
/// written with ``ChunkedSynthesis/write(to:progress:)`` or ``ChunkedSynthesis/bytes()``.
public struct ESLogSynthesizer: Sendable, ChunkedSynthesis {
    /// What to synthesise.
    public struct Options: Sendable {
        public var workload: Workload
        /// Seconds of log to write.
        public var durationSeconds: Double
        public var seed: UInt64
        /// The message `version` (9, 10 or 11).
        public var messageVersion: Int
        /// The events eslogger was run with (nil: every event of the mix).
        public var events: ESEventSet?
        /// The first hour's UTC start, seconds since the epoch.
        public var start: UInt64

        public init(
            workload: Workload, durationSeconds: Double, seed: UInt64 = 1, messageVersion: Int = 11,
            events: ESEventSet? = nil, start: UInt64 = TrailSynthesizer.defaultStart
        ) {
            self.workload = workload
            self.durationSeconds = durationSeconds
            self.seed = seed
            self.messageVersion = messageVersion
            self.events = events
            self.start = start
        }
    }

    /// Records and bytes of one event type.
    public struct Share: Sendable, Hashable {
        public var records = 0
        public var bytes = 0
    }

    /// What was written: messages and bytes (newlines included), in all and per event type
    /// (by short name).
    public struct Summary: Sendable, Hashable {
        public var records = 0
        public var bytes = 0
        public var byEvent: [String: Share] = [:]
    }

    /// The message versions written.
    public static let messageVersions = 9...11

    /// The eslogger events each workload class is written as (chosen at random per event);
    /// classes not listed have no Endpoint Security counterpart.
    public static let menu: [String: [String]] = [
        "lo": ["login_login", "login_logout", "openssh_login"],
        "aa": ["authentication", "authorization_judgement"],
        "ex": ["exec"],
        "pc": ["fork", "exit", "chdir"],
        "fr": ["open", "readlink"],
        "fw": ["open", "truncate"],
        "fc": ["create"],
        "fd": ["unlink"],
        "fm": ["setmode", "fcntl"],
        "fa": ["stat", "access", "getattrlist"],
        "cl": ["close"],
    ]

    /// Events whose failures ES reports (with `success: false`).
    static let reportsFailure: Set<String> = ["login_login", "openssh_login", "authentication"]

    public let options: Options
    let plans: [(workload: WorkloadClass, events: [ESEventType])]

    /// Prepares a synthesis.
    ///
    /// - Throws: ``AuditLintError/invalidInput(_:)`` for a duration or version out of range.
    public init(_ options: Options) throws {
        guard options.durationSeconds > 0, options.durationSeconds <= TrailSynthesizer.maximumDuration else {
            throw AuditLintError.invalidInput("--duration must be more than 0 and at most 366 days")
        }
        guard Self.messageVersions.contains(options.messageVersion) else {
            throw AuditLintError.invalidInput(
                "--message-version must be 9, 10 or 11 (the eslogger message versions modelled)")
        }
        self.options = options
        plans = options.workload.classes.compactMap { item in
            guard let names = Self.menu[item.name] else { return nil }
            let events = names.compactMap { ESEventType.notify(shortName: $0) }
            return events.isEmpty ? nil : (item, events)
        }
    }

    /// Generates the log hour by hour, passing chunks of about 1 MiB to `sink`.
    public func generate(progress: ((Double) -> Void)? = nil, _ sink: ([UInt8]) throws -> Void) throws -> Summary {
        var random = SeededRandom(seed: options.seed)
        let world = World(dialect: .macos, random: &random)
        var writer = MessageWriter(version: options.messageVersion, world: world)
        var failureDebt = plans.map { _ in 0.0 }
        var summary = Summary()
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 21)
        // Each hour's schedule: (time in ns, plan index), sorted.
        try TrailSynthesizer.forEachHour(
            options.workload, start: options.start, durationSeconds: options.durationSeconds,
            eventsPerHour: plans.map(\.workload.eventsPerActiveHour), ticksPerSecond: 1e9, random: &random,
            progress: progress
        ) { schedule, random in
            for item in schedule {
                let plan = plans[item.plan]
                failureDebt[item.plan] += plan.workload.failureShare
                let success = failureDebt[item.plan] < 1
                if !success { failureDebt[item.plan] -= 1 }
                let event = plan.events[Int.random(in: 0..<plan.events.count, using: &random)]
                let name = event.shortName ?? ""
                guard success || Self.reportsFailure.contains(name) else { continue }
                guard options.events?.contains(event.number) ?? true else { continue }
                let start = buffer.count
                writer.message(event: event, time: item.time, success: success, to: &buffer, random: &random)
                buffer.append(0x0A)
                let size = buffer.count - start
                summary.records += 1
                summary.bytes += size
                summary.byEvent[name, default: Share()].records += 1
                summary.byEvent[name, default: Share()].bytes += size
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

/// Writes one eslogger message at a time, keeping the sequence numbers and clocks.
private struct MessageWriter {
    let version: Int
    let world: World
    var globalSequence: UInt64 = 0
    var sequences: [Int: UInt64] = [:]
    var nextPID: UInt32 = 2000

    init(version: Int, world: World) {
        self.version = version
        self.world = world
    }

    // MARK: JSON pieces

    static func raw(_ text: StaticString, _ out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// `"key":` (keys are plain ASCII).
    static func key(_ name: StaticString, _ out: inout [UInt8], first: Bool = false) {
        if !first { out.append(UInt8(ascii: ",")) }
        out.append(UInt8(ascii: "\""))
        raw(name, &out)
        raw("\":", &out)
    }

    /// A JSON string, with `/` escaped as eslogger writes it.
    static func string(_ text: String, _ out: inout [UInt8]) {
        var escaped: [UInt8] = []
        JSONText.appendString(text, to: &escaped)
        for byte in escaped {
            if byte == UInt8(ascii: "/") { out.append(UInt8(ascii: "\\")) }
            out.append(byte)
        }
    }

    static func int<T: BinaryInteger>(_ value: T, _ out: inout [UInt8]) { out += String(value).utf8 }

    static func time(_ nanoseconds: UInt64, _ out: inout [UInt8]) {
        let seconds = Int64(nanoseconds / 1_000_000_000)
        let fraction = String(nanoseconds % 1_000_000_000)
        out.append(UInt8(ascii: "\""))
        out += CivilTime.iso8601(seconds: seconds).utf8.dropLast()
        out.append(UInt8(ascii: "."))
        out += repeatElement(UInt8(ascii: "0"), count: 9 - fraction.utf8.count)
        out += fraction.utf8
        raw("Z\"", &out)
    }

    // MARK: Objects

    func auditToken(pid: UInt32, uid: UInt32, pidversion: UInt32, _ out: inout [UInt8]) {
        let auid = uid == 0 ? UInt32.max : uid
        if version == 10 {
            out.append(UInt8(ascii: "["))
            let values: [UInt32] = [auid, uid, 20, uid, 20, pid, uid == 0 ? 0 : 100_004, pidversion]
            out += values.map(String.init).joined(separator: ",").utf8
            out.append(UInt8(ascii: "]"))
            return
        }
        Self.raw("{\"asid\":", &out)
        Self.int(uid == 0 ? 0 : 100_004, &out)
        Self.key("pidversion", &out)
        Self.int(pidversion, &out)
        Self.key("ruid", &out)
        Self.int(uid, &out)
        Self.key("euid", &out)
        Self.int(uid, &out)
        Self.key("rgid", &out)
        Self.int(20, &out)
        Self.key("auid", &out)
        Self.int(auid, &out)
        Self.key("egid", &out)
        Self.int(20, &out)
        Self.key("pid", &out)
        Self.int(pid, &out)
        out.append(UInt8(ascii: "}"))
    }

    func stat(size: Int, mode: Int, time: UInt64, _ out: inout [UInt8], random: inout SeededRandom) {
        Self.raw("{\"st_blocks\":", &out)
        Self.int((size + 511) / 512, &out)
        Self.raw(",\"st_blksize\":4096,\"st_rdev\":0,\"st_dev\":16777232", &out)
        Self.key("st_uid", &out)
        Self.int(mode & 0o40000 != 0 ? 501 : 0, &out)
        Self.raw(",\"st_gid\":0,\"st_ino\":", &out)
        Self.int(UInt64.random(in: 1_000...99_999_999, using: &random), &out)
        let stamp = time - UInt64.random(in: 0...30_000_000, using: &random) * 1_000_000_000
        for name: StaticString in ["st_birthtimespec", "st_mtimespec", "st_ctimespec", "st_atimespec"] {
            Self.key(name, &out)
            Self.time(stamp, &out)
        }
        Self.raw(",\"st_flags\":0,\"st_nlink\":1,\"st_size\":", &out)
        Self.int(size, &out)
        Self.raw(",\"st_gen\":0,\"st_mode\":", &out)
        Self.int(mode, &out)
        out.append(UInt8(ascii: "}"))
    }

    func file(_ path: String, time: UInt64, _ out: inout [UInt8], random: inout SeededRandom) {
        Self.raw("{\"path\":", &out)
        Self.string(path, &out)
        Self.raw(",\"path_truncated\":false,\"stat\":", &out)
        stat(size: Int.random(in: 0...2_000_000, using: &random), mode: 0o100644, time: time, &out, random: &random)
        out.append(UInt8(ascii: "}"))
    }

    func process(_ process: World.Process, pid: UInt32, time: UInt64, _ out: inout [UInt8], random: inout SeededRandom)
    {
        let uid: UInt32 = process.auditUserID == World.user ? 501 : 0
        Self.raw("{\"signing_id\":", &out)
        Self.string(process.signingID.isEmpty ? "a.out" : process.signingID, &out)
        Self.key("cdhash", &out)
        out.append(UInt8(ascii: "\""))
        for byte in process.cdhash { out += String(byte, radix: 16, uppercase: true).leftPadded(2).utf8 }
        out.append(UInt8(ascii: "\""))
        Self.key("team_id", &out)
        if process.teamID.isEmpty { Self.raw("null", &out) } else { Self.string(process.teamID, &out) }
        Self.key("is_platform_binary", &out)
        Self.raw(process.teamID.isEmpty ? "true" : "false", &out)
        Self.key("start_time", &out)
        Self.time(time - UInt64(pid % 3600) * 1_000_000_000, &out)
        Self.raw(",\"tty\":null,\"group_id\":", &out)
        Self.int(pid, &out)
        Self.key("session_id", &out)
        Self.int(uid == 0 ? 1 : 388, &out)
        Self.key("ppid", &out)
        Self.int(uid == 0 ? 1 : 388, &out)
        Self.key("original_ppid", &out)
        Self.int(uid == 0 ? 1 : 388, &out)
        Self.raw(",\"is_es_client\":false,\"codesigning_flags\":570509073,\"executable\":", &out)
        file(process.path, time: time, &out, random: &random)
        Self.key("audit_token", &out)
        auditToken(pid: pid, uid: uid, pidversion: pid &* 7, &out)
        Self.key("parent_audit_token", &out)
        auditToken(pid: uid == 0 ? 1 : 388, uid: uid, pidversion: 1, &out)
        Self.key("responsible_audit_token", &out)
        auditToken(pid: pid, uid: uid, pidversion: pid &* 7, &out)
        out.append(UInt8(ascii: "}"))
    }

    // MARK: Messages

    mutating func message(
        event: ESEventType, time: UInt64, success: Bool, to out: inout [UInt8], random: inout SeededRandom
    ) {
        let process = world.processes[Int.random(in: 0..<world.processes.count, using: &random)]
        globalSequence += 1
        let sequence = sequences[event.number, default: 0]
        sequences[event.number] = sequence + 1
        Self.raw("{\"schema_version\":1,\"mach_time\":", &out)
        Self.int(time / 125 * 3, &out)
        Self.key("event_type", &out)
        Self.int(event.number, &out)
        Self.raw(",\"thread\":{\"thread_id\":", &out)
        Self.int(UInt64(process.pid) * 1000 + UInt64.random(in: 0...999, using: &random), &out)
        Self.raw("},\"version\":", &out)
        Self.int(version, &out)
        Self.key("seq_num", &out)
        Self.int(sequence, &out)
        Self.raw(",\"event\":{\"", &out)
        out += (event.shortName ?? "").utf8
        Self.raw("\":", &out)
        payload(event.shortName ?? "", process: process, time: time, success: success, &out, random: &random)
        out.append(UInt8(ascii: "}"))
        Self.key("time", &out)
        Self.time(time, &out)
        Self.raw(",\"action_type\":1,\"action\":{\"result\":{\"result\":{\"auth\":0},\"result_type\":0}}", &out)
        Self.key("process", &out)
        self.process(process, pid: process.pid, time: time, &out, random: &random)
        Self.key("global_seq_num", &out)
        Self.int(globalSequence, &out)
        out.append(UInt8(ascii: "}"))
    }

    private func userPath(_ random: inout SeededRandom) -> String {
        World.fill("/Users/dev", Int.random(in: 24...110, using: &random), &random)
    }

    private mutating func payload(
        _ name: String, process: World.Process, time: UInt64, success: Bool, _ out: inout [UInt8],
        random: inout SeededRandom
    ) {
        func target(_ key: StaticString = "target", first: Bool = true) {
            Self.key(key, &out, first: first)
            file(userPath(&random), time: time, &out, random: &random)
        }
        out.append(UInt8(ascii: "{"))
        switch name {
        case "exec":
            let image = world.processes[Int.random(in: 0..<world.processes.count, using: &random)]
            nextPID = nextPID &+ 1
            Self.key("target", &out, first: true)
            self.process(image, pid: nextPID, time: time, &out, random: &random)
            Self.key("args", &out)
            let arguments =
                [image.path]
                + (0..<Int.random(in: 1...6, using: &random)).map { _ in
                    World.fill("--", Int.random(in: 6...60, using: &random), &random)
                }
            strings(arguments, &out)
            Self.key("env", &out)
            strings(
                (0..<Int.random(in: 12...30, using: &random)).map { index in
                    World.fill("VAR_\(index)=", Int.random(in: 20...120, using: &random), &random)
                }, &out)
            Self.raw(",\"script\":null,\"cwd\":", &out)
            file(userPath(&random), time: time, &out, random: &random)
            Self.raw(",\"last_fd\":", &out)
            Self.int(Int.random(in: 2...40, using: &random), &out)
            Self.raw(",\"image_cputype\":16777228,\"image_cpusubtype\":2", &out)
        case "fork":
            nextPID = nextPID &+ 1
            Self.key("child", &out, first: true)
            self.process(process, pid: nextPID, time: time, &out, random: &random)
        case "exit":
            Self.raw("\"stat\":0", &out)
        case "chdir", "truncate", "stat", "getattrlist":
            target()
            if name == "getattrlist" {
                Self.raw(",\"attrlist\":{\"bitmapcount\":5,\"commonattr\":2147483648,\"fileattr\":0}", &out)
            }
        case "readlink":
            target("source")
        case "open":
            Self.raw("\"fflag\":", &out)
            Self.int(Int.random(in: 1...3, using: &random), &out)
            target("file", first: false)
        case "create":
            Self.raw("\"destination_type\":0,\"destination\":{\"existing_file\":", &out)
            file(userPath(&random), time: time, &out, random: &random)
            out.append(UInt8(ascii: "}"))
        case "unlink":
            target()
            target("parent_dir", first: false)
        case "setmode":
            Self.raw("\"mode\":420", &out)
            target(first: false)
        case "fcntl":
            Self.raw("\"cmd\":", &out)
            Self.int(Int.random(in: 1...60, using: &random), &out)
            target(first: false)
        case "access":
            Self.raw("\"mode\":4", &out)
            target(first: false)
        case "close":
            Self.raw("\"modified\":", &out)
            Self.raw(Bool.random(using: &random) ? "true" : "false", &out)
            Self.raw(",\"was_mapped_writable\":false", &out)
            target(first: false)
        case "login_login", "openssh_login", "authentication":
            Self.raw("\"success\":", &out)
            Self.raw(success ? "true" : "false", &out)
            if name == "login_login" {
                Self.raw(success ? ",\"failure_message\":null" : ",\"failure_message\":\"bad password\"", &out)
            } else if name == "openssh_login" {
                Self.raw(",\"result_type\":", &out)
                Self.int(success ? 0 : 3, &out)
                Self.raw(",\"source_address_type\":0,\"source_address\":\"192.168.1.20\"", &out)
            } else {
                Self.raw(",\"type\":0,\"data\":{\"od\":{\"instigator\":", &out)
                self.process(process, pid: process.pid, time: time, &out, random: &random)
                Self.raw(",\"record_type\":\"USER\",\"record_name\":\"dev\",\"node_name\":", &out)
                Self.string("/Local/Default", &out)
                Self.raw(",\"db_path\":null}}", &out)
            }
            if name != "authentication" {
                Self.raw(",\"username\":\"dev\",\"has_uid\":true,\"uid\":{\"uid\":501}", &out)
            }
        case "login_logout":
            Self.raw("\"username\":\"dev\",\"uid\":501", &out)
        case "authorization_judgement":
            Self.key("instigator", &out, first: true)
            self.process(process, pid: process.pid, time: time, &out, random: &random)
            Self.key("petitioner", &out)
            self.process(process, pid: process.pid, time: time, &out, random: &random)
            Self.raw(",\"return_code\":0,\"result_count\":1,\"results\":[{\"right_name\":\"system.preferences\"", &out)
            Self.raw(",\"rule_class\":1,\"granted\":", &out)
            Self.raw(success ? "true" : "false", &out)
            Self.raw("}]", &out)
        default:
            break
        }
        out.append(UInt8(ascii: "}"))
    }

    private func strings(_ values: [String], _ out: inout [UInt8]) {
        out.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            Self.string(value, &out)
        }
        out.append(UInt8(ascii: "]"))
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        utf8.count >= width ? self : String(repeating: "0", count: width - utf8.count) + self
    }
}
