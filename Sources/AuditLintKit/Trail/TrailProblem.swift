/// Something wrong (or merely unusual) found while reading a trail.
///
/// Damage is reported with the byte offset in the file where it starts; the reader then
/// resynchronises at the next plausible record and goes on. Notes (``isDamage`` false)
/// describe accepted writer quirks.
public struct TrailProblem: Sendable, Hashable, CustomStringConvertible {
    /// What was wrong.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// The trail ends inside a record (or inside a stand-alone file token).
        case truncatedRecord = "truncated-record"
        /// Bytes between records that do not start a record.
        case garbage
        /// A header whose record byte count is impossible (too small, 0xFFFFFFFF, above the cap).
        case impossibleSize = "impossible-size"
        /// The header's byte count does not lead to a trailer.
        case missingTrailer = "missing-trailer"
        /// The trailer's magic or byte count disagrees with the header.
        case trailerMismatch = "trailer-mismatch"
        /// A token runs past the end of its record (or into its trailer).
        case tokenOverrun = "token-overrun"
        /// A token id this decoder does not know; skipped up to the trailer.
        case unknownToken = "unknown-token"
        /// Note: an xnu extended header whose byte count leaves out the extension (§6.1).
        case extendedHeaderSize = "extended-header-size"
    }

    /// The trail file (or `-` for standard input).
    public var file: String
    /// Byte offset in the file where the problem starts.
    public var offset: Int64
    public var kind: Kind
    /// What was wrong, and what the reader did about it.
    public var detail: String

    public init(file: String, offset: Int64, kind: Kind, detail: String) {
        self.file = file
        self.offset = offset
        self.kind = kind
        self.detail = detail
    }

    /// Whether this is damage (not a note about an accepted quirk).
    public var isDamage: Bool { kind != .extendedHeaderSize }

    public var description: String {
        "\(file): byte \(offset): \(isDamage ? "damage" : "note") (\(kind.rawValue)): \(detail)"
    }
}
