import Foundation
import Testing

@testable import AuditLintKit

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
