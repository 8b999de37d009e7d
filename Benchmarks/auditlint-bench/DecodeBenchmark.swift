import AuditLintKit
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The trail decoder: a ≥ 200 MB trail made with the encoder, then (a) a walk that parses
/// every token and counts records per event, (b) praudit -r text to /dev/null, (c) when the
/// environment variable `PRAUDIT` names a praudit binary, `praudit -r` on the same trail to
/// /dev/null. With `AUDITLINT_BENCH_LARGE=1` the trail is ≥ 2 GiB, and the peak resident
/// set of each pass is reported (target: under 64 MB).
enum DecodeBenchmark {
    static func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let large = try BenchEnvironment.isOn(BenchEnvironment.large)
        let path = NSTemporaryDirectory() + "auditlint-bench-\(getpid()).bsm"
        defer { unlink(path) }
        let (size, records) = try makeTrail(path, targetBytes: large ? 2_200_000_000 : 210_000_000)
        print("decode: trail \(path): \(size) bytes, \(records) records")

        // (a) token walk.
        let walkPeak = PeakMemory.reset()
        var perEvent = [Int](repeating: 0, count: 65536)
        var tokens = 0
        var overruns = 0
        let walk = try time {
            let reader = TrailReader(
                source: try FileDescriptorTrailSource(path: path), name: path, options: .init(checkTokens: false))
            try reader.forEachRecord { record in
                perEvent[Int(record.event)] += 1
                if record.forEachToken({ _, _, _ in tokens += 1 }) != nil { overruns += 1 }
            }
        }
        let counted = perEvent.reduce(0, +)
        precondition(counted == records && overruns == 0, "walk miscounted: \(counted) of \(records)")
        report(
            "walk (every token, records per event)", size, records, walk,
            extra: "\(tokens) tokens, \(perEvent.filter { $0 > 0 }.count) events")
        if walkPeak { print("decode: walk peak RSS \(PeakMemory.text)") }

        // (b) praudit -r text to /dev/null.
        let textPeak = PeakMemory.reset()
        let formatter = PrauditFormatter(raw: true)
        let null = open("/dev/null", O_WRONLY)
        defer { close(null) }
        var textBytes = 0
        let text = try time {
            var buffer: [UInt8] = []
            buffer.reserveCapacity(1 << 17)
            let reader = TrailReader(
                source: try FileDescriptorTrailSource(path: path), name: path, options: .init(checkTokens: false))
            try reader.forEachRecord { record in
                formatter.append(record, to: &buffer)
                if buffer.count >= 1 << 16 {
                    textBytes += buffer.withUnsafeBytes { write(null, $0.baseAddress, $0.count) }
                    buffer.removeAll(keepingCapacity: true)
                }
            }
            textBytes += buffer.withUnsafeBytes { write(null, $0.baseAddress, $0.count) }
        }
        report("raw text (-r) to /dev/null", size, records, text, extra: "\(textBytes) bytes of text")
        if textPeak { print("decode: text peak RSS \(PeakMemory.text)") }

        // (c) praudit -r on the same trail.
        if let praudit = environment["PRAUDIT"], !praudit.isEmpty {
            let seconds = try time { try runToNull(praudit, ["-r", path]) }
            report("praudit -r to /dev/null", size, records, seconds, extra: praudit)
            print(String(format: "decode: text speed / praudit speed: %.2f (target ≥ 2)", seconds / text))
        }
        print("decode: peak RSS of the process \(PeakMemory.text)")
    }

    /// Runs `executable` with `arguments`, standard output to /dev/null; throws unless it exits 0.
    static func runToNull(_ executable: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw AuditLintError.invalidInput("\(executable) exited with status \(process.terminationStatus)")
        }
    }

    static func time(_ body: () throws -> Void) rethrows -> Double {
        let start = ContinuousClock.now
        try body()
        let d = ContinuousClock.now - start
        return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    static func report(_ name: String, _ bytes: Int, _ records: Int, _ seconds: Double, extra: String) {
        let mbps = Double(bytes) / seconds / 1e6
        let rps = Double(records) / seconds
        print(
            String(
                format: "decode: %@: %.3f s, %.0f MB/s, %.2f M records/s (%@)", name, seconds, mbps, rps / 1e6, extra))
    }

    /// Writes a macOS-like trail: 4096 distinct records (file events with path, attribute,
    /// subject, return and identity; every eighth an execve with arguments) repeated to
    /// `targetBytes`.
    static func makeTrail(_ path: String, targetBytes: Int) throws -> (Int, Int) {
        var block: [UInt8] = []
        for n in 0..<4096 {
            let subject = BSMToken.subject(
                BSMSubject(
                    auditUID: 501, effectiveUID: UInt32(n % 3 == 0 ? 0 : 501), effectiveGID: 20, realUID: 501,
                    realGID: 20,
                    pid: UInt32(1000 + n), sessionID: 100_003, terminalPort: 50_331_650,
                    terminalAddress: .ipv4(0, 0, 0, 0)))
            let identity = BSMToken.identity(
                BSMIdentity(
                    signerType: 1, signingID: Array("com.apple.process\(n % 50)".utf8), teamID: [],
                    cdhash: Array(repeating: UInt8(n & 0xff), count: 20)))
            let header = BSMHeader(
                event: n % 8 == 0 ? 23 : UInt16(72 + n % 20), seconds: 1_740_000_000 + UInt64(n),
                milliseconds: UInt64(n % 1000))
            var tokens: [BSMToken]
            if n % 8 == 0 {
                tokens = [
                    .execArgs((0..<(2 + n % 6)).map { Array("argument-\($0)-\(n)".utf8) }),
                    .path(Array("/usr/bin/tool\(n % 30)\0".utf8)),
                ]
            } else {
                tokens = [.path(Array("/Users/someone/Library/Caches/file-\(n).db\0".utf8))]
            }
            tokens += [
                .attribute(
                    BSMAttribute(
                        mode: 0o100644, uid: 501, gid: 20, fileSystemID: 16_777_220, nodeID: UInt64(n) * 977, device: 0)
                ),
                subject, .returnValue(status: n % 5 == 0 ? 2 : 0, value: 0, is64Bit: false), identity,
            ]
            BSMEncoder.appendRecord(header, tokens, to: &block)
        }
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { throw AuditLintError.writeFailed(path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var written = 0
        var records = 0
        while written < targetBytes {
            let n = block.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            guard n == block.count else { throw AuditLintError.writeFailed(path, reason: "short write") }
            written += n
            records += 4096
        }
        return (written, records)
    }
}
