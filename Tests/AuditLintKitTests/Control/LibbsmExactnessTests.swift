import AuditLintTestSupport
import Foundation
import Testing

@testable import AuditLintKit

/// Key and value forms where libbsm's and auditd's C code decides, per dialect (issue 9).
@Suite struct LibbsmExactnessTests {
    // MARK: A key line without a colon (bsm_control.c getstrfromtype_locked, getaccommon)

    /// OpenBSM 1.2: `getaccommon` turns the NULL value of `flags` alone into "", a valid
    /// empty mask (auditd sets the kernel's non-attributable mask to 0).
    @Test(arguments: [ControlKey.flags, .naflags])
    func openBSMReadsAFlagsKeyWithoutColonAsEmpty(_ key: ControlKey) throws {
        let control = parseControl("\(key.rawValue)\n", dialect: .openbsm)
        let setting = key == .flags ? control.flags : control.naflags
        #expect(setting.isValid)
        #expect(setting.valueProblem == nil)
        #expect(setting.effectiveMask == AuditMask.none)
        #expect(setting.explanation?.contains("no `:`") == true)
        let show = try #require(
            key == .flags
                ? ShowReport(control: control, classes: TestClasses.table).flags
                : ShowReport(control: control, classes: TestClasses.table).naflags)
        #expect(show.valid && show.successMask == 0 && show.failureMask == 0)
    }

    /// Apple's OpenBSM-21: `getstrfromtype_locked` fails with EINVAL when the matching line
    /// has no value, so the getter fails as a whole.
    @Test(arguments: [ControlKey.flags, .naflags])
    func macOSRejectsAFlagsKeyWithoutColon(_ key: ControlKey) {
        let control = parseControl("\(key.rawValue)\n", dialect: .macos)
        let setting = key == .flags ? control.flags : control.naflags
        #expect(!setting.isValid)
        #expect(setting.valueProblem == .absent)
    }

    /// OpenBSM 1.2: a missing `flags` also reaches `getaccommon` as NULL and comes back "",
    /// so logins get an empty system mask rather than a failing `au_user_mask`.
    @Test func openBSMMissingFlagsIsAnEmptyMask() {
        let control = parseControl("dir:/var/audit\n", dialect: .openbsm)
        #expect(control.flags.effectiveMask == AuditMask.none)
        #expect(parseControl("dir:/var/audit\n", dialect: .macos).flags.effectiveMask == nil)
    }

    /// OpenBSM 1.2 `getacqsize`: a NULL value keeps `USE_DEFAULT_QSZ` and returns 0 (no
    /// error); `qsize:` hands "" to sscanf, which fails (EINVAL).
    @Test func openBSMQsizeWithoutColonKeepsTheDefault() {
        let bare = parseControl("qsize\n", dialect: .openbsm).qsize
        #expect(bare.isValid)
        #expect(bare.effective == QueueSizeSetting.kernelDefault)
        #expect(!parseControl("qsize:\n", dialect: .openbsm).qsize.isValid)
        #expect(CapacityConfiguration(control: parseControl("qsize\nminfree:5\n", dialect: .openbsm))?.qsize == 100)
        let show = ShowReport(control: parseControl("qsize\n", dialect: .openbsm), classes: TestClasses.table).qsize
        #expect(show?.valid == true && show?.value == 100)
    }

    // MARK: A negative expire-after age (getacexpire, auditd_expire_trails)

    /// `show` prints the signed age libbsm stores, never its unsigned wrap.
    @Test(arguments: Dialect.allCases)
    func showPrintsTheSignedAge(_ dialect: Dialect) {
        let report = ShowReport(
            control: parseControl("expire-after:-1h\n", dialect: dialect), classes: TestClasses.table)
        let json = ShowReporter.json(report)
        #expect(json.contains(#""ageSeconds":-3600"#))
        #expect(!json.contains("18446744073709548016"))
        #expect(report.expireAfter?.expiresAnything == true)
        #expect(ShowReporter.text(report).contains("every closed trail"))
    }

    /// The capacity model deletes every closed trail at each rotation, the one just closed
    /// included (auditd_expire_trails' cutoff now − age lies in the future).
    @Test func capacityModelExpiresEveryClosedTrail() throws {
        let config = try #require(
            CapacityConfiguration(control: parseControl("expire-after:-1d\nfilesz:2M\nminfree:5\n")))
        #expect(config.expireAfter.ageSeconds == -86_400)
        var inputs = CapacityFixtures.inputs(days: 2)
        inputs.configuration = config
        let sim = try CapacityModel.run(inputs).simulation
        #expect(sim.rotations > 100)
        #expect(sim.expiredFiles == sim.rotations)
        #expect(sim.filesOnDisk == 1)
    }

    /// The compliance retention check sees the negative age for what it is.
    @Test func complianceRetentionFailsANegativeAge() throws {
        let control = parseControl("expire-after:-1d\n")
        let input = ComplianceInput(
            control: control, controlText: Array("expire-after:-1d\n".utf8), classes: TestClasses.table)
        #expect(input.expireAfter == .valid(ComplianceInput.Expiry(age: -86_400, combinator: .or)))
    }

    // MARK: The macOS dialect against Apple's OpenBSM-21

    /// OpenBSM-21's auditd reads naflags into a 25-byte buffer (NA_EVENT_STR_SIZE), so
    /// `getacna` returns −3 for 25 bytes or more; OpenBSM 1.2's buffer is 128 bytes.
    @Test func naflagsBufferPerDialect() {
        let long = "naflags:lo,aa,ad,fd,fm,fc,fw,^-fr\n"  // a 25-byte value
        let mac = parseControl(long, dialect: .macos).naflags
        #expect(mac.valueProblem == .tooLong(length: 25, limit: 24))
        #expect(!mac.isValid && mac.effectiveMask == AuditMask.none)
        #expect(parseControl(long, dialect: .openbsm).naflags.isValid)
        #expect(parseControl("naflags:lo,aa,ad,fd,fm,fc,fw,^fr\n", dialect: .macos).naflags.isValid)
        #expect(FlagsSetting.bufferLimit(key: .naflags, dialect: .openbsm) == 127)
        #expect(FlagsSetting.bufferLimit(key: .flags, dialect: .macos) == 255)
    }

    /// With `host` set, OpenBSM-21 names trails `<start>.<end>.<host>` and expires only
    /// 29-byte names: show, the capacity model and AC216 all say nothing expires.
    @Test func hostStopsExpiryOnMacOSOnly() throws {
        let text = "host:audit.example.com\nexpire-after:60d\nminfree:5\n"
        let mac = parseControl(text, dialect: .macos)
        #expect(mac.hostStopsExpiry && !mac.trailsExpire)
        let show = try #require(ShowReport(control: mac, classes: TestClasses.table).expireAfter)
        #expect(!show.expiresAnything)
        #expect(show.why?.contains("29 bytes") == true)
        #expect(CapacityConfiguration(control: mac)?.expireAfter == .never)
        let bsd = parseControl(text, dialect: .openbsm)
        #expect(bsd.trailsExpire)
        #expect(ShowReport(control: bsd, classes: TestClasses.table).expireAfter?.expiresAnything == true)
        #expect(CapacityConfiguration(control: bsd)?.expireAfter == ExpireAfter(ageSeconds: 60 * 86_400))
        let compliance = ComplianceInput(control: mac, controlText: Array(text.utf8), classes: TestClasses.table)
        #expect(compliance.expireAfter.value?.deletesAnything == false)
        #expect(
            ComplianceInput(control: bsd, controlText: Array(text.utf8), classes: TestClasses.table).expireAfter.value?
                .deletesAnything == true)
        // OpenBSM-21's getachost fails for `host:` with no value: no suffix.
        #expect(parseControl("host:\nexpire-after:60d\n", dialect: .macos).trailsExpire)
    }

    /// OpenBSM-21's auditd_read_dirs divides by `100 / minfree`: 0 divides by zero.
    @Test func minfreeZeroDividesByZeroOnMacOS() {
        let mac = parseControl("minfree:0\n", dialect: .macos).minfree
        #expect(mac.dividesByZero)
        #expect(mac.explanation?.contains("division by zero") == true)
        #expect(!parseControl("minfree:0\n", dialect: .openbsm).minfree.dividesByZero)
    }

    /// The text `--dialect` help and Docs/dialects.md share names both releases.
    @Test func modelledReleasesNamesBothReleases() {
        #expect(Dialect.modelledReleases.contains("OpenBSM-21"))
        #expect(Dialect.modelledReleases.contains("OpenBSM 1.2"))
        #expect(!Dialect.modelledReleases.contains("\n"))
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Docs/dialects.md")
        let text = (try? String(contentsOf: docs, encoding: .utf8)) ?? ""
        #expect(text.contains(Dialect.modelledReleases), "Docs/dialects.md must quote Dialect.modelledReleases")
    }
}
