import Foundation
import Testing

@testable import AuditLintKit

/// `report`'s audit settings: a file's effective values or the stock ones, with options over them.
@Suite struct AuditSettingsRequestTests {
    func control(_ text: String) -> AuditControl {
        AuditControl.parse(SourceText(path: "/x/audit_control", text: text), dialect: .macos, classes: .builtIn(.macos))
    }

    @Test func withoutAFileTheStockValuesAreUsed() throws {
        let (settings, note) = try AuditSettingsRequest().resolve(control: nil, dialect: .macos)
        #expect(settings == CapacityConfiguration.stock)
        #expect(
            note
                == "audit settings: the stock audit_control values (filesz:2M, expire-after:10M, minfree:5, policy:cnt,argv, qsize 100)"
        )
        let (_, partly) = try AuditSettingsRequest(qsize: 50).resolve(control: nil, dialect: .macos)
        #expect(partly.hasPrefix("audit settings not given use the stock"))
    }

    @Test func optionsOverrideTheFilesValues() throws {
        let file = control("dir:/var/audit\nflags:lo\nminfree:20\nfilesz:1M\npolicy:cnt\n")
        let (base, note) = try AuditSettingsRequest().resolve(control: file, dialect: .macos)
        #expect(base.minfree == 20 && base.filesz == 1 << 20)
        #expect(note == "audit settings: the effective values of /x/audit_control (macos dialect)")
        let request = AuditSettingsRequest(
            filesz: 5 << 20, minfree: 3, expireAfterAgeSeconds: 86_400, expireCombinator: .and, policy: "ahlt", qsize: 7
        )
        let (settings, overridden) = try request.resolve(control: file, dialect: .macos)
        #expect(settings.filesz == 5 << 20 && settings.minfree == 3 && settings.qsize == 7)
        #expect(settings.expireAfter == ExpireAfter(ageSeconds: 86_400, combinator: .and))
        #expect(settings.ahlt && !settings.cnt)
        #expect(overridden.hasSuffix(", overridden by the options given"))
    }

    @Test func aPolicyLibbsmRejectsIsAnErrorNamingTheOption() {
        #expect {
            try AuditSettingsRequest(policy: "cnt,bogus").resolve(control: nil, dialect: .macos)
        } throws: { "\($0)".hasPrefix("--policy cnt,bogus: ") }
    }

    @Test func aFileAuditdWouldNotStartWithIsRefused() {
        #expect {
            try AuditSettingsRequest().resolve(control: control("dir:/var/audit\nflags:lo,aa\n"), dialect: .macos)
        } throws: { "\($0)".contains("minfree is missing or invalid, so auditd would not start") }
    }
}
