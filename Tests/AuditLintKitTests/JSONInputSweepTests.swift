import Foundation
import Testing

@testable import AuditLintKit

/// Every JSON input reader (`.auditlint.json`, baselines, volume profiles, tuning journals)
/// against hostile documents: truncated at every byte, every value swapped for another type
/// or an extreme number, deep nesting, huge strings. Each must come back as a decoded value
/// or an ``AuditLintError`` naming the file, never a crash (issue 9, item 6).
@Suite struct JSONInputSweepTests {
    struct Reader: Sendable, CustomTestStringConvertible {
        var name: String
        var path: String
        var valid: @Sendable () throws -> [UInt8]
        var read: @Sendable ([UInt8], String) throws -> Void
        var testDescription: String { name }
    }

    /// A document re-encoded compactly, so truncating at every byte stays cheap.
    static func compact(_ bytes: [UInt8]) throws -> [UInt8] {
        Array(try JSONValue.parse(bytes).compact.utf8)
    }

    static let readers: [Reader] = [
        Reader(
            name: "config", path: "/repo/.auditlint.json",
            valid: {
                Array(
                    #"{"version":1,"failOn":"warning","dialect":"openbsm","disable":["AC105"],"severity":{"AC203":"note"},"noInlineSuppressions":true,"baseline":"b.json","overrides":[{"paths":["hosts/**"],"enable":["AC301"]}]}"#
                        .utf8)
            }, read: { _ = try ConfigFile.parse($0, path: $1) }),
        Reader(
            name: "baseline", path: "baseline.json",
            valid: {
                try compact(
                    Array(
                        Baseline(entries: [
                            BaselineEntry(ruleId: "AC201", path: "a/audit_control", subject: "flags=xx", count: 2)
                        ]).encoded.utf8))
            }, read: { _ = try Baseline.decode($0, path: $1) }),
        Reader(
            name: "profile", path: "profile.json",
            valid: {
                try compact(Array(EstimatorTests.profile().jsonData()))
            }, read: { _ = try VolumeProfile.decode($0, path: $1) }),
        Reader(
            name: "journal", path: "auditlint-tuning.json",
            valid: {
                try compact(Array(TuningFixtures.journal().jsonData()))
            }, read: { _ = try TuningJournal.decode(Data($0), path: $1) }),
    ]

    /// Runs `reader` on `bytes`: accepted, or refused with an error that names the file.
    static func expectNamedOutcome(_ reader: Reader, _ bytes: [UInt8], _ what: @autoclosure () -> String) {
        do {
            try reader.read(bytes, reader.path)
        } catch let error as AuditLintError {
            #expect(error.description.hasPrefix(reader.path + ":"), "\(reader.name), \(what()): \(error.description)")
            #expect(error.isUsageError, "\(reader.name), \(what())")
        } catch {
            Issue.record("\(reader.name), \(what()): not an AuditLintError: \(error)")
        }
    }

    @Test(arguments: readers)
    func theValidDocumentIsRead(reader: Reader) throws {
        try reader.read(try reader.valid(), reader.path)
    }

    @Test(arguments: readers)
    func everyTruncationIsRefusedWithAPosition(reader: Reader) throws {
        let bytes = try reader.valid()
        // Every byte of the small documents; of a large one, its first and last 300 bytes
        // and 1,000 places spread over the rest.
        let step = max(1, bytes.count / 1_000)
        let lengths = Set(
            Array(0..<min(300, bytes.count)) + Array(max(0, bytes.count - 300)..<bytes.count)
                + Array(stride(from: 0, to: bytes.count, by: step)))
        for length in lengths.sorted() {
            do {
                try reader.read(Array(bytes.prefix(length)), reader.path)
                Issue.record("\(reader.name): accepted a document truncated to \(length) bytes")
            } catch let error as AuditLintError {
                guard case .invalidFile(let path, let line, let column, _) = error else {
                    Issue.record("\(reader.name), \(length) bytes: \(error)")
                    continue
                }
                #expect(path == reader.path)
                #expect(
                    length == 0 || (line != nil && column != nil),
                    "\(reader.name), \(length) bytes: \(error.description)")
            }
        }
    }

    static let hostileValues: [JSONValue] = [
        .null, .bool(true), .string(""), .string("x"), .integer(0), .integer(-1), .integer(Int.max), .integer(Int.min),
        .double(1e308), .double(-1e308), .double(1e-300), .double(0.5), .array([]), .object([]),
    ]

    /// Every value of `document` (and of its first array elements), addressed by a path of
    /// keys and indices.
    /// A journal's `profile` is replaced whole but not walked: the profile reader's own
    /// sweep covers its fields, and the journal reads it with the same checks.
    static func valuePaths(_ document: JSONValue, prefix: [Either] = [], notWalked: Set<String> = []) -> [[Either]] {
        switch document {
        case .object(let members):
            return members.flatMap { key, value in
                [prefix + [.key(key)]]
                    + (prefix.isEmpty && notWalked.contains(key) ? [] : valuePaths(value, prefix: prefix + [.key(key)]))
            }
        case .array(let items):
            return items.prefix(1).enumerated().flatMap { index, value in
                [prefix + [.index(index)]] + valuePaths(value, prefix: prefix + [.index(index)])
            }
        default:
            return []
        }
    }

    enum Either {
        case key(String)
        case index(Int)
    }

    static func replacing(_ document: JSONValue, at path: ArraySlice<Either>, with value: JSONValue) -> JSONValue {
        guard let first = path.first else { return value }
        switch (document, first) {
        case (.object(let members), .key(let key)):
            return .object(
                members.map { $0.0 == key ? ($0.0, replacing($0.1, at: path.dropFirst(), with: value)) : $0 })
        case (.array(var items), .index(let index)):
            items[index] = replacing(items[index], at: path.dropFirst(), with: value)
            return .array(items)
        default:
            return document
        }
    }

    @Test(arguments: readers)
    func everyValueSwappedForAnotherTypeOrAnExtremeNumber(reader: Reader) throws {
        let document = try JSONValue.parse(try reader.valid())
        let paths = Self.valuePaths(document, notWalked: reader.name == "journal" ? ["profile"] : [])
        #expect(!paths.isEmpty)
        for path in paths {
            for value in Self.hostileValues {
                let hostile = Self.replacing(document, at: path[...], with: value)
                Self.expectNamedOutcome(reader, Array(hostile.compact.utf8), "\(path) = \(value.compact)")
            }
            // The member removed.
            if case .key(let key)? = path.last {
                let parent = path.dropLast()
                let removed = Self.removing(document, key: key, at: parent)
                Self.expectNamedOutcome(reader, Array(removed.compact.utf8), "\(path) removed")
            }
        }
    }

    static func removing(_ document: JSONValue, key: String, at path: ArraySlice<Either>) -> JSONValue {
        guard let first = path.first else {
            if case .object(let members) = document { return .object(members.filter { $0.0 != key }) }
            return document
        }
        switch (document, first) {
        case (.object(let members), .key(let name)):
            return .object(members.map { $0.0 == name ? ($0.0, removing($0.1, key: key, at: path.dropFirst())) : $0 })
        case (.array(var items), .index(let index)):
            items[index] = removing(items[index], key: key, at: path.dropFirst())
            return .array(items)
        default:
            return document
        }
    }

    @Test(arguments: readers)
    func deepNestingHugeStringsAndNonJSON(reader: Reader) throws {
        let documents: [(String, [UInt8])] = [
            ("empty", []),
            ("blank", Array("  \n\t ".utf8)),
            ("deep arrays", Array(String(repeating: "[", count: 100_000).utf8)),
            ("deep objects", Array(String(repeating: "{\"a\":", count: 50_000).utf8)),
            ("huge string", Array(("{\"kind\":\"" + String(repeating: "x", count: 2 << 20) + "\"}").utf8)),
            ("huge number", Array(("{\"version\":" + String(repeating: "9", count: 100_000) + "}").utf8)),
            ("binary", (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 7) }),
            ("NUL", [0]),
            ("invalid UTF-8 key", [0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x3A, 0x31, 0x7D]),
            ("top-level array", Array("[1,2,3]".utf8)),
            ("top-level string", Array("\"auditlint\"".utf8)),
        ]
        for (name, bytes) in documents {
            do {
                try reader.read(bytes, reader.path)
                Issue.record("\(reader.name): accepted \(name)")
            } catch let error as AuditLintError {
                #expect(error.description.hasPrefix(reader.path + ":"), "\(reader.name), \(name): \(error.description)")
            }
        }
    }

    @Test func outOfRangeNumbersNameTheirField() throws {
        let profile = try JSONValue.parse(try Self.readers[2].valid())
        for (field, value, expected) in [
            ("spanSeconds", JSONValue.integer(0), "\"spanSeconds\" is 0.0; it must be a number between 1.0 and"),
            ("spanSeconds", .double(1e-300), "\"spanSeconds\" is 1e-300"),
            ("spanSeconds", .double(1e300), "\"spanSeconds\" is 1e+300"),
            (
                "records", .integer(Int.max),
                "\"records\" is 9223372036854775807; it must be between 0 and 1125899906842624"
            ),
            ("bytes", .integer(-1), "\"bytes\" is -1"),
        ] {
            let hostile = Self.replacing(profile, at: [Either.key(field)][...], with: value)
            let error = #expect(throws: AuditLintError.self) {
                try VolumeProfile.decode(Array(hostile.compact.utf8), path: "p.json")
            }
            #expect(
                error?.description.hasPrefix("p.json: invalid volume profile: \(expected)") == true,
                "\(error?.description ?? "")")
        }
        let journal = try JSONValue.parse(try Self.readers[3].valid())
        for (path, value, expected) in [
            ([Either.key("constraints"), .key("diskSize")], JSONValue.integer(0), "\"constraints.diskSize\" is 0"),
            (
                [.key("constraints"), .key("budgetBytes")], .integer(Int.max),
                "\"constraints.budgetBytes\" is 9223372036854775807"
            ),
            (
                [.key("constraints"), .key("horizonSeconds")], .double(1e300),
                "\"constraints.horizonSeconds\" is 1e+300"
            ),
            ([.key("constraints"), .key("retentionSeconds")], .integer(0), "\"constraints.retentionSeconds\" is 0.0"),
            (
                [.key("iterations"), .index(0), .key("projection"), .key("bytesPerDay")], .integer(-5),
                "\"iterations[0].projection.bytesPerDay\" is -5.0"
            ),
            ([.key("profile"), .key("records")], .integer(Int.max), "\"profile.records\" is 9223372036854775807"),
        ] {
            let hostile = Self.replacing(journal, at: path[...], with: value)
            let error = #expect(throws: AuditLintError.self) {
                try TuningJournal.decode(Data(hostile.compact.utf8), path: "j.json")
            }
            #expect(
                error?.description.hasPrefix("j.json: damaged tuning journal: \(expected)") == true,
                "\(error?.description ?? "")")
        }
        let baseline = Array(
            #"{"version":1,"entries":[{"ruleId":"AC201","path":"a","subject":"s","count":9223372036854775807},{"ruleId":"AC201","path":"a","subject":"s","count":9223372036854775807}]}"#
                .utf8)
        #expect(throws: AuditLintError.self) { try Baseline.decode(baseline, path: "b.json") }
        #expect(
            Baseline(entries: [
                BaselineEntry(ruleId: "AC1", path: "a", subject: "s", count: .max),
                BaselineEntry(ruleId: "AC1", path: "a", subject: "s", count: .max),
            ]).entries.first?.count == .max)
    }

    @Test func anEmptyConfigFileIsRefusedNamingIt() {
        #expect(
            throws: AuditLintError.invalidFile(
                "/repo/.auditlint.json", line: nil, column: nil,
                problem:
                    "the file is empty, not a configuration file; write at least {\"version\": 1}, or remove the file")
        ) {
            try ConfigFile.parse([], path: "/repo/.auditlint.json")
        }
    }
}
