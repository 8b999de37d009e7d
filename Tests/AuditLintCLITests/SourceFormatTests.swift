import AuditLintTestSupport
import Foundation
import Testing

/// The sources keep the formatter's configuration (`.swift-format` at the package root).
///
/// `swift format` ships with the toolchain; the test runs its linter in strict mode, so a
/// line over the configured length (where the formatter can break it), an unordered import or a
/// wrong indentation fails CI. Run `swift format format -i -r Sources Rules Tests Benchmarks Fuzz
/// Package.swift` to fix what it reports.
@Suite struct SourceFormatTests {
    /// The `swift` driver on the PATH, if any.
    static let swift: URL? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        for directory in path.split(separator: ":") {
            let url = URL(fileURLWithPath: String(directory)).appendingPathComponent("swift")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }()

    @Test(
        "Every source file passes swift format lint --strict",
        .enabled(if: swift != nil, "no swift driver on the PATH to run swift format")
    )
    func sourcesAreFormatted() throws {
        let root = SharedData.packageRoot
        let process = Process()
        process.executableURL = Self.swift
        process.currentDirectoryURL = root
        process.arguments = [
            "format", "lint", "--strict", "--recursive", "--parallel",
            "--configuration", root.appendingPathComponent(".swift-format").path,
            "Package.swift", "Sources", "Rules", "Tests", "Benchmarks", "Fuzz",
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "swift format lint --strict reported:\n\(text)")
    }
}
