import Testing

@testable import AuditLintKit

@Suite struct UserMapTests {
    func parse(_ text: String) throws -> [UInt32: String] {
        try UserMap.parse(SourceText(path: "users.map", text: text)).names
    }

    func error(_ bytes: [UInt8]) -> String? {
        do {
            _ = try UserMap.parse(SourceText(path: "users.map", bytes: bytes))
            return nil
        } catch let error as AuditLintError {
            #expect(error.isUsageError)
            return error.description
        } catch {
            return "unexpected \(error)"
        }
    }

    @Test func readsPasswdAndSimpleForms() throws {
        let passwd = """
            # passwd
            root:*:0:0:System Administrator:/var/root:/bin/sh
            alice:x:501:20:Alice:/Users/alice:/bin/zsh\r

            alice2:x:501:20::/:/bin/sh
              bob:502
            503 carol
            4294967295\tnobody
            """
        #expect(try parse(passwd) == [0: "root", 501: "alice", 502: "bob", 503: "carol", 4_294_967_295: "nobody"])
        #expect(try parse("") == [:])
    }

    @Test(arguments: [
        ("alice:x:abc:20::/:/bin/sh\n", "users.map:1:9: uid 'abc' is not a number"),
        ("ok:1\n  bob:\n", "users.map:2:7: uid '' is not a number"),
        ("1 2 3\n", "users.map:1:1: expected two fields, uid and name, found 3"),
        (":x:7:7\n", "users.map:1:1: missing or invalid user name"),
        ("alice:4294967296\n", "users.map:1:7: uid '4294967296' is not a number"),
        ("alice:-1\n", "users.map:1:7: uid '-1' is not a number"),
    ])
    func malformedLinesNameFileLineAndColumn(text: String, expected: String) {
        let message = error(Array(text.utf8))
        #expect(message?.hasPrefix(expected) == true, "\(message ?? "no error")")
        #expect(message?.contains("give a passwd file") == true)
    }

    @Test func binaryInputIsAnErrorNotACrash() {
        #expect(error([0xCF, 0xFA, 0xED, 0xFE, 0x00, 0x01])?.hasPrefix("users.map:1:5: binary data") == true)
        #expect(error(Array("alice:1\nbob:\u{FF}".utf8) + [0xFF, 0xFE])?.hasPrefix("users.map:2:1: not UTF-8") == true)
        var generator = SeededRandom(seed: 7)
        for _ in 0..<200 {
            let bytes = (0..<Int.random(in: 0..<64, using: &generator)).map { _ in
                UInt8.random(in: 0...255, using: &generator)
            }
            _ = error(bytes)
        }
    }
}
