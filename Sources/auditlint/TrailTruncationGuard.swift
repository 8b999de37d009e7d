import AuditLintKit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Turns the `SIGBUS` that a trail file truncated while it is read raises (the reader maps
/// regular files: ``TrailMappingRegistry``) into the tool's error: a message naming the file
/// and exit code 3. A `SIGBUS` anywhere else keeps its default action.
enum TrailTruncationGuard {
    /// Installs the handler (once, before any trail is read).
    static func install() {
        TrailMappingRegistry.prepare()
        var action = sigaction()
        #if canImport(Darwin)
            action.__sigaction_u.__sa_sigaction = trailTruncated
        #else
            action.__sigaction_handler.sa_sigaction = trailTruncated
        #endif
        action.sa_flags = SA_SIGINFO
        sigemptyset(&action.sa_mask)
        sigaction(SIGBUS, &action, nil)
    }
}

/// The `SIGBUS` handler: only async-signal-safe calls (`write`, `_exit`, `signal`, `raise`).
private func trailTruncated(
    _ number: Int32, _ info: UnsafeMutablePointer<siginfo_t>?, _ context: UnsafeMutableRawPointer?
) {
    #if canImport(Darwin)
        let address = info?.pointee.si_addr
    #else
        let address = info?.pointee._sifields._sigfault.si_addr
    #endif
    guard let path = TrailMappingRegistry.path(containing: UnsafeRawPointer(address)) else {
        // Not a mapped trail: what the signal would have done without this handler.
        signal(SIGBUS, SIG_DFL)
        raise(SIGBUS)
        return
    }
    writeError("auditlint: error: ")
    _ = write(2, path, strlen(path))
    writeError(
        ": the file became shorter while it was read (another process truncated or rewrote it); read a copy of the trail, or wait until nothing writes it\n"
    )
    _exit(3)
}

private func writeError(_ text: StaticString) {
    _ = text.withUTF8Buffer { write(2, $0.baseAddress, $0.count) }
}
