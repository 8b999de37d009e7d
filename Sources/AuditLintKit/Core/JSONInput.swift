import Foundation

/// Reading the JSON files auditlint writes for itself and reads back (`.auditlint.json`,
/// baselines, volume profiles, tuning journals): every problem is an
/// ``AuditLintError/invalidFile(_:line:column:problem:)`` naming the file, with the line and
/// column of a syntax error (a truncated file included) or the field at fault, and what to do.
public enum JSONInput {
    /// Parses `bytes` as one JSON document (bounded nesting, see ``JSONValue/maximumDepth``).
    ///
    /// - Parameters:
    ///   - what: the kind of file, for messages ("tuning journal").
    ///   - remedy: what the user can do about a damaged file ("restore it from a backup").
    /// - Throws: ``AuditLintError/invalidFile(_:line:column:problem:)`` for an empty file or
    ///   invalid JSON.
    public static func parse(_ bytes: [UInt8], path: String, what: String, remedy: String) throws -> JSONValue {
        guard bytes.contains(where: { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }) else {
            throw AuditLintError.invalidFile(
                path, line: nil, column: nil, problem: "the file is empty, not a \(what); \(remedy)")
        }
        do {
            return try JSONValue.parse(bytes)
        } catch {
            throw AuditLintError.invalidFile(
                path, line: error.line, column: error.column,
                problem: "damaged \(what), not valid JSON: \(error.problem); \(remedy)")
        }
    }

    /// Decodes a `Decodable` model from `bytes` that ``parse(_:path:what:remedy:)`` accepted.
    ///
    /// - Throws: ``AuditLintError/invalidFile(_:line:column:problem:)`` naming the field
    ///   that is missing or has the wrong type.
    public static func decode<T: Decodable>(
        _ type: T.Type, from bytes: [UInt8], path: String, what: String, remedy: String
    ) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(bytes))
        } catch {
            throw AuditLintError.invalidFile(
                path, line: nil, column: nil, problem: "damaged \(what): \(describe(error)); \(remedy)")
        }
    }

    /// Decodes a `Decodable` model from a document ``parse(_:path:what:remedy:)`` returned,
    /// without reading the bytes again (``JSONValueDecoder``), with the same messages.
    ///
    /// - Throws: ``AuditLintError/invalidFile(_:line:column:problem:)`` naming the field
    ///   that is missing or has the wrong type.
    public static func decode<T: Decodable>(
        _ type: T.Type, from document: JSONValue, path: String, what: String, remedy: String
    ) throws -> T {
        do {
            return try JSONValueDecoder.decode(type, from: document)
        } catch {
            throw AuditLintError.invalidFile(
                path, line: nil, column: nil, problem: "damaged \(what): \(describe(error)); \(remedy)")
        }
    }

    /// A decoding error in a few words, with the JSON path of the field.
    static func describe(_ error: any Error) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return keys.isEmpty ? "" : " at \(keys.hasPrefix(".") ? String(keys.dropFirst()) : keys)"
        }
        switch error as? DecodingError {
        case .keyNotFound(let key, let context)?: return "\"\(key.stringValue)\" is missing\(path(context))"
        case .typeMismatch(let type, let context)?: return "wrong type\(path(context)) (expected \(typeName(type)))"
        case .valueNotFound(let type, let context)?: return "null\(path(context)) (expected \(typeName(type)))"
        case .dataCorrupted(let context)?: return "invalid value\(path(context)) (\(context.debugDescription))"
        default: return "\(error)"
        }
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is Int.Type, is Int64.Type, is UInt16.Type, is UInt32.Type: "an integer"
        case is Double.Type: "a number"
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        default: "\(type)"
        }
    }
}

/// Range checks on numbers read from a file: each returns a problem naming the field, or nil
/// (the field's name is only built for a problem).
public struct FieldRanges {
    /// The prefix of field names (`profile.` inside a journal).
    public var prefix: String

    public init(prefix: String = "") { self.prefix = prefix }

    /// `value` must lie in `range`.
    public func check<T: Comparable & CustomStringConvertible>(
        _ value: T, in range: ClosedRange<T>, _ field: @autoclosure () -> String
    ) -> String? {
        range.contains(value)
            ? nil
            : "\"\(prefix)\(field())\" is \(value); it must be between \(range.lowerBound) and \(range.upperBound)"
    }

    /// `value` must be finite and lie in `range`.
    public func check(_ value: Double, in range: ClosedRange<Double>, _ field: @autoclosure () -> String) -> String? {
        value.isFinite && range.contains(value)
            ? nil
            : "\"\(prefix)\(field())\" is \(value); it must be a number between \(range.lowerBound) and \(range.upperBound)"
    }

    /// The sum of `values` must not exceed `limit`.
    public func sum(_ values: some Sequence<Int>, atMost limit: Int, _ field: @autoclosure () -> String) -> String? {
        var total = 0
        for value in values {
            let (next, overflow) = total.addingReportingOverflow(value)
            if overflow || next > limit { return "the \"\(prefix)\(field())\" values add up to more than \(limit)" }
            total = next
        }
        return nil
    }
}
