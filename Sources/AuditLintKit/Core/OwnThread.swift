import Foundation

extension DispatchGroup {
    /// Runs `body` at once on a thread of its own (a serial queue made for it), as one of the
    /// group's tasks (``wait()`` waits for it too).
    ///
    /// For work that keeps a processor busy from its first moment: on Linux the global
    /// concurrent queues add a thread only some milliseconds after the ones they have are
    /// busy, which left a processor idle for the first 3 ms of a parallel read. A serial
    /// queue's work is given a thread when it arrives, and unlike a `Thread` made by hand,
    /// dispatch still runs it if the system is short of threads.
    func runOnOwnThread(_ body: @escaping @Sendable () -> Void) {
        DispatchQueue(label: "auditlint.worker").async(group: self, execute: body)
    }
}
