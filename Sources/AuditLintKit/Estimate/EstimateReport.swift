import Foundation

/// The result of `auditlint estimate`: the sample and every candidate's projection.
public struct EstimateReport: Sendable, Hashable {
    /// The sample (or merged profiles) the candidates were evaluated on.
    public var profile: VolumeProfile
    /// One projection per candidate, in the order given.
    public var candidates: [CandidateEstimate]

    public init(profile: VolumeProfile, candidates: [CandidateEstimate]) {
        self.profile = profile
        self.candidates = candidates
    }

    /// The flags and naflags the sample was recorded with, as flags values (nil when
    /// unknown), named with the class table the candidates were evaluated with.
    public var recordedWith: (flags: String?, naflags: String?) {
        (candidates.first?.sampleFlags, candidates.first?.sampleNaflags)
    }
}

/// Renders an ``EstimateReport``. Pure functions.
public enum EstimateReporter {
    /// The JSON interface: `{"schemaVersion":1,"input":{…},"candidates":[…]}`; `input`'s
    /// `recordedFlags` and `recordedNaflags` are what the sample was recorded with (null
    /// when unknown).
    public static func json(_ report: EstimateReport) -> String {
        let profile = report.profile
        let recorded = report.recordedWith
        return JSONValue.object([
            "schemaVersion": .integer(1),
            "input": .object([
                "files": .integer(profile.files), "records": .integer(profile.records),
                "bytes": .integer(profile.bytes),
                "spanSeconds": .rounded(profile.spanSeconds, decimals: 3),
                "damagedBytes": .integer(profile.damagedBytes),
                "hosts": .array(profile.hosts.map(JSONValue.string)),
                "recordedFlags": .optional(recorded.flags, JSONValue.string),
                "recordedNaflags": .optional(recorded.naflags, JSONValue.string),
            ]),
            "candidates": .array(report.candidates.map(candidateJSON)),
        ]).compact + "\n"
    }

    private static func candidateJSON(_ estimate: CandidateEstimate) -> JSONValue {
        let candidate = estimate.candidate
        func share(_ records: Int, _ bytes: Int) -> [(String, JSONValue)] {
            [("records", .integer(records)), ("bytes", .integer(bytes))]
        }
        return .object([
            "label": .string(candidate.label), "flags": .string(candidate.flagsText),
            "naflags": .string(candidate.naflagsText), "policy": .string(candidate.policyText),
            "valid": .bool(candidate.isValid), "records": .integer(estimate.records), "bytes": .integer(estimate.bytes),
            "bytesPerDay": .optional(estimate.bytesPerDay) { .rounded($0, decimals: 1) },
            "lowerBound": .bool(estimate.lowerBound),
            "unsampled": .object([
                ("flags", .array(estimate.unsampled.flags.map(JSONValue.string))),
                ("naflags", .array(estimate.unsampled.naflags.map(JSONValue.string))),
            ]),
            "byClass": .object(
                estimate.byClass.sorted { $0.key < $1.key }.map { name, value in
                    (name, .object(share(value.records, value.bytes)))
                }),
            "byEvent": .array(
                estimate.byEvent.map {
                    .object(
                        [("event", .integer(Int($0.event))), ("name", .optional($0.name, JSONValue.string))]
                            + share($0.records, $0.bytes))
                }),
            "hourlyBytes": .array(estimate.hourlyBytes.map(JSONValue.integer)),
            "topTalkers": .array(
                estimate.topTalkers.map {
                    .object([("kind", .string($0.kind)), ("name", .string($0.name))] + share($0.records, $0.bytes))
                }),
            "notes": .array(estimate.notes.map(JSONValue.string)),
        ])
    }

    /// The unsampled class terms of `estimate` that `first` does not have (naflags terms
    /// marked `na:`).
    private static func unsampledBeyond(_ first: CandidateEstimate, _ estimate: CandidateEstimate) -> Set<String> {
        func terms(_ unsampled: UnsampledClasses) -> Set<String> {
            Set(unsampled.flags + unsampled.naflags.map { "na:" + $0 })
        }
        return terms(estimate.unsampled).subtracting(terms(first.unsampled))
    }

    /// Human-readable text: the sample, a comparison table, then each candidate's top
    /// events, classes, executables and paths.
    public static func text(_ report: EstimateReport, top: Int = 5) -> String {
        let profile = report.profile
        var out =
            "Sample: \(profile.records) records, \(Quantity.formatSize(Int64(profile.bytes))) in \(profile.files) file\(profile.files == 1 ? "" : "s")"
        out += " over \(Quantity.formatDuration(profile.spanSeconds))"
        if profile.damagedBytes > 0 { out += " (\(profile.damagedBytes) damaged bytes skipped)" }
        if profile.records == 0 {
            out +=
                "\nThe sample holds no records (an empty or just rotated trail?): every figure below is 0; give a trail that holds a day or more of records"
        }
        let recorded = report.recordedWith
        out += "\nRecorded with: flags \(recorded.flags ?? "unknown"), naflags \(recorded.naflags ?? "unknown")"
        if recorded.flags == nil || recorded.naflags == nil {
            out += " (when unknown, classes the sample holds no record of count as not sampled; give --sample-flags)"
        }
        out += "\n\n"
        let first = report.candidates.first
        let compared = report.candidates.count > 1
        var header = ["candidate", "flags", "naflags", "policy", "records", "bytes", "per day"]
        if compared { header.append("vs first") }
        var rows = [header]
        for estimate in report.candidates {
            let candidate = estimate.candidate
            var row = [
                candidate.label, candidate.flagsText, candidate.naflagsText, candidate.policyText,
                String(estimate.records), Quantity.formatSize(Int64(estimate.bytes)),
                (estimate.bytesPerDay.map { Quantity.formatSize(rounding: $0.rounded(.down)) } ?? "n/a")
                    + (estimate.lowerBound ? " (at least)" : ""),
            ]
            if compared, let first {
                let delta = estimate.bytes.subtractingSaturating(first.bytes)
                // A candidate that selects classes the sample cannot tell about is never "=":
                // the sample could not contain their records.
                let unknown = unsampledBeyond(first, estimate)
                if delta == 0, !unknown.isEmpty {
                    row.append("unknown (not sampled)")
                } else {
                    row.append(
                        (delta == 0
                            ? "="
                            : (delta > 0 ? "+" : "-") + Quantity.formatSize(Int64(clamping: delta.magnitude))
                                + (first.bytes > 0
                                    ? String(format: " (%+.0f%%)", Double(delta) * 100 / Double(first.bytes)) : ""))
                            + (unknown.isEmpty ? "" : " or more"))
                }
            }
            rows.append(row)
        }
        out += TextTable.render(rows)
        // With many candidates (e.g. every one-class addition) only the first is detailed.
        let detailed = report.candidates.count > 3 ? Array(report.candidates.prefix(1)) : report.candidates
        for estimate in detailed {
            out += "\n\(estimate.candidate.label):\n"
            for note in estimate.notes { out += "  note: \(note)\n" }
            if estimate.records == 0 {
                if profile.records > 0 { out += "  keeps no record of the sample\n" }
                continue
            }
            out +=
                "  top events: "
                + estimate.byEvent.prefix(top).map {
                    "\($0.name ?? String($0.event)) \(Quantity.formatSize(Int64($0.bytes)))"
                }.joined(separator: ", ") + "\n"
            let classes = estimate.byClass.sorted { ($1.value.bytes, $0.key) < ($0.value.bytes, $1.key) }.prefix(top)
            out +=
                "  by class: "
                + classes.map { "\($0.key) \(Quantity.formatSize(Int64($0.value.bytes)))" }.joined(separator: ", ")
                + "\n"
            for kind in ["executable", "path"] {
                let talkers = estimate.topTalkers.filter { $0.kind == kind }.prefix(top)
                guard !talkers.isEmpty else { continue }
                out +=
                    "  top \(kind)s: "
                    + talkers.map { "\($0.name) \(Quantity.formatSize(Int64($0.bytes)))" }.joined(separator: ", ")
                    + "\n"
            }
        }
        let hidden = report.candidates.dropFirst(detailed.count)
        for estimate in hidden {
            for note in estimate.notes where note != estimate.unsampled.note {
                out += "\(estimate.candidate.label): note: \(note)\n"
            }
        }
        // One line for the undetailed candidates the sample cannot tell about (beyond the first).
        let unknown = hidden.filter { estimate in first.map { !unsampledBeyond($0, estimate).isEmpty } ?? false }
            .map(\.candidate.label)
        if !unknown.isEmpty {
            out +=
                "lower bounds: the sample cannot tell about classes that \(unknown.joined(separator: ", ")) select; "
                + SampleRecording.broadSampleAdvice + "\n"
        }
        return out
    }
}
