import Testing

@testable import AuditLintKit

/// Random and mutated bytes through the three table parsers: nothing crashes, and every
/// range they report lies inside the file.
@Suite struct TableFuzzTests {
    /// Bytes that matter to the readers, drawn more often than others.
    static let interesting: [UInt8] = Array(":#,^+-\n\r \t0x".utf8) + [0, 0xFF]

    static func mutate(_ bytes: [UInt8], _ random: inout SeededRandom) -> [UInt8] {
        var result = bytes
        for _ in 0..<Int.random(in: 1...8, using: &random) {
            let position = result.isEmpty ? 0 : Int.random(in: 0..<result.count, using: &random)
            switch Int.random(in: 0..<5, using: &random) {
            case 0 where !result.isEmpty:
                result[position] = interesting.randomElement(using: &random)!
            case 1:
                result.insert(interesting.randomElement(using: &random)!, at: position)
            case 2 where !result.isEmpty:
                let end = min(result.count, position + Int.random(in: 1...40, using: &random))
                result.removeSubrange(position..<end)
            case 3:
                result.insert(
                    contentsOf: Array(repeating: UInt8(ascii: "x"), count: Int.random(in: 200...600, using: &random)),
                    at: position)
            default:
                if !result.isEmpty { result[position] = UInt8.random(in: 0...255, using: &random) }
            }
        }
        return result
    }

    static func randomBytes(_ random: inout SeededRandom) -> [UInt8] {
        (0..<Int.random(in: 0...700, using: &random)).map { _ in
            Bool.random(using: &random)
                ? interesting.randomElement(using: &random)! : UInt8.random(in: 0...255, using: &random)
        }
    }

    /// Whether `range` lies on one line of `source`, within its bytes (an empty range may
    /// sit just after the last byte).
    static func isInside(_ range: SourceRange?, _ source: SourceText) -> Bool {
        guard let range else { return true }
        guard range.file == source.path, range.start.line == range.end.line,
            range.start.line >= 1, range.start.line <= source.lineCount
        else { return false }
        return range.start.column >= 1 && range.end.column >= range.start.column - 1
            && range.end.column <= source.lineBytes(range.start.line).count
    }

    static func isValid(_ stop: TableStop?, _ source: SourceText) -> Bool {
        guard let stop else { return true }
        return isInside(stop.range, source) && isInside(stop.lineRange, source)
            && stop.hiddenLines.allSatisfy { $0 >= stop.line && $0 <= source.lineCount }
    }

    /// Parses `bytes` as each of the three files; returns a description of every range that
    /// is not inside the file.
    static func problems(_ bytes: [UInt8]) -> [String] {
        var problems: [String] = []
        let classSource = SourceText(path: "audit_class", bytes: bytes)
        let classes = AuditClassTable.parse(classSource, dialect: .macos)
        for entry in classes.classes + classes.hiddenClasses
        where ![entry.range, entry.maskRange, entry.nameRange, entry.descriptionRange, entry.collapsedFieldRange]
            .allSatisfy({ isInside($0, classSource) })
        {
            problems.append("class \(entry)")
        }
        if !isValid(classes.stop, classSource) { problems.append("class stop \(String(describing: classes.stop))") }
        if !(classes.lineFacts.longLines + classes.lineFacts.carriageReturnLines).allSatisfy({
            $0 >= 1 && $0 <= classSource.lineCount
        }) {
            problems.append("line facts \(classes.lineFacts)")
        }

        let eventSource = SourceText(path: "audit_event", bytes: bytes)
        let events = AuditEventTable.parse(eventSource, classes: .builtIn(.openbsm))
        for event in events.events + events.hiddenEvents
        where !(0...0xFFFF).contains(event.number)
            || ![
                event.range, event.numberRange, event.nameRange, event.descriptionRange, event.classesRange,
                event.collapsedFieldRange,
            ].allSatisfy({ isInside($0, eventSource) })
        {
            problems.append("event \(event)")
        }
        if !isValid(events.stop, eventSource) { problems.append("event stop \(String(describing: events.stop))") }

        let userSource = SourceText(path: "audit_user", bytes: bytes)
        let users = AuditUserTable.parse(userSource, classes: classes)
        for user in users.users + users.hiddenUsers
        where ![user.range, user.nameRange, user.alwaysRange, user.neverRange].allSatisfy({ isInside($0, userSource) })
        {
            problems.append("user \(user)")
        }
        if !isValid(users.stop, userSource) { problems.append("user stop \(String(describing: users.stop))") }
        return problems
    }

    @Test func randomBytes() {
        var random = SeededRandom(seed: 0xA0D1_7C1A)
        var problems: [String] = []
        for _ in 0..<200 {
            problems += Self.problems(Self.randomBytes(&random))
        }
        #expect(problems.isEmpty, "\(problems.prefix(3))")
    }

    @Test(
        arguments: [
            (AuditClassTable.builtInText(.macos), UInt64(1)),
            (AuditEventTable.builtInText(.openbsm), 2),
            ("root:lo:no\nalice:lo,aa:^fr\nbob:+lo,-ad:no\n", 3),
        ] as [(String, UInt64)])
    func mutatedFiles(text: String, seed: UInt64) {
        var random = SeededRandom(seed: seed)
        let original = Array(text.utf8)
        // The event file is large; take a window of it so the run stays fast.
        var problems: [String] = []
        for _ in 0..<(original.count > 3000 ? 12 : 100) {
            var base = original
            if base.count > 3000 {
                let start = Int.random(in: 0..<(base.count - 3000), using: &random)
                base = Array(base[start..<start + 3000])
            }
            problems += Self.problems(Self.mutate(base, &random))
        }
        #expect(problems.isEmpty, "\(problems.prefix(3))")
    }
}
