import AuditLintTestSupport
import Testing

@testable import AuditLintKit

@Suite struct ComplianceInputBridgeTests {
    static func input(_ text: String, dialect: Dialect = .openbsm) -> ComplianceInput {
        ComplianceInput(
            control: parseControl(text, dialect: dialect), controlText: Array(text.utf8), classes: TestClasses.table)
    }

    @Test func defaultFileIsAllValid() {
        let input = Self.input(
            "dir:/var/audit\nflags:lo,aa\nminfree:5\nnaflags:lo,aa\npolicy:cnt,argv\nfilesz:2M\nexpire-after:60d OR 5G\n"
        )
        #expect(input.flags == .valid(AuditMask(success: 0x3000, failure: 0x3000)))
        #expect(input.naflags == .valid(AuditMask(success: 0x3000, failure: 0x3000)))
        #expect(input.policy == .valid(["cnt", "argv"]))
        #expect(input.minfree == .valid(5))
        #expect(input.filesz == .valid(2_097_152))
        #expect(input.expireAfter == .valid(ComplianceInput.Expiry(age: 5_184_000, size: 5 << 30, combinator: .or)))
    }

    @Test func rejectedAndMissingValues() {
        let input = Self.input("flags:lo, aa\npolicy:cnt,argv,seq\nminfree:150\nfilesz:100K\nexpire-after:10m\n")
        #expect(input.flags == .invalid(reason: "unknown class ` aa` in element ` aa`"))
        #expect(input.naflags == .missing)
        #expect(input.policy == .invalid(reason: "the kernel rejects seq"))
        #expect(input.kernelPolicy == ["cnt"])
        #expect(input.minfree == .invalid(reason: "150 is outside 0–100"))
        #expect(input.filesz.value == nil)
        #expect(input.expireAfter.value == nil)
    }

    @Test func macOSKeepsTheTrailingBlank() {
        #expect(Self.input("policy:cnt,argv \n", dialect: .macos).policy.value == nil)
        #expect(Self.input("policy:cnt,argv \n", dialect: .openbsm).policy == .valid(["cnt", "argv"]))
    }
}
