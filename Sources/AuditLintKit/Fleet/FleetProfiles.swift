import Foundation

/// The profile files a fleet report reads.
public enum FleetProfiles {
    /// The files `arguments` name: a file as given; a directory, every `*.json` regular file
    /// in it or below it (hidden files and folders skipped, devices and FIFOs too), in path
    /// order. Files are not opened here.
    ///
    /// - Throws: ``AuditLintError/fileNotFound(_:)`` for a missing path,
    ///   ``AuditLintError/invalidInput(_:)`` for a directory without profiles, and
    ///   ``AuditLintError/unreadable(_:reason:)`` for one that cannot be listed.
    public static func expand(_ arguments: [String]) throws -> [String] {
        var files: [String] = []
        for argument in arguments {
            guard try InputFile.kind(of: argument) == .directory else {
                files.append(argument)
                continue
            }
            let base = argument.hasSuffix("/") ? String(argument.dropLast()) : argument
            guard
                let enumerator = FileManager.default.enumerator(
                    at: URL(fileURLWithPath: base), includingPropertiesForKeys: nil, options: [.skipsHiddenFiles])
            else { throw AuditLintError.unreadable(argument, reason: "cannot list the directory") }
            var found: [String] = []
            let prefix = URL(fileURLWithPath: base).path
            while let url = enumerator.nextObject() as? URL {
                guard url.pathExtension == "json" else { continue }
                // The path as the user wrote the directory, so messages name what they gave.
                let path = base + url.path.dropFirst(prefix.count)
                if InputFile.existingKind(of: path) == .regular { found.append(path) }
            }
            guard !found.isEmpty else {
                throw AuditLintError.invalidInput(
                    "\(argument): no volume profiles (*.json) in this directory or below; save them with `auditlint estimate --save-profile` and collect them here (Docs/fleet.md)"
                )
            }
            files += found.sorted()
        }
        return files
    }
}
