import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What a saved volume profile says about the host it was recorded on (schema version 2):
/// its name, the dialect its audit_control was read in, that audit_control (path, SHA-256,
/// effective settings) and the disk that holds its trails. `auditlint fleet` runs the
/// capacity model for each host from these facts.
///
/// A profile holds facts only when it describes exactly one host: merging profiles keeps
/// the facts of the most recent part (the latest `lastTime`) when every part names the same
/// host, and drops them when the parts name different hosts (see ``Merger``).
public struct HostFacts: Sendable, Codable, Hashable {
    /// The host name (`estimate --host`, else the system's host name).
    public var name: String
    /// The dialect the audit_control was read in (`estimate --dialect`).
    public var dialect: Dialect
    /// The audit_control the host ran under (`estimate --audit-control`), when one was given.
    public var auditControl: AuditControlFacts?
    /// The file system that holds the trail directory, when known.
    public var disk: DiskFacts?

    public init(name: String, dialect: Dialect, auditControl: AuditControlFacts? = nil, disk: DiskFacts? = nil) {
        self.name = name
        self.dialect = dialect
        self.auditControl = auditControl
        self.disk = disk
    }

    /// The system's host name, or nil when it cannot be read.
    public static var systemHostName: String? {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return nil }
        let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return name.isEmpty ? nil : name
    }

    /// Keeps the facts of merged profiles that describe one host (see ``HostFacts``).
    struct Merger: Sendable {
        private var facts: HostFacts?
        private var time: Double?
        private var conflict = false

        /// Adds the facts of one part (nil: the part records none).
        mutating func add(_ added: HostFacts?, lastTime: Double?) {
            guard let added, !conflict else { return }
            guard let kept = facts else {
                (facts, time) = (added, lastTime)
                return
            }
            guard kept.name == added.name else {
                (facts, conflict) = (nil, true)
                return
            }
            if (lastTime ?? -.infinity) > (time ?? -.infinity) { (facts, time) = (added, lastTime) }
        }

        /// Adds what another merger kept (a builder merged into another).
        mutating func merge(_ other: Merger) {
            if other.conflict {
                (facts, conflict) = (nil, true)
            } else {
                add(other.facts, lastTime: other.time)
            }
        }

        /// The facts of the merged profile naming `hosts`: nil unless they name only the facts' host.
        func result(hosts: [String]) -> HostFacts? {
            guard let facts, hosts.allSatisfy({ $0 == facts.name }) else { return nil }
            return facts
        }
    }
}

/// The audit_control a host ran under: where it was, the SHA-256 of its bytes (hosts with
/// the same hash ran the same file), and the settings auditd and the kernel took from it.
public struct AuditControlFacts: Sendable, Codable, Hashable {
    /// The path the estimate read it from.
    public var path: String
    /// SHA-256 of the file's bytes, 64 lowercase hexadecimal digits.
    public var sha256: String
    /// Its effective settings.
    public var settings: HostAuditSettings

    public init(path: String, sha256: String, settings: HostAuditSettings) {
        self.path = path
        self.sha256 = sha256
        self.settings = settings
    }
}

/// The effective settings of an audit_control, as plain values: what the kernel selects
/// records with and what auditd rotates, expires and warns by, read with the host's own
/// audit_class (so a fleet report can use each host's own configuration without its files).
public struct HostAuditSettings: Sendable, Codable, Hashable {
    /// `flags`, `naflags` and `policy` as written in the file.
    public var flags: String
    public var naflags: String
    public var policy: String
    /// The masks the kernel uses (nil `flags`: rejected, nothing attributable is selected).
    public var flagsMask: AuditMask?
    public var naflagsMask: AuditMask?
    /// Policy bits in force.
    public var argv: Bool
    public var arge: Bool
    public var cnt: Bool
    public var ahlt: Bool
    /// Rotation size in bytes (0: never by size).
    public var filesz: Int64
    /// The soft limit in percent; nil when `minfree` is missing or invalid, so auditd does not start.
    public var minfree: Int?
    /// The expire-after terms (nil or 0: absent) and whether both must hold (`AND`).
    public var expireAfterAgeSeconds: Double?
    public var expireAfterSizeBytes: Int64?
    public var expireAfterBoth: Bool
    /// The kernel queue high-water mark.
    public var qsize: Int
    /// Why the file may not do what its text says (rejected masks, a refused policy).
    public var problems: [String]

    public init(
        flags: String, naflags: String, policy: String, flagsMask: AuditMask?, naflagsMask: AuditMask?, argv: Bool,
        arge: Bool, cnt: Bool, ahlt: Bool, filesz: Int64, minfree: Int?, expireAfterAgeSeconds: Double?,
        expireAfterSizeBytes: Int64?, expireAfterBoth: Bool, qsize: Int, problems: [String]
    ) {
        self.flags = flags
        self.naflags = naflags
        self.policy = policy
        self.flagsMask = flagsMask
        self.naflagsMask = naflagsMask
        self.argv = argv
        self.arge = arge
        self.cnt = cnt
        self.ahlt = ahlt
        self.filesz = filesz
        self.minfree = minfree
        self.expireAfterAgeSeconds = expireAfterAgeSeconds
        self.expireAfterSizeBytes = expireAfterSizeBytes
        self.expireAfterBoth = expireAfterBoth
        self.qsize = qsize
        self.problems = problems
    }
}

/// The file system holding a host's trail directory.
public struct DiskFacts: Sendable, Codable, Hashable {
    /// How the figures were found.
    public enum Source: String, Sendable, Codable, Hashable {
        /// Read with `statfs(2)` on the trail directory.
        case statfs
        /// Given with `--disk-size` and `--disk-free`.
        case options
    }

    /// The trail directory measured (nil when the figures were given as options).
    public var path: String?
    /// Size in bytes (`f_blocks` × block size).
    public var size: Int64
    /// Free bytes, counted as the kernel counts them (`f_bfree`: root's reserve included).
    public var free: Int64
    /// The block size the kernel's limits count in.
    public var blockSize: Int64
    public var source: Source

    public init(path: String?, size: Int64, free: Int64, blockSize: Int64, source: Source) {
        self.path = path
        self.size = size
        self.free = free
        self.blockSize = blockSize
        self.source = source
    }

    /// The file system holding `directory`: `statfs(2)` on macOS and the BSDs (64-bit block
    /// counts), `statvfs(3)` on Linux (glibc's wrapper of `statfs`, as the Glibc module
    /// exposes no `statfs`), with the block size both count in.
    ///
    /// - Throws: ``AuditLintError/unreadable(_:reason:)`` naming the directory when the
    ///   call fails, or when the sizes it reports do not fit in 64 bits.
    public static func measure(directory: String) throws -> DiskFacts {
        #if canImport(Darwin)
            var info = statfs()
            let status = statfs(directory, &info)
            let block = Int64(info.f_bsize)
        #else
            var info = statvfs()
            let status = statvfs(directory, &info)
            let block = Int64(clamping: info.f_frsize != 0 ? info.f_frsize : info.f_bsize)
        #endif
        guard status == 0 else {
            let reason = String(cString: strerror(errno))
            throw AuditLintError.unreadable(
                directory, reason: "statfs failed: \(reason); give the disk with --disk-size and --disk-free")
        }
        let (size, sizeOverflow) = Int64(clamping: info.f_blocks).multipliedReportingOverflow(by: block)
        let (free, freeOverflow) = Int64(clamping: info.f_bfree).multipliedReportingOverflow(by: block)
        guard block > 0, size > 0, !sizeOverflow, !freeOverflow else {
            throw AuditLintError.unreadable(
                directory,
                reason:
                    "the file system reports a size that is not usable (\(info.f_blocks) blocks of \(block) bytes); give the disk with --disk-size and --disk-free"
            )
        }
        return DiskFacts(path: directory, size: size, free: min(free, size), blockSize: block, source: .statfs)
    }
}

extension VolumeProfile {
    /// The profile labelled with `facts`: its host added to ``hosts``, and the facts kept
    /// only when the profile then names that one host (a merge of several hosts has none).
    public func describing(_ facts: HostFacts) -> VolumeProfile {
        var copy = self
        copy.hosts = Array(Set(hosts + [facts.name])).sorted()
        copy.host = copy.hosts == [facts.name] ? facts : nil
        return copy
    }

    /// The profile with only its `count` top talkers, in the profile's order
    /// (``talker(_:precedes:in:)``), as `estimate --save-profile` keeps them: paths beyond
    /// the top talkers stay on the host. The volume figures are unchanged (the buckets hold
    /// every byte). Talkers not in that order (a profile made only to be evaluated, a file
    /// written by hand) are put in it first.
    public func keepingTopTalkers(_ count: Int) -> VolumeProfile {
        var copy = self
        let talkers = self.talkers
        let inOrder = talkers.indices.dropFirst().allSatisfy { !Self.talker($0, precedes: $0 - 1, in: talkers) }
        let order =
            inOrder ? Array(talkers.indices) : talkers.indices.sorted { Self.talker($0, precedes: $1, in: talkers) }
        copy.talkers = order.prefix(max(0, count)).map { talkers[$0] }
        return copy
    }

    /// The first problem with the host facts, naming the field, or nil.
    func hostFactsProblem(_ ranges: FieldRanges) -> String? {
        guard let host else { return nil }
        var checks: [String?] = [
            host.name.isEmpty ? "\"\(ranges.prefix)host.name\" is empty" : nil
        ]
        if let disk = host.disk {
            checks += [
                ranges.check(disk.size, in: 1...Int64(Self.maximumCount), "host.disk.size"),
                ranges.check(disk.free, in: 0...max(disk.size, 0), "host.disk.free"),
                ranges.check(disk.blockSize, in: 1...max(min(disk.size, 1 << 30), 1), "host.disk.blockSize"),
            ]
        }
        if let control = host.auditControl {
            let settings = control.settings
            let isHash =
                control.sha256.utf8.count == 64
                && control.sha256.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
            checks += [
                isHash ? nil : "\"\(ranges.prefix)host.auditControl.sha256\" is not 64 lowercase hexadecimal digits",
                ranges.check(settings.filesz, in: 0...Int64.max, "host.auditControl.settings.filesz"),
                settings.minfree.flatMap { ranges.check($0, in: 0...100, "host.auditControl.settings.minfree") },
                ranges.check(settings.qsize, in: 1...(1 << 20), "host.auditControl.settings.qsize"),
                settings.expireAfterAgeSeconds.flatMap {
                    ranges.check($0, in: -1e12...1e12, "host.auditControl.settings.expireAfterAgeSeconds")
                },
                settings.expireAfterSizeBytes.flatMap {
                    ranges.check($0, in: 0...Int64.max, "host.auditControl.settings.expireAfterSizeBytes")
                },
            ]
        }
        return checks.lazy.compactMap { $0 }.first
    }
}
