import Foundation

/// A candidate set of Endpoint Security events for `eslogger` (`exec,fork,exit`), or every
/// event type of the sample.
public struct ESEventSet: Sendable, Hashable {
    /// A label for output: the list as given, or `sample`.
    public var label: String
    /// The NOTIFY event types of the set, in the order given; nil for every event type the
    /// sample holds.
    public var events: [ESEventType]?

    public init(label: String, events: [ESEventType]?) {
        self.label = label
        self.events = events
    }

    /// Every event type the sample holds (what eslogger was run with, as far as the sample tells).
    public static let sample = ESEventSet(label: "sample", events: nil)

    /// Parses a comma-separated list of eslogger event names (`eslogger --list-events`:
    /// `exec,fork,exit`); the C names (`ES_EVENT_TYPE_NOTIFY_EXEC`) are accepted too.
    /// Repeated names count once.
    ///
    /// - Throws: ``AuditLintError/invalidInput(_:)`` naming `option` and the name that is
    ///   not an event eslogger logs.
    public static func parse(_ text: String, option: String = "--es-events") throws -> ESEventSet {
        var events: [ESEventType] = []
        let names = text.split(separator: ",", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        for name in names {
            guard !name.isEmpty else {
                throw AuditLintError.invalidInput(
                    "\(option): '\(text)' has an empty name; give eslogger event names separated by commas, e.g. exec,fork,exit"
                )
            }
            let event =
                ESEventType.notify(shortName: name)
                ?? ESEventType.all.first { $0.name == name.uppercased() && $0.action == .notify && $0.shortName != nil }
            guard let event else {
                let auth = ESEventType.all.contains { $0.name == name.uppercased() && $0.action == .auth }
                throw AuditLintError.invalidInput(
                    "\(option): '\(name)' is not an event eslogger logs"
                        + (auth ? " (AUTH events are never logged by eslogger)" : "")
                        + "; give eslogger's names (eslogger --list-events), e.g. exec, fork, exit, open, close")
            }
            if !events.contains(event) { events.append(event) }
        }
        return ESEventSet(label: events.compactMap(\.shortName).joined(separator: ","), events: events)
    }

    /// Whether the set takes messages of the event numbered `number`.
    public func contains(_ number: Int?) -> Bool {
        guard let events else { return true }
        guard let number else { return false }
        return events.contains { $0.number == number }
    }
}

/// The projected volume of one ``ESEventSet`` over an `eslogger` sample.
public struct ESCandidateEstimate: Sendable, Hashable {
    public var candidate: ESEventSet
    /// Messages the set keeps (exact over the sample), and their bytes.
    public var records: Int
    public var bytes: Int
    /// Bytes per day, scaled from the sample's span; nil when the sample spans no time.
    public var bytesPerDay: Double?
    /// Whether the real volume may be larger: the set names event types the sample holds
    /// no message of (``unsampled``).
    public var lowerBound: Bool { !unsampled.isEmpty }
    /// The set's event types the sample holds no message of: not known to be 0 (the log may
    /// not have been recorded with them).
    public var unsampled: [String]
    /// The sample's event types the set keeps, most bytes first.
    public var byEvent: [ESVolumeProfile.EventVolume]
    /// Top executables by kept bytes, summed over the kept event types.
    public var topExecutables: [(path: String, records: Int, bytes: Int)]
    /// Kept bytes per UTC hour of day.
    public var hourlyBytes: [Int]
    public var notes: [String]

    public static func == (a: ESCandidateEstimate, b: ESCandidateEstimate) -> Bool {
        a.candidate == b.candidate && a.records == b.records && a.bytes == b.bytes && a.byEvent == b.byEvent
            && a.unsampled == b.unsampled && a.notes == b.notes
            && a.topExecutables.map(\.path) == b.topExecutables.map(\.path)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(candidate)
        hasher.combine(bytes)
    }

    /// The set's volume over `profile`; `top` bounds ``topExecutables``.
    public init(_ candidate: ESEventSet, on profile: ESVolumeProfile, top: Int = 10) {
        self.candidate = candidate
        byEvent = profile.events.filter { candidate.contains($0.number) }
        records = byEvent.reduce(0) { $0.addingSaturating($1.records) }
        bytes = byEvent.reduce(0) { $0.addingSaturating($1.bytes) }
        let span = profile.spanSeconds
        let perDay = span > 0 ? Double(bytes) * 86_400 / span : nil
        bytesPerDay = perDay.flatMap { $0.isFinite ? $0 : nil }
        let sampled = Set(profile.events.compactMap(\.number))
        unsampled = (candidate.events ?? []).filter { !sampled.contains($0.number) }.compactMap(\.shortName)
        var hourly = Array(repeating: 0, count: 24)
        for event in byEvent {
            for (hour, value) in event.hourlyBytes.prefix(24).enumerated() {
                hourly[hour] = hourly[hour].addingSaturating(value)
            }
        }
        hourlyBytes = hourly
        let keptNames = Set(byEvent.map(\.name))
        var totals: [String: CandidateEstimate.Share] = [:]
        for executable in profile.executables where keptNames.contains(executable.event) {
            totals[executable.path, default: CandidateEstimate.Share(records: 0, bytes: 0)].add(
                records: executable.records, bytes: executable.bytes)
        }
        topExecutables = totals.map { (path: $0.key, records: $0.value.records, bytes: $0.value.bytes) }
            .sortedPrefix(top) { ($1.bytes, $0.path) < ($0.bytes, $1.path) }
        notes = []
        if !unsampled.isEmpty {
            notes.append(
                "lower bound: the sample holds no \(unsampled.joined(separator: ", ")) message, so their volume is unknown (not 0); record a sample with eslogger \(unsampled.joined(separator: " ")) among its events"
            )
        }
    }

    /// The write volume the capacity model replays, with its assumptions in words; nil when
    /// the sample spans no time.
    public func writeVolume(spanSeconds: Double) -> (volume: WriteVolume, assumptions: [String])? {
        guard let bytesPerDay, spanSeconds > 0 else { return nil }
        let sampled = WriteVolume.sampled(
            description: "eslogger events \(candidate.events == nil ? "of the sample" : candidate.label)",
            records: records, bytes: bytes, bytesPerDay: bytesPerDay, hourlyBytes: hourlyBytes,
            spanSeconds: spanSeconds)
        var assumptions = sampled.assumptions
        if let note = notes.first, lowerBound { assumptions.append("the volume is a \(note)") }
        return (sampled.volume, assumptions)
    }
}

/// The result of `auditlint estimate` on `eslogger` logs.
public struct ESEstimateReport: Sendable, Hashable {
    public var profile: ESVolumeProfile
    public var candidates: [ESCandidateEstimate]

    public init(profile: ESVolumeProfile, candidates: [ESCandidateEstimate]) {
        self.profile = profile
        self.candidates = candidates
    }
}

/// Renders an ``ESEstimateReport`` as text or JSON. Pure functions.
public enum ESEstimateReporter {
    private static func perDay(_ bytes: Int, _ span: Double) -> Double? {
        span > 0 ? Double(bytes) * 86_400 / span : nil
    }

    /// The JSON interface: `{"schemaVersion":1,"inputFormat":"eslogger","input":{…},
    /// "byEventType":[…],"byExecutable":[…],"candidates":[…]}`.
    public static func json(_ report: ESEstimateReport, top: Int = 10) -> String {
        let profile = report.profile
        let span = profile.spanSeconds
        func share(_ records: Int, _ bytes: Int) -> [(String, JSONValue)] {
            [
                ("records", .integer(records)), ("bytes", .integer(bytes)),
                ("bytesPerDay", .optional(perDay(bytes, span)) { .rounded($0, decimals: 1) }),
            ]
        }
        func events(_ list: [ESVolumeProfile.EventVolume]) -> JSONValue {
            .array(
                list.map {
                    .object(
                        [("eventType", .optional($0.number, JSONValue.integer)), ("name", .string($0.name))]
                            + share($0.records, $0.bytes))
                })
        }
        let sampleTop = ESCandidateEstimate(.sample, on: profile, top: top).topExecutables
        return JSONValue.object([
            "schemaVersion": .integer(1),
            "inputFormat": .string("eslogger"),
            "input": .object([
                ("files", .integer(profile.files)), ("records", .integer(profile.records)),
                ("bytes", .integer(profile.bytes)), ("spanSeconds", .rounded(span, decimals: 3)),
                ("firstTime", .optional(profile.firstTime) { .rounded($0, decimals: 6) }),
                ("lastTime", .optional(profile.lastTime) { .rounded($0, decimals: 6) }),
                ("damagedLines", .integer(profile.damagedLines)), ("damagedBytes", .integer(profile.damagedBytes)),
                ("lostMessages", .integer(profile.lostMessages)),
                ("sequenceRestarts", .integer(profile.sequenceRestarts)),
                ("messagesWithoutTime", .integer(profile.messagesWithoutTime)),
                ("messagesWithoutSequence", .integer(profile.messagesWithoutSequence)),
                (
                    "messageVersions",
                    .object(profile.versions.sorted { $0.key < $1.key }.map { (String($0.key), .integer($0.value)) })
                ),
            ]),
            "byEventType": events(profile.events),
            "byExecutable": .array(
                sampleTop.map { .object([("path", .string($0.path))] + share($0.records, $0.bytes)) }),
            "candidates": .array(
                report.candidates.map { estimate in
                    .object([
                        ("label", .string(estimate.candidate.label)),
                        (
                            "events",
                            estimate.candidate.events.map { .array($0.compactMap(\.shortName).map(JSONValue.string)) }
                                ?? .null
                        ),
                        ("records", .integer(estimate.records)), ("bytes", .integer(estimate.bytes)),
                        ("bytesPerDay", .optional(estimate.bytesPerDay) { .rounded($0, decimals: 1) }),
                        ("lowerBound", .bool(estimate.lowerBound)),
                        ("unsampled", .array(estimate.unsampled.map(JSONValue.string))),
                        ("byEventType", events(estimate.byEvent)),
                        (
                            "topExecutables",
                            .array(
                                estimate.topExecutables.map {
                                    .object([("path", .string($0.path))] + share($0.records, $0.bytes))
                                })
                        ),
                        ("hourlyBytes", .array(estimate.hourlyBytes.map(JSONValue.integer))),
                        ("notes", .array(estimate.notes.map(JSONValue.string))),
                    ])
                }),
        ]).compact + "\n"
    }

    private static func size(_ bytes: Int) -> String { Quantity.formatSize(Int64(bytes)) }

    private static func list(_ items: [(name: String, records: Int, bytes: Int)], top: Int) -> String {
        items.prefix(top).map { "\($0.name) \(size($0.bytes)) (\($0.records))" }.joined(separator: ", ")
    }

    /// Human-readable text: the sample (span, lost messages, damage, event types,
    /// executables), a table of the candidates, then each candidate's event types and executables.
    public static func text(_ report: ESEstimateReport, top: Int = 5) -> String {
        let profile = report.profile
        let span = profile.spanSeconds
        let versions = profile.versions.keys.filter { $0 >= 0 }.sorted().map(String.init)
        var out =
            "Sample: eslogger log, \(profile.records) message\(profile.records == 1 ? "" : "s"), \(size(profile.bytes)) in \(profile.files) file\(profile.files == 1 ? "" : "s") over \(Quantity.formatDuration(span))"
        if !versions.isEmpty {
            out += " (message version\(versions.count == 1 ? "" : "s") \(versions.joined(separator: ", ")))"
        }
        out += "\n"
        if profile.lostMessages > 0 {
            let mean = profile.records > 0 ? profile.bytes / profile.records : 0
            out +=
                "Lost messages: \(profile.lostMessages) (gaps in global_seq_num), about \(size(mean.multipliedSaturating(by: profile.lostMessages))) at the mean message size; the figures below count only what was logged\n"
        } else if profile.messagesWithoutSequence < profile.records {
            out += "Lost messages: none (no gap in global_seq_num)\n"
        }
        if profile.sequenceRestarts > 0 {
            out += "global_seq_num went back \(profile.sequenceRestarts) time(s): logs of more than one eslogger run\n"
        }
        if profile.damagedLines > 0 {
            out += "Damaged lines skipped: \(profile.damagedLines) (\(size(profile.damagedBytes)))\n"
        }
        if profile.messagesWithoutTime > 0 {
            out += "Messages without a readable time: \(profile.messagesWithoutTime) (left out of the span)\n"
        }
        out += "\n"
        var rows = [["candidate", "event types", "records", "bytes", "per day"]]
        for estimate in report.candidates {
            rows.append([
                estimate.candidate.label,
                estimate.candidate.events == nil
                    ? "all \(estimate.byEvent.count) sampled" : String(estimate.candidate.events!.count),
                String(estimate.records), size(estimate.bytes),
                (estimate.bytesPerDay.map { Quantity.formatSize(rounding: $0.rounded(.down)) } ?? "n/a")
                    + (estimate.lowerBound ? " (at least)" : ""),
            ])
        }
        out += TextTable.render(rows)
        for estimate in report.candidates {
            out += "\n\(estimate.candidate.label):\n"
            for note in estimate.notes { out += "  note: \(note)\n" }
            if estimate.records == 0 {
                out += "  keeps no message of the sample\n"
                continue
            }
            out +=
                "  by event type: "
                + list(estimate.byEvent.map { ($0.name, $0.records, $0.bytes) }, top: top) + "\n"
            if !estimate.topExecutables.isEmpty {
                out +=
                    "  top executables: "
                    + list(estimate.topExecutables.map { ($0.path, $0.records, $0.bytes) }, top: top) + "\n"
            }
        }
        return out
    }
}
