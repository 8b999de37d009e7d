import AuditLintKit
import Foundation
import Testing

@testable import AuditLintRules

/// Every reference `auditlint explain` prints can be opened: links to `Docs/reference/`
/// name a page and an anchor that exist, and no rule cites a document outside the
/// repository.
@Suite struct ReferenceTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let ids = RuleCatalog.descriptions.map(\.id)

    /// The anchors GitHub gives the headings of a Markdown file: lower case, punctuation
    /// other than `-` and `_` removed, blanks as `-`, repeats numbered `-1`, `-2`.
    static func anchors(ofMarkdown text: String) -> Set<String> {
        var seen: [String: Int] = [:]
        var anchors = Set<String>()
        var inFence = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") { inFence.toggle() }
            guard !inFence, line.hasPrefix("#") else { continue }
            let title = line.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces)
            let slug = String(
                title.lowercased().compactMap { character -> Character? in
                    if character == " " { return "-" }
                    return character.isLetter || character.isNumber || character == "-" || character == "_"
                        ? character : nil
                })
            let count = seen[slug, default: 0]
            anchors.insert(count == 0 ? slug : "\(slug)-\(count)")
            seen[slug] = count + 1
        }
        return anchors
    }

    /// Whether `path#anchor` (relative to the repository root) names an existing heading.
    static func resolves(_ path: String, anchor: String?) -> Bool {
        guard let text = try? String(contentsOf: root.appendingPathComponent(path), encoding: .utf8) else {
            return false
        }
        guard let anchor else { return true }
        return anchors(ofMarkdown: text).contains(anchor)
    }

    @Test func anchorsFollowGitHub() {
        let anchors = Self.anchors(
            ofMarkdown:
                "# Title\n## `minfree` and *filesz*\n```\n# not a heading\n```\n## audit_warn\n## Expiry\n### Expiry\n")
        #expect(anchors == ["title", "minfree-and-filesz", "audit_warn", "expiry", "expiry-1"])
    }

    @Test(arguments: ids)
    func referencesOpenInTheRepository(id: String) throws {
        let rule = try #require(RuleCatalog.description(id))
        var pages = 0
        for reference in rule.references {
            if let (path, anchor) = RuleReference.page(of: reference) {
                pages += 1
                #expect(Self.resolves(path, anchor: anchor), "\(id) cites \(reference), which does not exist")
            } else {
                #expect(
                    !reference.contains(".md") && !reference.contains("§"),
                    "\(id) cites \(reference), a document users cannot open; cite a Docs/reference page (RuleReference)"
                )
            }
        }
        #expect(pages > 0, "\(id) cites no Docs/reference page")
        for text in [rule.title, rule.rationale, rule.behavior] {
            #expect(
                !text.contains("§") && text.firstMatch(of: /[\w-]+\.md\b/) == nil,
                "\(id) cites a section of a document outside the repository in its text; cite Docs/reference pages in `references`"
            )
        }
    }

    /// The profile table of `compliance.md` lists as many requirements for each profile as
    /// the profile has (so a requirement added to the catalog is added to the page).
    @Test func complianceProfileTableMatchesTheProfiles() throws {
        let text = try String(
            contentsOf: Self.root.appendingPathComponent(RuleReference.folder + "compliance.md"), encoding: .utf8)
        for profile in ComplianceProfile.allCases {
            let row = try #require(
                text.split(separator: "\n").first { $0.hasPrefix("| `\(profile.name)` |") },
                "compliance.md has no row for \(profile.name)")
            let items = row.split(separator: "|").dropFirst().first?.split(separator: ",") ?? []
            #expect(
                items.count == profile.requirements().count,
                "compliance.md lists \(items.count) requirements for \(profile.name)")
        }
    }

    /// Links between the reference pages, from the README and from CONTRIBUTING.md resolve too.
    @Test func referencePagesLinkToExistingPagesAndAnchors() throws {
        let folder = Self.root.appendingPathComponent(RuleReference.folder)
        let pages = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".md") }
        #expect(pages.count >= 6)
        let index = try String(contentsOf: folder.appendingPathComponent("README.md"), encoding: .utf8)
        for page in pages where page != "README.md" {
            #expect(index.contains("(\(page))"), "Docs/reference/README.md does not list \(page)")
        }
        let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("(Docs/reference/README.md)"), "README.md does not link the reference pages")
        let documents = pages.map { RuleReference.folder + $0 } + ["CONTRIBUTING.md"]
        for document in documents {
            let text = try String(contentsOf: Self.root.appendingPathComponent(document), encoding: .utf8)
            let directory = (document as NSString).deletingLastPathComponent
            for match in text.matches(of: /\]\(([^)\s]+)\)/) {
                let target = String(match.1)
                guard !target.contains("://") else { continue }
                let parts = target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(
                    String.init)
                let path = parts[0].isEmpty ? document : (directory as NSString).appendingPathComponent(parts[0])
                #expect(
                    Self.resolves(path, anchor: parts.count > 1 ? parts[1] : nil),
                    "\(document) links to \(target), which does not exist")
            }
        }
    }
}
