/// Renders an ``ESPlan`` as text, JSON or Markdown, and the map (``ESCorrespondence/all``) as
/// the Markdown table of Docs/endpoint-security.md. Pure: the same input gives the same bytes.
public enum ESPlanReporter {
    /// The output formats of `es-plan`.
    public enum Format: String, Sendable, CaseIterable {
        case text, json, markdown
    }

    /// The plan in `format`.
    public static func render(_ plan: ESPlan, as format: Format) -> String {
        switch format {
        case .text: text(plan)
        case .json: json(plan).pretty + "\n"
        case .markdown: markdown(plan)
        }
    }

    /// The title of the section on what an ES log adds.
    static let additionsTitle = "What ES adds that this configuration does not ask for"

    // MARK: Text

    /// The plan as text.
    public static func text(_ plan: ESPlan) -> String {
        var out = "es-plan \(plan.file): what this audit_control audits, in Endpoint Security terms\n\n"
        out += TextTable.render(
            plan.maskNames.map { [$0.key, $0.value] }
                + [["policy", plan.policy.isEmpty ? "none" : plan.policy.joined(separator: ",")]], indent: "  ")
        out += "\nEndpoint Security events (\(plan.events.count)):\n"
        if let command = plan.command {
            out += "  \(command)\n"
            if let release = plan.minimumMacOS { out += "  needs macOS \(release) or later\n" }
        } else {
            out += "  none: no ES event reports anything this configuration audits\n"
        }
        out += "\nCoverage by class:\n"
        if plan.classes.isEmpty { out += "  no class is audited\n" }
        for item in plan.classes {
            for (label, half) in [("success", item.success), ("failure", item.failure)] {
                guard let half else { continue }
                out += "  \(item.name) (\(item.description)), \(label): \(half.coverage.rawValue)\n"
                if !half.events.isEmpty { out += "    ES events: \(eventList(half.events))\n" }
                if !half.partial.isEmpty { out += "    in part: \(shortList(half.partial))\n" }
                if !half.uncovered.isEmpty { out += "    not covered: \(shortList(half.uncovered))\n" }
            }
        }
        if let profile = plan.profile {
            out += "\nCompliance profile \(profile.name) (\(profile.title)):\n"
            for item in plan.requirements {
                out +=
                    "  \(item.requirement.ruleId) \(item.requirement.id): BSM \(item.bsmStatus.rawValue), ES \(item.verdict.rawValue)\n    \(item.reason)\n"
            }
        }
        if !plan.additions.isEmpty {
            out += "\n\(additionsTitle):\n"
            out += plan.additions.map { "  - \($0)\n" }.joined()
        }
        if !plan.notes.isEmpty {
            out += "\nNotes:\n" + plan.notes.map { "  - \($0)\n" }.joined()
        }
        return out
    }

    private static func eventList(_ events: [ESEventType]) -> String {
        events.compactMap(\.shortName).joined(separator: ", ")
    }

    /// At most six names, then how many more.
    private static func shortList(_ names: [String]) -> String {
        guard !names.isEmpty else { return "–" }
        let shown = names.prefix(6).joined(separator: ", ")
        return names.count > 6 ? "\(shown) (+\(names.count - 6) more)" : shown
    }

    // MARK: JSON

    /// The plan as a JSON document.
    public static func json(_ plan: ESPlan) -> JSONValue {
        func mask(_ mask: AuditMask?) -> JSONValue {
            guard let mask else { return .null }
            return .object([("success", .unsigned(UInt64(mask.success))), ("failure", .unsigned(UInt64(mask.failure)))])
        }
        func events(_ list: [ESEventType]) -> JSONValue { .array(list.compactMap(\.shortName).map(JSONValue.string)) }
        func half(_ half: ESPlan.ClassHalf?) -> JSONValue {
            guard let half else { return .null }
            return .object([
                ("coverage", .string(half.coverage.rawValue)), ("esEvents", events(half.events)),
                ("partial", .array(half.partial.map(JSONValue.string))),
                ("uncovered", .array(half.uncovered.map(JSONValue.string))),
            ])
        }
        return .object([
            ("schemaVersion", .integer(ESPlan.schemaVersion)),
            ("file", .string(plan.file)),
            ("flags", mask(plan.flags)),
            ("naflags", mask(plan.naflags)),
            ("auditUserAlways", mask(plan.userAlways)),
            ("classNames", .object(plan.maskNames.map { ($0.key, JSONValue.string($0.value)) })),
            ("policy", .array(plan.policy.map(JSONValue.string))),
            (
                "esEvents",
                .array(
                    plan.events.map { event in
                        .object([
                            ("name", event.shortName.map(JSONValue.string) ?? .null),
                            ("number", .integer(event.number)), ("type", .string(event.name)),
                            ("introduced", event.introduced.map(JSONValue.string) ?? .null),
                        ])
                    })
            ),
            ("eslogger", plan.command.map(JSONValue.string) ?? .null),
            ("minimumMacOS", plan.minimumMacOS.map(JSONValue.string) ?? .null),
            (
                "classes",
                .array(
                    plan.classes.map { item in
                        .object([
                            ("name", .string(item.name)), ("description", .string(item.description)),
                            ("success", half(item.success)), ("failure", half(item.failure)),
                        ])
                    })
            ),
            ("profile", plan.profile.map { .string($0.name) } ?? .null),
            (
                "requirements",
                .array(
                    plan.requirements.map { item in
                        .object([
                            ("id", .string(item.requirement.id)), ("rule", .string(item.requirement.ruleId)),
                            ("title", .string(item.requirement.title)), ("bsm", .string(item.bsmStatus.rawValue)),
                            ("es", .string(item.verdict.rawValue)), ("reason", .string(item.reason)),
                        ])
                    })
            ),
            ("additions", .array(plan.additions.map(JSONValue.string))),
            ("notes", .array(plan.notes.map(JSONValue.string))),
        ])
    }

    // MARK: Markdown

    /// The plan as Markdown.
    public static func markdown(_ plan: ESPlan) -> String {
        let cell = MarkdownText.cell
        let code = MarkdownText.code
        var out = "# Endpoint Security plan for \(code(plan.file))\n\n"
        out += "| setting | effective |\n|---|---|\n"
        for (key, value) in plan.maskNames { out += "| \(key) | \(cell(value)) |\n" }
        out += "| policy | \(cell(plan.policy.isEmpty ? "none" : plan.policy.joined(separator: ","))) |\n"
        out += "\n## eslogger\n\n"
        if let command = plan.command {
            out += "```sh\n\(command)\n```\n\n"
            if let release = plan.minimumMacOS { out += "Needs macOS \(release) or later.\n" }
        } else {
            out += "No ES event reports anything this configuration audits.\n"
        }
        out += "\n## Coverage by class\n\n"
        if plan.classes.isEmpty {
            out += "No class is audited.\n"
        } else {
            out += "| class | half | coverage | ES events | not covered |\n|---|---|---|---|---|\n"
            for item in plan.classes {
                for (label, half) in [("success", item.success), ("failure", item.failure)] {
                    guard let half else { continue }
                    let events = half.events.compactMap(\.shortName).map(code).joined(separator: ", ")
                    out +=
                        "| \(code(item.name)) | \(label) | \(half.coverage.rawValue) | \(events.isEmpty ? "–" : events) | \(cell(shortList(half.uncovered))) |\n"
                }
            }
        }
        if let profile = plan.profile {
            out += "\n## Compliance profile \(cell(profile.name))\n\n"
            out += "| rule | requirement | BSM | ES | why |\n|---|---|---|---|---|\n"
            for item in plan.requirements {
                out +=
                    "| \(item.requirement.ruleId) | \(code(item.requirement.id)) | \(item.bsmStatus.rawValue) | \(item.verdict.rawValue) | \(cell(item.reason)) |\n"
            }
        }
        if !plan.additions.isEmpty {
            out += "\n## \(additionsTitle)\n\n"
            out += plan.additions.map { "- \(cell($0))\n" }.joined()
        }
        if !plan.notes.isEmpty {
            out += "\n## Notes\n\n" + plan.notes.map { "- \(cell($0))\n" }.joined()
        }
        return out
    }

    // MARK: The map

    /// The map as the Markdown table of Docs/endpoint-security.md: one row per event of the
    /// built-in macOS table, in table order.
    public static func mapTable(_ rows: [ESCorrespondence] = ESCorrespondence.all) -> String {
        func half(_ half: ESCorrespondence.Half) -> String {
            half.coverage == .none
                ? "none"
                : half.events.compactMap(\.shortName).map { "`\($0)`" }.joined(separator: ", ")
                    + (half.coverage == .partial ? " (partial)" : "")
        }
        var out = "| # | BSM event | on macOS | success | failure | basis |\n|---|---|---|---|---|---|\n"
        for row in rows {
            var basis = row.success.basis
            if row.failure.basis != row.success.basis, row.failure.basis != ESCorrespondence.kernelFailureBasis {
                basis += "; failure: " + row.failure.basis
            }
            out +=
                "| \(row.eventNumber) | \(row.eventName.replacingOccurrences(of: "_", with: "\\_")) | \(row.recordedOnMacOS ? "yes" : "no") | \(half(row.success)) | \(half(row.failure)) | \(MarkdownText.cell(basis)) |\n"
        }
        return out
    }
}
