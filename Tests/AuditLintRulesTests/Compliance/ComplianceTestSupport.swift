import AuditLintKit

/// Test-only: builds a ``ComplianceInput`` from audit_control text the way libbsm reads
/// the keys the requirements use (first line wins, value after the first `:`, trailing
/// blanks stripped as upstream OpenBSM does). It covers what the vectors need and stands
/// in for the `AuditControl` parser, which is not merged yet; once it is, the lead fills
/// the input from the parsed model instead.
enum ComplianceTestInput {
    /// The 20 default classes of openbsm-semantics.md §4.1.
    static let classes = AuditClassTable(classes: [
        ("no", 0x0), ("fr", 0x1), ("fw", 0x2), ("fa", 0x4), ("fm", 0x8), ("fc", 0x10), ("fd", 0x20), ("cl", 0x40),
        ("pc", 0x80), ("nt", 0x100), ("ip", 0x200), ("na", 0x400), ("ad", 0x800), ("lo", 0x1000), ("aa", 0x2000),
        ("ap", 0x4000), ("io", 0x2000_0000), ("ex", 0x4000_0000), ("ot", 0x8000_0000), ("all", 0xffff_ffff),
    ].map { AuditClass(name: $0.0, mask: $0.1, description: $0.0) })

    static func make(_ text: String) -> ComplianceInput {
        let bytes = Array(text.utf8)
        return ComplianceInput(
            controlText: bytes,
            classes: classes,
            flags: value(bytes, "flags").map(mask) ?? .missing,
            naflags: value(bytes, "naflags").map(mask) ?? .missing,
            policy: value(bytes, "policy").map(policy) ?? .missing,
            expireAfter: value(bytes, "expire-after").map(expiry) ?? .missing,
            minfree: value(bytes, "minfree").map(minfree) ?? .missing,
            filesz: value(bytes, "filesz").map(filesz) ?? .missing
        )
    }

    /// The value of the first line whose key is exactly `key`.
    static func value(_ bytes: [UInt8], _ key: String) -> String? {
        for line in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            guard line.first != UInt8(ascii: "#"), let colon = line.firstIndex(of: UInt8(ascii: ":")),
                  line[..<colon].elementsEqual(key.utf8) else { continue }
            var value = Array(line[(colon + 1)...])
            while let last = value.last, last == 0x20 || last == 0x09 { value.removeLast() }
            return String(decoding: value, as: UTF8.self)
        }
        return nil
    }

    static func mask(_ text: String) -> ComplianceInput.Setting<AuditMask> {
        let flags = AuditFlags.parse(text, classes: classes)
        guard let mask = flags.mask else {
            return .invalid(reason: flags.problems.map { problem in
                switch problem {
                case .unknownClass(let name, _): "class `\(name)` is not in audit_class"
                case .emptyName: "an element has no class name"
                }
            }.joined(separator: ", "))
        }
        return .valid(mask)
    }

    static func policy(_ text: String) -> ComplianceInput.Setting<Set<String>> {
        let kernel: Set<String> = ["cnt", "ahlt", "argv", "arge"]
        var names = Set<String>()
        for token in text.split(separator: ",", omittingEmptySubsequences: false).map(String.init) {
            guard kernel.contains(token) else { return .invalid(reason: "`\(token)` is not a policy name the kernel accepts") }
            names.insert(token)
        }
        return .valid(names)
    }

    static func expiry(_ text: String) -> ComplianceInput.Setting<ComplianceInput.Expiry> {
        var rest = Substring(text.drop { $0 == " " || $0 == "\t" })
        func term() -> (age: UInt64?, size: UInt64?)? {
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            guard let number = UInt64(digits) else { return nil }
            rest = rest.dropFirst(digits.count)
            let unit = rest.first
            if unit != nil { rest = rest.dropFirst() }
            switch unit {
            case nil, " ", "B": return (nil, number)
            case "K": return (nil, number << 10)
            case "M": return (nil, number << 20)
            case "G": return (nil, number << 30)
            case "s": return (number, nil)
            case "h": return (number * 3_600, nil)
            case "d": return (number * 86_400, nil)
            case "y": return (number * 364 * 86_400 + number / 4 * 86_400, nil)
            default: return nil
            }
        }
        guard let first = term() else { return .invalid(reason: "`\(text)` has no valid first term") }
        var expiry = ComplianceInput.Expiry(age: first.age, size: first.size, combinator: .or)
        let joiner = rest.prefix { " \tadnorADNOR".contains($0) }
        if joiner.isEmpty { return .valid(expiry) }  // extra text after one term is ignored
        let lower = joiner.lowercased()
        guard lower.contains("and") || lower.contains("or") else { return .invalid(reason: "no AND/OR between the terms") }
        rest = rest.dropFirst(joiner.count)
        guard let second = term() else { return .invalid(reason: "the second term is not valid") }
        expiry.combinator = lower.contains("and") ? .and : .or
        if let age = second.age { expiry.age = age }
        if let size = second.size { expiry.size = size }
        return .valid(expiry)
    }

    static func minfree(_ text: String) -> ComplianceInput.Setting<Int> {
        let digits = text.drop { $0 == " " || $0 == "\t" }.prefix { $0.isASCII && $0.isNumber }
        let value = Int(digits) ?? 0
        return value <= 100 ? .valid(value) : .invalid(reason: "\(value) is above 100")
    }

    static func filesz(_ text: String) -> ComplianceInput.Setting<UInt64> {
        let digits = text.drop { $0 == " " || $0 == "\t" }.prefix { $0.isASCII && $0.isNumber }
        guard let number = UInt64(digits) else { return .invalid(reason: "`\(text)` is not a size") }
        let shift: UInt64 = switch text.drop(while: { $0 == " " || $0 == "\t" }).dropFirst(digits.count).first {
        case "K": 10
        case "M": 20
        case "G": 30
        default: 0
        }
        let bytes = number << shift
        return bytes == 0 || bytes >= 512 << 10 ? .valid(bytes) : .invalid(reason: "below 512K")
    }
}
