import Foundation
import Testing

@testable import AuditLintKit

/// `trimmingWhitespace()` returns what Foundation's `trimmingCharacters(in: .whitespaces)`
/// does, ASCII or not at the ends.
@Suite struct WhitespaceTrimmingTests {
    @Test(arguments: [
        "", " ", "\t \t", "lo", " lo ", "\tlo,aa\t ", "a b", " \r lo \n ", "\u{0B}x\u{0C}", "\u{A0}lo\u{A0}",
        " \u{3000}lo\u{2003} ", "é ", " é", " \u{301}x", "x \u{301}", "lo\u{85}", "\u{1680}\u{200A}x\u{202F}\u{205F}",
        "\u{200B}x\u{FEFF}",
    ])
    func matchesFoundation(text: String) {
        #expect(text.trimmingWhitespace() == text.trimmingCharacters(in: .whitespaces))
        let padded = "," + text + ","
        let inner = padded.dropFirst().dropLast()
        #expect(inner.trimmingWhitespace() == inner.trimmingCharacters(in: .whitespaces))
    }
}
