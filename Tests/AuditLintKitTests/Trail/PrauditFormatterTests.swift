import Testing

@testable import AuditLintKit

/// praudit's formatting of the tokens the golden files do not cover (from OpenBSM's
/// `bsm_io.c` printers).
@Suite struct PrauditFormatterTests {
    static func line(_ token: BSMToken, raw: Bool = false) throws -> String {
        let bytes = BSMEncoder.record(BSMHeader(event: 1, seconds: 0, milliseconds: 0), [token])
        let text = try #require(try TrailFixtures.records(bytes).first).withView {
            TrailFixtures.formatter(raw: raw).format($0)
        }
        return String(text.split(separator: "\n")[1])
    }

    static func sample(_ name: String) -> BSMToken { TokenSamples.all.first { $0.0 == name }!.1 }

    @Test(arguments: [
        ("header32_ex IPv4", "header_ex,0,11,72,0,10.1.2.3,Thu Jan  1 00:00:01 1970, + 2 msec"),
        ("header64", "header,0,10,1,3,Wed Mar 16 12:56:32 2242, + 999 msec"),
        ("data", "arbitrary,hex,short,3, 201 403 605"),
        ("subject64_ex IPv4", "subject_ex,501,0,20,501,20,4242,100003,4294967298,10.1.2.3"),
        ("process64_ex IPv6", "process_ex,501,0,20,501,20,4242,100003,4294967298,fe80::1"),
        ("return64", "return,success,1099511627776"),
        ("in_addr_ex IPv6", "ip addr ex,fe80::1"),
        ("arg64", "argument,2,0x4000000000000,addr"),
        ("socket", "socket,2,22,127.0.0.1,1024,10.0.0.1"),
        ("ipc_perm", "IPC perm,1,2,3,4,644,5,6"),
        ("privilege set", "privilege,Effective,file_dac_read"),
        ("use of privilege", "use of privilege,successful use of priv,proc_owner"),
        ("newgroups", "group,20,80,501"),
        ("exec env", "exec env,PATH=/bin"),
        ("exec args", "exec arg,ls,-l,"),
        ("attr64", "attribute,644,501,20,1,1099511627776,8589934592"),
        ("exit", "exit,Error 1,0"),
        ("socket_ex IPv6", "socket,0x1a,0x1,0x35,fe80::1,0,fe80::1"),
        ("socket-inet", "socket-inet,2,443,8.8.8.8"),
        ("socket-inet6", "socket-inet6,30,443,fe80::1"),
        ("socket-unix", "socket-unix,1,/var/run/syslog"),
        (
            "identity",
            "unknown,0x00000001000d636f6d2e6170706c652e6c730000000100000014000102030405060708090a0b0c0d0e0f10111213"
        ),
        ("rights", "unknown,0x02000000000000010400000000000000"),
    ])
    func namedForm(_ name: String, _ expected: String) throws {
        var text = try Self.line(Self.sample(name))
        if name.hasPrefix("header") {
            text =
                String(text.split(separator: ",", maxSplits: 2)[0]) + ",0,"
                + text.split(separator: ",", maxSplits: 2)[2]
        }
        #expect(text == expected)
    }

    @Test func rawExtendedHeaderUsesPrauditsAttributeQuirk() throws {
        let bytes = BSMEncoder.record(BSMHeader(host: TokenSamples.v4, event: 72, seconds: 1, milliseconds: 2), [])
        let text = try #require(try TrailFixtures.records(bytes).first).withView {
            TrailFixtures.formatter(raw: true).format($0)
        }
        #expect(
            text == "21version=\"11\" event=\"72\" modifier=\"0\" host=\"10.1.2.3\" time=\"1\" msec=\"2\" >\n19,33\n")
    }

    @Test(arguments: [
        (UInt8(0), UInt8(0), [UInt8(0x41), 0x42], "arbitrary,binary,byte,2, A B"),
        (1, 2, [8, 0, 0, 0], "arbitrary,octal,int,1, 10"),
        (2, 2, [0xff, 0xff, 0xff, 0xff], "arbitrary,decimal,int,1, -1"),
        (3, 3, [1, 0, 0, 0, 2, 0, 0, 0], "arbitrary,hex,int64,1, 1"),
        (4, 0, [0x68, 0x69], "arbitrary,string,byte,2,hi"),
        (9, 0, [1], "arbitrary,"),
    ])
    func arbitraryData(_ how: UInt8, _ unit: UInt8, _ bytes: [UInt8], _ expected: String) throws {
        let count = UInt8(bytes.count >> Int(unit))
        #expect(try Self.line(.data(howToPrint: how, unitType: unit, unitCount: count, bytes: bytes)) == expected)
    }

    @Test func unknownErrorAndOptionalFields() throws {
        #expect(
            try Self.line(.returnValue(status: 251, value: 1, is64Bit: false)) == "return,failure: Unknown error: 251,1"
        )
        #expect(try Self.line(.opaque([])) == "opaque,0,")
        #expect(try Self.line(.ipc(type: 9, id: 1)) == "IPC,9,1")
        #expect(try Self.line(.iport([0, 0])) == "ip port,0")
        #expect(try Self.line(.inAddrEx(BSMAddress(type: 4, bytes: [1, 2, 3, 4])), raw: true) == "126,1.2.3.4")
    }
}
