/// Errors that stop a command: bad input the user must fix, or I/O failures.
///
/// Findings about a configuration are not errors; they are ``Finding`` values.
/// Every message names the file (and where it applies the line:column or byte offset)
/// and says what to do.
public enum AuditLintError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The path does not exist.
    case fileNotFound(String)
    /// The path is a directory where a file was expected.
    case notAFile(String)
    /// The path is a FIFO, a device or a socket where a regular file was expected (`kind`
    /// says which), so it is refused before it is opened.
    case notRegularFile(String, kind: String)
    /// The file exists but cannot be read.
    case unreadable(String, reason: String)
    /// The file is larger than the command accepts for its kind.
    case fileTooLarge(String, size: Int, limit: Int)
    /// A directory was given but has no `audit_control` in it or below it.
    case noControlFile(directory: String)
    /// The user's input (an option value, a configuration file) is invalid.
    case invalidInput(String)
    /// A file could not be written.
    case writeFailed(String, reason: String)
    /// A file auditlint reads for itself (`.auditlint.json`, a baseline) is damaged or
    /// invalid: the path, the 1-based line and column when known, and what is wrong and
    /// what to do.
    case invalidFile(String, line: Int?, column: Int?, problem: String)
    /// A BSM trail is damaged at `offset` (reported in strict mode, where reading stops).
    case damagedTrail(String, offset: Int64, reason: String)
    /// A capacity simulation over the horizon the user gave would take more work than one
    /// run may: `horizonSeconds` as given, `simulableSeconds` the longest horizon (whole
    /// days) that fits with the same settings, and `reason` what makes the work large.
    /// Commands name their horizon option in front of the message.
    case horizonTooLong(horizonSeconds: Double, simulableSeconds: Double, reason: String)

    /// Whether this is a usage or configuration problem (exit code 2) rather than an I/O
    /// problem (exit code 3).
    public var isUsageError: Bool {
        switch self {
        case .invalidInput, .noControlFile, .notAFile, .notRegularFile, .invalidFile, .horizonTooLong: true
        case .fileNotFound, .unreadable, .fileTooLarge, .writeFailed, .damagedTrail: false
        }
    }

    public var description: String {
        switch self {
        case .fileNotFound(let path) where path.isEmpty:
            "an empty path names no file (an empty argument, or an unset shell variable?); give the file's path"
        case .fileNotFound(let path):
            "\(path): no such file or directory; check the path"
        case .notAFile(let path):
            "\(path): is a directory; name a file in it"
        case .notRegularFile(let path, let kind):
            "\(path): is \(kind), not a regular file; name a regular file"
        case .unreadable(let path, let reason):
            "\(path): cannot be read (\(reason)); check its permissions"
        case .fileTooLarge(let path, let size, let limit):
            "\(path): \(size) bytes or more is too large for this kind of file (limit \(limit)); is this the right file?"
        case .noControlFile(let directory):
            "\(directory): no audit_control file found in this directory or below; name the file itself or a directory that holds one"
        case .invalidInput(let message):
            message
        case .horizonTooLong(let horizon, let simulable, let reason):
            "a horizon of \(Quantity.formatDuration(horizon)) is too long to simulate: \(reason); give a horizon of "
                + "at most \(Int(saturating: simulable / 86_400))d (--horizon)"
        case .damagedTrail(let path, let offset, let reason):
            "\(path): byte \(offset): damaged trail (\(reason)); read it without --strict to recover the intact records"
        case .writeFailed(let path, let reason) where path == "standard output":
            "standard output cannot be written (\(reason)); check the file, disk or pipe it goes to"
        case .writeFailed(let path, let reason) where reason.contains(";"):
            "\(path): cannot be written: \(reason)"
        case .writeFailed(let path, let reason):
            "\(path): cannot be written (\(reason)); check that its directory exists and is writable and that the disk has space"
        case .invalidFile(let path, let line?, let column?, let problem):
            "\(path):\(line):\(column): \(problem)"
        case .invalidFile(let path, let line?, nil, let problem):
            "\(path):\(line): \(problem)"
        case .invalidFile(let path, _, _, let problem):
            "\(path): \(problem)"
        }
    }
}
