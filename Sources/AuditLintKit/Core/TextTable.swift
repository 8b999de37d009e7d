import Foundation

/// Plain-text tables with aligned columns: the one layout of every text table.
public enum TextTable {
    /// Renders rows (the first is usually the header) with two spaces between columns, one
    /// line each with a final newline; see ``lines(_:indent:)``.
    public static func render(_ rows: [[String]], indent: String = "") -> String {
        lines(rows, indent: indent).joined(separator: "\n") + "\n"
    }

    /// The rows as lines without newlines: each cell padded to its column's widest cell
    /// (in characters) and two spaces between columns, the last cell of a row unpadded,
    /// every line after `indent`.
    public static func lines(_ rows: [[String]], indent: String = "") -> [String] {
        let columns = rows.map(\.count).max() ?? 0
        var widths = Array(repeating: 0, count: columns)
        for row in rows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        return rows.map { row in
            indent
                + row.enumerated().map { index, cell in
                    index == row.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
                }.joined(separator: "  ")
        }
    }
}
