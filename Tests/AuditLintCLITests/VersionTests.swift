import Testing

@Suite struct VersionTests {
    @Test func printsVersion() throws {
        let run = try CLI.run(["--version"])
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("0."))
    }

    @Test func unknownSubcommandIsAUsageError() throws {
        let run = try CLI.run(["frobnicate"])
        #expect(run.status == 2)
    }
}
