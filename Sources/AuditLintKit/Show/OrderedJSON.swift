/// A JSON value whose objects keep their key order, rendered deterministically (compact,
/// one line) for outputs that are interfaces and golden-tested byte for byte.
enum OrderedJSON: Sendable, Hashable {
    case null
    case bool(Bool)
    case integer(Int64)
    case unsigned(UInt64)
    case number(Double)
    case string(String)
    case array([OrderedJSON])
    case object([Member])

    struct Member: Sendable, Hashable {
        var key: String
        var value: OrderedJSON
    }

    /// An object from key/value pairs in order.
    static func object(_ members: KeyValuePairs<String, OrderedJSON>) -> OrderedJSON {
        .object(members.map { Member(key: $0.key, value: $0.value) })
    }

    static func optional<T>(_ value: T?, _ transform: (T) -> OrderedJSON) -> OrderedJSON {
        value.map(transform) ?? .null
    }

    /// The compact rendering.
    var rendered: String {
        var output = ""
        write(to: &output)
        return output
    }

    func write(to output: inout String) {
        switch self {
        case .null: output += "null"
        case .bool(let value): output += value ? "true" : "false"
        case .integer(let value): output += String(value)
        case .unsigned(let value): output += String(value)
        case .number(let value): output += value.isFinite ? "\(value)" : "null"
        case .string(let value): Self.writeString(value, to: &output)
        case .array(let values):
            output += "["
            for (index, value) in values.enumerated() {
                if index > 0 { output += "," }
                value.write(to: &output)
            }
            output += "]"
        case .object(let members):
            output += "{"
            for (index, member) in members.enumerated() {
                if index > 0 { output += "," }
                Self.writeString(member.key, to: &output)
                output += ":"
                member.value.write(to: &output)
            }
            output += "}"
        }
    }

    static func writeString(_ value: String, to output: inout String) {
        output += JSONText.string(value)
    }
}
