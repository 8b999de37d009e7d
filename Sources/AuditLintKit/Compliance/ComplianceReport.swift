/// The results of one profile on one audit_control file, with its renderings (pure
/// functions) and its conversion to lint findings.
public struct ComplianceReport: Sendable, Hashable {
    /// The profile evaluated.
    public var profile: ComplianceProfile
    /// One result per requirement, in the profile's order.
    public var results: [ComplianceResult]

    public init(profile: ComplianceProfile, results: [ComplianceResult]) {
        self.profile = profile
        self.results = results
    }

    /// Whether no requirement failed.
    public var passed: Bool { !results.contains { $0.status == .fail } }

    /// The failed requirements as findings (rule `AC5xx`, severity error), in the
    /// profile's order. `range` maps an audit_control key (`flags`, `naflags`,
    /// `policy`, `expire-after`, `minfree`, `filesz`) to the place to report: the value
    /// of the line libbsm uses, or the whole file when the key is missing.
    public func findings(range: (String) -> SourceRange) -> [Finding] {
        results.filter { $0.status == .fail }.map { result in
            let requirement = result.requirement
            return Finding(
                ruleId: requirement.ruleId,
                severity: .error,
                message:
                    "\(profile.name): \(requirement.title) (\(Self.identifiers(requirement))) fails: \(result.reason)",
                range: range(requirement.check.key)
            )
        }
    }

    /// `mSCP audit_flags_fr_configure, STIG APPL-15-001022, CIS 3.2`.
    static func identifiers(_ requirement: ComplianceRequirement) -> String {
        var parts = ["mSCP \(requirement.id)"]
        if let stig = requirement.stig { parts.append("STIG \(stig)") }
        if let cis = requirement.cis { parts.append("CIS \(cis)") }
        return parts.joined(separator: ", ")
    }

    /// The value of the lint JSON's `"profile"` key:
    /// `{"name":"stig","requirements":[{"id":…,"stig":…,"cis":…,"status":…,"reason":…,"literalCheck":…}]}`,
    /// keys in that order, `null` where a framework has no id or there is no literal check.
    public func json() -> String { jsonValue.compact }

    /// The document ``json()`` writes, to embed in another document.
    public var jsonValue: JSONValue {
        .object([
            "name": .string(profile.name),
            "requirements": .array(
                results.map { result in
                    let requirement = result.requirement
                    return .object([
                        "id": .string(requirement.id),
                        "stig": .optional(requirement.stig, JSONValue.string),
                        "cis": .optional(requirement.cis, JSONValue.string),
                        "status": .string(result.status.rawValue),
                        "reason": .string(result.reason),
                        "literalCheck": .optional(Self.literal(result.literalCheck), JSONValue.string),
                    ])
                }),
        ])
    }

    /// A one-line count: `9 passed, 1 failed, 1 not applicable; the literal check disagrees on 2`.
    public var summary: String {
        let count = { (status: ComplianceStatus) in results.filter { $0.status == status }.count }
        var text = "\(count(.pass)) passed, \(count(.fail)) failed, \(count(.notApplicable)) not applicable"
        let disagreements = results.filter { result in
            result.literalCheck.map { $0 != (result.status == .pass) } ?? false
        }.count
        if disagreements > 0 { text += "; the literal check disagrees on \(disagreements)" }
        return text
    }

    /// A table for terminals: one row per requirement (status, rule, mSCP id, STIG, CIS,
    /// literal check), its reason indented below, and the summary.
    public func text() -> String {
        let header = ["STATUS", "RULE", "REQUIREMENT", "STIG", "CIS", "LITERAL"]
        let rows = results.map { result in
            [
                result.status.rawValue, result.requirement.ruleId, result.requirement.id,
                result.requirement.stig ?? "-", result.requirement.cis ?? "-", Self.literal(result.literalCheck) ?? "-",
            ]
        }
        let table = TextTable.lines([header] + rows)
        var lines = ["Profile \(profile.name): \(profile.title)", table[0]]
        for (line, result) in zip(table.dropFirst(), results) {
            lines.append(line)
            lines.append("    " + result.reason)
        }
        lines.append(summary)
        return lines.joined(separator: "\n") + "\n"
    }

    /// A Markdown section (for `$GITHUB_STEP_SUMMARY`): heading, table, summary.
    public func markdown() -> String {
        var out = "### Compliance profile `\(profile.name)`: \(profile.title)\n\n"
        out += "| Status | Rule | mSCP rule | STIG | CIS | Literal check | Reason |\n"
        out += "|---|---|---|---|---|---|---|\n"
        for result in results {
            let requirement = result.requirement
            let status = result.status == .fail ? "**fail**" : result.status.rawValue
            let cells = [
                status, requirement.ruleId, MarkdownText.code(requirement.id),
                MarkdownText.cell(requirement.stig ?? "—"),
                MarkdownText.cell(requirement.cis ?? "—"), Self.literal(result.literalCheck) ?? "—",
                MarkdownText.cell(result.reason),
            ]
            out += "| " + cells.joined(separator: " | ") + " |\n"
        }
        return out + "\n" + summary + "\n"
    }

    private static func literal(_ value: Bool?) -> String? {
        value.map { $0 ? "pass" : "fail" }
    }
}
