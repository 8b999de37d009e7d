import AuditLintKit
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// ``InputFile``, ``PathName`` and ``OutputPlan``: file types checked before opening,
/// bounded reads, the directory holding a path, all-or-nothing writes.
@Suite struct InputFileTests {
    func workspace() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("auditlint-input-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test(arguments: [
        ("a", "."), ("ab", "."), ("", "."), (".", "."), ("/", "/"), ("/a", "/"), ("a/", "."), ("dir/a", "dir"),
        ("dir//a", "dir"), ("/x/y/z", "/x/y"), ("dir/a/", "dir"), ("./a", "."), ("../a", ".."),
    ])
    func directoryHoldingAPath(path: String, expected: String) {
        #expect(PathName.directory(holding: path) == expected)
    }

    @Test func aFIFOIsRefusedWithoutBlocking() throws {
        let directory = try workspace()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let fifo = directory + "/audit_control"
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(throws: AuditLintError.notRegularFile(fifo, kind: "a FIFO (named pipe)")) {
            try SourceText.read(path: fifo)
        }
        #expect(throws: AuditLintError.notAFile(directory)) { try SourceText.read(path: directory) }
        #expect(throws: AuditLintError.fileNotFound(directory + "/missing")) {
            try SourceText.read(path: directory + "/missing")
        }
    }

    /// An empty argument (`auditlint show ""`, `--config "$UNSET"`) was reported as
    /// ": no such file or directory", naming nothing.
    @Test func anEmptyPathIsCalledEmpty() throws {
        let error = try #require(throws: AuditLintError.self) { try SourceText.read(path: "") }
        #expect(error == .fileNotFound(""))
        #expect(error.description.hasPrefix("an empty path names no file"))
    }

    @Test func readsAreBoundedBeforeAnyAllocation() throws {
        let directory = try workspace()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let sparse = directory + "/big"
        #expect(FileManager.default.createFile(atPath: sparse, contents: nil))
        #expect(truncate(sparse, 1 << 40) == 0)
        #expect(throws: AuditLintError.fileTooLarge(sparse, size: 1 << 40, limit: 1 << 20)) {
            try InputFile.read(sparse, limit: 1 << 20)
        }
        try Data("12345".utf8).write(to: URL(fileURLWithPath: directory + "/small"))
        #expect(try InputFile.read(directory + "/small", limit: 5) == Array("12345".utf8))
        #expect(throws: AuditLintError.self) { try InputFile.read(directory + "/small", limit: 4) }
    }

    @Test func aPlanWritesNothingWhenOneOutputCannotBeWritten() throws {
        let directory = try workspace()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Data("old".utf8).write(to: URL(fileURLWithPath: directory + "/first"))
        var plan = OutputPlan()
        try plan.add("new", to: directory + "/first")
        try plan.add("second", to: directory + "/second")
        #expect(throws: AuditLintError.self) { try plan.add("again", to: directory + "/first") }
        #expect(throws: AuditLintError.self) { try plan.add("x", to: directory + "/missing/third") }
        struct Refused: Error {}
        #expect(throws: Refused.self) { try plan.write { throw Refused() } }
        #expect(try String(contentsOfFile: directory + "/first", encoding: .utf8) == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["first"])
        try plan.write()
        #expect(try String(contentsOfFile: directory + "/first", encoding: .utf8) == "new")
        #expect(try String(contentsOfFile: directory + "/second", encoding: .utf8) == "second")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == ["first", "second"])
    }

    @Test func aSymbolicLinkIsWrittenThroughAndModesAreKept() throws {
        let directory = try workspace()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let target = directory + "/target"
        try Data("old".utf8).write(to: URL(fileURLWithPath: target))
        #expect(chmod(target, 0o640) == 0)
        #expect(symlink(target, directory + "/link") == 0)
        try AtomicWrite.write("new", to: directory + "/link")
        var info = stat()
        #expect(lstat(directory + "/link", &info) == 0 && info.st_mode & S_IFMT == S_IFLNK)
        #expect(stat(target, &info) == 0 && info.st_mode & 0o777 == 0o640)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "new")
    }

    @Test func aConfigurationFileThatIsNotARegularFileIsSkippedWalkingUp() throws {
        let directory = try workspace()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory + "/a/b", withIntermediateDirectories: true)
        try Data("{\"version\": 1}".utf8).write(to: URL(fileURLWithPath: directory + "/" + ConfigFile.fileName))
        #expect(mkfifo(directory + "/a/" + ConfigFile.fileName, 0o600) == 0)
        try FileManager.default.createDirectory(
            atPath: directory + "/a/b/" + ConfigFile.fileName, withIntermediateDirectories: true)
        let found = ConfigFile.locate(explicit: nil, environment: [:], startingAt: directory + "/a/b")
        #expect(found.map(PathContext.normalize) == PathContext.normalize(directory + "/" + ConfigFile.fileName))
    }
}
