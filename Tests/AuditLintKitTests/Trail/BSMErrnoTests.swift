import Foundation
import Testing

@testable import AuditLintKit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Return-token statuses as praudit prints them (`print_retval` through libbsm's error table,
/// `au_bsm_to_errno`) and as `au_strerror` words them, over every BSM error number.
@Suite struct BSMErrnoTests {
    /// The `return` line the default formatter writes for a status.
    static func returnLine(_ status: UInt8) throws -> String {
        let bytes = BSMEncoder.record(
            BSMHeader(event: 1, seconds: 0, milliseconds: 0), [.returnValue(status: status, value: 7, is64Bit: false)])
        let text = try #require(try TrailFixtures.records(bytes).first).withView { PrauditFormatter().format($0) }
        return String(text.split(separator: "\n")[1])
    }

    /// BSM number to Linux errno (asm-generic/errno.h) for every number libbsm's table maps
    /// to an error Linux defines: written out by number, independently of the constants the
    /// library imports by name.
    static let linuxErrnos: [UInt8: Int32] = {
        let pairs = """
            1:1 2:2 3:3 4:4 5:5 6:6 7:7 8:8 9:9 10:10 11:11 12:12 13:13 14:14 15:15 16:16 17:17 18:18 19:19
            20:20 21:21 22:22 23:23 24:24 25:25 26:26 27:27 28:28 29:29 30:30 31:31 32:32 33:33 34:34 35:42
            36:43 37:44 38:45 39:46 40:47 41:48 42:49 43:50 44:51 45:35 46:37 47:125 48:95 49:122 50:52
            51:53 52:54 53:55 54:56 55:57 56:35 57:59 58:130 59:131 60:60 64:64 65:65 66:66 67:67 68:68
            69:69 70:70 71:71 74:72 77:74 78:36 79:75 80:76 81:77 82:78 83:79 84:80 85:81 86:82 87:83 88:84
            89:38 90:40 91:85 92:86 93:39 94:87 95:88 96:89 97:90 98:91 99:92 120:93 121:94 122:95 123:96
            124:97 125:98 126:99 127:100 129:102 130:103 131:104 132:105 133:106 134:107 143:108 144:109
            145:110 146:111 147:112 148:113 149:114 150:115 151:116 211:73 212:117 213:118 214:119 215:120
            216:121 217:123 218:124 219:126 220:127 221:128 222:129
            """
        return Dictionary(
            uniqueKeysWithValues: pairs.split(whereSeparator: \.isWhitespace).map { pair in
                let parts = pair.split(separator: ":")
                return (UInt8(parts[0])!, Int32(parts[1])!)
            })
    }()

    /// Numbers `audit_errno.h` names but libbsm's table leaves out: praudit and
    /// `au_strerror` treat them as unknown on every host.
    static let outsideLibbsm: [UInt8] = [61, 62, 63, 128, 152, 250]

    #if os(Linux)
        @Test(arguments: 0...255)
        func returnStatusAsPrauditOnLinux(_ status: Int) throws {
            let status = UInt8(status)
            let expected: String
            if status == 0 {
                expected = "return,success,7"
            } else if let errno = Self.linuxErrnos[status] {
                expected = "return,failure : \(String(cString: strerror(errno))),7"
            } else {
                expected = "return,failure: Unknown error: \(status),7"
            }
            #expect(try Self.returnLine(status) == expected)
        }
    #endif

    @Test func channelNumberOutOfRange() throws {
        #if os(Linux)
            // Status 37 was printed as unknown though Linux's praudit maps it (ECHRNG).
            #expect(try Self.returnLine(37) == "return,failure : Channel number out of range,7")
        #endif
        // ENETUNREACH is named in audit_errno.h but missing from libbsm's table.
        #expect(try Self.returnLine(128) == "return,failure: Unknown error: 128,7")
        #expect(BSMErrno.localText(128) == nil)
    }

    @Test(arguments: 0...255)
    func auStrerror(_ status: Int) {
        let status = UInt8(status)
        let message = BSMErrno.message(status)
        if BSMErrno.names[status] == nil || Self.outsideLibbsm.contains(status) {
            #expect(message == "Unrecognized BSM error")
            #expect(BSMErrno.localText(status) == nil)
        } else if let local = BSMErrno.localText(status) {
            #expect(message == local)
        } else {
            #expect(message == BSMErrno.libbsmTexts[status])
        }
    }

    @Test func libbsmOwnTexts() {
        #expect(BSMErrno.names.count == 160)
        #expect(BSMErrno.libbsmTexts.count == 154)
        #expect(BSMErrno.message(0) == "Success")
        // No host defines these FreeBSD-kernel and Solaris errors as errno, so libbsm's
        // own words stand.
        #expect(BSMErrno.message(201) == "Just return")
        #expect(BSMErrno.message(72) == "Locked lock was unmapped")
        #expect(BSMErrno.message(197) == "Authenticateion error")
        #expect(
            BSMErrno.names[37] == "ECHRNG" && BSMErrno.names[225] == "EINTEGRITY" && BSMErrno.names[250] == "UNKNOWN")
    }
}
