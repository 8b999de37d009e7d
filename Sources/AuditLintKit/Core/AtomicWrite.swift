import Foundation

/// Writes files atomically: to a temporary file in the same directory, then renamed over
/// the target, so a crash never leaves a half-written file.
public enum AtomicWrite {
    /// Writes `data` to `path` atomically.
    ///
    /// - Throws: ``AuditLintError/writeFailed(_:reason:)``.
    public static func write(_ data: Data, to path: String) throws {
        do {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw AuditLintError.writeFailed(path, reason: error.localizedDescription)
        }
    }

    /// Writes `text` as UTF-8 to `path` atomically.
    public static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }
}
