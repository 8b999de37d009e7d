import AuditLintKit

/// Small trails the project's own encoder makes, for tests that must run without `../shared`.
///
/// Every value is this project's choice; the tests that use them derive what they expect
/// from the constants here.
public enum SampleTrails {
    /// Monday 2026-01-12 12:33:05 UTC, the time of the exec record.
    public static let execSeconds: UInt64 = 1_768_221_185
    public static let execMilliseconds: UInt64 = 250
    /// The exec record's process id.
    public static let execPID: UInt32 = 4_242
    /// The exec record's audit, real and effective user id.
    public static let execAuditUser: UInt32 = 1_001
    public static let execPath = "/usr/bin/make"
    /// The exec record's arguments: `make` and 39 targets.
    public static let execArguments = ["make"] + (1...39).map { "target\($0)" }

    /// One execve record (event 23) written with a version-10 header: exec_args, path,
    /// attr32, subject32, and a successful return32.
    public static let exec: [UInt8] = BSMEncoder.record(
        BSMHeader(version: 10, event: 23, seconds: execSeconds, milliseconds: execMilliseconds),
        [
            .execArgs(execArguments.map { Array($0.utf8) }),
            .path(BSMBytes.cString(execPath)),
            .attribute(BSMAttribute(mode: 0o100755, uid: 0, gid: 0, fileSystemID: 88, nodeID: 31_337, device: 0)),
            .subject(
                BSMSubject(
                    auditUID: execAuditUser, effectiveUID: execAuditUser, effectiveGID: 20,
                    realUID: execAuditUser, realGID: 20, pid: execPID, sessionID: 77,
                    terminalPort: 0, terminalAddress: .ipv4(192, 0, 2, 10))),
            .returnValue(status: 0, value: 0, is64Bit: false),
        ])

    /// The time of the first open record (Thursday 2026-01-15 08:00:00 UTC); the second is one
    /// second later.
    public static let openSeconds: UInt64 = 1_768_464_000
    public static let openPath = "/Library/Preferences/example.plist"
    public static let signingID = "com.example.reader"
    public static let cdhash: [UInt8] = Array(0..<20)

    /// The subject of both open records.
    public static let openSubject = BSMSubject(
        auditUID: 501, effectiveUID: 0, effectiveGID: 0, realUID: 0, realGID: 0, pid: 812, sessionID: 100_004,
        terminalPort: 0, terminalAddress: .ipv4(0, 0, 0, 0))

    /// The first open-for-read record (event 72): it failed with ENOENT (BSM errno 2) and
    /// carries a code-signing identity token, as macOS writes them.
    public static let failedOpen: [UInt8] = BSMEncoder.record(
        BSMHeader(event: 72, seconds: openSeconds, milliseconds: 5),
        [
            .path(BSMBytes.cString(openPath)), .subject(openSubject),
            .returnValue(status: 2, value: 0xFFFF_FFFF, is64Bit: false),
            .identity(BSMIdentity(signerType: 1, signingID: Array(signingID.utf8), teamID: [], cdhash: cdhash)),
        ])

    /// The second open-for-read record: it succeeded and has no identity token.
    public static let open: [UInt8] = BSMEncoder.record(
        BSMHeader(event: 72, seconds: openSeconds + 1, milliseconds: 0),
        [.path(BSMBytes.cString(openPath)), .subject(openSubject), .returnValue(status: 0, value: 3, is64Bit: false)])

    /// ``failedOpen`` then ``open``.
    public static var identity: [UInt8] { failedOpen + open }
}
