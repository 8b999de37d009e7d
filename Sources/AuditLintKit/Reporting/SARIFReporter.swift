import Foundation

/// SARIF 2.1.0 as GitHub code scanning requires it: one run whose
/// `tool.driver.rules[]` has one descriptor per rule that ran (plus any rule a finding names
/// that is not among them), results with `ruleIndex`, 1-based regions whose `endColumn` is
/// exclusive, relative `%SRCROOT%` URIs, stable `partialFingerprints`, and suppressed
/// findings as results with `suppressions` (`inSource` for comments, `external` for the
/// baseline) so code scanning shows them as dismissed with their justification.
public enum SARIFReporter {
    /// Where `$schema` points.
    public static let schemaURI = "https://json.schemastore.org/sarif-2.1.0.json"
    /// `tool.driver.informationUri`.
    public static let informationURI = "https://github.com/auditlint/auditlint"
    /// The base a rule's reference page (a path relative to the repository root, such as
    /// `Docs/reference/audit_control.md#minfree`) is joined to for its `helpUri`: the
    /// repository at ``informationURI``, as GitHub shows its files.
    public static let documentationBase = informationURI + "/blob/main/"
    /// GitHub's limit for `shortDescription` and `fullDescription` texts.
    static let descriptionLimit = 1024

    /// Renders `result` as pretty-printed SARIF followed by a newline.
    public static func render(_ result: LintResult, options: ReportOptions = ReportOptions()) -> String {
        let rules = descriptors(for: result)
        let ruleIndex = Dictionary(rules.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        var occurrences: [String: Int] = [:]
        var sources: [String: SourceText] = [:]
        for source in result.files where sources[source.path] == nil { sources[source.path] = source }
        let results = result.findings.map { reported -> JSONValue in
            let finding = reported.finding
            let line = reported.sourceLine ?? normalizedLine(of: finding, source: sources[finding.range.file])
            let uri = artifactURI(finding.range.file, paths: options.paths)
            let hash = fingerprint("\(finding.ruleId)\u{0}\(uri.uri)\u{0}\(line)")
            occurrences[hash, default: 0] += 1
            var suppressions: JSONValue?
            if let suppression = reported.suppression {
                suppressions = .array([
                    .compactObject([
                        ("kind", .string(suppression.kind == .inline ? "inSource" : "external")),
                        ("justification", suppression.reason.map(JSONValue.string)),
                    ])
                ])
            }
            return .compactObject([
                ("ruleId", .string(finding.ruleId)),
                ("ruleIndex", ruleIndex[finding.ruleId].map(JSONValue.integer)),
                ("level", .string(finding.severity.rawValue)),
                ("message", .object([("text", .string(finding.message))])),
                (
                    "locations",
                    .array([
                        .object([
                            (
                                "physicalLocation",
                                .object([
                                    (
                                        "artifactLocation",
                                        .compactObject([
                                            ("uri", .string(uri.uri)),
                                            ("uriBaseId", uri.relative ? .string("%SRCROOT%") : nil),
                                        ])
                                    ),
                                    ("region", region(finding.range)),
                                ])
                            )
                        ])
                    ])
                ),
                (
                    "partialFingerprints",
                    .object([("primaryLocationLineHash", .string("\(hash):\(occurrences[hash]!)"))])
                ),
                ("suppressions", suppressions),
            ])
        }
        var run: [(String, JSONValue?)] = [
            (
                "tool",
                .object([
                    (
                        "driver",
                        .object([
                            ("name", .string(result.toolName)),
                            ("version", .string(result.toolVersion)),
                            ("semanticVersion", .string(result.toolVersion)),
                            ("informationUri", .string(informationURI)),
                            ("rules", .array(rules.map(descriptorJSON))),
                        ])
                    )
                ])
            ),
            ("automationDetails", .object([("id", .string("\(options.category)/"))])),
        ]
        if let paths = options.paths {
            let root = paths.root.hasSuffix("/") ? paths.root : paths.root + "/"
            run.append(
                (
                    "originalUriBaseIds",
                    .object([("%SRCROOT%", .object([("uri", .string("file://" + percentEncoded(root)))]))])
                ))
        }
        run.append(("results", .array(results)))
        return JSONValue.object([
            ("$schema", .string(schemaURI)),
            ("version", .string("2.1.0")),
            ("runs", .array([.compactObject(run)])),
        ]).pretty + "\n"
    }

    /// The rules that ran, sorted by id, plus a minimal descriptor for any rule id a finding
    /// names that is not among them (so every `ruleIndex` resolves and ids stay unique).
    static func descriptors(for result: LintResult) -> [RuleDescription] {
        var byID: [String: RuleDescription] = [:]
        for rule in result.rules where byID[rule.id] == nil { byID[rule.id] = rule }
        for reported in result.findings where byID[reported.finding.ruleId] == nil {
            let id = reported.finding.ruleId
            byID[id] = RuleDescription(
                id: id, slug: id.lowercased(), title: "Rule \(id)", severity: reported.finding.severity,
                rationale: "Rule \(id).", behavior: "", triggeringExamples: [], nonTriggeringExamples: []
            )
        }
        return byID.values.sorted { $0.id < $1.id }
    }

    static func descriptorJSON(_ rule: RuleDescription) -> JSONValue {
        let explain = "Run `auditlint explain \(rule.id)` for examples and references."
        var text = "\(rule.title)\n\n\(rule.rationale)"
        var markdown = "**\(rule.title)** (`\(rule.id)`, `\(rule.slug)`)\n\n\(rule.rationale)"
        if !rule.behavior.isEmpty {
            text += "\n\nWhat auditd does: \(rule.behavior)"
            markdown += "\n\n**What auditd does:** \(rule.behavior)"
        }
        if let example = rule.triggeringExamples.first {
            markdown +=
                "\n\n**Example that triggers it:**\n\n```\n"
                + example.control.replacingOccurrences(of: RuleExample.marker, with: "")
                + (example.control.hasSuffix("\n") ? "" : "\n") + "```"
        }
        if !rule.references.isEmpty {
            markdown += "\n\n**References:** " + rule.references.joined(separator: "; ")
        }
        text += "\n\n" + explain
        markdown += "\n\n" + explain
        return .compactObject([
            ("id", .string(rule.id)),
            ("name", .string(rule.slug)),
            ("shortDescription", .object([("text", .string(truncated(rule.title)))])),
            (
                "fullDescription",
                .object([("text", .string(truncated(rule.rationale.isEmpty ? rule.title : rule.rationale)))])
            ),
            ("helpUri", helpURI(for: rule).map(JSONValue.string)),
            ("help", .object([("text", .string(text)), ("markdown", .string(markdown))])),
            ("defaultConfiguration", .object([("level", .string(rule.severity.rawValue))])),
            ("properties", .object([("tags", .array(tags(for: rule.id).map(JSONValue.string)))])),
        ])
    }

    /// The rule's first reference page and anchor (a ``RuleReference`` link) joined to
    /// ``documentationBase``, percent-encoded; nil when no reference is a reference page.
    static func helpURI(for rule: RuleDescription) -> String? {
        guard let page = rule.references.lazy.compactMap(RuleReference.page(of:)).first else { return nil }
        return documentationBase + percentEncoded(page.path) + "#" + percentEncoded(page.anchor)
    }

    /// The tags of a rule: the tool and its family (from the hundreds digit of the id).
    static func tags(for id: String) -> [String] {
        let families = ["meta", "syntax", "semantics", "security", "capacity", "compliance"]
        let digits = id.utf8.dropFirst(2)
        guard let first = digits.first, first >= UInt8(ascii: "0"), Int(first - UInt8(ascii: "0")) < families.count
        else {
            return ["auditlint"]
        }
        return ["auditlint", families[Int(first - UInt8(ascii: "0"))]]
    }

    private static func truncated(_ text: String) -> String {
        guard text.utf16.count > descriptionLimit else { return text }
        return String(text.prefix(descriptionLimit - 1)) + "…"
    }

    /// SARIF's region: 1-based, `endColumn` the column after the last (our inclusive end + 1).
    static func region(_ range: SourceRange) -> JSONValue {
        let startLine = max(range.start.line, 1)
        let startColumn = max(range.start.column, 1)
        let endLine = max(range.end.line, startLine)
        let endColumn = endLine == startLine ? max(range.end.column + 1, startColumn) : max(range.end.column + 1, 1)
        return .object([
            ("startLine", .integer(startLine)), ("startColumn", .integer(startColumn)),
            ("endLine", .integer(endLine)), ("endColumn", .integer(endColumn)),
        ])
    }

    /// The artifact URI: relative to the root when the path lies under it, else a `file://` URI.
    static func artifactURI(_ path: String, paths: PathContext?) -> (uri: String, relative: Bool) {
        var relative = paths?.relative(path) ?? PathContext.normalize(path)
        if relative.hasPrefix("/") { return ("file://" + percentEncoded(relative), false) }
        if relative == "." { relative = "" }
        return (percentEncoded(relative), true)
    }

    /// `path` with every byte outside RFC 3986's unreserved set and `/` percent-encoded.
    static func percentEncoded(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" : "") + hex
            }
        }
        return out
    }

    /// A stable 64-bit FNV-1a hash of `text` in hexadecimal (Swift's `Hasher` is seeded per
    /// process, so it cannot be used for fingerprints).
    static func fingerprint(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
