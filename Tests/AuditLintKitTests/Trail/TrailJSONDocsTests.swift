import AuditLintTestSupport
import Foundation
import Testing

@testable import AuditLintKit

/// Docs/trail-json.md names every field `decode --format jsonl` writes.
@Suite struct TrailJSONDocsTests {
    static let page = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Docs/trail-json.md")

    /// Every key of `value` and the objects inside it, with the `kind` of each object.
    static func keys(_ value: Any, into found: inout Set<String>) {
        if let object = value as? [String: Any] {
            for (key, inner) in object {
                found.insert(key)
                keys(inner, into: &found)
            }
            if let kind = object["kind"] as? String { found.insert(kind) }
        } else if let array = value as? [Any] {
            for inner in array { keys(inner, into: &found) }
        }
    }

    @Test func everyFieldAndKindIsDocumented() throws {
        let page = try String(contentsOf: Self.page, encoding: .utf8)
        // Records with most kinds of token, as the encoder writes them.
        let t: UInt64 = 1_768_464_000
        let tokens: [BSMToken] = [
            .subject(
                BSMSubject(
                    auditUID: 1, effectiveUID: 2, effectiveGID: 3, realUID: 4, realGID: 5, pid: 6, sessionID: 7,
                    terminalPort: 8, terminalAddress: .ipv4(10, 0, 0, 1))),
            .subject(
                BSMSubject(
                    role: .process, auditUID: 1, effectiveUID: 2, effectiveGID: 3, realUID: 4, realGID: 5, pid: 9,
                    sessionID: 7, terminalPort: 8, terminalAddress: .ipv4(10, 0, 0, 1))),
            .argument(number: 1, value: 2, text: BSMBytes.cString("fd"), is64Bit: false),
            .data(howToPrint: 4, unitType: 0, unitCount: 2, bytes: [0x61, 0]), .ipc(type: 1, id: 2),
            .opaque([1]), .inAddr([10, 0, 0, 1]), .iport([0, 80]), .sequence(1), .zonename(BSMBytes.cString("z")),
            .ipcPerm(uid: 1, gid: 2, creatorUID: 3, creatorGID: 4, mode: 5, sequence: 6, key: 7),
            .newGroups(declaredCount: 1, gids: [20]),
            .attribute(BSMAttribute(mode: 0o100644, uid: 0, gid: 0, fileSystemID: 1, nodeID: 2, device: 3)),
            .exit(status: 0, returnValue: 1), .execArgs([Array("ls".utf8)]), .execEnv([Array("A=b".utf8)]),
            .text(BSMBytes.cString("t")), .path(BSMBytes.cString("/p")),
            .socketInet32(family: 2, port: [0, 22], address: [10, 0, 0, 1]),
            .socketUnix(family: 1, path: BSMBytes.cString("/s")), .rights(1, 2),
            .returnValue(status: 13, value: 1, is64Bit: false), .returnValue(status: 0, value: 1, is64Bit: true),
            .identity(BSMIdentity(signerType: 1, signingID: [0x61, 0], teamID: [0], cdhash: [1])),
        ]
        var trail = BSMEncoder.encode(.file(seconds: UInt32(t), milliseconds: 0, name: BSMBytes.cString("trail")))
        BSMEncoder.appendRecord(
            BSMHeader(host: .ipv4(10, 0, 0, 2), event: 72, seconds: t, milliseconds: 1), tokens, to: &trail)
        var found: Set<String> = []
        for line in try TrailJSONTests.lines(trail, file: "t") {
            Self.keys(try JSONSerialization.jsonObject(with: Data(line.utf8)), into: &found)
        }
        #expect(found.count > 60)
        for key in found.sorted() {
            #expect(
                page.contains("`\(key)`") || page.contains("`\"\(key)\"`"), "Docs/trail-json.md does not name `\(key)`")
        }
    }
}
