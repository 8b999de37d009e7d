/// Text from a configuration file, quoted for a message so that invisible bytes show.
public enum QuotedText {
    /// `text` in backquotes, with `\r`, `\t` and other control characters made visible
    /// (`` `cnt,argv\r` ``), so a message says exactly what libbsm sees.
    public static func code(_ text: String) -> String {
        var result = "`"
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                result += "\\x" + (hex.count < 2 ? "0" : "") + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "`"
    }
}
