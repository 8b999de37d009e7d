import Foundation

extension Substring {
    /// The text without leading and trailing whitespace: exactly what
    /// `trimmingCharacters(in: .whitespaces)` returns (its set is the Unicode space
    /// separators and the tab, so in ASCII only space and tab), found in one pass over the
    /// bytes when the text's ends are ASCII; Foundation's version, which costs far more per
    /// call, is used only when a non-ASCII character is at an end.
    func trimmingWhitespace() -> String {
        let bytes = utf8
        var start = bytes.startIndex
        var end = bytes.endIndex
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start = bytes.index(after: start) }
        while start < end {
            let last = bytes[bytes.index(before: end)]
            guard last == 0x20 || last == 0x09 else { break }
            end = bytes.index(before: end)
        }
        if start < end, bytes[start] >= 0x80 || bytes[bytes.index(before: end)] >= 0x80 {
            return trimmingCharacters(in: .whitespaces)
        }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}

extension String {
    /// The text without leading and trailing whitespace, as ``Substring/trimmingWhitespace()``.
    func trimmingWhitespace() -> String { self[...].trimmingWhitespace() }
}
