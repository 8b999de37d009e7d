/// Path patterns for per-path overrides, matched against `/`-separated paths relative to
/// the configuration file's directory.
///
/// - `*` matches any run of characters within one path component (not `/`);
/// - `?` matches one character other than `/`;
/// - `**` as a whole component matches zero or more components (`hosts/**` matches
///   everything under `hosts`, `**/audit_control` matches `audit_control` at any depth);
/// - every other character matches itself. A pattern must match the whole path.
public struct Glob: Sendable, Hashable {
    /// The pattern as written.
    public let pattern: String
    private let bytes: [UInt8]

    public init(_ pattern: String) {
        self.pattern = pattern
        self.bytes = Array(pattern.utf8)
    }

    /// Whether `path` (relative, `/`-separated, no leading `./`) matches.
    public func matches(_ path: String) -> Bool {
        let text = Array(path.utf8)
        var memo = [Int8](repeating: -1, count: (bytes.count + 1) * (text.count + 1))
        return match(0, 0, text, &memo)
    }

    private func match(_ p: Int, _ t: Int, _ text: [UInt8], _ memo: inout [Int8]) -> Bool {
        let key = p * (text.count + 1) + t
        if memo[key] >= 0 { return memo[key] == 1 }
        let result: Bool
        let slash = UInt8(ascii: "/")
        let star = UInt8(ascii: "*")
        if p == bytes.count {
            result = t == text.count
        } else if bytes[p] == star, p + 1 < bytes.count, bytes[p + 1] == star,
            p == 0 || bytes[p - 1] == slash
        {
            // `**` as a component: at the end it matches the rest; before `/` it matches
            // zero or more whole components.
            if p + 2 == bytes.count {
                result = true
            } else if bytes[p + 2] == slash {
                var candidate = t
                var found = match(p + 3, t, text, &memo)
                while !found, let next = text[candidate...].firstIndex(of: slash) {
                    candidate = next + 1
                    found = match(p + 3, candidate, text, &memo)
                }
                result = found
            } else {
                result = matchStar(p + 2, t, text, &memo)
            }
        } else if bytes[p] == star {
            result = matchStar(p + 1, t, text, &memo)
        } else if t < text.count, bytes[p] == UInt8(ascii: "?") {
            result = text[t] != slash && match(p + 1, t + 1, text, &memo)
        } else {
            result = t < text.count && text[t] == bytes[p] && match(p + 1, t + 1, text, &memo)
        }
        memo[key] = result ? 1 : 0
        return result
    }

    /// `*`: zero or more characters other than `/`, then the rest of the pattern from `p`.
    private func matchStar(_ p: Int, _ t: Int, _ text: [UInt8], _ memo: inout [Int8]) -> Bool {
        var position = t
        while true {
            if match(p, position, text, &memo) { return true }
            guard position < text.count, text[position] != UInt8(ascii: "/") else { return false }
            position += 1
        }
    }
}
