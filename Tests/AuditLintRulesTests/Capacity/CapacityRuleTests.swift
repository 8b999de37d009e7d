import AuditLintKit
import AuditLintTestSupport
import Testing

@testable import AuditLintRules

/// The capacity and retention rules (AC4xx): the numbers in their messages, under given
/// and default assumptions.
@Suite struct CapacityRuleTests {
    /// `--rate 1G/day` with the other options as given.
    static func assumptions(
        disk: Int64 = 256 << 30, free: Int64 = 128 << 30, retention: Double? = nil,
        budget: CapacityBudget = CapacityAssumptions.defaultBudget, horizonDays: Double = 90
    ) -> CapacityAssumptions {
        var result = CapacityAssumptions(
            volume: .measured(WriteVolume(bytesPerDay: Double(1 << 30)), source: "--rate 1G/day"), diskSize: disk,
            freeAtStart: free, horizonSeconds: horizonDays * 86_400, retentionSeconds: retention, budget: budget)
        result.origins = [.volume: "--rate 1G/day", .diskSize: "--disk-size", .diskFree: "--disk-free"]
        if retention != nil { result.origins[.retention] = "--retention 30d" }
        return result
    }

    static func check(_ id: String, _ text: String, _ assumptions: CapacityAssumptions?, dialect: Dialect = .macos)
        -> [Finding]
    {
        var context = controlContext(text, dialect: dialect)
        context.capacity = assumptions
        return RuleCatalog.rule(id).map { $0.init().check(context) } ?? []
    }

    /// The context computes the evaluation on first use, shares it between copies, and
    /// computes it again after an input changes (no cache outlives its inputs).
    @Test func contextHoldsTheEvaluationOfItsOwnInputs() throws {
        var context = controlContext("minfree:5\nfilesz:2M\nexpire-after:10M\n")
        let standard = try #require(context.capacityEvaluation())
        #expect(standard.assumptions == .standard)
        let copy = context
        #expect(copy.capacityEvaluation() == standard)
        context.capacity = Self.assumptions()
        let given = try #require(context.capacityEvaluation())
        #expect(given.volumeSource == "--rate 1G/day")
        #expect(context.capacitySimulation() == given.simulate())
        #expect(try context.checkedCapacitySimulation() == given.simulate())
        #expect(copy.capacityEvaluation() == standard)
        context.control = controlContext("minfree:5\nfilesz:4M\nexpire-after:10M\n").control
        #expect(context.capacityEvaluation()?.inputs.configuration.filesz == 4 << 20)
    }

    /// Docs/reference/capacity-model.md#worked-examples: filesz:2M, expire-after:10M at 1 GiB/day keeps about 13 minutes.
    @Test func workedExampleKeepsMinutesOfHistory() throws {
        let text = "minfree:5\npolicy:cnt,argv\nfilesz:2M\nexpire-after:10M\n"
        let assumptions = Self.assumptions(retention: 30 * 86_400)
        let simulation = try #require(
            assumptions.evaluate(controlContext(text).control, classes: TestClasses.table)?.simulate())
        #expect(simulation.historyDays > 0.008 && simulation.historyDays < 0.011)
        #expect(simulation.filesOnDisk == 5)
        let finding = try #require(Self.check("AC401", text, assumptions).first)
        #expect(finding.severity == .error)
        #expect(finding.message.hasPrefix("at 1 GiB/day (--rate 1G/day) expire-after `10M` keeps 1"))
        #expect(finding.message.contains("minutes of history (5 trail files"))
        #expect(finding.message.contains("below the retention of 30 days (--retention 30d)"))
        #expect(finding.message.contains("raise the size term to at least 30 GiB"))
        #expect(finding.range == SourceRange(file: "audit_control", line: 4, column: 14, length: 3))
    }

    /// §7: `60d OR 5G` at 1 GiB/day: the 5 GiB term binds after about 5 days.
    @Test func orSizeTermEvictsBeforeTheAgeItNames() throws {
        let text = "minfree:5\nfilesz:2M\nexpire-after:60d OR 5G\n"
        let finding = try #require(Self.check("AC401", text, Self.assumptions()).first)
        #expect(finding.severity == .warning)
        #expect(finding.message.contains("keeps 5 days of history"))
        #expect(finding.message.contains("below the 60 days its age term names"))
        #expect(Self.check("AC401", "minfree:5\nfilesz:2M\nexpire-after:60d OR 100G\n", Self.assumptions()).isEmpty)
    }

    @Test func defaultAssumptionsAreStated() throws {
        let finding = try #require(
            Self.check("AC401", "flags:lo,aa,ad,-fr\nminfree:5\nfilesz:2M\nexpire-after:60d OR 10M\n", nil).first)
        #expect(
            finding.message.contains(
                "(developer workload under flags lo,aa,ad,-fr; assumed, give --rate or --workload)"))
    }

    @Test func budget() throws {
        let text = "minfree:5\nfilesz:2M\nexpire-after:60d\n"
        let finding = try #require(Self.check("AC402", text, Self.assumptions(budget: .bytes(20 << 30))).first)
        #expect(
            finding.message.contains(
                "the trails grow to 60 GiB within 90 days (assumed; give --horizon), over the budget of 20 GiB (assumed; give --budget)"
            ))
        #expect(finding.message.contains("which they pass after about 20 days"))
        #expect(
            Self.check("AC402", "minfree:5\nfilesz:2M\nexpire-after:10G\n", Self.assumptions(budget: .bytes(20 << 30)))
                .isEmpty)
    }

    @Test(arguments: [
        ("policy:cnt\n", Severity.error, "with cnt the kernel suspends the trail and drops every record"),
        ("policy:cnt,ahlt\n", .error, "with ahlt the kernel panics"),
        ("policy:argv\n", .error, "without cnt audited processes block"),
    ])
    func diskFillsSaysWhatThePolicyDoes(policy: String, severity: Severity, text: String) throws {
        let config = "minfree:5\nfilesz:2M\n" + policy
        let finding = try #require(Self.check("AC403", config, Self.assumptions(disk: 64 << 30, free: 16 << 30)).first)
        #expect(finding.severity == severity)
        #expect(finding.message.contains(text), "\(finding.message)")
        #expect(finding.message.contains("at 1 GiB/day (--rate 1G/day) on a 64 GiB disk with 16 GiB free"))
    }

    @Test func lowSpaceIsAWarningAtMinfree() throws {
        let finding = try #require(
            Self.check(
                "AC403", "minfree:20\nfilesz:2M\nexpire-after:5G\n",
                Self.assumptions(disk: 64 << 30, free: 16 << 30, horizonDays: 4)
            ).first)
        #expect(finding.severity == .warning)
        #expect(finding.message.contains("below minfree's soft limit (20 % of the disk, 13 GiB) after 3.2 days"))
        #expect(finding.range.start == SourcePosition(line: 1, column: 9))
    }

    @Test func expiryWithoutRotationStatesTheTrailSize() throws {
        let message = try #require(
            Self.check("AC404", "filesz:0\nexpire-after:10M\n", Self.assumptions()).first?.message)
        #expect(message.contains("at 1 GiB/day (--rate 1G/day) the one trail grows to 90 GiB in 90 days"))
    }

    @Test func sizeBelowFileszStatesTheHistory() throws {
        let message = try #require(
            Self.check("AC405", "filesz:10M\nexpire-after:2M\n", Self.assumptions()).first?.message)
        #expect(message.contains("at most 14 minutes of history at 1 GiB/day"))
    }

    @Test func andStatesTheSizeTheAgeTermAllows() throws {
        let finding = try #require(
            Self.check("AC406", "filesz:2M\nexpire-after:60d AND 1G\n", Self.assumptions()).first)
        #expect(finding.severity == .warning)
        #expect(finding.message.contains("the trails grow to about 60 GiB (60 days of trails)"))
    }

    @Test func minfreeWarningLeadTime() throws {
        let finding = try #require(Self.check("AC407", "minfree:1\nfilesz:2M\n", Self.assumptions()).first)
        #expect(finding.message.contains("minfree 1 warns at 2.6 GiB free"))
        #expect(finding.message.contains("to full in 2.6 days, less than 7 days; `minfree:3` gives 7 days"))
        // Bounded trails never reach the soft limit.
        #expect(Self.check("AC407", "minfree:1\nfilesz:2M\nexpire-after:10G\n", Self.assumptions()).isEmpty)
    }

    @Test func invalidMinfreeSkipsTheModel() {
        #expect(
            Self.check("AC403", "minfree:150\nfilesz:2M\n", Self.assumptions(disk: 64 << 30, free: 1 << 30)).isEmpty)
    }
}
