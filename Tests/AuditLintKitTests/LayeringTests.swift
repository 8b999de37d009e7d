import Foundation
import Testing

/// The library's folders form layers. A source scan checks the rules that keep them so:
/// Core (and Configuration) name no type declared in a feature folder, and Estimate names
/// none of Capacity's (Capacity builds on Estimate, never the other way round).
@Suite struct LayeringTests {
    static let library = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/AuditLintKit")

    /// Each folder's Swift files, with comments and string literals blanked out.
    static let folders: [String: [String: String]] = {
        var folders: [String: [String: String]] = [:]
        let enumerator = FileManager.default.enumerator(at: library, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            guard url.pathExtension == "swift", let text = try? String(contentsOf: url, encoding: .utf8) else {
                continue
            }
            let folder = url.path.dropFirst(library.path.count + 1).split(separator: "/").first.map(String.init) ?? ""
            let code =
                text
                .replacingOccurrences(of: #"//[^\n]*"#, with: "", options: .regularExpression)
                .replacingOccurrences(of: #""(?:[^"\\\n]|\\.)*""#, with: "\"\"", options: .regularExpression)
            folders[folder, default: [:]][url.lastPathComponent] = code
        }
        return folders
    }()

    /// The top-level types, protocols and aliases each folder declares.
    static let declared: [String: Set<String>] = folders.mapValues { files in
        var names = Set<String>()
        let pattern = try! NSRegularExpression(
            pattern: #"^(?:public |internal |final |indirect )*(?:struct|enum|class|protocol|typealias|actor) +(\w+)"#,
            options: .anchorsMatchLines)
        for code in files.values {
            for match in pattern.matches(in: code, range: NSRange(code.startIndex..., in: code)) {
                names.insert(String(code[Range(match.range(at: 1), in: code)!]))
            }
        }
        return names
    }

    /// `file: Type (Folder)` for each use in `folder` of a type declared in `others`.
    static func uses(in folder: String, of others: [String]) -> [String] {
        var found: [String] = []
        for (file, code) in folders[folder] ?? [:] {
            for other in others where other != folder {
                for name in declared[other] ?? []
                where !(declared[folder] ?? []).contains(name)
                    && code.range(of: "\\b\(name)\\b", options: .regularExpression) != nil
                {
                    found.append("\(file): \(name) (\(other))")
                }
            }
        }
        return found.sorted()
    }

    @Test func theScanSeesTheLibrary() {
        #expect(Self.declared["Core"]?.contains("JSONValue") == true)
        #expect(Self.declared["Capacity"]?.contains("CapacityReport") == true)
        #expect(!Self.uses(in: "Capacity", of: ["Estimate"]).isEmpty, "the scan finds a known dependency")
    }

    @Test(arguments: ["Core", "Configuration"])
    func foundationFoldersUseNoFeature(folder: String) {
        let features = Self.folders.keys.filter { $0 != "Core" && !$0.hasSuffix(".swift") }
        #expect(Self.uses(in: folder, of: Array(features)) == [])
    }

    @Test func estimateDoesNotDependOnCapacity() {
        #expect(Self.uses(in: "Estimate", of: ["Capacity"]) == [])
    }
}
