import AuditLintTestSupport
import Foundation
import Testing

@testable import AuditLintKit

/// eslogger JSON Lines: the line scanner, the streaming reader, the profile, the estimate
/// and the synthesizer. Inputs are built inline or by `ESLogSynthesizer`.
@Suite struct ESLogTests {
    /// A message with the fields an estimate reads, in eslogger's member order.
    static func line(
        type: Int = 9, key: String = "exec", time: String = "2026-01-05T10:00:00.250000000Z", sequence: Int = 1,
        version: Int = 11, path: String = #"\/usr\/bin\/git"#, token: String = #"{"pid":1,"pidversion":2}"#
    ) -> String {
        #"{"schema_version":1,"mach_time":5,"event_type":\#(type),"thread":{"thread_id":7},"version":\#(version),"seq_num":0,"event":{"\#(key)":{"x":[1,2.5e3,-0.5,true,false,null]}},"time":"\#(time)","action_type":1,"process":{"audit_token":\#(token),"ppid":1,"executable":{"path":"\#(path)","path_truncated":false}},"global_seq_num":\#(sequence)}"#
    }

    /// The length of a JSON array, nil for anything else.
    static func count(_ value: JSONValue?) -> Int? {
        guard case .array(let items)? = value else { return nil }
        return items.count
    }

    static func scan(_ text: String) throws(ESLogLineError) -> ESLogMessage {
        var bytes = Array(text.utf8)
        bytes.append(0)  // a sentinel past the end, which the scanner must not read
        let result = bytes.withUnsafeBytes { buffer in
            Result { () throws(ESLogLineError) in
                try ESLogScanner.scan(UnsafeRawBufferPointer(rebasing: buffer.dropLast()))
            }
        }
        return try result.get()
    }

    @Test func aMessageGivesTheFieldsAnEstimateNeeds() throws {
        let text = Self.line(path: #"\/Applications\/Caf\u00e9.app\/x \ud83d\ude00"#)
        let message = try Self.scan(text)
        #expect(message.eventType == 9)
        #expect(message.version == 11)
        #expect(message.globalSequence == 1)
        #expect(message.time == 1_767_607_200.25)
        let bytes = Array(text.utf8)
        let key = try #require(message.eventKey)
        #expect(String(decoding: bytes[key], as: UTF8.self) == "exec")
        let path = try #require(message.executablePath)
        #expect(message.executablePathEscaped)
        #expect(bytes[path].withUnsafeBytes { ESLogScanner.decodeString($0) } == "/Applications/Café.app/x 😀")
    }

    @Test func membersInAnyOrderAndDriftedShapesAreRead() throws {
        // Message version 10 writes audit tokens as arrays; unknown members of any shape are fine.
        let text =
            #"{"global_seq_num":18446744073709551615,"process":{"executable":{"stat":{},"path":"/bin/ls"},"audit_token":[501,501,20,501,20,77,100004,3]},"event":{"fork":{}},"new_field":{"a":[[],{}]},"time":"2026-01-05T12:00:00+02:00","event_type":11}"#
        let message = try Self.scan(text)
        #expect(message.eventType == 11 && message.version == -1)
        #expect(message.globalSequence == .max)
        #expect(message.time == 1_767_607_200)
        #expect(!message.executablePathEscaped)
        // A message naming its event only by the key under `event` is read too.
        let keyOnly = try Self.scan(#"{"event":{"exit":{"stat":0}}}"#)
        #expect(keyOnly.eventType == -1 && keyOnly.eventKey != nil && keyOnly.time == nil)
    }

    @Test(arguments: [
        (#"{"event_type":9,"event":{"exec":{"args":["a","b"#, ESLogLineError.Kind.truncated),
        (#"{"event_type":9,"time":"2026-01-05T10:00"#, .truncated),
        (#"{"event_type":9,"event":{"#, .truncated),
        (#"{"event_type":9"#, .truncated),
        (#"{"event_type":9,"x":tru"#, .truncated),
        (#"{"event_type":9,"x":"\q"}"#, .invalidJSON),
        (#"{"event_type":9,"x":"\u12G4"}"#, .invalidJSON),
        ("{\"event_type\":9,\"x\":\"a\tb\"}", .invalidJSON),
        (#"{"event_type":9,"x":01}"#, .invalidJSON),
        (#"{"event_type":9,"x":1.}"#, .invalidJSON),
        (#"{"event_type":9,}"#, .invalidJSON),
        (#"{"event_type":9} {"#, .invalidJSON),
        (#"{event_type:9}"#, .invalidJSON),
        (#"{"event_type":9,"x":nul}"#, .invalidJSON),
        (#"[1,2]"#, .notAMessage),
        (#"{"schema_version":1}"#, .notAMessage),
        (String(repeating: "[", count: 200) + String(repeating: "]", count: 200), .invalidJSON),
    ])
    func damagedLinesAreRefused(text: String, kind: ESLogLineError.Kind) {
        #expect(throws: ESLogLineError.self) { try Self.scan(text) }
        do {
            _ = try Self.scan(text)
        } catch {
            #expect(error.kind == kind, "\(text): \(error)")
            #expect(error.column >= 1 && error.column <= text.utf8.count + 1)
        }
    }

    /// A source that hands out a few bytes at a time, so lines cross every read boundary.
    struct TrickleSource: TrailByteSource {
        var bytes: [UInt8]
        var position = 0
        let step: Int

        mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
            let count = min(step, buffer.count, bytes.count - position)
            guard count > 0 else { return 0 }
            bytes.withUnsafeBytes {
                buffer.baseAddress!.copyMemory(from: $0.baseAddress! + position, byteCount: count)
            }
            position += count
            return count
        }
    }

    static func read(_ text: String, step: Int = 1 << 20, maxLineLength: Int = 4 << 20) throws -> (
        ESVolumeProfile, [ESLogProblem]
    ) {
        var problems: [ESLogProblem] = []
        var builder = ESVolumeProfileBuilder()
        try builder.add(
            ESLogReader(
                source: TrickleSource(bytes: Array(text.utf8), step: step), name: "log.jsonl",
                options: .init(maxLineLength: maxLineLength)),
            onProblem: { problems.append($0) })
        return (builder.profile(), problems)
    }

    @Test(arguments: [1, 7, 4096, 1 << 20])
    func damagedLinesAreReportedByLineAndTheRestIsRead(step: Int) throws {
        let good = Self.line()
        let lines = [
            good, "", Self.line(type: 11, key: "fork", sequence: 2) + "\r", String(good.prefix(80)),
            Self.line(type: 15, key: "exit", time: "2026-01-05T11:00:00.250000000Z", sequence: 5),
            #"{"not":"a message"}"#, String(repeating: "x", count: 300), Self.line(sequence: 3),
            Self.line(type: 15, key: "exit", sequence: 4),
        ]
        let text = lines.joined(separator: "\n")
        let (profile, problems) = try Self.read(text, step: step, maxLineLength: 200 + good.utf8.count)
        #expect(problems.map(\.line) == [4, 6, 7])
        #expect(problems.map(\.kind) == [.truncated, .notAMessage, .invalidJSON])
        #expect(problems[0].description.hasPrefix("log.jsonl:4:81: damage (truncated): "))
        #expect(profile.records == 5 && profile.damagedLines == 3)
        #expect(profile.damagedBytes == 81 + #"{"not":"a message"}"#.utf8.count + 1 + 301)
        // Every line's bytes with its newline (the last has none; the CR counts).
        let kept = [lines[0], lines[2], lines[4], lines[7], lines[8]]
        #expect(profile.bytes == kept.map { $0.utf8.count + 1 }.reduce(0, +) - 1)
        #expect(profile.events.map(\.name) == ["exit", "exec", "fork"])
        #expect(profile.events.map(\.records) == [2, 2, 1])
        // 1, 2, 5 (two lost), 3 (back: a restart), 4.
        #expect(profile.lostMessages == 2 && profile.sequenceRestarts == 1)
        #expect(profile.spanSeconds == 3600)
        #expect(profile.versions == [11: 5])
        #expect(profile.executables.map(\.path) == ["/usr/bin/git", "/usr/bin/git", "/usr/bin/git"])
    }

    @Test func anOverLongLineIsSkippedWithoutBeingHeld() throws {
        let long = #"{"event_type":9,"event":{"exec":{"args":[""# + String(repeating: "a", count: 5000) + #""]}}}"#
        let text = [Self.line(), long, Self.line(sequence: 2)].joined(separator: "\n") + "\n"
        for step in [3, 64, 1 << 20] {
            let (profile, problems) = try Self.read(text, step: step, maxLineLength: 1000)
            #expect(problems.count == 1 && problems.first?.kind == .tooLong && problems.first?.line == 2)
            #expect(problems.first?.description.contains("longer than the limit of 1000") == true)
            #expect(profile.records == 2 && profile.damagedBytes == long.utf8.count + 1)
        }
        // At the end of the input, without a newline, too.
        let (profile, problems) = try Self.read(Self.line() + "\n" + long, step: 100, maxLineLength: 1000)
        #expect(problems.map(\.line) == [2] && profile.records == 1)
    }

    @Test func formatsAreDetectedByTheFirstByte() {
        #expect(SampleInputFormat.detect(Array("\n  {\"a\":1}".utf8)) == .eslogger)
        #expect(SampleInputFormat.detect([0x14, 0, 0, 0]) == .bsm)
        #expect(SampleInputFormat.detect([]) == .bsm)
    }

    @Test func aNamedFIFOIsNotReadAheadToTellItsFormat() throws {
        let directory = try TemporaryDirectory("eslog-fifo")
        defer { directory.remove() }
        let path = directory.path("pipe")
        #expect(mkfifo(path, 0o600) == 0)
        // Reading ahead would block here (no writer) and lose what it read.
        #expect(try SampleInputFormat.detect(path: path) == .bsm)
        let file = try directory.write("log.jsonl", Self.line() + "\n")
        #expect(try SampleInputFormat.detect(path: file) == .eslogger)
    }

    @Test func eventSetsTakeEsloggerNames() throws {
        let set = try ESEventSet.parse("exec, fork,ES_EVENT_TYPE_NOTIFY_EXIT,exec")
        #expect(set.events?.map(\.number) == [9, 11, 15] && set.label == "exec,fork,exit")
        for bad in ["", "exec,", "nosuch", "ES_EVENT_TYPE_AUTH_EXEC"] {
            #expect(throws: AuditLintError.self) { try ESEventSet.parse(bad) }
        }
        #expect(
            throws: AuditLintError.invalidInput(
                "--es-events: 'ES_EVENT_TYPE_AUTH_EXEC' is not an event eslogger logs (AUTH events are never logged by eslogger); give eslogger's names (eslogger --list-events), e.g. exec, fork, exit, open, close"
            )
        ) {
            try ESEventSet.parse("ES_EVENT_TYPE_AUTH_EXEC")
        }
    }

    @Test func candidateSetsSubsetTheSampleAndMarkWhatItLacks() throws {
        let text = [
            Self.line(time: "2026-01-05T00:00:00Z"), Self.line(type: 11, key: "fork", sequence: 2),
            Self.line(type: 15, key: "exit", time: "2026-01-05T12:00:00Z", sequence: 3),
        ].joined(separator: "\n")
        let (profile, _) = try Self.read(text)
        let size = Self.line(time: "2026-01-05T00:00:00Z").utf8.count + 1
        let all = ESCandidateEstimate(.sample, on: profile)
        #expect(all.records == 3 && !all.lowerBound && abs((all.bytesPerDay ?? 0) - Double(all.bytes) * 2) < 1e-6)
        let set = ESCandidateEstimate(try ESEventSet.parse("exec,kextload"), on: profile)
        #expect(set.records == 1 && set.bytes == size && set.unsampled == ["kextload"] && set.lowerBound)
        #expect(set.topExecutables.map(\.path) == ["/usr/bin/git"])
        #expect(set.notes.first?.hasPrefix("lower bound: the sample holds no kextload message") == true)
        let volume = try #require(set.writeVolume(spanSeconds: profile.spanSeconds))
        #expect(abs(volume.volume.bytesPerDay - Double(size) * 2) < 1e-6)
        #expect(volume.assumptions.contains { $0.hasPrefix("the volume is a lower bound") })

        let report = ESEstimateReport(profile: profile, candidates: [all, set])
        let text2 = ESEstimateReporter.text(report)
        #expect(text2.contains("Lost messages: none (no gap in global_seq_num)"))
        #expect(text2.contains("exec,kextload"))
        #expect(text2.contains("(at least)"))
        let json = try JSONValue.parse(ESEstimateReporter.json(report))
        #expect(json["input"]?["records"] == .integer(3))
        #expect(Self.count(json["candidates"]) == 2)
    }

    static func synth(
        _ workload: Workload = .developer, version: Int = 11, seconds: Double = 120, seed: UInt64 = 3,
        events: ESEventSet? = nil
    ) throws -> (bytes: [UInt8], summary: ESLogSynthesizer.Summary) {
        try ESLogSynthesizer(
            .init(
                workload: workload, durationSeconds: seconds, seed: seed, messageVersion: version, events: events,
                start: TrailSynthesizer.defaultStart + 9 * 3600)
        ).bytes()
    }

    @Test(arguments: [(Workload.developer, 9), (.laptop, 10), (.server, 11), (.buildHost, 11)])
    func estimatesOfSynthesizedLogsAreExact(workload: Workload, version: Int) throws {
        let (bytes, summary) = try Self.synth(workload, version: version)
        var builder = ESVolumeProfileBuilder()
        var problems: [ESLogProblem] = []
        try builder.add(
            ESLogReader(source: MemoryTrailSource(bytes), name: "synth.jsonl"), onProblem: { problems.append($0) })
        let profile = builder.profile()
        #expect(problems.isEmpty)
        #expect(summary.records > 20 && profile.records == summary.records && profile.bytes == summary.bytes)
        #expect(profile.bytes == bytes.count)
        #expect(profile.versions == [version: summary.records])
        #expect(profile.lostMessages == 0 && profile.sequenceRestarts == 0 && profile.messagesWithoutTime == 0)
        let byEvent = Dictionary(uniqueKeysWithValues: profile.events.map { ($0.name, ($0.records, $0.bytes)) })
        #expect(byEvent.count == summary.byEvent.count)
        for (name, share) in summary.byEvent {
            #expect(byEvent[name]?.0 == share.records && byEvent[name]?.1 == share.bytes, "\(name)")
        }
        // Each line is a JSON object the project's own parser reads, with the documented members.
        let lines = bytes.split(separator: 0x0A)
        for line in [lines[0], lines[lines.count / 2], lines[lines.count - 1]] {
            let value = try JSONValue.parse(Array(line))
            for member in [
                "schema_version", "version", "time", "mach_time", "seq_num", "global_seq_num", "thread", "action_type",
                "event_type", "process", "event",
            ] {
                #expect(value[member] != nil, "\(member)")
            }
            let token = value["process"]?["audit_token"]
            #expect(version == 10 ? Self.count(token) == 8 : Self.count(token) == nil)
        }
    }

    @Test func synthesisIsDeterministicAndFollowsTheEventSet() throws {
        let first = try Self.synth(seconds: 60, seed: 9)
        #expect(try Self.synth(seconds: 60, seed: 9).bytes == first.bytes)
        #expect(try Self.synth(seconds: 60, seed: 10).bytes != first.bytes)
        let set = try ESEventSet.parse("exec,fork,exit")
        let subset = try Self.synth(seconds: 60, seed: 9, events: set)
        #expect(
            !subset.summary.byEvent.isEmpty && Set(subset.summary.byEvent.keys).isSubset(of: ["exec", "fork", "exit"]))
        // The laptop's network and admin classes have no ES counterpart: nothing for them.
        #expect(!first.summary.byEvent.keys.contains { ESEventType.notify(shortName: $0) == nil })
        #expect(throws: AuditLintError.self) {
            try ESLogSynthesizer(.init(workload: .laptop, durationSeconds: 60, messageVersion: 12))
        }
    }
}
