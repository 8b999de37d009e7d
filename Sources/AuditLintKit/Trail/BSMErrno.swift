import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// BSM (Solaris-numbered) error numbers as return tokens carry them, and what libbsm's
/// error table (`libbsm/bsm_errno.c`) makes of each.
///
/// praudit prints a return token's status through `print_retval` (`libbsm/bsm_io.c`, the
/// same in OpenBSM 1.2 and Apple's OpenBSM-21): `au_bsm_to_errno` looks the number up in
/// libbsm's table; when the table has it and the host defines that error, praudit prints
/// `failure : ` and the host's `strerror`, otherwise `failure: Unknown error: N`. The table
/// leaves out some numbers `audit_errno.h` names (ENODATA, ETIME, ENOSR, ENETUNREACH,
/// EQFULL, UNKNOWN), so those print as unknown on every host. ``localText(_:)`` reproduces
/// that; ``message(_:)`` is `au_strerror`, whose own texts do not depend on the host.
public enum BSMErrno {
    /// One line an error: number, name (`BSM_ERRNO_` dropped), then libbsm's own text for
    /// the numbers its table maps (none for the numbers it leaves out).
    private static let table = """
        0 ESUCCESS Success
        1 EPERM Operation not permitted
        2 ENOENT No such file or directory
        3 ESRCH No such process
        4 EINTR Interrupted system call
        5 EIO Input/output error
        6 ENXIO Device not configured
        7 E2BIG Argument list too long
        8 ENOEXEC Exec format error
        9 EBADF Bad file descriptor
        10 ECHILD No child processes
        11 EAGAIN Resource temporarily unavailable
        12 ENOMEM Cannot allocate memory
        13 EACCES Permission denied
        14 EFAULT Bad address
        15 ENOTBLK Block device required
        16 EBUSY Device busy
        17 EEXIST File exists
        18 EXDEV Cross-device link
        19 ENODEV Operation not supported by device
        20 ENOTDIR Not a directory
        21 EISDIR Is a directory
        22 EINVAL Invalid argument
        23 ENFILE Too many open files in system
        24 EMFILE Too many open files
        25 ENOTTY Inappropriate ioctl for device
        26 ETXTBSY Text file busy
        27 EFBIG File too large
        28 ENOSPC No space left on device
        29 ESPIPE Illegal seek
        30 EROFS Read-only file system
        31 EMLINK Too many links
        32 EPIPE Broken pipe
        33 EDOM Numerical argument out of domain
        34 ERANGE Result too large
        35 ENOMSG No message of desired type
        36 EIDRM Identifier removed
        37 ECHRNG Channel number out of range
        38 EL2NSYNC Level 2 not synchronized
        39 EL3HLT Level 3 halted
        40 EL3RST Level 3 reset
        41 ELNRNG Link number out of range
        42 EUNATCH Protocol driver not attached
        43 ENOCSI No CSI structure available
        44 EL2HLT Level 2 halted
        45 EDEADLK Resource deadlock avoided
        46 ENOLCK No locks available
        47 ECANCELED Operation canceled
        48 ENOTSUP Operation not supported
        49 EDQUOT Disc quota exceeded
        50 EBADE Invalid exchange
        51 EBADR Invalid request descriptor
        52 EXFULL Exchange full
        53 ENOANO No anode
        54 EBADRQC Invalid request descriptor
        55 EBADSLT Invalid slot
        56 EDEADLOCK Resource deadlock avoided
        57 EBFONT Bad font file format
        58 EOWNERDEAD Process died with the lock
        59 ENOTRECOVERABLE Lock is not recoverable
        60 ENOSTR Device not a stream
        61 ENODATA
        62 ETIME
        63 ENOSR
        64 ENONET Machine is not on the network
        65 ENOPKG Package not installed
        66 EREMOTE Too many levels of remote in path
        67 ENOLINK Link has been severed
        68 EADV Advertise error
        69 ESRMNT srmount error
        70 ECOMM Communication error on send
        71 EPROTO Protocol error
        72 ELOCKUNMAPPED Locked lock was unmapped
        73 ENOTACTIVE Facility is not active
        74 EMULTIHOP Multihop attempted
        77 EBADMSG Bad message
        78 ENAMETOOLONG File name too long
        79 EOVERFLOW Value too large to be stored in data type
        80 ENOTUNIQ Given log name not unique
        81 EBADFD Given f.d. invalid for this operation
        82 EREMCHG Remote address changed
        83 ELIBACC Can't access a needed shared lib
        84 ELIBBAD Accessing a corrupted shared lib
        85 ELIBSCN .lib section in a.out corrupted
        86 ELIBMAX Attempting to link in too many libs
        87 ELIBEXEC Attempting to exec a shared library
        88 EILSEQ Illegal byte sequence
        89 ENOSYS Function not implemented
        90 ELOOP Too many levels of symbolic links
        91 ERESTART Restart syscall
        92 ESTRPIPE If pipe/FIFO, don't sleep in stream head
        93 ENOTEMPTY Directory not empty
        94 EUSERS Too many users
        95 ENOTSOCK Socket operation on non-socket
        96 EDESTADDRREQ Destination address required
        97 EMSGSIZE Message too long
        98 EPROTOTYPE Protocol wrong type for socket
        99 ENOPROTOOPT Protocol not available
        120 EPROTONOSUPPORT Protocol not supported
        121 ESOCKTNOSUPPORT Socket type not supported
        122 EOPNOTSUPP Operation not supported
        123 EPFNOSUPPORT Protocol family not supported
        124 EAFNOSUPPORT Address family not supported by protocol family
        125 EADDRINUSE Address already in use
        126 EADDRNOTAVAIL Can't assign requested address
        127 ENETDOWN Network is down
        128 ENETUNREACH
        129 ENETRESET Network dropped connection on reset
        130 ECONNABORTED Software caused connection abort
        131 ECONNRESET Connection reset by peer
        132 ENOBUFS No buffer space available
        133 EISCONN Socket is already connected
        134 ENOTCONN Socket is not connected
        143 ESHUTDOWN Can't send after socket shutdown
        144 ETOOMANYREFS Too many references: can't splice
        145 ETIMEDOUT Operation timed out
        146 ECONNREFUSED Connection refused
        147 EHOSTDOWN Host is down
        148 EHOSTUNREACH No route to host
        149 EALREADY Operation already in progress
        150 EINPROGRESS Operation now in progress
        151 ESTALE Stale NFS file handle
        152 EQFULL
        190 EPROCLIM Too many processes
        191 EBADRPC RPC struct is bad
        192 ERPCMISMATCH RPC version wrong
        193 EPROGUNAVAIL RPC prog. not avail
        194 EPROGMISMATCH RPC version wrong
        195 EPROCUNAVAIL Bad procedure for program
        196 EFTYPE Inappropriate file type or format
        197 EAUTH Authenticateion error
        198 ENEEDAUTH Need authenticator
        199 ENOATTR Attribute not found
        200 EDOOFUS Programming error
        201 EJUSTRETURN Just return
        202 ENOIOCTL ioctl not handled by this layer
        203 EDIRIOCTL do direct ioctl in GEOM
        204 EPWROFF Device power is off
        205 EDEVERR Device error
        206 EBADEXEC Bad executable
        207 EBADARCH Bad CPU type in executable
        208 ESHLIBVERS Shared library version mismatch
        209 EBADMACHO Malformed Macho file
        210 EPOLICY Operation failed by policy
        211 EDOTDOT RFS specific error
        212 EUCLEAN Structure needs cleaning
        213 ENOTNAM Not a XENIX named type file
        214 ENAVAIL No XENIX semaphores available
        215 EISNAM Is a named type file
        216 EREMOTEIO Remote I/O error
        217 ENOMEDIUM No medium found
        218 EMEDIUMTYPE Wrong medium type
        219 ENOKEY Required key not available
        220 EKEYEXPIRED Key has expired
        221 EKEYREVOKED Key has been revoked
        222 EKEYREJECTED Key was rejected by service
        223 ENOTCAPABLE Capabilities insufficient
        224 ECAPMODE Not permitted in capability mode
        225 EINTEGRITY Integrity check failed
        250 UNKNOWN
        """

    private static let rows: [(number: UInt8, name: String, text: String?)] = table.split(separator: "\n").map { line in
        let fields = line.split(separator: " ", maxSplits: 2)
        return (UInt8(fields[0])!, String(fields[1]), fields.count == 3 ? String(fields[2]) : nil)
    }

    /// The symbolic name of each BSM error number `audit_errno.h` defines.
    public static let names: [UInt8: String] = Dictionary(uniqueKeysWithValues: rows.map { ($0.number, $0.name) })

    /// libbsm's own text for each number its error table maps.
    static let libbsmTexts: [UInt8: String] = Dictionary(
        uniqueKeysWithValues: rows.compactMap { row in row.text.map { (row.number, $0) } })

    /// `au_strerror`: the host's text when libbsm maps the number to a local error, libbsm's
    /// own text when the host lacks that error, and "Unrecognized BSM error" for a number
    /// outside libbsm's table (0 is "Success").
    public static func message(_ status: UInt8) -> String {
        guard let text = libbsmTexts[status] else { return "Unrecognized BSM error" }
        return localTexts[status] ?? text
    }

    /// The host's errno for each BSM error name the host defines (the `#ifdef`s in libbsm's
    /// table: a name the host lacks has no local mapping).
    static let local: [String: Int32] = {
        var local: [String: Int32] = [
            "EPERM": EPERM, "ENOENT": ENOENT, "ESRCH": ESRCH, "EINTR": EINTR, "EIO": EIO,
            "ENXIO": ENXIO, "E2BIG": E2BIG, "ENOEXEC": ENOEXEC, "EBADF": EBADF, "ECHILD": ECHILD,
            "EAGAIN": EAGAIN, "ENOMEM": ENOMEM, "EACCES": EACCES, "EFAULT": EFAULT, "ENOTBLK": ENOTBLK,
            "EBUSY": EBUSY, "EEXIST": EEXIST, "EXDEV": EXDEV, "ENODEV": ENODEV, "ENOTDIR": ENOTDIR,
            "EISDIR": EISDIR, "EINVAL": EINVAL, "ENFILE": ENFILE, "EMFILE": EMFILE, "ENOTTY": ENOTTY,
            "ETXTBSY": ETXTBSY, "EFBIG": EFBIG, "ENOSPC": ENOSPC, "ESPIPE": ESPIPE, "EROFS": EROFS,
            "EMLINK": EMLINK, "EPIPE": EPIPE, "EDOM": EDOM, "ERANGE": ERANGE, "ENOMSG": ENOMSG,
            "EIDRM": EIDRM, "EDEADLK": EDEADLK, "ENOLCK": ENOLCK, "ECANCELED": ECANCELED,
            "ENOTSUP": ENOTSUP, "EDQUOT": EDQUOT, "EOWNERDEAD": EOWNERDEAD,
            "ENOTRECOVERABLE": ENOTRECOVERABLE, "EREMOTE": EREMOTE, "ENOLINK": ENOLINK,
            "EPROTO": EPROTO, "EMULTIHOP": EMULTIHOP, "EBADMSG": EBADMSG, "ENAMETOOLONG": ENAMETOOLONG,
            "EOVERFLOW": EOVERFLOW, "EILSEQ": EILSEQ, "ENOSYS": ENOSYS, "ELOOP": ELOOP,
            "ENOTEMPTY": ENOTEMPTY, "EUSERS": EUSERS, "ENOTSOCK": ENOTSOCK, "EDESTADDRREQ": EDESTADDRREQ,
            "EMSGSIZE": EMSGSIZE, "EPROTOTYPE": EPROTOTYPE, "ENOPROTOOPT": ENOPROTOOPT,
            "EPROTONOSUPPORT": EPROTONOSUPPORT, "ESOCKTNOSUPPORT": ESOCKTNOSUPPORT,
            "EOPNOTSUPP": EOPNOTSUPP, "EPFNOSUPPORT": EPFNOSUPPORT, "EAFNOSUPPORT": EAFNOSUPPORT,
            "EADDRINUSE": EADDRINUSE, "EADDRNOTAVAIL": EADDRNOTAVAIL, "ENETDOWN": ENETDOWN,
            "ENETUNREACH": ENETUNREACH, "ENETRESET": ENETRESET, "ECONNABORTED": ECONNABORTED,
            "ECONNRESET": ECONNRESET, "ENOBUFS": ENOBUFS, "EISCONN": EISCONN, "ENOTCONN": ENOTCONN,
            "ESHUTDOWN": ESHUTDOWN, "ETOOMANYREFS": ETOOMANYREFS, "ETIMEDOUT": ETIMEDOUT,
            "ECONNREFUSED": ECONNREFUSED, "EHOSTDOWN": EHOSTDOWN, "EHOSTUNREACH": EHOSTUNREACH,
            "EALREADY": EALREADY, "EINPROGRESS": EINPROGRESS, "ESTALE": ESTALE,
        ]
        #if os(Linux)
            // The System V and Linux errors Linux defines (asm-generic/errno.h) and macOS does not.
            let linux: [String: Int32] = [
                "ECHRNG": ECHRNG, "EL2NSYNC": EL2NSYNC, "EL3HLT": EL3HLT, "EL3RST": EL3RST,
                "ELNRNG": ELNRNG, "EUNATCH": EUNATCH, "ENOCSI": ENOCSI, "EL2HLT": EL2HLT,
                "EBADE": EBADE, "EBADR": EBADR, "EXFULL": EXFULL, "ENOANO": ENOANO,
                "EBADRQC": EBADRQC, "EBADSLT": EBADSLT, "EDEADLOCK": EDEADLOCK, "EBFONT": EBFONT,
                "ENOSTR": ENOSTR,
                "ENONET": ENONET, "ENOPKG": ENOPKG, "EADV": EADV, "ESRMNT": ESRMNT, "ECOMM": ECOMM,
                "ENOTUNIQ": ENOTUNIQ, "EBADFD": EBADFD, "EREMCHG": EREMCHG, "ELIBACC": ELIBACC,
                "ELIBBAD": ELIBBAD, "ELIBSCN": ELIBSCN, "ELIBMAX": ELIBMAX, "ELIBEXEC": ELIBEXEC,
                "ERESTART": ERESTART, "ESTRPIPE": ESTRPIPE, "EDOTDOT": EDOTDOT, "EUCLEAN": EUCLEAN,
                "ENOTNAM": ENOTNAM, "ENAVAIL": ENAVAIL, "EISNAM": EISNAM, "EREMOTEIO": EREMOTEIO,
                "ENOMEDIUM": ENOMEDIUM, "EMEDIUMTYPE": EMEDIUMTYPE, "ENOKEY": ENOKEY,
                "EKEYEXPIRED": EKEYEXPIRED, "EKEYREVOKED": EKEYREVOKED, "EKEYREJECTED": EKEYREJECTED,
            ]
            local.merge(linux) { old, _ in old }
        #endif
        return local
    }()

    /// What praudit prints after `failure : ` for a BSM error number on this host (its
    /// `strerror` of the local error libbsm maps the number to), or `nil` where praudit
    /// prints `failure: Unknown error: N`: a number outside libbsm's table, or an error this
    /// host does not define.
    public static func localText(_ status: UInt8) -> String? {
        localTexts[status]
    }

    static let localTexts: [UInt8: String] = Dictionary(
        uniqueKeysWithValues: rows.compactMap { row in
            guard row.number != 0, row.text != nil, let errno = local[row.name] else { return nil }
            return (row.number, String(cString: strerror(errno)))
        })
}

/// Event numbers to names and descriptions, as `audit_event` defines them.
///
/// A minimal reader for the decoder: `number:name:description:classes` lines, `#` comments.
public struct BSMEventTable: Sendable, Hashable {
    /// One event.
    public struct Entry: Sendable, Hashable {
        public var name: String
        public var description: String

        public init(name: String, description: String) {
            self.name = name
            self.description = description
        }
    }

    public var entries: [UInt16: Entry]

    public init(entries: [UInt16: Entry] = [:]) { self.entries = entries }

    /// The names praudit finds in a parsed audit_event: `getauevnum` skips malformed
    /// lines rather than stopping at them, so entries after a truncating line count too;
    /// the first line for a number wins.
    public init(_ table: AuditEventTable) {
        var entries: [UInt16: Entry] = [:]
        for event in table.events + table.hiddenEvents where entries[UInt16(truncatingIfNeeded: event.number)] == nil {
            entries[UInt16(truncatingIfNeeded: event.number)] = Entry(name: event.name, description: event.description)
        }
        self.entries = entries
    }

    /// Parses `audit_event` text with the audit_event reader (see ``init(_:)``).
    public init(parsing text: String) {
        self.init(AuditEventTable.parse(SourceText(path: "audit_event", text: text), classes: .builtIn(.openbsm)))
    }

    public subscript(_ number: UInt16) -> Entry? { entries[number] }
}
