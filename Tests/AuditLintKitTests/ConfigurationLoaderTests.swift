import Foundation
import Testing

@testable import AuditLintKit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

@Suite struct ConfigurationLoaderTests {
    /// A temporary tree: `a/audit_control` with an audit_user, `b/c/audit_control`, a hidden
    /// `.git/audit_control` that must be skipped, and `empty/`.
    static func makeTree() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "auditlint-loader-\(UUID().uuidString)")
        for directory in ["a", "b/c", ".git", "empty"] {
            try FileManager.default.createDirectory(
                at: root.appendingPathComponent(directory), withIntermediateDirectories: true)
        }
        for file in ["a/audit_control", "b/c/audit_control", ".git/audit_control"] {
            try Data("flags:lo\nminfree:5\n".utf8).write(to: root.appendingPathComponent(file))
        }
        try Data("root:lo:no\n".utf8).write(to: root.appendingPathComponent("a/audit_user"))
        return root
    }

    @Test func discoversControlFilesRecursivelySkippingHiddenDirectories() throws {
        let root = try Self.makeTree()
        defer { try? FileManager.default.removeItem(at: root) }
        let found = try ConfigurationLoader().discover([root.path])
        #expect(found == [root.path + "/a/audit_control", root.path + "/b/c/audit_control"])
    }

    /// The search takes a listed entry's kind from the listing only where stat(2) would say
    /// the same: symbolic links (to a directory, to an audit_control, dangling) are
    /// followed as before, a FIFO named audit_control is skipped, and a directory named
    /// audit_control or holding a table file's name is searched.
    @Test func searchFollowsLinksAndSkipsWhatIsNotARegularControlFile() throws {
        let root = try Self.makeTree()
        defer { try? FileManager.default.removeItem(at: root) }
        let manager = FileManager.default
        for directory in ["links", "fifo", "audit_control", "audit_event/x", "node_modules/n"] {
            try manager.createDirectory(at: root.appendingPathComponent(directory), withIntermediateDirectories: true)
        }
        for file in ["audit_control/audit_control", "audit_event/x/audit_control", "node_modules/n/audit_control"] {
            try Data("flags:lo\n".utf8).write(to: root.appendingPathComponent(file))
        }
        try manager.createSymbolicLink(atPath: root.path + "/links/to-b", withDestinationPath: root.path + "/b")
        try manager.createSymbolicLink(atPath: root.path + "/links/gone", withDestinationPath: root.path + "/nowhere")
        try manager.createSymbolicLink(
            atPath: root.path + "/empty/audit_control", withDestinationPath: root.path + "/a/audit_control")
        #expect(mkfifo(root.path + "/fifo/audit_control", 0o600) == 0)
        let found = try ConfigurationLoader().discover([root.path])
        #expect(
            found
                == [
                    "a/audit_control", "audit_control/audit_control", "audit_event/x/audit_control",
                    "b/c/audit_control",
                    "empty/audit_control", "links/to-b/c/audit_control",
                ].map { root.path + "/" + $0 })
    }

    @Test func aTableFileStandsForItsSiblingControlFileAndDuplicatesCollapse() throws {
        let root = try Self.makeTree()
        defer { try? FileManager.default.removeItem(at: root) }
        let control = root.path + "/a/audit_control"
        let found = try ConfigurationLoader().discover([root.path + "/a/audit_user", control])
        #expect(found == [control])
    }

    @Test func missingPathsAndDirectoriesWithoutAControlFileAreErrors() throws {
        let root = try Self.makeTree()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(throws: AuditLintError.fileNotFound(root.path + "/nope")) {
            try ConfigurationLoader().discover([root.path + "/nope"])
        }
        #expect(throws: AuditLintError.noControlFile(directory: root.path + "/empty")) {
            try ConfigurationLoader().discover([root.path + "/empty"])
        }
    }

    @Test func loadReadsSiblingTablesAndFallsBackToBuiltIns() throws {
        let root = try Self.makeTree()
        defer { try? FileManager.default.removeItem(at: root) }
        let context = try ConfigurationLoader(dialect: .openbsm).load(controlPath: root.path + "/a/audit_control")
        #expect(context.usersSource?.path == root.path + "/a/audit_user")
        #expect(context.users?.user(named: "root") != nil)
        #expect(context.classesSource == nil)
        #expect(context.classes == AuditClassTable.builtIn(.openbsm))
        #expect(context.events.event(number: 23)?.name == "AUE_EXECVE")
    }
}
