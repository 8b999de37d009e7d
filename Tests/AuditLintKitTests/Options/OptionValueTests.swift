import Foundation
import Testing

@testable import AuditLintKit

/// The typed option values: what each accepts, and that hostile values are refused with a reason.
@Suite struct OptionValueTests {
    static let hostile = [
        "", " ", "-1", "nan", "NaN", "inf", "-inf", "１２", "٣", "99999999999999999999G", "1e9", "0x10", "12abc", "é",
    ]

    @Test(arguments: hostile)
    func hostileValuesAreRefusedEverywhere(_ text: String) {
        #expect(throws: OptionValueError.self) { try ByteSize(parsing: text) }
        #expect(throws: OptionValueError.self) { try ByteRate(parsing: text) }
        if text != "-1" { #expect(throws: OptionValueError.self) { try DailyGrowth(parsing: text + "/day") } }
        #expect(throws: OptionValueError.self) { try TimeSpan(parsing: text) }
        #expect(throws: OptionValueError.self) { try DiskBudget(parsing: text) }
        #expect(throws: OptionValueError.self) { try PointInTime(parsing: text, now: 0) }
        #expect(throws: OptionValueError.self) { try BoundedInteger.parse(text, in: 1...1000) }
    }

    @Test func sizesAndTheirRanges() throws {
        #expect(try ByteSize(parsing: "4096").bytes == 4096)
        #expect(try ByteSize(parsing: "1.5G").bytes == 1_610_612_736)
        #expect(try ByteSize(parsing: "4096T").bytes == 1 << 52)
        #expect(throws: OptionValueError("must be from 1 byte to 4096 PiB")) {
            try ByteSize(parsing: "0", in: 1...ByteSize.maximum)
        }
        #expect(throws: OptionValueError.self) { try ByteSize(parsing: "2147483647", in: 64...(1 << 28)) }
        #expect(throws: OptionValueError.self) { try ByteSize(parsing: "9223372036854775807") }
    }

    @Test func ratesAndGrowthsAreBounded() throws {
        #expect(try ByteRate(parsing: "2G/day").bytesPerSecond == 2 * 1_073_741_824 / 86_400)
        #expect(try ByteRate(parsing: "80M/h").bytesPerSecond == 80 * 1_048_576 / 3_600)
        #expect(throws: OptionValueError.self) { try ByteRate(parsing: "2P/day") }
        #expect(try DailyGrowth(parsing: "-1G/day").bytesPerDay == -1_073_741_824)
        // The copy of the growth parser in `tune init` trapped on these.
        #expect(throws: OptionValueError.self) { try DailyGrowth(parsing: "4000000T/h") }
        #expect(throws: OptionValueError.self) { try DailyGrowth(parsing: "1048576T/h") }
        #expect(throws: OptionValueError.self) { try DailyGrowth(parsing: "--1G/day") }
    }

    @Test func durationsAndBudgets() throws {
        #expect(try TimeSpan(parsing: "90d").seconds == 90 * 86_400)
        #expect(try TimeSpan(parsing: "0", allowZero: true).seconds == 0)
        #expect(throws: OptionValueError.self) { try TimeSpan(parsing: "0") }
        #expect(throws: OptionValueError("must be at most 18250d")) {
            try TimeSpan(parsing: "36500d", maximum: 50 * TimeSpan.year)
        }
        #expect(try DiskBudget(parsing: "5%").budget == .percentOfDisk(5))
        #expect(try DiskBudget(parsing: "20G").budget == .bytes(20 << 30))
        for bad in ["0%", "101%", "0", "%"] { #expect(throws: OptionValueError.self) { try DiskBudget(parsing: bad) } }
        #expect(try HourlyWeights(parsing: Array(repeating: "1", count: 24).joined(separator: ",")).weights.count == 24)
        #expect(throws: OptionValueError.self) {
            try HourlyWeights(parsing: Array(repeating: "0", count: 24).joined(separator: ","))
        }
    }

    @Test func integers() throws {
        #expect(try BoundedInteger.parse("5", in: 1...1000) == 5)
        #expect(throws: OptionValueError("must be from 1 to 1000")) { try BoundedInteger.parse("-1", in: 1...1000) }
        #expect(throws: OptionValueError.self) { try BoundedInteger.parse("9223372036854775808", in: 1...1000) }
    }

    static let times: [(String, Int64)] = [
        ("2026-01-01", 1_767_225_600),
        ("2026-01-01T00:00:00Z", 1_767_225_600),
        ("2026-01-01T00:00Z", 1_767_225_600),
        ("2026-01-01 08:30:00", 1_767_225_600 + 8 * 3_600 + 1_800),
        ("2026-01-01T02:00:00+02:00", 1_767_225_600),
        ("2025-12-31T19:00-0500", 1_767_225_600),
        ("1767225600", 1_767_225_600),
        ("20260101000000", 1_767_225_600),
        ("2024-02-29", 1_709_164_800),
        ("1970-01-01", 0),
        ("now", 42),
    ]

    @Test(arguments: times)
    func timesInEveryForm(text: String, epoch: Int64) throws {
        #expect(try PointInTime(parsing: text, now: 42).epoch == epoch)
    }

    @Test(arguments: [
        "2026-02-30", "2025-02-29", "2026-13-01", "2026-01-01T24:00", "2026-01-01T00:00:00+25:00", "2026-1-1",
        "2026-01-01T", "2026-01-01Z", "10000-01-01", "1969-12-31", "99999999999999", "9999999999999", "yesterday",
    ])
    func impossibleTimesAreRefused(text: String) {
        #expect(throws: OptionValueError.self) { try PointInTime(parsing: text, now: 0) }
    }

    @Test func theCalendarRoundTrips() {
        for seconds in stride(from: Int64(0), to: 253_402_300_799, by: 7_777_777) {
            let t = CivilTime.fields(seconds)
            #expect(
                PointInTime.epoch(
                    year: Int(t.year), month: t.month, day: t.day, hour: t.hour, minute: t.minute, second: t.second)
                    == seconds)
        }
    }
}
