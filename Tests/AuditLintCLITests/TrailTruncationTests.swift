import AuditLintKit
import AuditLintTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A trail file truncated by another process while `auditlint` reads it (mapped, so the
/// vanished pages raise `SIGBUS`): a clear error naming the file and exit 3, not a crash.
@Suite struct TrailTruncationTests {
    @Test func aTrailTruncatedWhileDecodedIsAnErrorNamingIt() throws {
        let directory = try TemporaryDirectory("truncated")
        defer { directory.remove() }
        var bytes: [UInt8] = []
        for n in 0..<40_000 {
            BSMEncoder.appendRecord(
                BSMHeader(event: 72, seconds: 1_700_000_000 + UInt64(n), milliseconds: 0),
                [.path(Array("/private/var/db/file\(n)\0".utf8)), .returnValue(status: 0, value: 0, is64Bit: false)],
                to: &bytes)
        }
        let path = try directory.write("live.bsm", bytes)
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["decode", "--raw", path]
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // The decoder has mapped the file once output arrives; it then blocks on the full
        // pipe while the file is cut to nothing under it.
        #expect(!out.fileHandleForReading.readData(ofLength: 4096).isEmpty)
        #expect(truncate(path, 0) == 0)
        _ = out.fileHandleForReading.readDataToEndOfFile()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 3)
        #expect(message.hasPrefix("auditlint: error: \(path): the file became shorter while it was read"))
    }
}
