import Foundation

extension CapacityVerdict {
    /// The verdict's colour in the HTML reports (GitHub's green, amber and red).
    var htmlColour: String {
        switch self {
        case .ok: "#1a7f37"
        case .warn: "#9a6700"
        case .fail: "#cf222e"
        }
    }

    /// The verdict's mark in the Markdown reports.
    var markdownMark: String {
        switch self {
        case .ok: "✅"
        case .warn: "⚠️"
        case .fail: "❌"
        }
    }
}

/// The page the HTML reports share (the capacity report and the fleet view): head and style,
/// the verdict badge, the escaped headline, the report's own sections, the version line. No
/// scripts and no external resources.
enum HTMLReportPage {
    /// The whole page.
    ///
    /// - Parameters:
    ///   - title: the page title (not escaped: the caller's own words).
    ///   - maxWidth: the body's greatest width in CSS pixels.
    ///   - style: the report's own CSS rules, after the shared body and badge rules.
    ///   - body: the sections after the headline, as HTML (everything from a file escaped).
    static func document(
        title: String, verdict: CapacityVerdict, headline: String, maxWidth: Int, style: String, body: String
    ) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>\(title)</title>
        <style>
        body{font-family:-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;margin:2em auto;max-width:\(maxWidth)px;color:#1f2328;padding:0 1em}
        .verdict{display:inline-block;padding:.2em .7em;border-radius:1em;color:#fff;background:\(verdict.htmlColour);font-weight:600;text-transform:uppercase}
        \(style)
        </style>
        </head>
        <body>
        <p><span class="verdict">\(verdict.rawValue)</span></p>
        <h1>\(CapacityReport.escape(headline))</h1>
        \(body)
        <p><small>auditlint \(AuditLintTool.version)</small></p>
        </body>
        </html>

        """
    }
}
