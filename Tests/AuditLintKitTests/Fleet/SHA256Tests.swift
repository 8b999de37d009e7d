import Testing

@testable import AuditLintKit

/// SHA-256 against the test vectors of FIPS 180-4's examples (NIST CSRC) and the classic
/// million-`a` message, whole and fed in pieces across block boundaries.
@Suite struct SHA256Tests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
        (
            "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
        ),
    ])
    func standardVectors(message: String, digest: String) {
        #expect(SHA256.hex(Array(message.utf8)) == digest)
    }

    @Test func aMillionAsFedInUnevenPieces() {
        var hash = SHA256()
        var left = 1_000_000
        var piece = 1
        while left > 0 {
            let count = min(piece, left)
            hash.add(repeatElement(UInt8(ascii: "a"), count: count))
            left -= count
            piece = piece % 131 + 7
        }
        #expect(hash.hexDigest() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// Messages whose padding ends exactly at, or spills past, a block boundary give the same
    /// digest fed at once or byte by byte, and all differ.
    @Test func paddingBoundaries() {
        var digests = Set<String>()
        for length in [55, 56, 57, 63, 64, 65, 119, 120, 128] {
            let message = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31) }
            var bytewise = SHA256()
            for byte in message { bytewise.add([byte]) }
            #expect(bytewise.hexDigest() == SHA256.hex(message), "length \(length)")
            digests.insert(SHA256.hex(message))
        }
        #expect(digests.count == 9)
    }
}
