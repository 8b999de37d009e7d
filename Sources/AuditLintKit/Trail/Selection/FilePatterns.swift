#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// auditreduce's `-o file=` value: comma-separated POSIX extended regular expressions, each
/// searched anywhere in a path (unanchored: `/etc` matches `/usr/local/etc/x`; write `^/etc`
/// for a prefix). `\,` is a comma inside an expression; a leading `~` makes an expression
/// exclude. A path is decided by the first expression, left to right, that matches it:
/// selected unless that expression is negated; a path no expression matches is not
/// selected.
///
/// The expressions are compiled with the C library's `regcomp` (`REG_EXTENDED`), the matcher
/// auditreduce uses. An empty expression is refused (BSD's `regcomp` refuses it too).
public final class FilePatterns: @unchecked Sendable {
    // @unchecked: the compiled expressions are written only in `init` and freed in `deinit`;
    // `regexec` on a compiled expression is safe from any number of threads (POSIX).

    /// The value as written.
    public let text: String
    /// The expressions in order, with whether each excludes.
    public let expressions: [(pattern: String, negated: Bool)]
    private let compiled: [UnsafeMutablePointer<regex_t>]

    public init(parsing text: String) throws(OptionValueError) {
        self.text = text
        let expressions = Self.split(text)
        var compiled: [UnsafeMutablePointer<regex_t>] = []
        for (pattern, _) in expressions {
            guard !pattern.isEmpty else {
                for c in compiled { Self.release(c) }
                throw OptionValueError(
                    "file= has an empty expression in '\(text)'; give regular expressions between the commas")
            }
            let regex = UnsafeMutablePointer<regex_t>.allocate(capacity: 1)
            let status = regcomp(regex, pattern, REG_EXTENDED | REG_NOSUB)
            if status != 0 {
                var message = [CChar](repeating: 0, count: 128)
                regerror(status, regex, &message, message.count)
                regex.deallocate()
                for c in compiled { Self.release(c) }
                let reason = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                throw OptionValueError(
                    "file= expression '\(pattern)' is not a valid extended regular expression: \(reason)")
            }
            compiled.append(regex)
        }
        self.expressions = expressions
        self.compiled = compiled
    }

    deinit {
        for c in compiled { Self.release(c) }
    }

    /// Whether the path (a token's bytes, up to the first NUL) is selected.
    public func selects(path bytes: [UInt8]) -> Bool {
        var cString = bytes.prefix { $0 != 0 }.map { CChar(bitPattern: $0) }
        cString.append(0)
        for (index, regex) in compiled.enumerated() where regexec(regex, cString, 0, nil, 0) == 0 {
            return !expressions[index].negated
        }
        return false
    }

    /// auditreduce's split: a comma ends an expression unless a backslash precedes it (the
    /// backslash is dropped), it is the value's first character, or it directly follows an
    /// escaped comma; `~` first negates.
    static func split(_ text: String) -> [(pattern: String, negated: Bool)] {
        var pieces: [[UInt8]] = [[]]
        // auditreduce shifts the rest of the value left over the backslash without looking
        // again at the position it moved, so the character after an escaped comma is
        // always literal (`a\,,b` is the one expression `a,,b`).
        var skipNext = false
        for byte in text.utf8 {
            if !skipNext, byte == UInt8(ascii: ","), pieces.count > 1 || !pieces[0].isEmpty {
                if pieces[pieces.count - 1].last == UInt8(ascii: "\\") {
                    pieces[pieces.count - 1][pieces[pieces.count - 1].count - 1] = byte
                    skipNext = true
                } else {
                    pieces.append([])
                }
            } else {
                pieces[pieces.count - 1].append(byte)
                skipNext = false
            }
        }
        return pieces.map { piece in
            let negated = piece.first == UInt8(ascii: "~")
            return (String(decoding: negated ? Array(piece.dropFirst()) : piece, as: UTF8.self), negated)
        }
    }

    private static func release(_ regex: UnsafeMutablePointer<regex_t>) {
        regfree(regex)
        regex.deallocate()
    }
}
