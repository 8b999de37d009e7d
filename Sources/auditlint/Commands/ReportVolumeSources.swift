import AuditLintKit
import Foundation

extension ReportCommand {
    /// The write volume of sample trails and saved profiles replayed through a candidate
    /// configuration: its bytes per day, mean record size and (for a sample of a day or
    /// more) hourly profile, with the assumptions added to `notes`.
    ///
    /// Values not given (`nil`) are `control`'s, else the stock audit_control's: flags and
    /// naflags `lo,aa`, policy `cnt,argv`. The event table is `eventsPath`, else the one
    /// beside `control`, else the dialect's built-in; the audit_user is `usersPath`, else the
    /// one beside `control`, applied to the users `userMapPath` names. Damage in the trails
    /// is reported on standard error and skipped; progress is shown there on a terminal.
    func sampledVolume(
        trails: [String], profiles: [String], control: AuditControl?, flags: String?, naflags: String?, policy: String?,
        eventsPath: String?, usersPath: String?, userMapPath: String?, dialect: Dialect, notes: inout [String]
    ) throws -> (WriteVolume, String) {
        let setup = try EstimateSetup.load(
            controlPath: control?.path, eventsPath: eventsPath, usersPath: usersPath, userMapPath: userMapPath, dialect: dialect)
        let base = control ?? setup.stockControl
        var candidate = EstimateCandidate(
            label: "", control: base, flags: flags, naflags: naflags, policy: policy, classes: setup.classes, dialect: dialect)
        candidate.label = "flags \(candidate.flagsText), naflags \(candidate.naflagsText), policy \(candidate.policyText)"
        var builder = VolumeProfileBuilder()
        for path in profiles { builder.add(try VolumeProfile.read(path: path)) }
        if !trails.isEmpty { try readTrailProfiles(trails, into: &builder, command: "report") }
        let sample = try builder.profile().recorded(
            sampleFlags: sampleFlags, option: "--sample-flags", besideTrails: trails.filter { $0 != "-" }, dialect: dialect,
            classes: setup.classes)
        let estimator = setup.estimator()
        let estimate = estimator.evaluate(candidate, on: sample)
        guard let (volume, assumptions) = estimate.writeVolume(spanSeconds: sample.spanSeconds) else {
            throw AuditLintError.invalidInput(
                "the sample spans no time (\(sample.records) records, all at one header time); give a longer trail or --rate")
        }
        let sources = (trails.isEmpty ? [] : ["trail \(trails.joined(separator: " "))"])
            + (profiles.isEmpty ? [] : ["profile \(profiles.joined(separator: " "))"])
        notes += assumptions
        notes += candidate.problems
        if let note = estimator.unappliedUsersNote { notes.append(note) }
        notes.append(setup.notes.joined(separator: "; "))
        if sample.damagedBytes > 0 { notes.append("\(sample.damagedBytes) damaged bytes of the sample were skipped") }
        if profiles.count + (trails.isEmpty ? 0 : 1) > 1 {
            notes.append("the rate is per host: the samples' spans add up, as for profiles of several hosts")
        }
        return (volume, sources.joined(separator: ", ") + ", \(candidate.label)")
    }
}
