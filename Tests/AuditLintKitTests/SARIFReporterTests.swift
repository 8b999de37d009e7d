import AuditLintTestSupport
import Foundation
import Testing

@testable import AuditLintKit

/// SARIF output against the OASIS SARIF 2.1.0 schema in `../shared/data/schemas`.
@Suite(.enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.skipReason)))
struct SARIFSchemaTests {
    static let validator: JSONSchemaValidator = {
        let bytes = (try? SharedData.bytes("data/schemas/sarif-schema-2.1.0.json")) ?? []
        return JSONSchemaValidator(root: (try? JSONValue.parse(bytes)) ?? .null)
    }()

    static func sarif(_ result: LintResult = ReportingFixture.result) throws -> JSONValue {
        let options = ReportOptions(paths: PathContext(workingDirectory: "/repo"))
        return try JSONValue.parse(SARIFReporter.render(result, options: options))
    }

    @Test func schemaLoadsWithOnlySupportedKeywords() throws {
        #expect(Self.validator.root["definitions"]?["sarifLog"] == nil)
        #expect(Self.validator.root["properties"]?["runs"] != nil)
        #expect(
            Self.validator.validate(.object([])) == [
                "$: required property version is missing", "$: required property runs is missing",
            ])
    }

    @Test func outputIsValidSARIF() throws {
        #expect(Self.validator.validate(try Self.sarif()) == [])
        #expect(Self.validator.validate(try Self.sarif(ReportingFixture.empty)) == [])
    }

    static func mutate(_ value: JSONValue, at path: [String], with change: (JSONValue?) -> JSONValue?) -> JSONValue {
        guard let head = path.first else { return change(value) ?? .null }
        switch value {
        case .object(var members):
            let index = members.firstIndex { $0.0 == head }
            let next =
                path.count == 1
                ? change(index.map { members[$0].1 })
                : index.map { mutate(members[$0].1, at: Array(path.dropFirst()), with: change) }
            if let index {
                if let next { members[index].1 = next } else { members.remove(at: index) }
            } else if let next {
                members.append((head, next))
            }
            return .object(members)
        case .array(var elements):
            guard let index = Int(head), elements.indices.contains(index) else { return value }
            elements[index] = mutate(elements[index], at: Array(path.dropFirst()), with: change)
            return .array(elements)
        default:
            return value
        }
    }

    static let brokenDocuments: [([String], JSONValue?, String)] = [
        (["version"], nil, "$: required property version is missing"),
        (["version"], .string("2.0.0"), "$.version: \"2.0.0\" is not one of [\"2.1.0\"]"),
        (
            ["runs", "0", "results", "0", "level"], .string("fatal"),
            "$.runs[0].results[0].level: \"fatal\" is not one of"
        ),
        (
            ["runs", "0", "results", "0", "locations", "0", "physicalLocation", "region", "startLine"], .integer(0),
            "$.runs[0].results[0].locations[0].physicalLocation.region.startLine: 0.0 is below the minimum 1.0"
        ),
        (
            ["runs", "0", "results", "0", "message"], .object([]),
            "$.runs[0].results[0].message: matches 0 of the anyOf alternatives"
        ),
        (
            ["runs", "0", "results", "0", "colour"], .string("red"),
            "$.runs[0].results[0]: property colour is not allowed"
        ),
        (
            ["runs", "0", "results", "0", "suppressions"], .array([.object([("kind", .string("inline"))])]),
            "$.runs[0].results[0].suppressions[0].kind: \"inline\" is not one of"
        ),
        (
            ["runs", "0", "tool", "driver", "informationUri"], .string("not a uri"),
            "informationUri: not a uri is not a valid uri"
        ),
        (["runs", "0", "results", "0", "ruleIndex"], .integer(-2), "ruleIndex: -2.0 is below the minimum -1.0"),
        (["runs", "0", "tool"], nil, "$.runs[0]: required property tool is missing"),
    ]

    @Test(arguments: 0..<brokenDocuments.count)
    func brokenDocumentsFail(index: Int) throws {
        let (path, replacement, expected) = Self.brokenDocuments[index]
        let broken = Self.mutate(try Self.sarif(), at: path) { _ in replacement }
        let problems = Self.validator.validate(broken)
        #expect(problems.contains { $0.contains(expected) }, "\(problems)")
    }

    @Test func duplicateRulesAreRejected() throws {
        let document = try Self.sarif()
        let broken = Self.mutate(document, at: ["runs", "0", "tool", "driver", "rules"]) { rules in
            guard case .array(let list)? = rules else { return rules }
            return .array(list + [list[0]])
        }
        #expect(Self.validator.validate(broken).contains("$.runs[0].tool.driver.rules: items are not unique"))
    }

    @Test func unknownRuleDescriptorIsValid() throws {
        let finding = Finding(ruleId: "AC999", severity: .warning, message: "m", range: .wholeFile("f"))
        let result = LintResult(files: [], findings: [ReportedFinding(finding)], rules: ReportingFixture.rules)
        #expect(Self.validator.validate(try Self.sarif(result)) == [])
    }
}

@Suite struct SARIFReporterTests {
    @Test func regionEndColumnIsExclusive() {
        let region = SARIFReporter.region(SourceRange(file: "f", line: 3, column: 10, length: 2))
        #expect(region.compact == #"{"startLine":3,"startColumn":10,"endLine":3,"endColumn":12}"#)
        let empty = SARIFReporter.region(
            SourceRange(file: "f", start: .init(line: 1, column: 9), end: .init(line: 1, column: 8)))
        #expect(empty.compact == #"{"startLine":1,"startColumn":9,"endLine":1,"endColumn":9}"#)
    }

    @Test func urisAreRelativeToTheRootOrAbsolute() {
        let paths = PathContext(workingDirectory: "/repo/hosts", root: "/repo")
        #expect(SARIFReporter.artifactURI("./a b/audit_control", paths: paths) == ("hosts/a%20b/audit_control", true))
        #expect(
            SARIFReporter.artifactURI("/etc/security/audit_control", paths: paths) == (
                "file:///etc/security/audit_control", false
            ))
        #expect(SARIFReporter.artifactURI("./etc/audit_control", paths: nil) == ("etc/audit_control", true))
    }

    static func fingerprints(of result: LintResult) throws -> [String] {
        guard
            case .array(let results)? = try SARIFSchemaTests.sarif(result)["runs"].flatMap({
                if case .array(let runs) = $0 { runs.first } else { nil }
            })?["results"]
        else {
            return []
        }
        return results.compactMap {
            if case .string(let hash)? = $0["partialFingerprints"]?["primaryLocationLineHash"] { hash } else { nil }
        }
    }

    @Test func fingerprintsIgnoreLineNumbersAndSurroundingBlanks() throws {
        func result(_ text: String, line: Int) -> LintResult {
            let source = SourceText(path: "audit_control", text: text)
            let finding = Finding(
                ruleId: "AC201", severity: .error, message: "m",
                range: SourceRange(file: "audit_control", line: line, column: 1, length: 5))
            return LintResult(
                files: [source], findings: [ReportedFinding(finding), ReportedFinding(finding)], rules: [])
        }
        let before = try Self.fingerprints(of: result("flags:lo,xx\n", line: 1))
        let after = try Self.fingerprints(of: result("dir:/var/audit\n\nflags:lo,xx  \r\n", line: 3))
        #expect(before == after)
        #expect(before.count == 2 && before[0].hasSuffix(":1") && before[1].hasSuffix(":2"))
        #expect(before[0].dropLast(2) == before[1].dropLast(2))
        #expect(try Self.fingerprints(of: result("flags:lo,yy\n", line: 1)) != before)
        #expect(SARIFReporter.fingerprint("") == "cbf29ce484222325")
    }

    @Test func unknownRuleGetsADescriptor() throws {
        let finding = Finding(ruleId: "AC999", severity: .warning, message: "m", range: .wholeFile("f"))
        let result = LintResult(files: [], findings: [ReportedFinding(finding)], rules: ReportingFixture.rules)
        #expect(SARIFReporter.descriptors(for: result).map(\.id).last == "AC999")
        #expect(SARIFReporter.tags(for: "AC999") == ["auditlint"])
        #expect(SARIFReporter.tags(for: "AC001") == ["auditlint", "meta"])
    }
}
