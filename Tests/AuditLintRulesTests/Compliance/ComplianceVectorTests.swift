import AuditLintKit
import Testing

/// One audit_control text, one requirement of one profile, and what the real (effective
/// value) and the literal (mSCP/STIG string pipeline) checks must say.
struct ComplianceVector: Sendable, CustomTestStringConvertible {
    var profile: ComplianceProfile
    var options = ComplianceOptions()
    var requirement: String
    var text: String
    var status: ComplianceStatus
    /// nil: the requirement has no literal check.
    var literal: Bool?
    /// Text the reason must contain.
    var reasonContains: String?

    var testDescription: String { "\(profile.name) \(requirement) on \(text.debugDescription)" }
}

private func v(
    _ profile: ComplianceProfile, _ requirement: String, _ text: String, _ status: ComplianceStatus, literal: Bool?,
    options: ComplianceOptions = ComplianceOptions(), reason: String? = nil
) -> ComplianceVector {
    ComplianceVector(
        profile: profile, options: options, requirement: requirement, text: text, status: status,
        literal: literal, reasonContains: reason)
}

private let disagreeFail = "passes the literal check but not the real one"
private let disagreePass = "fails the literal check but passes the real one"

/// Literal-versus-real vectors: compliance.md §0 finding 1 and §8.1 (token substring
/// matching, no superset reasoning, left-to-right `^`, whitespace and case, count == 1,
/// comments read by the unanchored awk), §1.3/§0 finding 4 (the `policy: ahlt,argv` fix),
/// §4 (the CIS 3.4 PASS/FAIL lists) and §2.2–§3 (STIG `7d`, minfree `25`).
enum Vectors {
    static let flags: [ComplianceVector] = [
        v(.stig, "audit_flags_fr_configure", "flags:^-fr\n", .fail, literal: true, reason: disagreeFail),
        v(.stig, "audit_flags_fr_configure", "flags:-all\n", .pass, literal: false, reason: disagreePass),
        v(.stig, "audit_flags_ex_configure", "flags:-all\n", .pass, literal: false, reason: disagreePass),
        v(.stig, "audit_flags_fd_configure", "flags:-all\n", .pass, literal: false),
        v(.stig, "audit_flags_fw_configure", "flags:-all\n", .pass, literal: false),
        v(.nist80053Low, "audit_flags_fm_failed_configure", "flags:-all\n", .pass, literal: false),
        v(
            .stig, "audit_flags_fr_configure", "flags:fr\n", .pass, literal: false,
            reason: "`fr` on success and failure"),
        v(
            .stig, "audit_flags_fr_configure", "flags:-all,^-fr\n", .fail, literal: true,
            reason: "`fr` on neither success nor failure"),
        v(.stig, "audit_flags_fr_configure", "flags:^-fr,-all\n", .pass, literal: true),
        v(
            .stig, "audit_flags_fr_configure", "flags:-fr,-fr\n", .pass, literal: false,
            reason: "prints `2` where `1` is expected"),
        v(.stig, "audit_flags_fr_configure", "flags:+fr\n", .fail, literal: false, reason: "`fr` on success only"),
        v(.stig, "audit_flags_aa_configure", "flags:-aa\n", .fail, literal: true, reason: "`aa` on failure only"),
        v(.stig, "audit_flags_aa_configure", "flags:+aa\n", .fail, literal: true),
        v(.stig, "audit_flags_aa_configure", "flags:^aa\n", .fail, literal: true),
        v(.stig, "audit_flags_aa_configure", "flags:aa,aa\n", .pass, literal: false),
        v(
            .stig, "audit_flags_aa_configure", "flags:lo, aa\n", .fail, literal: true,
            reason: "libbsm rejects this flags string (unknown class ` aa` in element ` aa`)"),
        v(
            .stig, "audit_flags_aa_configure", "flags:lo,AA\n", .fail, literal: false,
            reason: "libbsm rejects this flags string"),
        v(.stig, "audit_flags_aa_configure", "flags:all\n", .pass, literal: false),
        v(.stig, "audit_flags_lo_configure", "flags:lo\n", .pass, literal: true),
        v(.stig, "audit_flags_lo_configure", "flags:+lo\n", .fail, literal: false),
        v(.stig, "audit_flags_lo_configure", "flags:lo,^-lo\n", .fail, literal: true, reason: disagreeFail),
        v(.stig, "audit_flags_lo_configure", "flags:lo,aa\nflags:lo,aa\n", .pass, literal: false, reason: "prints `2`"),
        v(.stig, "audit_flags_lo_configure", "#flags:lo\nflags:aa\n", .fail, literal: false),
        v(
            .stig, "audit_flags_lo_configure", "dir:/var/audit\n", .fail, literal: false,
            reason: "there is no `flags` line"),
        v(.stig, "audit_flags_ad_configure", "flags:-ad\n", .fail, literal: true),
        v(.stig, "audit_flags_ad_configure", "flags:ad\r\n", .fail, literal: true, reason: "libbsm rejects"),
        v(.stig, "audit_flags_ex_configure", "flags:ex\n", .pass, literal: false),
        v(
            .stig, "audit_flags_ex_configure", "flags:-pc\n", .fail, literal: false,
            reason: "`-pc` selects exec events too"),
        v(.stig, "audit_flags_fm_configure", "flags:fm\n", .pass, literal: true),
        v(.stig, "audit_flags_fm_configure", "flags:-fm\n", .fail, literal: false, reason: "`fm` on failure only"),
        v(.stig, "audit_flags_fm_configure", "flags:all\n", .pass, literal: false),
        v(.stig, "audit_flags_fm_configure", "flags:fm,^-fm\n", .fail, literal: true, reason: disagreeFail),
        v(.nist80053Low, "audit_flags_fm_failed_configure", "flags:fm\n", .pass, literal: false),
        v(.nist80053Low, "audit_flags_fm_failed_configure", "flags:^-fm\n", .fail, literal: true),
        v(.freebsd, "audit_naflags_lo_configure", "naflags:lo,aa\n", .pass, literal: nil),
        v(.freebsd, "audit_naflags_lo_configure", "naflags:aa\n", .fail, literal: nil),
        v(
            .freebsd, "audit_naflags_lo_configure", "naflags:lo, aa\n", .fail, literal: nil,
            reason: "libbsm rejects this naflags string"),
        v(.freebsd, "audit_naflags_lo_configure", "flags:lo\n", .fail, literal: nil, reason: "no `naflags` line"),
    ]

    static let policy: [ComplianceVector] = [
        v(
            .nist80053Low, "audit_failure_halt", "policy: ahlt,argv\n", .fail, literal: true,
            reason:
                "passes the literal check but not the real one: libbsm rejects this policy (` ahlt` is not a policy name), so the kernel fell back to `cnt` only"
        ),
        v(
            .nist80053Low, "audit_failure_halt", "policy:ahlt,argv\n", .pass, literal: true,
            reason: "effective policy `ahlt,argv`"),
        // At the hard limit the write fails and ahlt panics (audit_worker.c audit_record_write):
        // the system halts, so the requirement is met; cnt's lost record is AC302's warning.
        v(
            .nist80053Low, "audit_failure_halt", "policy:cnt,ahlt\n", .pass, literal: true,
            reason: "the kernel panics when a trail write fails, a full disk included, so the system halts"),
        v(.nist80053Low, "audit_failure_halt", "policy:cnt,argv\n", .fail, literal: false),
        v(.nist80053Low, "audit_failure_halt", "policy:AHLT\n", .fail, literal: false),
        v(.nist80053Low, "audit_failure_halt", "policy:ahlt,argv,\n", .fail, literal: true, reason: disagreeFail),
        v(
            .nist80053Low, "audit_failure_halt", "policy:ahlt\npolicy:ahlt\n", .pass, literal: false,
            reason: disagreePass),
        v(.nist80053Low, "audit_failure_halt", "#policy:ahlt\n", .fail, literal: false, reason: "no `policy` line"),
        v(
            .stig, "audit_failure_halt", "policy:cnt\n", .notApplicable, literal: nil,
            options: ComplianceOptions(stigRelease: .macOS26), reason: "no longer requires ahlt"),
        v(.freebsd, "audit_failure_continue", "policy:cnt,argv\n", .pass, literal: nil),
        v(.freebsd, "audit_failure_continue", "policy:cnt,ahlt\n", .fail, literal: nil, reason: "panic"),
        v(.freebsd, "audit_failure_continue", "policy:argv\n", .fail, literal: nil, reason: "fail-stop"),
        v(
            .freebsd, "audit_failure_continue", "policy: cnt,argv\n", .pass, literal: nil,
            reason: "argv or arge written in the file is lost"),
    ]

    static let retention: [ComplianceVector] = [
        // DISA STIG: the check compares with `7d` exactly; older text said "7d or a larger value".
        v(.stig, "audit_retention_configure", "expire-after:7d\n", .pass, literal: true),
        v(.stig, "audit_retention_configure", "expire-after:30d\n", .pass, literal: false, reason: disagreePass),
        v(.stig, "audit_retention_configure", "expire-after: 7d\n", .pass, literal: false, reason: "prints ` 7d`"),
        v(.stig, "audit_retention_configure", "#expire-after:7d\n", .fail, literal: true, reason: disagreeFail),
        v(.stig, "audit_retention_configure", "expire-after:7d\n#expire-after:30d\n", .pass, literal: false),
        v(.stig, "audit_retention_configure", "expire-after:5G\n", .fail, literal: false, reason: "whatever their age"),
        v(
            .stig, "audit_retention_configure", "expire-after:7D\n", .fail, literal: false,
            reason: "libbsm rejects this expire-after"),
        v(.stig, "audit_retention_configure", "expire-after:7d OR 5G\n", .fail, literal: false),
        v(.stig, "audit_retention_configure", "expire-after:7d AND 5G\n", .pass, literal: false),
        v(
            .stig, "audit_retention_configure", "expire-after:6d\n", .fail, literal: false,
            reason: "older than 6d are deleted"),
        v(
            .stig, "audit_retention_configure", "expire-after:0\n", .fail, literal: false,
            reason: "never deletes a trail"),
        v(
            .stig, "audit_retention_configure", "expire-after:1G AND 2G\n", .fail, literal: false,
            reason: "never deletes a trail"),
        v(.stig, "audit_retention_configure", "flags:lo\n", .fail, literal: false, reason: "no `expire-after` line"),
        // CIS macOS 13 to 15 v2.0.0: `60d OR 5G` (fleetdm/fleet PR #9554 lists).
        v(.cisL1, "audit_retention_configure", "expire-after:60d OR 5G\n", .pass, literal: true, options: cis15),
        v(.cisL1, "audit_retention_configure", "expire-after:61d OR 5G\n", .pass, literal: false, options: cis15),
        v(.cisL1, "audit_retention_configure", "expire-after:60d OR 6G\n", .pass, literal: false, options: cis15),
        v(.cisL1, "audit_retention_configure", "expire-after:61d OR 6G\n", .pass, literal: false, options: cis15),
        v(
            .cisL1, "audit_retention_configure", "expire-after:60d\n", .pass, literal: false, options: cis15,
            reason: disagreePass),
        v(
            .cisL1, "audit_retention_configure", "expire-after:5G\n", .pass, literal: false, options: cis15,
            reason: disagreePass),
        v(.cisL1, "audit_retention_configure", "expire-after:59d OR 5G\n", .fail, literal: false, options: cis15),
        v(
            .cisL1, "audit_retention_configure", "expire-after:60d OR 4G\n", .fail, literal: false, options: cis15,
            reason: "total 4G"),
        v(
            .cisL1, "audit_retention_configure", "expire-after:60D\n", .fail, literal: false, options: cis15,
            reason: "libbsm rejects"),
        v(
            .cisL1, "audit_retention_configure", "expire-after:6g\n", .fail, literal: false, options: cis15,
            reason: "libbsm rejects"),
        v(.cisL1, "audit_retention_configure", "expire-after:60D OR 5G\n", .fail, literal: false, options: cis15),
        v(
            .cisL1, "audit_retention_configure", "expire-after:60d OR 5g\n", .fail, literal: false, options: cis15,
            reason: "libbsm rejects"),
        v(.cisL1, "audit_retention_configure", "expire-after:60D OR 5g\n", .fail, literal: false, options: cis15),
        v(.cisL1, "audit_retention_configure", "expire-after:5G OR 60d\n", .pass, literal: false, options: cis15),
        v(.cisL1, "audit_retention_configure", "expire-after:60d AND 5G\n", .pass, literal: false, options: cis15),
        // CIS macOS 26 v1.1.0 (the default): at least 30 days, no size requirement.
        v(.cisL1, "audit_retention_configure", "expire-after:30d\n", .pass, literal: true),
        v(.cisL1, "audit_retention_configure", "expire-after:60d\n", .pass, literal: false),
        v(
            .cisL1, "audit_retention_configure", "expire-after:60d OR 5G\n", .fail, literal: false,
            reason: "no age is guaranteed"),
        v(.cisL1, "audit_retention_configure", "expire-after:7d OR 30d\n", .pass, literal: false, reason: "`30d`"),
        v(.cisL1, "audit_retention_configure", "expire-after:29d\n", .fail, literal: false),
        v(.cisL1, "audit_retention_configure", "expire-after:1y\n", .pass, literal: false, reason: "`364d`"),
        // CIS macOS 11/12: `60d OR 1G`.
        v(.cisL2, "audit_retention_configure", "expire-after:60d OR 1G\n", .pass, literal: true, options: cis12),
        v(.cisL2, "audit_retention_configure", "expire-after:60d OR 5G\n", .pass, literal: false, options: cis12),
        v(.cisL2, "audit_retention_configure", "expire-after:60d OR 512M\n", .fail, literal: false, options: cis12),
    ]

    static let capacity: [ComplianceVector] = [
        v(.stig, "audit_configure_capacity_notify", "minfree:25\n", .pass, literal: true),
        v(.stig, "audit_configure_capacity_notify", "minfree: 25\n", .pass, literal: false, reason: "prints ` 25`"),
        v(.stig, "audit_configure_capacity_notify", "minfree:30\n", .pass, literal: false),
        v(.stig, "audit_configure_capacity_notify", "minfree:25%\n", .pass, literal: false),
        v(.stig, "audit_configure_capacity_notify", "minfree:20\n", .fail, literal: false),
        v(
            .stig, "audit_configure_capacity_notify", "minfree:0\n", .fail, literal: false,
            reason: "disables the low-space warning"),
        v(.stig, "audit_configure_capacity_notify", "minfree:150\n", .fail, literal: false, reason: "does not start"),
        v(.stig, "audit_configure_capacity_notify", "flags:lo\n", .fail, literal: false, reason: "exits at startup"),
        v(.freebsd, "audit_filesz_configure", "filesz:2M\n", .pass, literal: nil),
        v(.freebsd, "audit_filesz_configure", "filesz:0\n", .fail, literal: nil, reason: "never rotate by size"),
        v(
            .freebsd, "audit_filesz_configure", "filesz:100K\n", .fail, literal: nil,
            reason: "libbsm rejects this filesz"),
        v(.freebsd, "audit_filesz_configure", "flags:lo\n", .fail, literal: nil),
    ]

    static let cis15 = ComplianceOptions(cisRelease: .macOS15)
    static let cis12 = ComplianceOptions(cisRelease: .macOS12)
}

@Suite struct ComplianceVectorTests {
    static func run(_ vector: ComplianceVector) throws {
        let report = vector.profile.evaluate(ComplianceTestInput.make(vector.text), options: vector.options)
        let result = try #require(
            report.results.first { $0.requirement.id == vector.requirement },
            "\(vector.profile.name) has no \(vector.requirement)")
        #expect(result.status == vector.status, "\(result.reason)")
        #expect(result.literalCheck == vector.literal, "\(result.reason)")
        if let text = vector.reasonContains {
            #expect(result.reason.contains(text), "reason: \(result.reason)")
        }
        let disagrees = result.literalCheck.map { $0 != (result.status == .pass) } ?? false
        #expect(
            disagrees == (result.reason.hasPrefix(disagreeFail) || result.reason.hasPrefix(disagreePass)),
            "a disagreement must be stated, and only then: \(result.reason)")
    }

    @Test(arguments: Vectors.flags) func flags(_ vector: ComplianceVector) throws { try Self.run(vector) }
    @Test(arguments: Vectors.policy) func policy(_ vector: ComplianceVector) throws { try Self.run(vector) }
    @Test(arguments: Vectors.retention) func retention(_ vector: ComplianceVector) throws { try Self.run(vector) }
    @Test(arguments: Vectors.capacity) func capacityAndRotation(_ vector: ComplianceVector) throws {
        try Self.run(vector)
    }

    /// The input carries the effective policy: a caller that knows the kernel fell back
    /// to `cnt` says so, whatever the text looks like.
    @Test func effectivePolicyComesFromTheInput() throws {
        var input = ComplianceTestInput.make("policy:ahlt,argv\n")
        input.policy = .invalid(reason: "the kernel rejected A_SETPOLICY")
        let result = try #require(ComplianceCatalog.requirement("audit_failure_halt", ComplianceOptions())).evaluate(
            input)
        #expect(result.status == .fail)
        #expect(result.literalCheck == true)
        #expect(result.reason.contains("the kernel fell back to `cnt` only"))
        #expect(input.kernelPolicy == ["cnt"])
    }
}
