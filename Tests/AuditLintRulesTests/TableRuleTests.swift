import AuditLintKit
import Testing

@testable import AuditLintRules

/// The table rules on whole files: what their messages say and where they point.
@Suite struct TableRuleTests {
    static let tableRules: [any Rule.Type] = RuleCatalog.all.filter {
        let id = $0.description.id
        return ("AC150"..."AC199").contains(id) || ("AC250"..."AC299").contains(id)
    }

    static func context(
        classes: String? = nil,
        events: String? = nil,
        users: String? = nil,
        dialect: Dialect = .openbsm
    ) -> LintContext {
        ConfigurationLoader.context(
            control: SourceText(path: "audit_control", text: "flags:lo\n"),
            classes: classes.map { SourceText(path: "audit_class", text: $0) },
            events: events.map { SourceText(path: "audit_event", text: $0) },
            users: users.map { SourceText(path: "audit_user", text: $0) },
            dialect: dialect
        )
    }

    static func findings(_ context: LintContext) -> [Finding] {
        Linter(rules: tableRules).lint(context)
    }

    @Test func catalogHoldsTheTableRules() {
        #expect(Self.tableRules.count == 16)
    }

    /// The shipped files: only the known quirks of the default audit_event are reported.
    @Test(arguments: Dialect.allCases)
    func defaultFiles(dialect: Dialect) {
        let context = Self.context(
            classes: AuditClassTable.builtInText(dialect),
            events: AuditEventTable.builtInText(dialect),
            users: "root:lo:no\n",
            dialect: dialect
        )
        let byRule = Dictionary(grouping: Self.findings(context), by: \.ruleId).mapValues(\.count)
        // Both map 6214 and 6215 to `ua`, which is not a class; Apple's has `AUE_RTPRIO::`.
        if dialect == .openbsm {
            #expect(byRule == ["AC250": 2, "AC251": 4, "AC254": 1])
        } else {
            #expect(byRule == ["AC157": 1, "AC250": 2, "AC251": 4, "AC254": 1])
        }
    }

    @Test func builtInTablesAreNeverLinted() {
        #expect(Self.findings(Self.context(dialect: .openbsm)).isEmpty)
    }

    @Test func blankLineMessageCountsWhatIsLost() throws {
        var classes = AuditClassTable.builtInText(.openbsm)
        classes = classes.replacingOccurrences(of: "0x00000010:fc:file create\n", with: "0x00000010:fc:file create\n\n")
        let findings = Self.findings(Self.context(classes: classes))
        let finding = try #require(findings.first { $0.ruleId == "AC150" })
        #expect(finding.severity == .error)
        #expect(finding.range.start == SourcePosition(line: 7, column: 1))
        #expect(
            finding.message.contains(
                "the 14 data lines after it (14 classes: `fd`, `cl`, `pc`, `nt`, `ip` and 9 more) are invisible to auditd"
            ))
    }

    @Test func trailingBlankLineIsOnlyAWarning() throws {
        let findings = Self.findings(Self.context(classes: "0x00001000:lo:login_logout\n\n"))
        let finding = try #require(findings.first { $0.ruleId == "AC150" })
        #expect(finding.severity == .warning)
        #expect(finding.message.contains("nothing follows"))
    }

    @Test func malformedUserHidesLaterUsers() throws {
        let findings = Self.findings(Self.context(users: "root:lo:no\nalice:lo:\nbob:lo,aa:no\n"))
        let finding = try #require(findings.first { $0.ruleId == "AC154" })
        #expect(finding.range == SourceRange(file: "audit_user", line: 2, column: 1, length: 9))
        #expect(finding.message.contains("the 1 data line after it (1 user entry: `bob`) is invisible"))
        #expect(finding.message.contains("`alice:lo:no`"))
    }

    @Test func crlfEventsAreReportedOnceNotPerEvent() throws {
        let events = AuditEventTable.builtInText(.openbsm).replacingOccurrences(of: "\n", with: "\r\n")
        let findings = Self.findings(Self.context(events: events))
        let crlf = findings.filter { $0.ruleId == "AC155" }
        #expect(crlf.count == 1)
        #expect(crlf.first?.message.contains("718 lines of audit_event end with CRLF") == true)
        #expect(crlf.first?.message.contains("class 0") == true)
        // Only the two `ua` events are AC250's: the `\r` alone is AC155's.
        #expect(findings.filter { $0.ruleId == "AC250" }.count == 2)
    }

    @Test func crlfUsersNameTheCarriageReturn() throws {
        let findings = Self.findings(Self.context(users: "root:lo:no\r\nalice:lo:no\r\n"))
        let invalid = try #require(findings.first { $0.ruleId == "AC253" })
        #expect(invalid.message.contains("`no\\r`, which is not a class (the `\\r` of a CRLF line ending)"))
        #expect(findings.contains { $0.ruleId == "AC155" && $0.range.start == SourcePosition(line: 1, column: 11) })
        #expect(!findings.contains { $0.ruleId == "AC254" }, "no user is visible, so nothing applies at login")
    }

    @Test func duplicateEventNumberSaysWhichLineWins() throws {
        let findings = Self.findings(Self.context(events: "7:AUE_A:a:lo\n7:AUE_B:b:aa\n"))
        let finding = try #require(findings.first { $0.ruleId == "AC251" })
        #expect(finding.severity == .note)
        #expect(finding.range.start == SourcePosition(line: 2, column: 1))
        #expect(finding.message.contains("already defined on line 1 (`AUE_A`)"))
        #expect(finding.message.contains("(`aa`) last, so they are the ones in force"))
    }

    @Test func undefinedClassHintsAtTruncatedClassFile() throws {
        let context = Self.context(
            classes: "0x00001000:lo:login_logout\n\n0x00002000:aa:authentication and authorization\n",
            events: "6152:AUE_login:login - local:lo,aa\n6153:AUE_logout:logout - local:LO\n"
        )
        let findings = Self.findings(context).filter { $0.ruleId == "AC250" }
        #expect(findings.count == 2)
        #expect(findings.first?.range == SourceRange(file: "audit_event", line: 1, column: 33, length: 2))
        #expect(findings.first?.message.contains("defined below the line that ends audit_class") == true)
        #expect(findings.last?.message.contains("did you mean `lo`?") == true)
    }

    @Test func everyFindingIsInsideItsFile() {
        let context = Self.context(
            classes: "zz::lo:x\n0x1:lo:dup\n  # c\n",
            events: "5:AUE_E::lo\n70000:AUE_F:d:xx\n5:AUE_G:d:lo\r\n" + String(repeating: "#", count: 300) + "\n",
            users: "root:lo:lo\nroot:lo:lo\nbob:+:lo\n"
        )
        let findings = Self.findings(context)
        #expect(
            Set(findings.map(\.ruleId)) == [
                "AC151", "AC155", "AC156", "AC157", "AC250", "AC251", "AC252", "AC253", "AC254", "AC255", "AC256",
                "AC257",
            ])
        for finding in findings {
            let source = context.sources.first { $0.path == finding.range.file }
            #expect(source != nil)
            if let source {
                #expect(finding.range.start.line >= 1 && finding.range.start.line <= source.lineCount)
                #expect(finding.range.end.column <= source.lineBytes(finding.range.end.line).count)
            }
        }
    }
}
