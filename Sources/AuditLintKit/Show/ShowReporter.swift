/// Renders a ``ShowReport`` as text or JSON (pure functions: no I/O).
public enum ShowReporter {
    /// The JSON interface (`schemaVersion` 1), on one line with a final newline. Keys are in
    /// a fixed order; masks are unsigned 32-bit integers; absent values are `null`.
    public static func json(_ report: ShowReport) -> String {
        func flags(_ value: ShowReport.Flags?) -> JSONValue {
            .optional(value) { flags in
                .object([
                    "written": .optional(flags.written, JSONValue.string),
                    "valid": .bool(flags.valid),
                    "successMask": .optional(flags.successMask) { .unsigned(UInt64($0)) },
                    "failureMask": .optional(flags.failureMask) { .unsigned(UInt64($0)) },
                    "successClasses": .optional(flags.successClasses) { .array($0.map(JSONValue.string)) },
                    "failureClasses": .optional(flags.failureClasses) { .array($0.map(JSONValue.string)) },
                ])
            }
        }
        let root = JSONValue.object([
            "schemaVersion": .integer(ShowReport.schemaVersion),
            "dialect": .string(report.dialect.rawValue),
            "file": .string(report.file),
            "flags": flags(report.flags),
            "naflags": flags(report.naflags),
            "policy": .optional(report.policy) { policy in
                .object([
                    "written": .optional(policy.written, JSONValue.string),
                    "valid": .bool(policy.valid),
                    "effective": .array(policy.effective.map(JSONValue.string)),
                ])
            },
            "minfree": .optional(report.minfree) { minfree in
                .object([
                    "written": .optional(minfree.written, JSONValue.string),
                    "valid": .bool(minfree.valid),
                    "percent": .optional(minfree.percent, JSONValue.integer),
                    "kernelThresholdPercent": .optional(minfree.kernelThresholdPercent, JSONValue.withFraction),
                ])
            },
            "filesz": .optional(report.filesz) { filesz in
                .object([
                    "written": .optional(filesz.written, JSONValue.string),
                    "valid": .bool(filesz.valid),
                    "bytes": .unsigned(filesz.bytes),
                ])
            },
            "expireAfter": .optional(report.expireAfter) { expire in
                .object([
                    "written": .optional(expire.written, JSONValue.string),
                    "valid": .bool(expire.valid),
                    "ageSeconds": .optional(expire.ageSeconds) { .integer(Int($0)) },
                    "sizeBytes": .optional(expire.sizeBytes, JSONValue.unsigned),
                    "combinator": .optional(expire.combinator) { .string($0.rawValue) },
                    "expiresAnything": .bool(expire.expiresAnything),
                ])
            },
            "dirs": .array(report.dirs.map(JSONValue.string)),
            "host": .optional(report.host) { host in
                .object(["written": .optional(host.written, JSONValue.string)])
            },
            "qsize": .optional(report.qsize) { qsize in
                .object([
                    "written": .optional(qsize.written, JSONValue.string),
                    "valid": .bool(qsize.valid),
                    "value": .integer(qsize.value),
                ])
            },
            "dist": .optional(report.dist) { dist in
                .object([
                    "written": .optional(dist.written, JSONValue.string),
                    "enabled": .bool(dist.enabled),
                ])
            },
        ])
        return root.compact + "\n"
    }

    /// The human-readable report: one block per setting with what is written, what is in
    /// force and, where they differ, why.
    public static func text(_ report: ShowReport) -> String {
        var lines = ["\(report.file) (dialect \(report.dialect.rawValue))", ""]
        func block(_ key: String, written: String??, effective: String, why: String?) {
            let shown: String
            switch written {
            case .none: shown = "(missing)"
            case .some(.none): shown = "(no value)"
            case .some(.some(let text)): shown = quote(text)
            }
            let pad = String(repeating: " ", count: max(1, 14 - key.count))
            lines.append("\(key)\(pad)written:   \(shown)")
            lines.append("              effective: \(effective)")
            if let why { lines.append("              why:       \(why)") }
        }
        func maskText(_ flags: ShowReport.Flags?, missing: String, timing: String) -> (String??, String, String?) {
            guard let flags else { return (nil, missing, nil) }
            guard let success = flags.successMask, let failure = flags.failureMask else {
                return (.some(flags.written), "no mask", flags.why)
            }
            func half(_ mask: UInt32, _ names: [String]?) -> String {
                "\(hex(mask)) (\((names ?? []).isEmpty ? "nothing" : (names ?? []).joined(separator: ",")))"
            }
            return (
                .some(flags.written),
                "success \(half(success, flags.successClasses)), failure \(half(failure, flags.failureClasses)); \(timing)",
                flags.why
            )
        }
        let (flagsWritten, flagsEffective, flagsWhy) = maskText(
            report.flags, missing: "no system mask for logins", timing: "applies at each user's next login")
        block("flags", written: flagsWritten, effective: flagsEffective, why: flagsWhy)
        let (naWritten, naEffective, naWhy) = maskText(
            report.naflags, missing: "0x00000000 (nothing)", timing: "applies on `audit -s`")
        block("naflags", written: naWritten, effective: naEffective, why: naWhy)
        block(
            "policy", written: report.policy.map(\.written),
            effective: (report.policy?.effective ?? ["cnt"]).joined(separator: ","), why: report.policy?.why)
        let minfreeEffective: String
        if let percent = report.minfree?.percent, let threshold = report.minfree?.kernelThresholdPercent {
            minfreeEffective =
                percent == 0
                ? "0 % (no low-space warning)"
                : "\(percent) % (the kernel warns below \(MinfreeSetting.format(threshold)) % free)"
        } else {
            minfreeEffective = "none: auditd does not start"
        }
        block("minfree", written: report.minfree.map(\.written), effective: minfreeEffective, why: report.minfree?.why)
        let bytes = report.filesz?.bytes ?? 0
        block(
            "filesz", written: report.filesz.map(\.written),
            effective: bytes == 0 ? "0 (never rotate by size)" : "\(bytes) bytes", why: report.filesz?.why)
        block(
            "expire-after", written: report.expireAfter.map(\.written),
            effective: report.expireAfter.map(expiryText) ?? "nothing expires", why: report.expireAfter?.why)
        lines.append(
            "dir           "
                + (report.dirs.isEmpty ? "(none: auditd cannot start)" : report.dirs.map(quote).joined(separator: ", "))
        )
        if let host = report.host {
            block(
                "host", written: .some(host.written),
                effective: host.written.flatMap { $0.isEmpty ? nil : quote($0) } ?? "none", why: host.why)
        }
        if let qsize = report.qsize {
            block("qsize", written: .some(qsize.written), effective: "\(qsize.value) records", why: qsize.why)
        }
        if let dist = report.dist {
            block("dist", written: .some(dist.written), effective: dist.enabled ? "on" : "off", why: dist.why)
        }
        if !report.missing.isEmpty || !report.notes.isEmpty {
            lines.append("")
            lines += (report.missing + report.notes).map { "note: \($0)" }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func expiryText(_ expire: ShowReport.ExpireAfter) -> String {
        guard expire.expiresAnything else { return "nothing expires" }
        var conditions: [String] = []
        if let size = expire.sizeBytes, size != 0 { conditions.append("the trails total more than \(size) bytes") }
        if let age = expire.ageSeconds, age < 0 {
            conditions.append("a trail is closed (the age \(age) s is negative: every closed trail)")
        } else if let age = expire.ageSeconds, age != 0 {
            conditions.append("a trail is older than \(age) s")
        }
        let joined = conditions.joined(separator: expire.combinator == .and ? " and " : " or ")
        return "delete the oldest trails while \(joined)"
    }

    static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: 8 - digits.count) + digits
    }

    static func quote(_ text: String) -> String { QuotedText.code(text) }
}
