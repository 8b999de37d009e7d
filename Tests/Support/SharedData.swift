import Foundation

/// Locates the reference data that sits beside the project at `../shared`.
///
/// The trails, stock tables, schemas and real-world files there come from other public
/// repositories, so they are never committed here. Tests that need them read them from
/// `../shared` and are skipped, with ``SharedData/skipReason``, when it is absent (CI always has it).
/// Tests that must run without it build their input with the project's own encoder and synthesizer.
public enum SharedData {
    /// The package's root directory (the one holding `Package.swift`).
    public static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }  // Tests/Support/SharedData.swift
        return url
    }()

    /// `../shared` beside the package, or nil when it is absent.
    public static let root: URL? = {
        let url = packageRoot.deletingLastPathComponent().appendingPathComponent("shared", isDirectory: true)
        var isDirectory: ObjCBool = false
        guard
            FileManager.default.fileExists(atPath: url.appendingPathComponent("data").path, isDirectory: &isDirectory),
            isDirectory.boolValue
        else { return nil }
        return url
    }()

    /// Whether `../shared` is present.
    public static var isAvailable: Bool { root != nil }

    /// Why a test that needs `../shared` was skipped.
    public static let skipReason =
        "../shared is absent: this test reads reference data from other repositories, which is never committed here"

    /// The file or directory at `relative` under `../shared` (for example `data/trails/plaso-apple.bsm`).
    ///
    /// Throws when `../shared` or the file is missing; guard the test with
    /// `.enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.skipReason))`.
    public static func url(_ relative: String) throws -> URL {
        guard let root else { throw Missing(path: relative) }
        let url = root.appendingPathComponent(relative)
        guard FileManager.default.fileExists(atPath: url.path) else { throw Missing(path: relative) }
        return url
    }

    /// The bytes of the file at `relative` under `../shared`.
    public static func bytes(_ relative: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: url(relative)))
    }

    /// The text of the file at `relative` under `../shared`, decoded as UTF-8.
    public static func text(_ relative: String) throws -> String {
        String(decoding: try bytes(relative), as: UTF8.self)
    }

    /// A file under `../shared` that a test needed is missing.
    public struct Missing: Error, CustomStringConvertible {
        public let path: String
        public var description: String { "../shared/\(path) is missing (\(SharedData.skipReason))" }
    }
}
