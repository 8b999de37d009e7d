/// The audit settings the capacity model needs, as plain values.
///
/// This is independent of any parser: the `audit_control` parser (or the command line)
/// maps its effective values onto it.
public struct CapacityConfiguration: Sendable, Hashable, Codable {
    /// Rotation size in bytes; 0 means never rotate by size.
    public var filesz: Int64
    /// When auditd deletes closed trails after a rotation.
    public var expireAfter: ExpireAfter
    /// The soft limit, percent of the disk (0 to 100); 0 means no soft limit.
    public var minfree: Int
    /// Policy `cnt`: keep running (dropping records) when space runs out.
    public var cnt: Bool
    /// Policy `ahlt`: panic on a write error.
    public var ahlt: Bool
    /// The kernel queue high-water mark (`qsize`), used by the fail-stop estimate.
    public var qsize: Int

    public init(
        filesz: Int64, expireAfter: ExpireAfter, minfree: Int, cnt: Bool, ahlt: Bool = false,
        qsize: Int = 100
    ) {
        self.filesz = filesz
        self.expireAfter = expireAfter
        self.minfree = minfree
        self.cnt = cnt
        self.ahlt = ahlt
        self.qsize = qsize
    }

    /// The stock `audit_control` of OpenBSM and macOS: `filesz:2M`, `expire-after:10M`,
    /// `minfree:5`, `policy:cnt,argv` (qsize default 100).
    public static let stock = CapacityConfiguration(
        filesz: 2 * 1024 * 1024, expireAfter: ExpireAfter(sizeBytes: 10 * 1024 * 1024),
        minfree: 5, cnt: true)

    /// The policy flags that matter to the model, as `cnt,ahlt`, `cnt`, `ahlt` or `none`.
    public var policyDescription: String {
        let flags = (cnt ? ["cnt"] : []) + (ahlt ? ["ahlt"] : [])
        return flags.isEmpty ? "none" : flags.joined(separator: ",")
    }
}

/// The `expire-after` setting: an age and/or a size, combined by OR or AND.
///
/// A term of 0 counts as absent (as auditd reads it).
public struct ExpireAfter: Sendable, Hashable, Codable {
    /// How two terms combine. A single term behaves as `or`.
    public enum Combinator: String, Sendable, Hashable, Codable, CaseIterable {
        case or, and
    }

    /// Delete trails closed more than this many seconds ago; nil or 0 is absent. Negative
    /// (`expire-after:-1d`, which getacexpire stores signed) deletes every closed trail at
    /// each rotation, the one just closed included.
    public var ageSeconds: Double?
    /// Delete while the trail files total more than this many bytes; nil or 0 is absent.
    public var sizeBytes: Int64?
    /// How the terms combine.
    public var combinator: Combinator

    public init(ageSeconds: Double? = nil, sizeBytes: Int64? = nil, combinator: Combinator = .or) {
        self.ageSeconds = ageSeconds
        self.sizeBytes = sizeBytes
        self.combinator = combinator
    }

    /// Nothing ever expires.
    public static let never = ExpireAfter()

    /// The age term when present (non-zero; negative from audit_control's `-1d`).
    var age: Double? { ageSeconds.flatMap { $0 != 0 ? $0 : nil } }
    /// The size term when present (non-zero).
    var size: Int64? { sizeBytes.flatMap { $0 > 0 ? $0 : nil } }

    /// `10M`, `60d OR 5G`, `none` — for people.
    public var description: String {
        var terms: [String] = []
        if let age {
            terms.append(
                age < 0 ? "-\(Quantity.formatDuration(-age)) (every closed trail)" : Quantity.formatDuration(age))
        }
        if let size { terms.append(Quantity.formatSize(size)) }
        return terms.isEmpty ? "none" : terms.joined(separator: " \(combinator.rawValue.uppercased()) ")
    }
}
