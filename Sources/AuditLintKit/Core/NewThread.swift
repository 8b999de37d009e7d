import Foundation

extension DispatchGroup {
    /// Runs `body` on a thread started for it at once, as one of the group's tasks
    /// (``wait()`` waits for it too).
    ///
    /// For work that keeps a processor busy from its first moment: on Linux the global
    /// dispatch queues add a thread only some milliseconds after the ones they have are
    /// busy, which left a processor idle for the first 3 ms of a parallel read.
    func runOnNewThread(_ body: @escaping @Sendable () -> Void) {
        enter()
        Thread {
            body()
            self.leave()
        }.start()
    }
}
