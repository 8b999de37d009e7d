import Testing

@testable import AuditLintKit

@Suite struct QuantityTests {
    static let sizes: [(String, Int64)] = [
        ("4096", 4096), ("2M", 2_097_152), ("2m", 2_097_152), ("1.5G", 1_610_612_736),
        ("1T", 1_099_511_627_776), ("10K", 10_240), ("2MiB", 2_097_152), ("512KB", 524_288), ("0", 0),
        ("  20G ", 21_474_836_480),
    ]

    @Test(arguments: sizes)
    func parsesSizes(text: String, bytes: Int64) throws {
        #expect(try ByteSize(parsing: text).bytes == bytes)
    }

    @Test(arguments: ["", "abc", "-1", "1.5", "G", "2X", "1..5G", ".5G", "2 G", "9999999999T", "2Mi"])
    func rejectsBadSizesSayingWhatToGive(text: String) {
        #expect {
            try ByteSize(parsing: text)
        } throws: { error in
            "\(error)".contains("e.g. 4096 or 20G")
        }
    }

    @Test func parsesRatesPerDayAndHour() throws {
        #expect(try ByteRate(parsing: "2G/day").bytesPerSecond == Double(2 << 30) / 86_400)
        #expect(try ByteRate(parsing: "86400/d").bytesPerSecond == 1)
        #expect(try ByteRate(parsing: "36K/h").bytesPerSecond == 10.24)
        #expect(try ByteRate(parsing: "1M/hour").bytesPerSecond == Double(1 << 20) / 3_600)
        for bad in ["2G", "2G/week", "/day", "2G/day/h", "x/day"] {
            #expect(throws: OptionValueError.self) { try ByteRate(parsing: bad).bytesPerSecond }
        }
    }

    @Test func parsesDurations() throws {
        #expect(try TimeSpan(parsing: "90d").seconds == 90 * 86_400)
        #expect(try TimeSpan(parsing: "12h").seconds == 43_200)
        #expect(try TimeSpan(parsing: "30m").seconds == 1_800)
        #expect(try TimeSpan(parsing: "45s").seconds == 45)
        #expect(try TimeSpan(parsing: "3600").seconds == 3_600)
        #expect(try TimeSpan(parsing: "1.5d").seconds == 129_600)
        for bad in ["", "d", "5w", "-1d", "1e9d", "abc"] {
            #expect(throws: OptionValueError.self) { try TimeSpan(parsing: bad).seconds }
        }
    }

    @Test func parsesBudgets() throws {
        #expect(try DiskBudget(parsing: "5%").budget == .percentOfDisk(5))
        #expect(try DiskBudget(parsing: "20G").budget == .bytes(20 << 30))
        #expect(CapacityBudget.percentOfDisk(5).bytes(diskSize: 1_000) == 50)
        #expect(CapacityBudget.percentOfDisk(12.5).description == "12.5%")
        for bad in ["0%", "101%", "x%", "%", "lots"] {
            #expect(throws: OptionValueError.self) { try DiskBudget(parsing: bad).budget }
        }
    }

    @Test func parsesTwentyFourHourlyWeights() throws {
        let text = (0..<24).map { "\($0 % 3)" }.joined(separator: ",")
        #expect(try HourlyWeights(parsing: text).weights.count == 24)
        for bad in [
            "1,2,3", Array(repeating: "0", count: 24).joined(separator: ","),
            Array(repeating: "1", count: 23).joined(separator: ",") + ",-1",
        ] {
            #expect(throws: OptionValueError.self) { try HourlyWeights(parsing: bad).weights }
        }
    }

    @Test func formatsSizesAndDurationsForPeople() {
        #expect(Quantity.formatSize(512) == "512 B")
        #expect(Quantity.formatSize(10_486_000) == "10 MiB")
        #expect(Quantity.formatSize(3 << 29) == "1.5 GiB")
        #expect(Quantity.formatSize((1 << 30) - 1) == "1 GiB")
        #expect(Quantity.formatSize(-(1 << 20)) == "-1 MiB")
        #expect(Quantity.formatDuration(45) == "45 seconds")
        #expect(Quantity.formatDuration(60) == "1 minute")
        #expect(Quantity.formatDuration(17 * 60 + 10) == "17 minutes")
        #expect(Quantity.formatDuration(5.5 * 3_600) == "5.5 hours")
        #expect(Quantity.formatDuration(23 * 86_400) == "23 days")
    }

    /// The kept texts are the texts computed: asked twice, and past the bound (when all are
    /// dropped), a size or duration reads the same; `-0.0` seconds are not `0.0`'s.
    @Test func keptFormatsAreTheComputedOnes() {
        let sizes: [Int64] = [0, 1, 1023, 1024, 10_485_760, -(1 << 20), .max, .min + 1, 3 << 29]
        let durations: [Double] = [0, -0.0, 0.5, 59.7, 60, 86_399, 1e300, -5, .infinity, .nan]
        for round in 0..<2 {
            for size in sizes { #expect(Quantity.formatSize(size) == Quantity.formatSizeOnce(size), "\(round)") }
            for duration in durations {
                #expect(Quantity.formatDuration(duration) == Quantity.formatDurationOnce(duration), "\(round)")
            }
        }
        #expect(Quantity.formatDuration(0) == "0 seconds")
        #expect(Quantity.formatDuration(-0.0) == "-0 seconds")
        for size in 0..<Int64(FormattedValues<Int64>.limit + 10) {
            #expect(Quantity.formatSize(size * 1_000) == Quantity.formatSizeOnce(size * 1_000))
        }
    }
}
