import Foundation
import Testing

@testable import AuditLintKit

/// The direct reading of a profile's entries and talkers (``JSONValueDirectDecodable``) must
/// accept exactly what the `Codable` path accepts, or leave the value to it.
@Suite struct JSONValueDirectDecodingTests {
    /// `item` and every variant with one member swapped for a hostile value or removed: read
    /// directly, each is what `Codable` reads, or nil (then `Codable` reads it or names the fault).
    static func expectAgreement<T: Decodable & Equatable & JSONValueDirectDecodable>(
        _ type: T.Type, _ item: JSONValue
    ) {
        #expect(T(direct: item) != nil, "a well-formed \(T.self) is read directly")
        guard case .object(let members) = item else {
            Issue.record("not an object")
            return
        }
        var variants: [(String, JSONValue)] = [("as written", item)]
        for (index, (key, _)) in members.enumerated() {
            for value in JSONInputSweepTests.hostileValues {
                var swapped = members
                swapped[index].1 = value
                variants.append(("\(key) = \(value.compact)", .object(swapped)))
            }
            variants.append(("\(key) removed", .object(members.filter { $0.0 != key })))
        }
        for (what, variant) in variants {
            let codable = try? JSONValueDecoder.decode(T.self, from: variant)
            if let direct = T(direct: variant) {
                #expect(direct == codable, "\(T.self), \(what)")
            }
        }
    }

    @Test func entriesAndTalkersReadDirectlyAsCodableReadsThem() throws {
        let profile = EstimatorTests.profile()
        let document = try JSONValue.parse(Array(profile.jsonData()))
        guard case .array(let entries)? = document["entries"], case .array(let talkers)? = document["talkers"],
            let entry = entries.first, let talker = talkers.first
        else {
            Issue.record("the profile has no entries or talkers")
            return
        }
        Self.expectAgreement(VolumeProfile.Entry.self, entry)
        Self.expectAgreement(VolumeProfile.Talker.self, talker)
        #expect([VolumeProfile.Entry](direct: .array(entries)) == profile.entries)
        #expect([VolumeProfile.Talker](direct: .array([talker, .integer(1)])) == nil)
        #expect(try VolumeProfile.decode(Array(profile.jsonData()), path: "p.json") == profile)
    }
}
