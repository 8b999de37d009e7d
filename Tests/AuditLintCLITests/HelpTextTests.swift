import ArgumentParser
import Testing

@testable import auditlint

/// The help texts feed the man page too, and its generator drops what is not ASCII
/// ("disable-…" would read "disable-"): write "...", "+/-" and plain quotes instead.
@Suite struct HelpTextTests {
    @Test(arguments: OptionSweepTests.commandTypes.keys.sorted())
    func helpIsASCII(path: String) throws {
        let type = try #require(OptionSweepTests.commandTypes[path])
        let help = AuditLintCommand.helpMessage(for: type, columns: 200)
        let outside = help.unicodeScalars.filter { !$0.isASCII }
        #expect(outside.isEmpty, "auditlint \(path) --help has \(String(String.UnicodeScalarView(outside)))")
    }
}
