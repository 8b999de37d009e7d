import Foundation
import Testing

@testable import AuditLintKit

/// The one JSON writer (``JSONValue``) and its string escaper (``JSONText``).
@Suite struct JSONWriterTests {
    @Test func numbersKeepTheirExactSpelling() {
        let value = JSONValue.array([
            .integer(-3), .unsigned(UInt64.max), .double(5), .double(-0.0), .double(0.1), .double(1e16), .double(.nan),
            .withFraction(5), .withFraction(33.333333333333336), .withFraction(.infinity),
            .rounded(1_234.56, decimals: 1), .rounded(12_345.678_9, decimals: 3), .rounded(2, decimals: 4),
            .rounded(0.049, decimals: 1),
        ])
        #expect(
            value.compact
                == "[-3,18446744073709551615,5,0,0.1,1e+16,null,5.0,33.333333333333336,null,1234.6,12345.679,2,0]")
    }

    @Test func numbersCompareByValue() {
        #expect(JSONValue.unsigned(7) == .integer(7))
        #expect(JSONValue.integer(-1) != .unsigned(UInt64.max))
        #expect(JSONValue.double(2) == .integer(2))
        #expect(JSONValue.numberLiteral("5.0") == .integer(5))
        #expect(Set([JSONValue.unsigned(7), .integer(7), .double(7)]).count == 1)
    }

    @Test func objectsKeepKeyOrderUnlessSorted() {
        let value = JSONValue.object([
            "b": .integer(1), "B": .object(["z": .null, "a": .bool(true)]), "a_b": .array([]), "ab": .string(""),
        ])
        #expect(value.compact == #"{"b":1,"B":{"z":null,"a":true},"a_b":[],"ab":""}"#)
        #expect(value.sortingKeys().compact == #"{"B":{"a":true,"z":null},"a_b":[],"ab":"","b":1}"#)
    }

    @Test(arguments: [
        ("plain/é", #""plain/é""#),
        ("\"\\\n\r\t", #""\"\\\n\r\t""#),
        ("\u{0}\u{8}\u{C}\u{1F}\u{7F}", #""\u0000\u0008\u000c\u001f\u007f""#),
        ("a\u{2028}b\u{2029}c\u{2027}", #""a\u2028b\u2029c"# + "\u{2027}\""),
        ("†‰", "\"†‰\""),
    ])
    func stringsAreEscapedOnce(text: String, expected: String) {
        #expect(JSONText.string(text) == expected)
        #expect(JSONValue.string(text).compact == expected)
        var writer = JSONWriter(out: [])
        writer.string(text)
        #expect(
            String(decoding: writer.out, as: UTF8.self) == expected, "the trail JSON Lines writer uses the same escaper"
        )
    }

    struct Sample: Codable {
        enum Kind: String, Codable { case one, two }
        struct Inner: Codable {
            var values: [Double]
            var missing: Int?
            var nothing: String?
        }
        var zeta = 1.5
        var alpha: Int64 = -2
        var big = UInt64.max
        var kind = Kind.two
        var inner = Inner(values: [0, 86_400, 0.1, 1e16, 2.5e-7], missing: nil, nothing: "x")
        var list: [Inner] = []
        var flag = true
        var text = "a/b \"c\" é"
        var small: UInt8 = 7
        var float: Float = 0.5
    }

    @Test func encodableValuesMatchJSONEncoderWithSortedKeys() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let expected = String(decoding: try encoder.encode(Sample()), as: UTF8.self)
        #expect(try JSONValue(encoding: Sample()).sortingKeys().compact == expected)
        #expect(
            try JSONValue(encoding: Sample()).compact.hasPrefix(#"{"zeta":1.5,"alpha":-2,"#),
            "encoding order without sorting")
    }

    @Test func encodingRefusesNumbersJSONCannotHold() {
        #expect(throws: EncodingError.self) { try JSONValue(encoding: [Double.infinity]) }
    }
}
