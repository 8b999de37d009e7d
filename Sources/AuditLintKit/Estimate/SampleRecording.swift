import Foundation

/// The masks a sample was recorded with: `flags` for attributable records, `naflags` for
/// the others. A candidate that selects a class the sample's masks did not select cannot
/// be estimated from it (the sample could not contain those records); a class they did
/// select but the sample holds no record of is truly absent (0 bytes).
///
/// Without it, the estimator can only tell that the sample holds no record of a class,
/// not why, and counts the class as never recorded.
public struct SampleRecording: Sendable, Hashable {
    /// The attributable mask in force while the sample was written; nil when unknown.
    public var flags: AuditMask?
    /// The non-attributable mask; nil when unknown.
    public var naflags: AuditMask?

    public init(flags: AuditMask?, naflags: AuditMask?) {
        self.flags = flags
        self.naflags = naflags
    }

    /// A sample recorded with every class (`flags:all`, `naflags:all`), such as a
    /// synthetic one: every class without records is truly absent.
    public static let everything = SampleRecording(
        flags: AuditMask(success: .max, failure: .max), naflags: AuditMask(success: .max, failure: .max))

    /// How to record a sample that every candidate can be estimated from.
    public static let broadSampleAdvice =
        "record a broad sample: set flags:all and naflags:all (and policy:cnt,argv,arge) in audit_control, "
        + "run `audit -s`, keep a day's trail, restore the configuration, and estimate with --sample-flags all"

    /// Parses the value of a sample-flags option: `FLAGS` (the same mask for flags and
    /// naflags, e.g. `all`) or `FLAGS/NAFLAGS` (e.g. `lo,aa,ex/lo,aa`), read with libbsm's
    /// flags grammar against `classes`.
    ///
    /// - Throws: ``AuditLintError/invalidInput(_:)`` naming `option` when a part is not a
    ///   valid flags value.
    public static func parse(_ text: String, option: String, classes: AuditClassTable) throws -> SampleRecording {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard (1...2).contains(parts.count) else {
            throw AuditLintError.invalidInput(
                "\(option): '\(text)' is not FLAGS or FLAGS/NAFLAGS; give the flags the sample was recorded with, e.g. lo,aa,ex or all"
            )
        }
        var masks: [AuditMask] = []
        for part in parts {
            let flags = AuditFlags.parse(part, classes: classes)
            guard let mask = flags.mask else {
                throw AuditLintError.invalidInput(
                    "\(option): '\(part)' is not a flags value libbsm accepts (class names from audit_class, "
                        + "with +, - or ^ prefixes, separated by commas), e.g. lo,aa,ex or all")
            }
            masks.append(mask)
        }
        return SampleRecording(flags: masks[0], naflags: masks.last)
    }

    /// The masks of the audit_control in force where the trails were recorded: the file
    /// `audit_control` in the trails' directory or beside it (in its parent), when exactly
    /// one such file is found for all of `trails`. Rejected or missing `flags`/`naflags`
    /// count as unknown.
    public static func beside(trails: [String], dialect: Dialect, classes: AuditClassTable) -> SampleRecording? {
        let fm = FileManager.default
        var found = Set<String>()
        for trail in trails {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: trail, isDirectory: &isDirectory) else { return nil }
            let url = URL(fileURLWithPath: trail).standardizedFileURL
            let directory = isDirectory.boolValue ? url : url.deletingLastPathComponent()
            let candidates = [directory, directory.deletingLastPathComponent()].map {
                $0.appendingPathComponent(ConfigurationLoader.FileName.control).path
            }
            guard let path = candidates.first(where: { fm.isReadableFile(atPath: $0) }) else { return nil }
            found.insert(path)
        }
        guard found.count == 1, let path = found.first, let source = try? SourceText.read(path: path) else {
            return nil
        }
        let control = AuditControl.parse(source, dialect: dialect, classes: classes)
        let flags = control.flags.effectiveMask
        // A missing or rejected naflags leaves the kernel's 0: known, nothing selected.
        let naflags = control.naflags.effectiveMask
        return SampleRecording(flags: flags, naflags: naflags)
    }
}

extension VolumeProfile {
    /// The profile marked as recorded with `recording` (replacing what it said before).
    public func recorded(with recording: SampleRecording) -> VolumeProfile {
        var copy = self
        copy.recordedFlags = recording.flags
        copy.recordedNaflags = recording.naflags
        return copy
    }

    /// The profile marked with the masks the sample was recorded with: those `text` gives
    /// (the value of `option`), else those of the audit_control beside `trails`, else
    /// unchanged.
    ///
    /// - Throws: ``AuditLintError/invalidInput(_:)`` when `text` is not a flags value.
    public func recorded(
        sampleFlags text: String?, option: String, besideTrails trails: [String], dialect: Dialect,
        classes: AuditClassTable
    ) throws -> VolumeProfile {
        if let text { return recorded(with: try SampleRecording.parse(text, option: option, classes: classes)) }
        if !trails.isEmpty, let recording = SampleRecording.beside(trails: trails, dialect: dialect, classes: classes) {
            return recorded(with: recording)
        }
        return self
    }
}
