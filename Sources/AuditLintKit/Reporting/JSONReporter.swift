/// The JSON interface of `auditlint lint --format json`, one compact line:
///
/// ```
/// {"schemaVersion":1,"tool":{"name":"auditlint","version":"0.1.0"},
///  "findings":[{"ruleId":"AC203","severity":"error","message":"…","file":"audit_control",
///               "line":5,"column":8,"endLine":5,"endColumn":17,"help":"…"}],
///  "summary":{"errors":1,"warnings":0,"notes":0,"suppressed":0,"files":1}}
/// ```
/// Lines and columns are 1-based byte positions; `endColumn` is the last column of the
/// range (inclusive). Keys keep this order. Additive fields, present only when they apply:
/// per finding `fix` (`{"summary","replacement","line","column","endLine","endColumn"}`) and,
/// for a suppressed finding, `"suppressed":true`, `suppressionKind` (`inline`|`baseline`) and
/// `suppressionReason` (null when the comment gave none); at the top level
/// `staleBaselineEntries`, and with `--profile` the compliance result as `profile`
/// (`{"name","requirements":[{"id","stig","cis","status","reason","literalCheck"}]}`) when
/// one configuration was linted, or `profiles` (`[{"file","profile"}]`) for several.
/// A breaking change bumps `schemaVersion`.
public enum JSONReporter {
    /// The schema version this reporter writes.
    public static let schemaVersion = 1

    /// Renders `result` as one line of JSON followed by a newline.
    public static func render(_ result: LintResult) -> String {
        var members: [(String, JSONValue)] = [
            ("schemaVersion", .integer(schemaVersion)),
            ("tool", .object([("name", .string(result.toolName)), ("version", .string(result.toolVersion))])),
            ("findings", .array(result.findings.map(findingJSON))),
            (
                "summary",
                .object([
                    ("errors", .integer(result.count(.error))),
                    ("warnings", .integer(result.count(.warning))),
                    ("notes", .integer(result.count(.note))),
                    ("suppressed", .integer(result.suppressedCount)),
                    ("files", .integer(result.files.count)),
                ])
            ),
        ]
        if !result.staleBaselineEntries.isEmpty {
            members.append(
                (
                    "staleBaselineEntries",
                    .array(
                        result.staleBaselineEntries.map { stale in
                            .object([
                                ("ruleId", .string(stale.entry.ruleId)), ("path", .string(stale.entry.path)),
                                ("subject", .string(stale.entry.subject)), ("count", .integer(stale.entry.count)),
                                ("unmatched", .integer(stale.unmatched)),
                            ])
                        })
                ))
        }
        if let only = result.compliance.first, result.compliance.count == 1 {
            members.append(("profile", only.report.jsonValue))
        } else if !result.compliance.isEmpty {
            members.append(
                (
                    "profiles",
                    .array(
                        result.compliance.map { outcome in
                            .object([("file", .string(outcome.file)), ("profile", outcome.report.jsonValue)])
                        })
                ))
        }
        return JSONValue.object(members).compact + "\n"
    }

    static func findingJSON(_ reported: ReportedFinding) -> JSONValue {
        let finding = reported.finding
        var members: [(String, JSONValue)] = [
            ("ruleId", .string(finding.ruleId)),
            ("severity", .string(finding.severity.rawValue)),
            ("message", .string(finding.message)),
        ]
        members += rangeJSON(finding.range, includeFile: true)
        members.append(("help", finding.help.map(JSONValue.string) ?? .null))
        if let fix = finding.fix {
            members.append(
                (
                    "fix",
                    .object(
                        [("summary", .string(fix.summary)), ("replacement", .string(fix.replacement))]
                            + rangeJSON(fix.range, includeFile: false)
                    )
                ))
        }
        if let suppression = reported.suppression {
            members.append(("suppressed", .bool(true)))
            members.append(("suppressionKind", .string(suppression.kind.rawValue)))
            members.append(("suppressionReason", suppression.reason.map(JSONValue.string) ?? .null))
        }
        return .object(members)
    }

    private static func rangeJSON(_ range: SourceRange, includeFile: Bool) -> [(String, JSONValue)] {
        (includeFile ? [("file", .string(range.file))] : []) + [
            ("line", .integer(range.start.line)), ("column", .integer(range.start.column)),
            ("endLine", .integer(range.end.line)), ("endColumn", .integer(range.end.column)),
        ]
    }
}
