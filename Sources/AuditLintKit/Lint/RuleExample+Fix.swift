extension Fix {
    /// The bytes of `source` with every fix in `fixes` applied, or nil when a fix points
    /// outside the file, at another file, or overlaps another fix.
    ///
    /// Ranges are inclusive, as in ``SourceRange``; an empty range (end one column before
    /// start) inserts. Fixes are applied from the end of the file backwards, so each
    /// range is read against the original text.
    public static func apply(_ fixes: [Fix], to source: SourceText) -> [UInt8]? {
        var spans: [(range: Range<Int>, replacement: [UInt8])] = []
        for fix in fixes {
            guard fix.range.file == source.path,
                let start = offset(of: fix.range.start, in: source),
                let last = offset(of: fix.range.end, in: source, allowingEnd: true),
                last + 1 >= start, last < source.bytes.count
            else { return nil }
            spans.append((start..<(last + 1), Array(fix.replacement.utf8)))
        }
        spans.sort { ($0.range.lowerBound, $0.range.upperBound) > ($1.range.lowerBound, $1.range.upperBound) }
        var bytes = source.bytes
        var limit = Int.max
        for span in spans {
            guard span.range.upperBound <= limit else { return nil }
            bytes.replaceSubrange(span.range, with: span.replacement)
            limit = span.range.lowerBound
        }
        return bytes
    }

    /// The byte offset of `position` in `source`; with `allowingEnd`, column 0 (the end of
    /// an empty range at the start of a line) gives the offset just before the line.
    private static func offset(of position: SourcePosition, in source: SourceText, allowingEnd: Bool = false) -> Int? {
        guard position.line >= 1, position.line <= source.lineCount,
            position.column >= (allowingEnd ? 0 : 1)
        else { return nil }
        let lineStart = source.lineStarts[position.line - 1]
        let lineEnd = position.line < source.lineCount ? source.lineStarts[position.line] : source.bytes.count
        let (offset, overflow) = lineStart.addingReportingOverflow(position.column - 1)
        guard !overflow, offset < lineEnd else { return nil }
        return offset
    }
}

extension RuleExample {
    /// The audit_control text after applying `findings`' fixes, or nil when a finding has
    /// no fix or the fixes cannot be applied together (see ``Fix/apply(_:to:)``).
    public func applyingFixes(of findings: [Finding]) -> String? {
        let fixes = findings.compactMap(\.fix)
        guard fixes.count == findings.count else { return nil }
        let (bytes, _) = Self.stripMarkers(control)
        let source = SourceText(path: ConfigurationLoader.FileName.control, bytes: bytes)
        return Fix.apply(fixes, to: source).map { String(decoding: $0, as: UTF8.self) }
    }
}
