/// A unified diff of two texts that differ in one contiguous block of lines (what a
/// tuning step produces): one hunk with up to 3 lines of context.
public enum UnifiedDiff {
    /// The diff, `---`/`+++` headers included; empty when the texts are equal.
    public static func diff(_ old: String, _ new: String, oldName: String, newName: String) -> String {
        guard old != new else { return "" }
        let a = lines(old)
        let b = lines(new)
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] {
            suffix += 1
        }
        let context = 3
        let start = max(0, prefix - context)
        let aEnd = min(a.count, a.count - suffix + context)
        let bEnd = min(b.count, b.count - suffix + context)
        func range(_ from: Int, _ to: Int) -> String {
            let count = to - from
            return count == 0 ? "\(from),0" : count == 1 ? "\(from + 1)" : "\(from + 1),\(count)"
        }
        var out = "--- \(oldName)\n+++ \(newName)\n@@ -\(range(start, aEnd)) +\(range(start, bEnd)) @@\n"
        for line in a[start..<prefix] { out += " " + line.text + "\n" + line.noNewline }
        for line in a[prefix..<(a.count - suffix)] { out += "-" + line.text + "\n" + line.noNewline }
        for line in b[prefix..<(b.count - suffix)] { out += "+" + line.text + "\n" + line.noNewline }
        for line in a[(a.count - suffix)..<aEnd] { out += " " + line.text + "\n" + line.noNewline }
        return out
    }

    struct Line: Equatable {
        var text: String
        /// The marker for a last line without a newline.
        var noNewline: String
    }

    static func lines(_ text: String) -> [Line] {
        var parts = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            Line(text: String($0), noNewline: "")
        }
        if parts.last?.text == "" {
            parts.removeLast()
        } else if !parts.isEmpty {
            parts[parts.count - 1].noNewline = "\\ No newline at end of file\n"
        }
        return parts
    }
}
