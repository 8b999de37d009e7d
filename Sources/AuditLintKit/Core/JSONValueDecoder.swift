/// Decodes a `Decodable` model from a document ``JSONValue/parse(_:)`` has already read, so
/// that a file is parsed once (Foundation's `JSONDecoder` reads the bytes a second time, and
/// is the slowest part of reading thousands of volume profiles).
///
/// Errors are the `DecodingError`s `JSONDecoder` throws (missing key, wrong type, null, a
/// number that does not fit), with the coding path, so ``JSONInput`` words them the same way.
/// Integers must be written without a fraction; a `Double` takes any number.
public enum JSONValueDecoder {
    /// `type` decoded from `document`.
    public static func decode<T: Decodable>(_ type: T.Type, from document: JSONValue) throws -> T {
        try T(from: ValueDecoder(value: document, codingPath: []))
    }
}

private struct ValueDecoder: Decoder {
    let value: JSONValue
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let members) = value else {
            throw DecodingError.typeMismatch(
                [String: Any].self, .init(codingPath: codingPath, debugDescription: "not an object"))
        }
        return KeyedDecodingContainer(KeyedContainer<Key>(members: members, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let items) = value else {
            throw DecodingError.typeMismatch(
                [Any].self, .init(codingPath: codingPath, debugDescription: "not an array"))
        }
        return UnkeyedContainer(items: items, codingPath: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleContainer(value: value, codingPath: codingPath)
    }
}

/// The conversions every container shares.
private enum Scalar {
    /// `path` is only built when it is needed (an error, a nested container): most values are scalars.
    static func decode<T: Decodable>(
        _ type: T.Type, _ value: JSONValue, _ path: @autoclosure () -> [any CodingKey]
    ) throws -> T {
        func context(_ text: String) -> DecodingError.Context { .init(codingPath: path(), debugDescription: text) }
        if case .null = value, !(type is any OptionalMarker.Type) {
            throw DecodingError.valueNotFound(type, context("null"))
        }
        switch type {
        case is Bool.Type:
            guard case .bool(let flag) = value else { throw DecodingError.typeMismatch(type, context("not a boolean")) }
            return flag as! T
        case is String.Type:
            guard case .string(let text) = value else {
                throw DecodingError.typeMismatch(type, context("not a string"))
            }
            return text as! T
        case is Double.Type:
            guard let number = value.numericValue else {
                throw DecodingError.typeMismatch(type, context("not a number"))
            }
            return number as! T
        case is Int.Type: return try integer(Int.self, value, context) as! T
        case is Int64.Type: return try integer(Int64.self, value, context) as! T
        case is Int32.Type: return try integer(Int32.self, value, context) as! T
        case is UInt16.Type: return try integer(UInt16.self, value, context) as! T
        case is UInt32.Type: return try integer(UInt32.self, value, context) as! T
        case is UInt64.Type: return try integer(UInt64.self, value, context) as! T
        // Arrays of numbers and strings (a profile's hourly bytes, its host list) without a
        // container and a coding path per element.
        case is [Int].Type:
            if case .array(let items) = value, let numbers = Self.integers(items) { return numbers as! T }
            return try T(from: ValueDecoder(value: value, codingPath: path()))
        case is [String].Type:
            if case .array(let items) = value, let texts = Self.strings(items) { return texts as! T }
            return try T(from: ValueDecoder(value: value, codingPath: path()))
        default:
            if let direct = type as? any JSONValueDirectDecodable.Type, let decoded = direct.init(direct: value) {
                return decoded as! T
            }
            return try T(from: ValueDecoder(value: value, codingPath: path()))
        }
    }

    /// The items as `Int`s when every one is an integer (else nil: the slow path names the culprit).
    static func integers(_ items: [JSONValue]) -> [Int]? {
        var numbers: [Int] = []
        numbers.reserveCapacity(items.count)
        for item in items {
            guard case .integer(let number) = item else { return nil }
            numbers.append(number)
        }
        return numbers
    }

    /// The items as `String`s when every one is a string.
    static func strings(_ items: [JSONValue]) -> [String]? {
        var texts: [String] = []
        texts.reserveCapacity(items.count)
        for item in items {
            guard case .string(let text) = item else { return nil }
            texts.append(text)
        }
        return texts
    }

    static func integer<I: FixedWidthInteger>(
        _ type: I.Type, _ value: JSONValue, _ context: (String) -> DecodingError.Context
    ) throws -> I {
        switch value {
        case .integer(let number):
            guard let fitting = I(exactly: number) else {
                throw DecodingError.dataCorrupted(context("Number \(number) is not representable in \(I.self)."))
            }
            return fitting
        case .unsigned(let number):
            guard let fitting = I(exactly: number) else {
                throw DecodingError.dataCorrupted(context("Number \(number) is not representable in \(I.self)."))
            }
            return fitting
        default:
            throw DecodingError.typeMismatch(type, context("not an integer"))
        }
    }
}

/// Marks `Optional` so that `null` is not refused for it.
private protocol OptionalMarker {}
extension Optional: OptionalMarker {}

private struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let members: [(String, JSONValue)]
    let codingPath: [any CodingKey]

    var allKeys: [Key] { members.compactMap { Key(stringValue: $0.0) } }

    func contains(_ key: Key) -> Bool { members.contains { $0.0 == key.stringValue } }

    func value(_ key: Key) throws -> JSONValue {
        guard let found = members.first(where: { $0.0 == key.stringValue }) else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "missing"))
        }
        return found.1
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        if case .null = try value(key) { return true }
        return false
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try Scalar.decode(type, try value(key), codingPath + [key])
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        try ValueDecoder(value: try value(key), codingPath: codingPath + [key]).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try ValueDecoder(value: try value(key), codingPath: codingPath + [key]).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        ValueDecoder(value: .object(members), codingPath: codingPath)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        ValueDecoder(value: try value(key), codingPath: codingPath + [key])
    }
}

/// An array index as a coding key.
private struct IndexKey: CodingKey {
    let intValue: Int?
    var stringValue: String { "\(intValue ?? 0)" }
    init(_ index: Int) { intValue = index }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { self.intValue = intValue }
}

private struct UnkeyedContainer: UnkeyedDecodingContainer {
    let items: [JSONValue]
    let codingPath: [any CodingKey]
    var currentIndex = 0

    init(items: [JSONValue], codingPath: [any CodingKey]) {
        self.items = items
        self.codingPath = codingPath
    }

    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }

    func pastTheEnd<T>(_ type: T.Type) -> DecodingError {
        DecodingError.valueNotFound(
            type, .init(codingPath: codingPath + [IndexKey(currentIndex)], debugDescription: "past the end"))
    }

    mutating func next<T>(_ type: T.Type) throws -> (JSONValue, [any CodingKey]) {
        guard !isAtEnd else { throw pastTheEnd(type) }
        defer { currentIndex += 1 }
        return (items[currentIndex], codingPath + [IndexKey(currentIndex)])
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, case .null = items[currentIndex] else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        guard !isAtEnd else { throw pastTheEnd(type) }
        defer { currentIndex += 1 }
        return try Scalar.decode(type, items[currentIndex], codingPath + [IndexKey(currentIndex)])
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        let (value, path) = try next([String: Any].self)
        return try ValueDecoder(value: value, codingPath: path).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let (value, path) = try next([Any].self)
        return try ValueDecoder(value: value, codingPath: path).unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder {
        let (value, path) = try next(Any.self)
        return ValueDecoder(value: value, codingPath: path)
    }
}

private struct SingleContainer: SingleValueDecodingContainer {
    let value: JSONValue
    let codingPath: [any CodingKey]

    func decodeNil() -> Bool {
        if case .null = value { return true }
        return false
    }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try Scalar.decode(type, value, codingPath)
    }
}

/// A model read straight from a parsed value, without a `Decoder` and a container per field,
/// when the value is well formed (the bulk of a volume profile: its entries and talkers).
/// `nil` sends the value down the `Codable` path, which accepts or refuses it and names the
/// field at fault, so a direct reading must accept exactly what that path accepts, or less.
protocol JSONValueDirectDecodable {
    init?(direct value: JSONValue)
}

extension Array: JSONValueDirectDecodable where Element: JSONValueDirectDecodable {
    init?(direct value: JSONValue) {
        guard case .array(let items) = value else { return nil }
        var elements: [Element] = []
        elements.reserveCapacity(items.count)
        for item in items {
            guard let element = Element(direct: item) else { return nil }
            elements.append(element)
        }
        self = elements
    }
}

extension JSONValue {
    /// The value as `I` when it is an integer that fits, as the `Codable` path reads it.
    func directInteger<I: FixedWidthInteger>(_ type: I.Type) -> I? {
        switch self {
        case .integer(let number): I(exactly: number)
        case .unsigned(let number): I(exactly: number)
        default: nil
        }
    }

    /// An optional integer member: `.some(nil)` when absent or null, nil when not direct.
    static func directOptionalInteger<I: FixedWidthInteger>(_ value: JSONValue?, _ type: I.Type) -> I?? {
        switch value {
        case nil, .null?: .some(nil)
        case let value?: value.directInteger(type).map { .some($0) }
        }
    }

    /// The integers of an array when every item is one.
    var directIntegers: [Int]? {
        guard case .array(let items) = self else { return nil }
        return Scalar.integers(items)
    }
}
