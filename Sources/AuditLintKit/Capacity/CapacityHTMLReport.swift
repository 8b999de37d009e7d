import Foundation

extension CapacityReport {
    /// One self-contained HTML page: the verdict, an inline SVG chart of free space (with the
    /// soft- and hard-limit lines) and audit bytes over time, the figures, the inputs and the
    /// assumptions. No scripts and no external resources.
    public func htmlReport() -> String {
        func rows(_ rows: [(String, String)]) -> String {
            rows.map { "<tr><th>\(Self.escape($0.0))</th><td>\(Self.escape($0.1))</td></tr>" }
                .joined(separator: "\n")
        }
        func list(_ items: [String]) -> String {
            items.map { "<li>\(Self.escape($0))</li>" }.joined(separator: "\n")
        }
        return HTMLReportPage.document(
            title: "auditlint report: \(verdict.rawValue)", verdict: verdict, headline: headline, maxWidth: 860,
            style: """
                h1{font-size:1.3em}table{border-collapse:collapse;margin:1em 0}th,td{text-align:left;padding:.25em .8em;border-bottom:1px solid #d0d7de}
                th{font-weight:600;white-space:nowrap}svg{max-width:100%;height:auto}svg text{font-size:11px;fill:#57606a}
                """,
            body: """
                <ul>
                \(list(reasons))
                </ul>
                \(chartSVG())
                <h2>Simulation</h2>
                <table>
                \(rows(figureRows))
                </table>
                <h2>Inputs</h2>
                <table>
                \(rows(inputRows))
                </table>
                <h2>Assumptions</h2>
                <ul>
                \(list(assumptions))
                </ul>
                """)
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }

    /// Two panels sharing the time axis: free space against the disk size with the soft-
    /// and hard-limit lines, and the total size of the trail files.
    func chartSVG() -> String {
        let width = 820.0
        let left = 70.0
        let right = 20.0
        let plotWidth = width - left - right
        let end = max(series.last?.t ?? 0, 1)
        let days = end >= 2 * 86_400
        func x(_ t: Double) -> Double { left + plotWidth * t / end }
        func f(_ v: Double) -> String { String(format: "%.1f", v) }
        var svg: [String] = [
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(f(width)) 470\" role=\"img\" "
                + "aria-label=\"Free space and audit bytes over time\">"
        ]
        func panel(
            top: Double, height: Double, maximum: Double, title: String, value: (CapacitySeriesPoint) -> Double,
            colour: String, lines: [(Double, String, String)]
        ) {
            let maximum = max(maximum, 1)
            func y(_ v: Double) -> Double { top + height - height * min(max(v, 0), maximum) / maximum }
            svg.append("<text x=\"\(f(left))\" y=\"\(f(top - 8))\">\(Self.escape(title))</text>")
            svg.append(
                "<rect x=\"\(f(left))\" y=\"\(f(top))\" width=\"\(f(plotWidth))\" height=\"\(f(height))\" "
                    + "fill=\"none\" stroke=\"#d0d7de\"/>")
            svg.append(
                "<text x=\"\(f(left - 6))\" y=\"\(f(top + 4))\" text-anchor=\"end\">\(Quantity.formatSize(rounding: maximum.rounded(.down)))</text>"
            )
            svg.append("<text x=\"\(f(left - 6))\" y=\"\(f(top + height + 4))\" text-anchor=\"end\">0</text>")
            // Labels from the lowest line up, each at least a text line above the one below it,
            // so that limits close together (a soft limit a few blocks above the hard one) stay legible.
            var labelBelow = Double.infinity
            for (level, label, stroke) in lines.sorted(by: { $0.0 < $1.0 }) {
                svg.append(
                    "<line x1=\"\(f(left))\" x2=\"\(f(left + plotWidth))\" y1=\"\(f(y(level)))\" y2=\"\(f(y(level)))\" "
                        + "stroke=\"\(stroke)\" stroke-dasharray=\"6 4\"/>")
                let labelY = min(y(level) - 4, labelBelow - 12)
                labelBelow = labelY
                svg.append(
                    "<text x=\"\(f(left + plotWidth - 4))\" y=\"\(f(labelY))\" text-anchor=\"end\">"
                        + "\(Self.escape(label))</text>")
            }
            let points = series.map { "\(f(x($0.t))),\(f(y(value($0))))" }.joined(separator: " ")
            svg.append("<polyline fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\" points=\"\(points)\"/>")
        }
        var limits: [(Double, String, String)] = []
        if let soft = inputs.softLimitBytes {
            limits.append(
                (Double(soft), "soft limit (minfree \(inputs.minfree)%): \(Quantity.formatSize(soft))", "#9a6700"))
        }
        limits.append((Double(inputs.hardLimitBytes), "hard limit (4 blocks)", "#cf222e"))
        panel(
            top: 30, height: 220, maximum: Double(inputs.diskSize),
            title: "free space (disk \(Quantity.formatSize(inputs.diskSize)))",
            value: { Double($0.freeBytes) }, colour: "#0969da", lines: limits)
        let auditMaximum = Double(max(simulation.peakAuditBytes, series.map(\.auditBytes).max() ?? 0))
        panel(
            top: 300, height: 130, maximum: auditMaximum,
            title: "audit trail files (peak \(Quantity.formatSize(simulation.peakAuditBytes)))",
            value: { Double($0.auditBytes) }, colour: "#8250df", lines: [])
        for step in 0...5 {
            let t = end * Double(step) / 5
            let label = days ? String(format: "day %.0f", t / 86_400) : String(format: "%.1f h", t / 3_600)
            svg.append("<text x=\"\(f(x(t)))\" y=\"452\" text-anchor=\"middle\">\(label)</text>")
        }
        svg.append("</svg>")
        return svg.joined(separator: "\n")
    }
}
