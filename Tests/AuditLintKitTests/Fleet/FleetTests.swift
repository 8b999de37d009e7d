import AuditLintTestSupport
import Foundation
import Testing

@testable import AuditLintKit

@Suite final class FleetTests {
    /// lo and ex selected, 1 MiB trails, at most 10 MiB kept, soft limit 5 %.
    static let candidateText =
        "dir:/var/audit\nflags:lo,ex\nnaflags:lo\nminfree:5\npolicy:cnt,argv\nfilesz:1M\nexpire-after:10M\n"

    /// The candidate's file (the evaluator reads the tables beside it, as `report` does).
    let directory: TemporaryDirectory
    let candidatePath: String

    init() throws {
        directory = try TemporaryDirectory("fleet-candidate")
        candidatePath = try directory.write("candidate/audit_control", Self.candidateText)
    }

    deinit { directory.remove() }

    func candidate(_ dialect: Dialect) -> AuditControl {
        AuditControl.parse(
            SourceText(path: candidatePath, text: Self.candidateText), dialect: dialect, classes: .builtIn(dialect))
    }

    var request: FleetRequest {
        FleetRequest(
            candidate: [.macos: .success(candidate(.macos)), .openbsm: .success(candidate(.openbsm))],
            requirements: CapacityRequirements(retentionSeconds: 30 * 86_400, budget: .percentOfDisk(5)))
    }

    /// Five hosts: one safe, one whose small disk fills, one keeping too little history, one
    /// over the budget, one FreeBSD host; 100 KB a day each unless said.
    static var profiles: [VolumeProfile] {
        [
            FleetFixtures.profile("safe"),
            FleetFixtures.profile(
                "small-disk", execs: 200, executable: "/usr/bin/<b>\"make\"|",
                disk: FleetFixtures.disk(size: 64 << 20, free: 4 << 20)),
            FleetFixtures.profile("chatty", recordSize: 10_000, execs: 300, executable: "/usr/bin/find"),
            FleetFixtures.profile("tight-budget", disk: FleetFixtures.disk(size: 100 << 20, free: 80 << 20)),
            FleetFixtures.profile("bsd", dialect: .openbsm),
        ]
    }

    func fleetReport(_ hosts: [FleetHost], request: FleetRequest? = nil) -> FleetReport {
        let request = request ?? self.request
        return FleetReport(
            hosts: hosts, candidatePath: "candidate/audit_control",
            candidateHash: SHA256.hex(Array(Self.candidateText.utf8)),
            horizonSeconds: request.horizonSeconds, startEpoch: request.startEpoch, requirements: request.requirements)
    }

    var fleet: FleetReport {
        let evaluator = FleetEvaluator(request: request)
        return fleetReport(Self.profiles.map { evaluator.evaluate($0, file: "profiles/\($0.hosts[0]).json") })
    }

    /// What `report` assembles for one host: its settings, its sample resolved without
    /// shared tables, its disk, one capacity run.
    func reportAlone(_ profile: VolumeProfile, dialect: Dialect, request: FleetRequest) throws -> CapacityReport {
        let control = candidate(dialect)
        let (settings, _) = try AuditSettingsRequest().resolve(control: control, dialect: dialect)
        var volume = VolumeRequest(volumeProfiles: ["p.json"])
        volume.sampleProfile = profile
        let resolved = try volume.resolve(control: control, dialect: dialect)
        let disk = try #require(profile.host?.disk)
        let inputs = CapacityInputs(
            configuration: settings, diskSize: disk.size, freeAtStart: disk.free, blockSize: disk.blockSize,
            horizonSeconds: request.horizonSeconds, startEpoch: request.startEpoch, volume: resolved.volume)
        return try CapacityReport.evaluating(
            inputs, requirements: request.requirements, notes: resolved.notes, volumeSource: resolved.source)
    }

    @Test func eachHostsVerdictIsTheOneItsReportAloneGives() throws {
        let evaluator = FleetEvaluator(request: request)
        for profile in Self.profiles {
            let dialect = profile.host!.dialect
            let alone = try reportAlone(profile, dialect: dialect, request: request)
            let (fleet, _) = try evaluator.capacityReport(
                profile, file: "p.json", facts: profile.host, dialect: dialect)
            #expect(fleet == alone, "\(profile.hosts)")
            let host = evaluator.evaluate(profile, file: "p.json")
            #expect(host.evaluation?.verdict == alone.verdict && host.evaluation?.headline == alone.headline)
        }
    }

    @Test func failingHostsAreRankedBySoonestWithTheirCause() throws {
        let report = fleet
        #expect(report.verdict == .fail)
        #expect(report.hosts.map(\.name) == ["small-disk", "tight-budget", "chatty", "bsd", "safe"])
        #expect(report.verdicts == [.fail: 3, .ok: 2])
        let smallDisk = try #require(report.hosts[0].evaluation)
        #expect(smallDisk.failures == [.dropsRecords, .overBudget])
        #expect(smallDisk.fullSeconds != nil && smallDisk.failureSeconds! <= smallDisk.fullSeconds!)
        let budget = try #require(report.hosts[1].evaluation)
        #expect(budget.failures == [.overBudget] && budget.fullSeconds == nil)
        #expect(budget.failureSeconds! > smallDisk.failureSeconds!)
        let chatty = try #require(report.hosts[2].evaluation)
        #expect(chatty.failures == [.missesRetention] && chatty.failureSeconds == nil)
        #expect(FleetReport.when(chatty) == "now (steady state)" && FleetReport.cause(chatty) == "misses the retention")
        #expect(report.failures == [.dropsRecords: 1, .overBudget: 2, .missesRetention: 1])
        // Every failing host's verdict is fail and no other host has a failure.
        for host in report.hosts {
            #expect((host.evaluation!.verdict == .fail) == !host.evaluation!.failures.isEmpty)
        }
    }

    @Test func theSummaryCountsHostsPerConfigurationAndDialect() {
        var profiles = Self.profiles
        let stock = FleetFixtures.control(FleetFixtures.stockText)
        profiles[0].host?.auditControl = stock
        profiles[1].host?.auditControl = stock
        let evaluator = FleetEvaluator(request: request)
        let report = fleetReport(profiles.map { evaluator.evaluate($0, file: "\($0.hosts[0]).json") })
        #expect(
            report.configurations == [
                .init(key: "unrecorded", example: nil, hosts: 3, failing: 2),
                .init(key: stock.sha256, example: stock.path, hosts: 2, failing: 1),
            ])
        #expect(
            report.dialects == [
                .init(key: "macos", example: nil, hosts: 4, failing: 3),
                .init(key: "openbsm", example: nil, hosts: 1, failing: 0),
            ])
        #expect(report.bytesPerDay.count == 5)
        #expect(report.bytesPerDay.maximum == report.hosts.first { $0.name == "chatty" }!.evaluation!.bytesPerDay)
    }

    @Test func talkersAreThoseOfTheFailingHosts() {
        let report = fleet
        #expect(report.talkers.map(\.name) == ["/usr/bin/find", "/usr/bin/<b>\"make\"|", "/var/run/utmpx"])
        let find = report.talkers[0]
        #expect(find.kind == "executable" && find.hosts == 1 && find.bytesPerDay == 300 * 500)
        // The safe hosts' logins are not counted: three failing hosts have the path.
        #expect(report.talkers[2].hosts == 3)
        #expect(report.hosts.filter { $0.evaluation!.verdict != .fail }.allSatisfy { $0.evaluation!.talkers.isEmpty })
    }

    @Test func percentilesAreNearestRank() {
        let values = (1...100).map(Double.init).shuffled()
        let p = FleetReport.Percentiles(values)
        #expect([p.minimum, p.p10, p.p50, p.p90, p.p99, p.maximum, p.total] == [1, 10, 50, 90, 99, 100, 5050])
        let one = FleetReport.Percentiles([7])
        #expect([one.minimum, one.p50, one.p99, one.maximum] == [7, 7, 7, 7])
        let none = FleetReport.Percentiles([])
        #expect(none.count == 0 && none.p50 == 0 && none.total == 0)
    }

    static func host(_ name: String, fullDays: Double?) -> FleetHost {
        var host = FleetHost(file: name, name: name)
        host.evaluation = FleetHost.Evaluation(
            verdict: fullDays == nil ? .ok : .fail, headline: "", reasons: [],
            outcome: fullDays == nil ? .ok : .recordsDropped, outcomeSeconds: fullDays.map { $0 * 86_400 },
            failures: fullDays == nil ? [] : [.dropsRecords], failureSeconds: fullDays.map { $0 * 86_400 },
            fullSeconds: fullDays.map { $0 * 86_400 }, bytesPerDay: 1, lowerBound: false, historyDays: 1,
            peakAuditBytes: 1, droppedBytes: 0, diskSize: 1, diskFree: 1, talkers: [])
        return host
    }

    @Test func daysToFullAreBucketedUpToTheHorizon() {
        let hosts = [0.5, 1, 3, 20, 89.9, nil, nil].enumerated().map { Self.host("h\($0)", fullDays: $1) }
        let report = fleetReport(hosts)
        #expect(report.daysToFull.map(\.hosts) == [1, 2, 0, 1, 0, 1, 2])
        #expect(
            report.daysToFull.map { $0.label(horizonSeconds: 90 * 86_400) } == [
                "0–1 days", "1–7 days", "7–14 days", "14–30 days", "30–60 days", "60–90 days",
                "does not fill in 90 days",
            ])
        var short = request
        short.horizonSeconds = 10 * 86_400
        #expect(
            fleetReport(hosts, request: short).daysToFull.map { $0.label(horizonSeconds: 10 * 86_400) } == [
                "0–1 days", "1–7 days", "7–10 days", "does not fill in 10 days",
            ])
    }

    @Test func unreadableProfilesAndHostsWithoutADiskAreNotEvaluated() throws {
        let directory = try TemporaryDirectory("fleet")
        defer { directory.remove() }
        let damaged = try directory.write(
            "damaged.json", "{\n  \"kind\": \"auditlint-volume-profile\",\n  \"files\": [\n")
        var noDisk = FleetFixtures.profile("no-disk", disk: nil)
        let noDiskPath = try directory.write("no-disk.json", Array(try noDisk.jsonData()))
        let evaluator = FleetEvaluator(request: request)
        let hosts = evaluator.evaluate(files: [damaged, noDiskPath, directory.path("missing.json")], workers: 2)
        #expect(hosts.map(\.name) == ["damaged", "no-disk", "missing"])
        #expect(hosts.allSatisfy { $0.evaluation == nil })
        #expect(hosts[0].problem?.message.hasPrefix("\(damaged):4:1: damaged volume profile, not valid JSON") == true)
        #expect(hosts[0].problem?.isUsageError == true)
        #expect(
            hosts[1].problem?.message.contains("the profile records no disk; give --disk-size and --disk-free") == true)
        #expect(hosts[2].problem?.isUsageError == false)
        // A disk given for such profiles stands in.
        var request = request
        request.fallbackDiskSize = 100 << 30
        request.fallbackDiskFree = 80 << 30
        #expect(FleetEvaluator(request: request).evaluate(file: noDiskPath).evaluation?.diskSize == 100 << 30)
        // Without a candidate, a profile without an audit_control cannot be judged.
        noDisk.host?.disk = FleetFixtures.disk(size: 1 << 30, free: 1 << 29)
        let own = FleetEvaluator(request: FleetRequest(candidate: nil)).evaluate(noDisk, file: "x.json")
        #expect(
            own.problem?.message.contains("the profile records no audit_control; give a candidate with --audit-control")
                == true)
        let report = fleetReport(hosts)
        #expect(report.problems.count == 3 && report.hosts.isEmpty && report.verdict == .ok)
    }

    @Test func eachHostsOwnAudit_controlIsUsedWithoutACandidate() throws {
        let loud = "dir:/var/audit\nflags:lo,ex\nnaflags:lo\nminfree:5\npolicy:cnt,argv\nfilesz:1M\nexpire-after:1M\n"
        let host = FleetFixtures.profile("own", execs: 100, control: FleetFixtures.control(loud))
        let quiet = FleetFixtures.profile("quiet", execs: 100, control: FleetFixtures.control(FleetFixtures.stockText))
        let evaluator = FleetEvaluator(request: FleetRequest(candidate: nil))
        let (loudReport, loudVolume) = try evaluator.capacityReport(host, file: "a", facts: host.host, dialect: .macos)
        let (quietReport, _) = try evaluator.capacityReport(quiet, file: "b", facts: quiet.host, dialect: .macos)
        // lo,ex keeps the execs, lo,aa does not; 1M of expiry keeps less history than 10M.
        #expect(loudVolume.volume.bytesPerDay == 100 * 1_000 + 100 * 500)
        #expect(loudReport.inputs.bytesPerDay > quietReport.inputs.bytesPerDay)
        #expect(
            loudReport.inputs.expireAfterSizeBytes == 1 << 20 && quietReport.inputs.expireAfterSizeBytes == 10 << 20)
        var broken = host
        broken.host?.auditControl = FleetFixtures.control("flags:lo\nnaflags:lo\n")
        #expect(evaluator.evaluate(broken, file: "c").problem?.message.contains("auditd would not start") == true)
    }

    @Test func filesAreEvaluatedInParallelInTheirOwnOrder() throws {
        let directory = try TemporaryDirectory("fleet-order")
        defer { directory.remove() }
        var files: [String] = []
        for index in 0..<12 {
            let profile = FleetFixtures.profile("host-\(index)", recordSize: 100 * (index + 1))
            files.append(try directory.write("nested/\(index % 3)/host-\(index).json", Array(try profile.jsonData())))
        }
        let evaluator = FleetEvaluator(request: request)
        let parallel = evaluator.evaluate(files: files, workers: 4)
        #expect(parallel == evaluator.evaluate(files: files, workers: 1))
        #expect(parallel.map(\.name) == (0..<12).map { "host-\($0)" })
        #expect(try FleetProfiles.expand([directory.url.path]) == files.sorted())
        _ = try directory.write("nested/.hidden.json", "{}")
        _ = try directory.write("nested/notes.txt", "x")
        #expect(try FleetProfiles.expand([directory.url.path + "/"]).count == 12)
        let empty = try TemporaryDirectory("fleet-empty")
        defer { empty.remove() }
        let error = #expect(throws: AuditLintError.self) { try FleetProfiles.expand([empty.url.path]) }
        #expect(error?.description.contains("no volume profiles (*.json) in this directory or below") == true)
    }

    // MARK: Renderings

    var goldenFleet: FleetReport {
        var report = fleet
        report.problems = [
            FleetHost(
                file: "profiles/bad.json", name: "bad",
                problem: .init(message: "profiles/bad.json:3:1: damaged volume profile <x>", isUsageError: true))
        ]
        return report
    }

    @Test(arguments: FleetReportFormat.allCases)
    func renderings(format: FleetReportFormat) throws {
        try OutputGoldenTests.check(goldenFleet.rendered(as: format), "fleet.\(format.rawValue)")
    }

    @Test func theHTMLPageIsSelfContainedAndEscaped() {
        let html = goldenFleet.rendered(as: .html)
        #expect(!html.contains("<b>\"make\"") && html.contains("&lt;b&gt;&quot;make&quot;|"))
        #expect(!html.contains("<x>") && html.contains("&lt;x&gt;"))
        for external in ["src=", "href=", "<script", "@import", "url("] {
            #expect(!html.contains(external), "\(external)")
        }
        #expect(html.contains("<svg") && html.contains("days until the disk fills"))
    }

    @Test func onlyTheTopFailingHostsAreListed() {
        let text = fleet.rendered(as: .text, top: 1)
        #expect(text.contains("Failing hosts, soonest first (the first 1 of 3):"))
        #expect(text.contains("small-disk") && !text.contains("  2  tight-budget"))
        #expect(fleet.rendered(as: .json, top: 1).contains("\"name\":\"chatty\""))
    }
}
