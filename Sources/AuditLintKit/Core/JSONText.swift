/// Helpers for writing JSON by hand when key order is part of an interface.
public enum JSONText {
    /// `text` as a JSON string literal (quotes included), escaped per RFC 8259.
    public static func string(_ text: String) -> String {
        JSONValue.string(text).compact
    }

    /// An optional value, or `null`.
    public static func optional<T>(_ value: T?, _ render: (T) -> String) -> String {
        value.map(render) ?? "null"
    }
}

extension JSONText {
    /// A number: integral values without a fraction, others rounded to `decimals`.
    public static func number(_ value: Double, decimals: Int = 1) -> String {
        guard value.isFinite else { return "null" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int64(rounded)) }
        return "\(rounded)"
    }
}
