import AuditLintTestSupport
import Foundation
import Testing

@testable import AuditLintKit

/// What the package keeps of `../shared`: facts in its own words, never a copy of a file.
@Suite(.enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.skipReason)))
struct SharedDataTests {
    /// The files git tracks in the package (relative paths), or, without git, every file
    /// outside hidden folders.
    static func packageFiles() -> [String] {
        let root = SharedData.packageRoot
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", root.path, "ls-files", "-z"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        if (try? process.run()) != nil {
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            if process.terminationStatus == 0 {
                return data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            }
        }
        let files = FileManager.default.enumerator(
            at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
        return (files?.allObjects as? [URL] ?? []).filter {
            (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true
        }
        .map { String($0.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1)) }
    }

    /// Every non-empty file under `../shared/data`, by size.
    static func sharedFilesBySize() throws -> [Int: [URL]] {
        let data = try SharedData.url("data")
        var bySize: [Int: [URL]] = [:]
        for case let url as URL in FileManager.default.enumerator(
            at: data, includingPropertiesForKeys: [.isRegularFileKey, .fileSizeKey]) ?? .init()
        {
            let values = try url.resourceValues(forKeys: [.isRegularFileKey, .fileSizeKey])
            guard values.isRegularFile == true, let size = values.fileSize, size > 0 else { continue }
            bySize[size, default: []].append(url)
        }
        return bySize
    }

    /// No file of the package is a byte copy of a file in `../shared/data` (data from other
    /// repositories): tests read those from `../shared`, and the package keeps only facts.
    @Test func noPackageFileIsACopyOfSharedData() throws {
        let shared = try Self.sharedFilesBySize()
        let dataFolder = try SharedData.url("data").standardizedFileURL.path
        var copies: [String] = []
        for relative in Self.packageFiles() {
            let url = SharedData.packageRoot.appendingPathComponent(relative)
            guard let size = try? url.resourceValues(forKeys: [.fileSizeKey]).fileSize, let candidates = shared[size]
            else { continue }
            let bytes = try Data(contentsOf: url)
            for original in candidates where try Data(contentsOf: original) == bytes {
                copies.append(
                    "\(relative) (a copy of ../shared/data\(original.standardizedFileURL.path.dropFirst(dataFolder.count)))"
                )
                break
            }
        }
        #expect(
            copies.isEmpty,
            """
            these files are copies of files in ../shared/data; read them from there with SharedData \
            (skipping when it is absent) and remove the copies:
            \(copies.joined(separator: "\n"))
            """)
    }

    /// The settings lines (neither blank nor comments) of an audit_control, as written.
    static func settingLines(_ text: String) -> [String] {
        text.split(separator: "\n").map(String.init).filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }

    static func shippedControl(_ dialect: Dialect) throws -> String {
        try SharedData.text("data/etc/\(dialect == .macos ? "macos-openbsm-21" : "openbsm-1.2")/audit_control")
    }

    /// ``StockControl`` holds the settings of the shipped files, in their order.
    @Test(arguments: Dialect.allCases)
    func stockControlHasTheShippedSettings(_ dialect: Dialect) throws {
        #expect(Self.settingLines(StockControl.text(dialect)) == Self.settingLines(try Self.shippedControl(dialect)))
    }

    /// The stock examples hold the shipped settings, in their order, with the project's own comments.
    @Test(arguments: [("macos-default", Dialect.macos), ("freebsd-default", .openbsm)])
    func stockExamplesHoldTheShippedSettings(_ example: String, _ dialect: Dialect) throws {
        let url = SharedData.packageRoot.appendingPathComponent("Examples/\(example)/audit_control")
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(Self.settingLines(text) == Self.settingLines(try Self.shippedControl(dialect)))
        #expect(text.contains("#"), "the example explains its settings")
    }
}
