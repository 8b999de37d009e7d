extension RuleExample {
    /// Where a `↓` marker stood in one of the example's files.
    public struct MarkedPosition: Sendable, Hashable, Comparable {
        /// The file name (`audit_control`, `audit_class`, `audit_event` or `audit_user`).
        public var file: String
        /// The position of the byte after the marker.
        public var position: SourcePosition

        public init(file: String, position: SourcePosition) {
            self.file = file
            self.position = position
        }

        public static func < (lhs: MarkedPosition, rhs: MarkedPosition) -> Bool {
            (lhs.file, lhs.position.line, lhs.position.column) < (rhs.file, rhs.position.line, rhs.position.column)
        }
    }

    /// The example's files with markers removed, the context auditd would load from
    /// them, and the marked positions.
    public func makeContext() -> (context: LintContext, markers: [MarkedPosition]) {
        var markers: [MarkedPosition] = []
        func source(_ text: String?, _ name: String) -> SourceText? {
            guard let text else { return nil }
            let (clean, positions) = Self.stripMarkers(text)
            markers += positions.map { MarkedPosition(file: name, position: $0) }
            return SourceText(path: name, bytes: clean)
        }
        let control = source(control, ConfigurationLoader.FileName.control) ?? SourceText(path: "", bytes: [])
        let context = ConfigurationLoader.context(
            control: control,
            classes: source(classes, ConfigurationLoader.FileName.classes),
            events: source(events, ConfigurationLoader.FileName.events),
            users: source(users, ConfigurationLoader.FileName.users),
            dialect: dialect
        )
        return (context, markers.sorted())
    }

    /// The text's bytes without `↓` markers, and the position (line, byte column) each
    /// marker stood at.
    public static func stripMarkers(_ text: String) -> (bytes: [UInt8], positions: [SourcePosition]) {
        let marker = Array(Self.marker.utf8)
        let input = Array(text.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(input.count)
        var positions: [SourcePosition] = []
        var line = 1
        var column = 1
        var index = 0
        while index < input.count {
            if input[index...].starts(with: marker) {
                positions.append(SourcePosition(line: line, column: column))
                index += marker.count
                continue
            }
            let byte = input[index]
            output.append(byte)
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else {
                column += 1
            }
            index += 1
        }
        return (output, positions)
    }
}
