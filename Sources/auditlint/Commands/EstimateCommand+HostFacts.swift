import ArgumentParser
import AuditLintKit

/// `estimate --save-profile`: the facts about the host a saved profile records (for
/// `auditlint fleet`), and the top talkers it keeps.
extension EstimateCommand {
    /// How many top talkers a saved profile keeps by default.
    static let savedTalkers = 100

    /// `--disk-size` and `--disk-free` go together, with --save-profile, free at most the size.
    func validateHostDisk() throws {
        if profileTalkers != nil, saveProfile == nil {
            throw ValidationError("--profile-talkers says what a saved profile keeps; give --save-profile too")
        }
        guard disk.diskSize != nil || disk.diskFree != nil else { return }
        guard saveProfile != nil else {
            throw ValidationError(
                "--disk-size and --disk-free describe the host in a saved profile; give --save-profile too")
        }
        guard disk.diskSize != nil, disk.diskFree != nil else {
            throw ValidationError("give --disk-size and --disk-free together (e.g. --disk-size 256G --disk-free 100G)")
        }
    }

    /// The profile to save: when trails were read here, labelled with this host's facts (its
    /// name, the dialect, the --audit-control it ran under and the disk holding the trails);
    /// a merge of saved profiles alone keeps what merging keeps.
    func savedProfile(_ profile: VolumeProfile, classes: AuditClassTable) throws -> VolumeProfile {
        let profile = profile.keepingTopTalkers(profileTalkers ?? Self.savedTalkers)
        let readTrails = trails + sample.trails
        guard !readTrails.isEmpty else { return profile }
        guard let name = host ?? HostFacts.systemHostName else {
            throw ValidationError("the system's host name cannot be read; label the profile with --host NAME")
        }
        let dialect = dialectOption.resolved()
        let control = try auditControl.path.map {
            try AuditControlFacts.read(path: $0, dialect: dialect, classes: classes)
        }
        var facts: DiskFacts?
        if let diskSize = disk.diskSize, let diskFree = disk.diskFree {
            facts = DiskFacts(path: nil, size: diskSize.bytes, free: diskFree.bytes, blockSize: 4096, source: .options)
        } else if let trail = readTrails.first(where: { $0 != "-" }) {
            let directory = try InputFile.kind(of: trail) == .directory ? trail : PathName.directory(holding: trail)
            facts = try DiskFacts.measure(directory: directory)
        }
        let saved = profile.describing(HostFacts(name: name, dialect: dialect, auditControl: control, disk: facts))
        if saved.host == nil {
            writeStandardError(
                "auditlint: warning: the saved profile merges several hosts (\(saved.hosts.joined(separator: ", "))), so it records no host facts; `auditlint fleet` needs one profile per host"
            )
        }
        return saved
    }
}

extension Count {
    /// How many top talkers a saved profile keeps: 0 to the builder's bound.
    static func talkers(_ text: String) throws -> Int {
        try BoundedInteger.parse(text, in: 0...VolumeProfileBuilder.talkerLimit)
    }
}
