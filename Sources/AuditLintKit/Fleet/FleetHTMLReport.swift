import Foundation

extension FleetReport {
    /// One self-contained HTML page: the verdict, the fleet's figures, an inline SVG histogram
    /// of days until the disk fills, the worst hosts, what drives their volume, the
    /// configurations and dialects. No scripts and no external resources; every value from a
    /// profile is escaped.
    public func htmlReport(top: Int) -> String {
        let escape = CapacityReport.escape
        func table(_ header: [String], _ rows: [[String]], numeric: Set<Int> = []) -> String {
            let head =
                "<tr>"
                + header.enumerated().map { index, name in
                    numeric.contains(index) ? "<th class=\"n\">\(escape(name))</th>" : "<th>\(escape(name))</th>"
                }.joined() + "</tr>"
            let body = rows.map { row in
                "<tr>"
                    + row.enumerated().map { index, cell in
                        numeric.contains(index) ? "<td class=\"n\">\(escape(cell))</td>" : "<td>\(escape(cell))</td>"
                    }.joined() + "</tr>"
            }
            return "<table>\n" + ([head] + body).joined(separator: "\n") + "\n</table>"
        }
        var sections: [String] = []
        sections.append(
            "<table>\n"
                + summaryRows.map { "<tr><th>\(escape($0.0))</th><td>\(escape($0.1))</td></tr>" }.joined(
                    separator: "\n") + "\n</table>")
        sections.append("<h2>Days until the disk fills</h2>\n" + histogramSVG())
        let failingCount = failing.count
        if failingCount > 0 {
            sections.append(
                "<h2>Worst hosts, soonest first"
                    + (failingCount > top ? " (the first \(top) of \(failingCount))" : "") + "</h2>\n"
                    + table(Self.failingHeader, failingRows(top: top), numeric: [0, 4, 5, 6, 7]))
        }
        if !talkers.isEmpty {
            sections.append(
                "<h2>What drives the failing hosts' volume</h2>\n"
                    + table(
                        ["kind", "name", "bytes/day", "hosts"],
                        talkers.map { [$0.kind, $0.name, Self.size($0.bytesPerDay), "\($0.hosts)"] },
                        numeric: [2, 3]))
        }
        sections.append(
            "<h2>Configurations</h2>\n"
                + table(
                    ["SHA-256", "example", "hosts", "failing"],
                    configurations.map { [Self.shortHash($0.key), $0.example ?? "", "\($0.hosts)", "\($0.failing)"] },
                    numeric: [2, 3])
                + "\n<h2>Dialects</h2>\n"
                + table(
                    ["dialect", "hosts", "failing"], dialects.map { [$0.key, "\($0.hosts)", "\($0.failing)"] },
                    numeric: [1, 2]))
        if !problems.isEmpty {
            let shown = problems.prefix(top).map { "<li>\(escape($0.problem!.message))</li>" }
            let more = problems.count > top ? ["<li>… and \(problems.count - top) more</li>"] : []
            sections.append(
                "<h2>Profiles not evaluated (\(problems.count))</h2>\n<ul>\n" + (shown + more).joined(separator: "\n")
                    + "\n</ul>")
        }
        if !notes.isEmpty {
            sections.append(
                "<h2>Notes</h2>\n<ul>\n" + notes.map { "<li>\(escape($0))</li>" }.joined(separator: "\n") + "\n</ul>")
        }
        return HTMLReportPage.document(
            title: "auditlint fleet: \(verdict.rawValue)", verdict: verdict, headline: headline, maxWidth: 1100,
            style: """
                h1{font-size:1.3em}h2{font-size:1.1em;margin-top:1.6em}table{border-collapse:collapse;margin:1em 0}
                th,td{text-align:left;padding:.25em .8em;border-bottom:1px solid #d0d7de;vertical-align:top}
                th{font-weight:600;white-space:nowrap}.n{text-align:right;white-space:nowrap}td{overflow-wrap:anywhere}
                svg{max-width:100%;height:auto}svg text{font-size:11px;fill:#57606a}
                """,
            body: sections.joined(separator: "\n"))
    }

    /// A bar for each days-to-full bucket, with its host count above it; the last bar (hosts
    /// whose disk does not fill in the horizon) in grey.
    func histogramSVG() -> String {
        let width = 1000.0
        let left = 50.0
        let top = 20.0
        let height = 200.0
        let count = Double(max(daysToFull.count, 1))
        let slot = (width - left - 10) / count
        let widest = Double(max(daysToFull.map(\.hosts).max() ?? 0, 1))
        func f(_ v: Double) -> String { String(format: "%.1f", v) }
        var svg = [
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(f(width)) \(f(top + height + 50))\" role=\"img\" "
                + "aria-label=\"Hosts by days until the disk fills\">",
            "<line x1=\"\(f(left))\" x2=\"\(f(width - 10))\" y1=\"\(f(top + height))\" y2=\"\(f(top + height))\" stroke=\"#d0d7de\"/>",
            "<text x=\"\(f(left - 6))\" y=\"\(f(top + 4))\" text-anchor=\"end\">\(Int(widest))</text>",
            "<text x=\"\(f(left - 6))\" y=\"\(f(top + height + 4))\" text-anchor=\"end\">0</text>",
        ]
        for (index, bucket) in daysToFull.enumerated() {
            let x = left + slot * Double(index)
            let barHeight = height * Double(bucket.hosts) / widest
            let fill = bucket.upperDays == nil ? "#8c959f" : "#cf222e"
            let label =
                bucket.upperDays == nil
                ? "no fill"
                : "\(FleetReport.Bucket.days(bucket.lowerDays))–\(FleetReport.Bucket.days(bucket.upperDays!)) d"
            svg.append(
                "<rect x=\"\(f(x + slot * 0.1))\" y=\"\(f(top + height - barHeight))\" width=\"\(f(slot * 0.8))\" "
                    + "height=\"\(f(barHeight))\" fill=\"\(fill)\"><title>\(CapacityReport.escape(bucket.label(horizonSeconds: horizonSeconds))): \(bucket.hosts) hosts</title></rect>"
            )
            svg.append(
                "<text x=\"\(f(x + slot / 2))\" y=\"\(f(top + height - barHeight - 4))\" text-anchor=\"middle\">\(bucket.hosts)</text>"
            )
            svg.append(
                "<text x=\"\(f(x + slot / 2))\" y=\"\(f(top + height + 16))\" text-anchor=\"middle\">\(CapacityReport.escape(label))</text>"
            )
        }
        svg.append(
            "<text x=\"\(f(left))\" y=\"\(f(top + height + 40))\">days until the disk fills (grey: does not fill in \(CapacityReport.escape(Quantity.formatDuration(horizonSeconds))))</text>"
        )
        svg.append("</svg>")
        return svg.joined(separator: "\n")
    }
}
