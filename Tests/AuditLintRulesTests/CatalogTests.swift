import AuditLintKit
import Foundation
import Testing

@testable import AuditLintRules

@Suite struct CatalogTests {
    @Test func idsAreUniqueAndWellFormed() {
        let ids = RuleCatalog.all.map { $0.description.id }
        #expect(Set(ids).count == ids.count, "duplicate rule ids")
        for id in ids {
            #expect(id.wholeMatch(of: /AC[0-9]{3}/) != nil, "bad rule id \(id)")
        }
        let slugs = RuleCatalog.all.map { $0.description.slug }
        #expect(Set(slugs).count == slugs.count, "duplicate slugs")
        for slug in slugs {
            #expect(slug.wholeMatch(of: /[a-z0-9]+(-[a-z0-9]+)*/) != nil, "bad slug \(slug)")
        }
    }

    @Test func catalogIsInIdOrder() {
        let ids = RuleCatalog.all.map { $0.description.id }
        #expect(ids == ids.sorted())
    }

    @Test func lookupByIdOrSlug() throws {
        for rule in RuleCatalog.all {
            let description = rule.description
            #expect(RuleCatalog.rule(description.id)?.description.id == description.id)
            #expect(RuleCatalog.rule(description.id.lowercased())?.description.id == description.id)
            #expect(RuleCatalog.rule(description.slug)?.description.id == description.id)
        }
        #expect(RuleCatalog.rule("AC999") == nil)
    }

    /// The number ranges each folder of `Rules/` holds.
    static let folderRanges: [String: [ClosedRange<Int>]] = [
        "Control": [100...149, 200...249],
        "Tables": [150...199, 250...299],
        "Posture": [300...399],
        "Capacity": [400...499],
    ]

    /// The compliance rules' ids (declared with their requirements in AuditLintKit).
    static let complianceRange = 500...599

    static let rulesDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Rules")

    /// Every `struct NAME: Rule` declared under `Rules/`, with its folder.
    static func declaredRules() throws -> [(type: String, folder: String)] {
        let files = try #require(FileManager.default.enumerator(at: rulesDirectory, includingPropertiesForKeys: nil))
        var declared: [(String, String)] = []
        for case let url as URL in files where url.pathExtension == "swift" {
            let text = try String(contentsOf: url, encoding: .utf8)
            for match in text.matches(of: /struct\s+(\w+)\s*:\s*(?:[\w.]+\s*,\s*)*Rule\b/) {
                declared.append((String(match.1), url.deletingLastPathComponent().lastPathComponent))
            }
        }
        return declared
    }

    /// Forgetting a rule in ``RuleCatalog/all`` (or listing one twice) fails here: the
    /// catalog lists exactly the rule types declared under `Rules/`.
    @Test func catalogListsEveryRuleFileOnce() throws {
        let declared = try Self.declaredRules()
        #expect(declared.count >= RuleCatalog.all.count, "the scan of Rules/ found too few rules")
        let listed = RuleCatalog.all.map { String(describing: $0) }
        for name in Set(listed) {
            #expect(listed.filter { $0 == name }.count == 1, "\(name) is listed more than once in RuleCatalog.all")
        }
        let missing = Set(declared.map(\.type)).subtracting(listed)
        #expect(missing.isEmpty, "rules declared under Rules/ but missing from RuleCatalog.all: \(missing.sorted())")
        let unknown = Set(listed).subtracting(declared.map(\.type))
        #expect(unknown.isEmpty, "RuleCatalog.all lists types not declared under Rules/: \(unknown.sorted())")
    }

    /// A rule's id number is in the range its folder holds, and its type name starts with it.
    @Test func idsMatchTheirFolders() throws {
        let folders = Dictionary(
            try Self.declaredRules().map { ($0.type, $0.folder) }, uniquingKeysWith: { first, _ in first })
        for rule in RuleCatalog.all {
            let id = rule.description.id
            let name = String(describing: rule)
            #expect(name.hasPrefix(id), "\(name) does not start with its id \(id)")
            let folder = try #require(folders[name], "\(name) not found under Rules/")
            let number = Int(id.dropFirst(2)) ?? -1
            let ranges = try #require(
                Self.folderRanges[folder], "Rules/\(folder) holds no rule range; add it to folderRanges")
            #expect(ranges.contains { $0.contains(number) }, "\(id) is in Rules/\(folder), which holds \(ranges)")
        }
        for description in ComplianceRules.all {
            let number = Int(description.id.dropFirst(2)) ?? -1
            #expect(Self.complianceRange.contains(number), "\(description.id) is not a compliance id")
        }
    }

    /// Ids and slugs are unique across everything `explain` knows (meta rules, rules,
    /// compliance rules), and no id or slug of a retired rule comes back.
    @Test func idsAreNeverReused() {
        let all = RuleCatalog.descriptions
        let ids = all.map(\.id)
        #expect(Set(ids).count == ids.count, "duplicate ids: \(ids.filter { id in ids.filter { $0 == id }.count > 1 })")
        let slugs = all.map(\.slug)
        #expect(Set(slugs).count == slugs.count, "duplicate slugs")
        for retired in RuleCatalog.retired {
            #expect(retired.id.wholeMatch(of: /AC[0-9]{3}/) != nil, "bad retired id \(retired.id)")
            #expect(!ids.contains(retired.id), "\(retired.id) was retired (\(retired.slug)) and must not be reused")
            #expect(!slugs.contains(retired.slug), "the slug \(retired.slug) was retired with \(retired.id)")
        }
    }

    /// `Rules/README.md` is generated from the catalog; regenerate it with
    /// `swift run auditlint rules --format markdown > Rules/README.md`.
    @Test func generatedCatalogIsUpToDate() throws {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Rules/README.md")
        let onDisk = try String(contentsOf: url, encoding: .utf8)
        let generated = RuleDocumentation.markdownCatalog(RuleCatalog.descriptions)
        #expect(
            onDisk == generated,
            "Rules/README.md is stale: run `swift run auditlint rules --format markdown > Rules/README.md`")
    }
}
