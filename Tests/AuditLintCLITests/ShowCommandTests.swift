import Foundation
import Testing

@Suite struct ShowCommandTests {
    static let file = CLI.fixtures.appendingPathComponent("show/audit_control").path

    @Test func jsonHasTheInterfaceShape() throws {
        let run = try CLI.run(["show", Self.file, "--format", "json", "--dialect", "openbsm"])
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix(#"{"schemaVersion":1,"dialect":"openbsm","file":"\#(Self.file)","flags":{"#))
        #expect(run.stdout.contains(#""policy":{"written":" ahlt,argv","valid":false,"effective":["cnt"]}"#))
        #expect(
            run.stdout.contains(
                #""minfree":{"written":"30","valid":true,"percent":30,"kernelThresholdPercent":33.333333333333336}"#))
        #expect(
            run.stdout.contains(
                #""expireAfter":{"written":"10 M","valid":true,"ageSeconds":null,"sizeBytes":10,"combinator":null,"expiresAnything":true}"#
            ))
        #expect(run.stdout.hasSuffix(#""dirs":["/var/audit"],"host":null,"qsize":null,"dist":null}"# + "\n"))
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        #expect(object?["schemaVersion"] as? Int == 1)
    }

    @Test func textIsTheDefaultAndMacOSTheDefaultDialect() throws {
        let run = try CLI.run(["show", Self.file])
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("\(Self.file) (dialect macos)\n"))
        #expect(run.stdout.contains("ahlt,argv is silently lost"))
    }

    @Test func aDirectoryIsAUsageError() throws {
        let run = try CLI.run(["show", CLI.fixtures.appendingPathComponent("show").path])
        #expect(run.status == 2)
        #expect(run.stderr.contains("is a directory"))
    }

    @Test func aMissingFileIsAnIOError() throws {
        let run = try CLI.run(["show", "/nonexistent/audit_control"])
        #expect(run.status == 3)
        #expect(run.stderr.contains("no such file"))
    }

    @Test(arguments: [["--format", "yaml"], ["--dialect", "solaris"], []])
    func badOptionsAreUsageErrors(_ extra: [String]) throws {
        let arguments = extra.isEmpty ? ["show"] : ["show", Self.file] + extra
        let run = try CLI.run(arguments)
        #expect(run.status == 2)
    }
}
