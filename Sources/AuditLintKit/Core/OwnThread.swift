import Foundation

#if canImport(Glibc)
    import Glibc
#endif

extension DispatchGroup {
    /// Runs `body` at once on a thread of its own, as one of the group's tasks (``wait()``
    /// waits for it too).
    ///
    /// For work that keeps a processor busy from its first moment. On Linux it is a thread
    /// made for it: dispatch gives even a serial queue's first work item a thread only when
    /// its pool has one to spare, and with the other processor busy the second worker of a
    /// parallel read often started 2–5 ms after the first (8 files of 181 MB on 2 cores,
    /// 10 runs each in 3 pairs: 68–74 ms a run against 72–85 ms). When no thread can be
    /// made, and elsewhere, a serial queue of its own runs it (dispatch still runs it if the
    /// system is short of threads).
    func runOnOwnThread(_ body: @escaping @Sendable () -> Void) {
        #if canImport(Glibc)
            enter()
            let task = Unmanaged.passRetained(
                ThreadTask { [self] in
                    body()
                    leave()
                })
            var thread = pthread_t()
            let started = pthread_create(
                &thread, nil,
                { context in
                    guard let context else { return nil }
                    Unmanaged<ThreadTask>.fromOpaque(context).takeRetainedValue().run()
                    return nil
                }, task.toOpaque())
            if started == 0 {
                pthread_detach(thread)
                return
            }
            task.release()
            leave()
        #endif
        DispatchQueue(label: "auditlint.worker").async(group: self, execute: body)
    }
}

/// The work of a thread made by ``DispatchGroup/runOnOwnThread(_:)``, passed to it as a
/// pointer.
private final class ThreadTask: Sendable {
    let run: @Sendable () -> Void

    init(_ run: @escaping @Sendable () -> Void) { self.run = run }
}
