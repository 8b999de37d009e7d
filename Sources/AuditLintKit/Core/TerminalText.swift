/// Text that came from a file or a path, made safe to print: control characters (C0, DEL
/// and C1, the bytes a terminal acts on: escape sequences, carriage returns, bells) are
/// written as visible `\xNN` escapes, so a hostile file can neither restyle nor rewrite the
/// terminal nor forge a line of output.
public enum TerminalText {
    /// `text` with every control character escaped as `\xNN` (`\u{NNNN}` above `\xFF`);
    /// newlines and tabs are kept when `keepNewlines` is true (multi-line output such as
    /// `show`), else a newline, carriage return or tab becomes a space (one-line messages).
    public static func escape(_ text: String, keepNewlines: Bool = false) -> String {
        // Printable ASCII (with newlines and tabs when they are kept) is returned as it is,
        // found in one pass over the bytes (long outputs, such as lint's, are mostly that).
        let printable =
            text.utf8.withContiguousStorageIfAvailable { bytes in
                bytes.allSatisfy { ($0 >= 0x20 && $0 < 0x7F) || (keepNewlines && ($0 == 0x0A || $0 == 0x09)) }
            } ?? false
        if printable { return text }
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            guard isControl(scalar) else {
                out.append(scalar)
                continue
            }
            if scalar == "\n" || scalar == "\t" {
                out.append(keepNewlines ? scalar : " ")
            } else if scalar == "\r" && !keepNewlines {
                out.append(" ")
            } else {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out.append(contentsOf: "\\x\(hex.count < 2 ? "0" + hex : hex)".unicodeScalars)
            }
        }
        return String(out)
    }

    /// Whether a scalar is one a terminal may act on: C0 controls, DEL, C1 controls, and the
    /// line and paragraph separators.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x2028 || scalar.value == 0x2029
    }
}
