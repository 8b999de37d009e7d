/// The values of one audit_control that tuning reads: the texts the estimator evaluates,
/// the capacity model's configuration, and the compliance engine's input, all taken from
/// the lines in force as libbsm reads them (``AuditControl``).
public struct TuningSettings: Sendable, Hashable {
    /// The parsed file.
    public var control: AuditControl
    /// The file's text.
    public var text: String

    /// Parses `text` as the dialect's libbsm does.
    public init(text: String, path: String, dialect: Dialect, classes: AuditClassTable) {
        self.text = text
        control = AuditControl.parse(SourceText(path: path, text: text), dialect: dialect, classes: classes)
    }

    /// `flags` as written (empty when missing).
    public var flagsText: String { control.flags.written ?? "" }
    /// `naflags` as written (empty when missing).
    public var naflagsText: String { control.naflags.written ?? "" }
    /// The policy in force.
    public var policy: AuditPolicy { control.policy.effective }

    /// The estimator's candidate for this configuration.
    public func candidate(label: String, classes: AuditClassTable) -> EstimateCandidate {
        EstimateCandidate(
            label: label, flags: flagsText, naflags: naflagsText, policy: control.policy.written ?? "",
            argv: policy.contains(.argv), arge: policy.contains(.arge), classes: classes)
    }

    /// The capacity model's configuration: the settings auditd really applies.
    ///
    /// - Throws: ``AuditLintError/invalidInput(_:)`` when auditd would not start
    ///   (`minfree` missing or invalid), as no trail would be written at all.
    public func capacityConfiguration() throws -> CapacityConfiguration {
        guard let configuration = CapacityConfiguration(control: control) else {
            throw AuditLintError.invalidInput(
                "\(control.path): minfree is missing or not a percentage from 0 to 100, so auditd would not start; fix it first (see `auditlint lint`)"
            )
        }
        return configuration
    }

    /// The compliance engine's input: the effective values of the lines in force.
    public func complianceInput(classes: AuditClassTable) -> ComplianceInput {
        ComplianceInput(control: control, controlText: Array(text.utf8), classes: classes)
    }

    /// The text with the value of `key`'s line in force replaced by `value`; every other
    /// byte (comments, later duplicate lines, a CRLF's `\r`) is kept. A missing key is appended as a new `key:value` line at the end.
    public func replacingValue(of key: ControlKey, with value: String) -> String {
        let bytes = Array(text.utf8)
        let source = SourceText(path: control.path, bytes: bytes)
        guard let entry = control.entry(for: key) else {
            let separator = bytes.isEmpty || bytes.last == UInt8(ascii: "\n") ? "" : "\n"
            return text + separator + "\(key.rawValue):\(value)\n"
        }
        let lineStart = source.lineStarts[entry.keyRange.start.line - 1]
        let range: Range<Int>
        if let existing = entry.value {
            // A `\r` of a CRLF line stays: line endings are kept as they are.
            let start = lineStart + existing.range.start.column - 1
            range = start..<(start + existing.bytes.count - (existing.bytes.last == UInt8(ascii: "\r") ? 1 : 0))
        } else {
            // `key:` with nothing after it: insert after the colon.
            let colon = lineStart + entry.keyRange.end.column
            range = (colon + 1)..<(colon + 1)
        }
        var edited = Array(bytes[..<range.lowerBound])
        edited += Array(value.utf8)
        edited += bytes[range.upperBound...]
        return String(decoding: edited, as: UTF8.self)
    }
}
