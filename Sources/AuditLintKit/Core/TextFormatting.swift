import Foundation

/// Human-readable byte counts with binary units (KiB, MiB, …), as auditd's sizes are binary.
public enum ByteCount {
    /// `1536` → `1.5 KiB`; values under 1 KiB as `N B`.
    public static func format(_ bytes: Int) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"]
        var value = Double(bytes)
        var unit = 0
        while abs(value) >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        if unit == 0 { return "\(bytes) B" }
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? "\(Int(rounded)) \(units[unit])" : "\(rounded) \(units[unit])"
    }
}

/// Human-readable durations.
public enum DurationText {
    /// `90` → `1.5 minutes`, `86400` → `1 day`.
    public static func format(seconds: Double) -> String {
        let scales: [(Double, String)] = [(86_400, "day"), (3_600, "hour"), (60, "minute"), (1, "second")]
        for (scale, name) in scales where seconds >= scale || scale == 1 {
            let value = ((seconds / scale) * 10).rounded() / 10
            let number = value == value.rounded() ? String(Int(value)) : String(value)
            return "\(number) \(name)\(value == 1 ? "" : "s")"
        }
        return "0 seconds"
    }
}

/// Plain-text tables with aligned columns.
public enum TextTable {
    /// Renders rows (the first is the header) with two spaces between columns.
    public static func render(_ rows: [[String]]) -> String {
        let columns = rows.map(\.count).max() ?? 0
        var widths = Array(repeating: 0, count: columns)
        for row in rows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        return rows.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }
}
