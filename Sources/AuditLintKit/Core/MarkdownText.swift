/// The Markdown escaper of every Markdown output (lint summary, rule catalog, capacity,
/// compliance and tuning reports): text is made safe for a GitHub-flavoured table cell, a
/// list item or a code span, so a value can neither end the cell, start a new line, nor
/// inject HTML into a pull-request comment.
public enum MarkdownText {
    /// `text` safe inside a table cell: control characters (line breaks included) become
    /// spaces, `|` is escaped, and `<`, `>`, `&` become HTML entities.
    public static func cell(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "|": out += "\\|"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: out += " "
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// `text` as a code span safe inside a table cell (escaped as ``cell(_:)``), with a
    /// fence longer than any run of backticks inside it.
    public static func code(_ text: String) -> String {
        let escaped = cell(text)
        var longest = 0
        var run = 0
        for character in escaped {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        return longest > 0 ? "\(fence) \(escaped) \(fence)" : "\(fence)\(escaped)\(fence)"
    }
}
