import Foundation
import Testing

@testable import AuditLintKit

/// ``TableCache``: a table taken from the cache is the table a parse of that file gives
/// (every range naming the file's own path), the key is the content (event bytes, and the
/// classes they were read with), and the cache stays within its bounds.
@Suite struct TableCacheTests {
    /// An audit_event with a comment, a class only a custom audit_class defines (`zz`), a
    /// collapsed field, a CRLF line, then a blank line that stops libbsm and a hidden event
    /// and a long line after it.
    static let events =
        "# events\n1:AUE_EXIT:exit(2):pc\n2:AUE_FORK:fork(2):pc,zz\n3::AUE_OPEN:open(2) - read:fr\n"
        + "4:AUE_CLOSE:close(2):cl\r\n5:AUE_X:x:lo\n\n6:AUE_HIDDEN:hidden:lo\n7:AUE_LONG:"
        + String(repeating: "d", count: 300) + ":lo\n"
    static let classes =
        "0x00000001:fr:file read\n0x00000080:pc:process\n0x00001000:lo:login_logout\n0x10000000:zz:site class\n"

    @Test func aCachedTableIsTheParseOfTheFileAtItsOwnPath() {
        let cache = TableCache()
        let custom = SourceText(path: "c/audit_class", text: Self.classes)
        let customClasses = AuditClassTable.parse(custom, dialect: .macos)
        for (classesSource, classes) in [(nil, AuditClassTable.builtIn(.macos)), (custom, customClasses)] {
            for path in ["a/audit_event", "b/audit_event", "a/audit_event"] {
                let source = SourceText(path: path, text: Self.events)
                let cached = cache.events(source, classes: classes, classesSource: classesSource, dialect: .macos)
                #expect(cached == AuditEventTable.parse(source, classes: classes))
                #expect(cached.stop?.range.file == path)
                #expect(cached.hiddenEvents.first?.nameRange?.file == path)
            }
        }
        // One table per set of classes: `zz` makes event 2 valid with the custom classes only.
        #expect(cache.count == 2)
        let withBuiltIns = cache.events(
            SourceText(path: "d/audit_event", text: Self.events), classes: .builtIn(.macos), classesSource: nil,
            dialect: .macos)
        #expect(withBuiltIns.event(number: 2)?.classesValid == false)
        let withCustom = cache.events(
            SourceText(path: "d/audit_event", text: Self.events), classes: customClasses, classesSource: custom,
            dialect: .macos)
        #expect(withCustom.event(number: 2)?.classesValid == true)
        #expect(withCustom.event(number: 2)?.classMask == 0x1000_0080)
    }

    @Test func theCacheKeepsAtMostItsBoundedNumberOfSmallTables() {
        let cache = TableCache()
        for number in 0..<(TableCache.maximumEntries + 5) {
            let source = SourceText(path: "h\(number)/audit_event", text: "\(number):AUE_E\(number):e:lo\n")
            let table = cache.events(source, classes: .builtIn(.macos), classesSource: nil, dialect: .macos)
            #expect(table.events.first?.number == number)
        }
        #expect(cache.count == TableCache.maximumEntries)
        let large = String(repeating: "1:AUE_EXIT:exit(2):pc\n", count: TableCache.maximumTableBytes / 20)
        let source = SourceText(path: "big/audit_event", text: large)
        #expect(source.bytes.count > TableCache.maximumTableBytes)
        let parsed = cache.events(source, classes: .builtIn(.macos), classesSource: nil, dialect: .macos)
        #expect(parsed == AuditEventTable.parse(source, classes: .builtIn(.macos)))
        #expect(cache.count == TableCache.maximumEntries)
    }
}
