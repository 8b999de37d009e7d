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

    /// `Rules/README.md` is generated from the catalog; regenerate it with
    /// `swift run auditlint rules --format markdown > Rules/README.md`.
    @Test func generatedCatalogIsUpToDate() throws {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Rules/README.md")
        let onDisk = try String(contentsOf: url, encoding: .utf8)
        let generated = RuleDocumentation.markdownCatalog(RuleCatalog.descriptions)
        #expect(onDisk == generated, "Rules/README.md is stale: run `swift run auditlint rules --format markdown > Rules/README.md`")
    }
}
