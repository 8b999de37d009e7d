import AuditLintTestSupport
import Foundation
import Testing

@testable import AuditLintKit

/// `praudit -x` output, byte for byte.
@Suite struct PrauditXMLTests {
    /// Every `*.praudit-xn.xml` under `../shared/data/trails/golden` and its trail.
    static let goldenFiles: [String] = {
        let names =
            (try? TrailFixtures.url("golden")).flatMap {
                FileManager.default.enumerator(atPath: $0.path)?.compactMap { $0 as? String }
            } ?? []
        return names.filter { $0.hasSuffix(".praudit-xn.xml") }.sorted()
    }()

    static func xml(_ trail: [UInt8], _ formatter: PrauditXMLFormatter) throws -> String {
        var out = Array(PrauditXMLFormatter.header.utf8)
        let reader = TrailReader(source: MemoryTrailSource(trail), name: "t")
        try reader.forEachRecord { formatter.append($0, to: &out) }
        out += Array(PrauditXMLFormatter.footer.utf8)
        return String(decoding: out, as: UTF8.self)
    }

    @Test(.enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.skipReason)))
    func everyGoldenFileIsFound() {
        // 56 reference records and 3 trails.
        #expect(Self.goldenFiles.count == 59)
    }

    @Test(.enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.skipReason)), arguments: goldenFiles)
    func matchesPrauditX(_ golden: String) throws {
        let trail = try TrailFixtures.bytes(String(golden.dropLast(".praudit-xn.xml".count)))
        let expected = try TrailFixtures.bytes("golden/" + golden)
        let formatter = PrauditXMLFormatter(TrailFixtures.formatter(raw: false))
        #expect(Array(try Self.xml(trail, formatter).utf8) == expected)
    }

    static func format(_ tokens: [BSMToken], raw: Bool = false, oneLine: Bool = false, host: BSMAddress? = nil)
        -> String
    {
        let record = TrailRecord(
            offset: 0,
            bytes: BSMEncoder.record(BSMHeader(host: host, event: 72, seconds: 1_768_464_000, milliseconds: 5), tokens))
        let formatter = PrauditXMLFormatter(PrauditFormatter(raw: raw, oneLine: oneLine, errorText: { _ in "Denied" }))
        return record.withView { formatter.format($0) }
    }

    @Test func recordLayoutAndRawForm() {
        let tokens: [BSMToken] = [.path(BSMBytes.cString("/a&b")), .returnValue(status: 13, value: 1, is64Bit: false)]
        #expect(
            Self.format(tokens)
                == """
                <record version="11" event="72" modifier="0" time="Thu Jan 15 08:00:00 2026" msec=" + 5 msec" >
                <path>/a&b</path>
                <return errval="failure : Denied" retval="1" />
                </record>

                """)
        #expect(
            Self.format(tokens, raw: true, oneLine: true)
                == #"<record version="11" event="72" modifier="0" time="1768464000" msec="5" ><path>/a&b</path><return errval="13" retval="1" /></record>"#
                + "\n")
    }

    @Test func execArgumentsAreEscapedLikeVisCStyle() {
        let argument: [UInt8] = Array("<a&'\"\\ \t".utf8) + [0x0d, 0x01, 0x7f, 0xa0, 0xc3, 0xa9, 0x81]
        let text = Self.format([.execArgs([argument, Array("b".utf8)])])
        #expect(
            text.contains(
                #"<exec_args><arg>&lt;a&amp;&apos;&quot;\\ "# + "\t"
                    + #"\r\^A\^?\240\M-C\M-)\M^A</arg><arg>b</arg></exec_args>"#))
    }

    @Test func prauditQuirksAreKept() {
        let groups = Self.format([.newGroups(declaredCount: 2, gids: [20, 80])])
        #expect(groups.contains("<group><gid>20</gid></group><gid>80</gid></group>\n"))
        let ipc = Self.format([.ipc(type: 2, id: 9)])
        #expect(ipc.contains(#"<IPCipc-type="Semaphore IPC" ipc-id="9" />"#))
        // A 32-bit extended header without -r prints the text form's fields.
        let extended = Self.format([], host: .ipv4(10, 0, 0, 1))
        #expect(extended.hasPrefix("<record ,"))
        #expect(extended.contains(",11,72,0,10.0.0.1,Thu Jan 15 08:00:00 2026, + 5 msec\n"))
        let rawExtended = Self.format([], raw: true, host: .ipv4(10, 0, 0, 1))
        #expect(
            rawExtended.hasPrefix(#"<record version="11" event="72" modifier="0" host="10.0.0.1" time="1768464000""#))
        // Tokens praudit does not parse print nothing.
        let identity = Self.format([
            .identity(BSMIdentity(signerType: 1, signingID: [0x61, 0], teamID: [0], cdhash: [1]))
        ])
        #expect(identity.components(separatedBy: "\n")[1] == "")
    }
}
