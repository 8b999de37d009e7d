import Foundation
import Testing

@testable import AuditLintKit

/// The one calendar: civil dates both ways, formatting and ISO 8601 parsing.
@Suite struct CivilTimeTests {
    @Test func daysAndDatesRoundTrip() {
        #expect(CivilTime.daysFromCivil(year: 1970, month: 1, day: 1) == 0)
        #expect(CivilTime.daysFromCivil(year: 2000, month: 3, day: 1) == 11_017)
        #expect(CivilTime.daysFromCivil(year: 1969, month: 12, day: 31) == -1)
        #expect(CivilTime.daysFromCivil(year: -1, month: 12, day: 31) == -719_529)
        for days in stride(from: Int64(-1_000_000), through: 3_000_000, by: 977) {
            let date = CivilTime.civilFromDays(days)
            #expect(CivilTime.daysFromCivil(year: date.year, month: date.month, day: date.day) == days)
            #expect((1...CivilTime.daysInMonth(year: date.year, month: date.month)).contains(date.day))
        }
    }

    @Test(arguments: [Int64(0), 86_399, 951_782_400, 1_767_571_200, 4_107_542_399, -86_401, 253_402_300_799])
    func formattingMatchesFoundation(seconds: Int64) {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        let date = Date(timeIntervalSince1970: TimeInterval(seconds))
        #expect(CivilTime.dateTime(seconds) == formatter.string(from: date))
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'"
        #expect(CivilTime.iso8601(seconds: seconds) == formatter.string(from: date))
        #expect(CivilTime.parseISO8601(CivilTime.iso8601(seconds: seconds)) == seconds)
        #expect(
            CivilTime.fields(seconds).weekday == Calendar(identifier: .gregorian).dateComponents(
                in: TimeZone(identifier: "UTC")!, from: date
            ).weekday! - 1)
    }

    @Test func formats() {
        #expect(CivilTime.iso8601(seconds: 1_158_613_982, milliseconds: 608) == "2006-09-18T21:13:02.608Z")
        #expect(CivilTime.iso8601(seconds: 1_158_613_982, milliseconds: 5_000) == "2006-09-18T21:13:02.999Z")
        #expect(CivilTime.date(-62_135_596_800) == "0001-01-01")
        #expect(CivilTime.compact(1_763_683_200) == "20251121000000")
    }

    @Test(arguments: [
        ("2026-01-05", 1_767_571_200 as Int64?),
        ("2026-01-05T00:00:00Z", 1_767_571_200),
        ("2026-01-05t00:00:00z", 1_767_571_200),
        ("2026-01-05 00:00", 1_767_571_200),
        ("2026-01-05T01:30:00+01:30", 1_767_571_200),
        ("2026-01-04T22:00:00-0200", 1_767_571_200),
        ("2026-01-05T02:00:00+02", 1_767_571_200),
        ("2026-01-05T00:00:00.999Z", 1_767_571_200),
        ("2016-12-31T23:59:60Z", 1_483_228_800),
        ("2024-02-29", 1_709_164_800),
        ("2023-02-29", nil), ("2026-13-01", nil), ("2026-04-31", nil), ("2026-01-05T24:00:00Z", nil),
        ("2026-01-05T00:60Z", nil), ("2026-01-05T00:00:00+24:00", nil), ("2026-1-5", nil), ("2026-01-05T", nil),
        ("2026-01-05T00:00:00.Z", nil), ("2026-01-05T00:00:00Zjunk", nil), ("", nil), ("２026-01-05", nil),
        ("2026-01-05T00:00:00+01:3", nil),
    ])
    func parsesISO8601(text: String, expected: Int64?) {
        #expect(CivilTime.parseISO8601(text) == expected)
    }
}
