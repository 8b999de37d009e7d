import Foundation

/// The peak resident set size of this process, the one measure every benchmark reports.
enum PeakMemory {
    /// The peak in bytes, or nil when the system does not say.
    ///
    /// On Linux it is `VmHWM` of `/proc/self/status`, the high-water mark of this program's
    /// own memory. `getrusage`'s `ru_maxrss` is not used there: it survives `exec`, so a child
    /// started by a benchmark process that had grown (all benchmarks in one run) would report
    /// the parent's size as its own.
    static func bytes() -> Int? {
        #if os(Linux)
            guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
                let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
                let kilobytes = Int(line.dropFirst(6).split(whereSeparator: \.isWhitespace).first ?? "")
            else { return nil }
            return kilobytes * 1024
        #else
            var usage = rusage()
            getrusage(EstimateBenchmark.rusageSelf, &usage)
            return Int(usage.ru_maxrss)
        #endif
    }

    /// Resets the peak to the current size (Linux ≥ 4.0: `5` to `/proc/self/clear_refs`), so
    /// that the peak read after is that of what runs in between; false where it cannot.
    static func reset() -> Bool {
        guard let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return false }
        defer { try? handle.close() }
        return (try? handle.write(contentsOf: Data("5".utf8))) != nil
    }

    /// The peak as text, `N kB` (or `n/a`).
    static var text: String { bytes().map { "\($0 / 1024) kB" } ?? "n/a" }
}
