import Foundation

@testable import AuditLintKit

/// A small JSON Schema (draft-04/07 subset) validator: exactly the keywords the SARIF 2.1.0
/// schema uses. A schema with any other keyword is reported as a problem rather than
/// silently accepted, so the validator cannot pass a document by ignoring a constraint.
struct JSONSchemaValidator {
    /// Keywords that only document (or hold `$ref` targets); they constrain nothing.
    static let annotations: Set<String> = ["description", "title", "default", "$schema", "id", "definitions"]
    /// Keywords that are checked.
    static let assertions: Set<String> = [
        "type", "required", "properties", "additionalProperties", "items", "enum", "minimum", "maximum",
        "minItems", "uniqueItems", "$ref", "format", "pattern", "anyOf", "oneOf",
    ]

    let root: JSONValue

    /// Every problem with `document`, as `path: problem`; empty when it is valid.
    func validate(_ document: JSONValue) -> [String] {
        var problems: [String] = []
        check(document, against: root, path: "$", problems: &problems)
        return problems
    }

    private func resolve(_ reference: String) -> JSONValue? {
        guard reference.hasPrefix("#/") else { return nil }
        var node = root
        for part in reference.dropFirst(2).split(separator: "/") {
            guard let next = node[String(part)] else { return nil }
            node = next
        }
        return node
    }

    private func check(_ value: JSONValue, against schema: JSONValue, path: String, problems: inout [String]) {
        guard case .object(let keywords) = schema else {
            if schema != .bool(true) { problems.append("\(path): schema is not an object") }
            return
        }
        for (keyword, argument) in keywords {
            if Self.annotations.contains(keyword) { continue }
            guard Self.assertions.contains(keyword) else {
                problems.append("\(path): unsupported schema keyword \(keyword)")
                continue
            }
            switch keyword {
            case "$ref":
                guard case .string(let reference) = argument, let target = resolve(reference) else {
                    problems.append("\(path): unresolvable $ref \(argument)")
                    continue
                }
                check(value, against: target, path: path, problems: &problems)
            case "type":
                let types: [String] =
                    switch argument {
                    case .string(let name): [name]
                    case .array(let names): names.compactMap { if case .string(let name) = $0 { name } else { nil } }
                    default: []
                    }
                if !types.contains(where: { Self.hasType(value, $0) }) {
                    problems.append(
                        "\(path): expected \(types.joined(separator: " or ")), found \(value.compact.prefix(60))")
                }
            case "enum":
                if case .array(let allowed) = argument, !allowed.contains(value) {
                    problems.append("\(path): \(value.compact) is not one of \(argument.compact)")
                }
            case "required":
                guard case .object(let members) = value, case .array(let names) = argument else { continue }
                for case .string(let name) in names where !members.contains(where: { $0.0 == name }) {
                    problems.append("\(path): required property \(name) is missing")
                }
            case "properties":
                guard case .object(let members) = value else { continue }
                for (name, member) in members {
                    if let subschema = argument[name] {
                        check(member, against: subschema, path: "\(path).\(name)", problems: &problems)
                    }
                }
            case "additionalProperties":
                guard case .object(let members) = value else { continue }
                for (name, member) in members where schema["properties"]?[name] == nil {
                    if argument == .bool(false) {
                        problems.append("\(path): property \(name) is not allowed")
                    } else if case .object = argument {
                        check(member, against: argument, path: "\(path).\(name)", problems: &problems)
                    }
                }
            case "items":
                guard case .array(let elements) = value else { continue }
                for (index, element) in elements.enumerated() {
                    check(element, against: argument, path: "\(path)[\(index)]", problems: &problems)
                }
            case "minItems":
                if case .array(let elements) = value, case .integer(let minimum) = argument, elements.count < minimum {
                    problems.append("\(path): \(elements.count) items, at least \(minimum) required")
                }
            case "uniqueItems":
                if case .array(let elements) = value, argument == .bool(true),
                    elements.indices.contains(where: { elements[..<$0].contains(elements[$0]) })
                {
                    problems.append("\(path): items are not unique")
                }
            case "minimum", "maximum":
                guard let number = Self.number(value), let limit = Self.number(argument) else { continue }
                if keyword == "minimum" ? number < limit : number > limit {
                    problems.append(
                        "\(path): \(number) is \(keyword == "minimum" ? "below the minimum" : "above the maximum") \(limit)"
                    )
                }
            case "pattern":
                guard case .string(let text) = value, case .string(let pattern) = argument else { continue }
                let regex = try? NSRegularExpression(pattern: pattern)
                if regex?.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) == nil {
                    problems.append("\(path): \(text) does not match \(pattern)")
                }
            case "format":
                guard case .string(let text) = value, case .string(let format) = argument else { continue }
                if !Self.matchesFormat(text, format) { problems.append("\(path): \(text) is not a valid \(format)") }
            case "anyOf", "oneOf":
                guard case .array(let alternatives) = argument else { continue }
                let passing = alternatives.filter { alternative in
                    var scratch: [String] = []
                    check(value, against: alternative, path: path, problems: &scratch)
                    return scratch.isEmpty
                }.count
                if keyword == "anyOf" ? passing == 0 : passing != 1 {
                    problems.append("\(path): matches \(passing) of the \(keyword) alternatives")
                }
            default:
                break
            }
        }
    }

    static func hasType(_ value: JSONValue, _ type: String) -> Bool {
        switch (type, value) {
        case ("object", .object), ("array", .array), ("string", .string), ("boolean", .bool), ("null", .null),
            ("integer", .integer), ("number", .integer), ("number", .double):
            true
        case ("integer", .double(let number)): number == number.rounded()
        default: false
        }
    }

    static func number(_ value: JSONValue) -> Double? {
        switch value {
        case .integer(let number): Double(number)
        case .double(let number): number
        default: nil
        }
    }

    /// Loose format checks: a URI has a scheme and no blanks; a URI reference has no blanks
    /// or control characters; a date-time looks like RFC 3339.
    static func matchesFormat(_ text: String, _ format: String) -> Bool {
        let clean = !text.unicodeScalars.contains { $0.value <= 0x20 || $0.value == 0x7F }
        switch format {
        case "uri":
            return clean && text.range(of: "^[A-Za-z][A-Za-z0-9+.-]*:", options: .regularExpression) != nil
        case "uri-reference":
            return clean
        case "date-time":
            return text.range(
                of: "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$",
                options: .regularExpression) != nil
        default:
            return true
        }
    }
}
