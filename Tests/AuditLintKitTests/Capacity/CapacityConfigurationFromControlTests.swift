import Testing

@testable import AuditLintKit

@Suite struct CapacityConfigurationFromControlTests {
    static func configuration(_ text: String, dialect: Dialect = .openbsm) -> CapacityConfiguration? {
        let control = AuditControl.parse(
            SourceText(path: "audit_control", text: text), dialect: dialect, classes: .builtIn(dialect))
        return CapacityConfiguration(control: control)
    }

    @Test func stockFileGivesTheStockConfiguration() throws {
        let stock = try #require(
            Self.configuration(
                "dir:/var/audit\nflags:lo,aa\nminfree:5\nnaflags:lo,aa\npolicy:cnt,argv\nfilesz:2M\nexpire-after:10M\n")
        )
        #expect(stock == .stock)
    }

    @Test func effectiveValuesNotWrittenOnes() throws {
        // policy with a blank is rejected → cnt only; filesz below 512K → never rotate;
        // `60D` is invalid → nothing expires; 7d OR 1G ages and sizes are read exactly.
        let broken = try #require(Self.configuration("minfree:20\npolicy: ahlt,argv\nfilesz:100K\nexpire-after:60D\n"))
        #expect(broken.cnt && !broken.ahlt)
        #expect(broken.filesz == 0)
        #expect(broken.expireAfter == .never)
        let good = try #require(
            Self.configuration("minfree:25\npolicy:ahlt\nfilesz:4M\nexpire-after:7d AND 1G\nqsize:500\n"))
        #expect(!good.cnt && good.ahlt)
        #expect(good.filesz == 4 << 20)
        #expect(good.expireAfter == ExpireAfter(ageSeconds: 604_800, sizeBytes: 1 << 30, combinator: .and))
        #expect(good.minfree == 25)
        #expect(good.qsize == 500)
    }

    @Test func noConfigurationWhenAuditdWouldNotStart() {
        #expect(Self.configuration("flags:lo\n") == nil)
        #expect(Self.configuration("minfree:150\n") == nil)
    }
}
