/// A minimal trail → ``RecordSummary`` adapter for `tune --trail` (decoding each record's
/// tokens). The estimate branch's fast adapter replaces it when it lands.
public enum TrailSummaryReader {
    /// The summary of one record; nil for a stand-alone file token.
    public static func summary(of record: TrailRecordView) -> RecordSummary? {
        guard !record.isFileToken else { return nil }
        var time = 0.0
        var subject: UInt32?
        var process: UInt32?
        var status: UInt8?
        var execArgs = 0
        var execEnv = 0
        var path: String?
        var offset = 0
        for token in record.decodeTokens().tokens {
            let length = BSMEncoder.encode(token).count
            defer { offset += length }
            switch token {
            case .header(let header): time = Double(header.seconds) + Double(header.milliseconds) / 1000
            case .subject(let s) where s.role == .subject: subject = subject ?? s.auditUID
            case .subject(let s): process = process ?? s.auditUID
            case .returnValue(let value, _, _): status = status ?? value
            case .execArgs: execArgs += length
            case .execEnv: execEnv += length
            case .path(let bytes): path = path ?? BSMBytes.string(bytes)
            default: break
            }
        }
        return RecordSummary(
            event: record.event, auditUserID: subject ?? process, success: (status ?? 0) == 0, size: record.bytes.count,
            execArgsBytes: execArgs, execEnvBytes: execEnv, time: time, path: path)
    }

    /// The volume profile of trail files (directories expand to their files in name order).
    ///
    /// - Parameter onProblem: called with each damaged spot (the intact records are kept).
    public static func profile(paths: [String], hosts: [String], onProblem: (TrailProblem) -> Void = { _ in }) throws -> VolumeProfile {
        var builder = VolumeProfileBuilder()
        for path in try TrailPaths.expand(paths) {
            let reader = TrailReader(source: try FileDescriptorTrailSource(path: path), name: path)
            var problems: [TrailProblem] = []
            try reader.forEachRecord(onProblem: { problems.append($0) }) { record in
                if let summary = summary(of: record) { builder.add(summary) }
            }
            problems.forEach(onProblem)
            builder.files += 1
        }
        return builder.profile(hosts: hosts)
    }
}
