import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// BSM (Solaris-numbered) error numbers as return tokens carry them (`audit_errno.h`).
public enum BSMErrno {
    /// The symbolic name of each BSM error number.
    public static let names: [UInt8: String] = {
        let list: [(UInt8, String)] = [
            (0, "ESUCCESS"), (1, "EPERM"), (2, "ENOENT"), (3, "ESRCH"), (4, "EINTR"), (5, "EIO"),
            (6, "ENXIO"), (7, "E2BIG"), (8, "ENOEXEC"), (9, "EBADF"), (10, "ECHILD"), (11, "EAGAIN"),
            (12, "ENOMEM"), (13, "EACCES"), (14, "EFAULT"), (15, "ENOTBLK"), (16, "EBUSY"),
            (17, "EEXIST"), (18, "EXDEV"), (19, "ENODEV"), (20, "ENOTDIR"), (21, "EISDIR"),
            (22, "EINVAL"), (23, "ENFILE"), (24, "EMFILE"), (25, "ENOTTY"), (26, "ETXTBSY"),
            (27, "EFBIG"), (28, "ENOSPC"), (29, "ESPIPE"), (30, "EROFS"), (31, "EMLINK"),
            (32, "EPIPE"), (33, "EDOM"), (34, "ERANGE"), (35, "ENOMSG"), (36, "EIDRM"),
            (37, "ECHRNG"), (38, "EL2NSYNC"), (39, "EL3HLT"), (40, "EL3RST"), (41, "ELNRNG"),
            (42, "EUNATCH"), (43, "ENOCSI"), (44, "EL2HLT"), (45, "EDEADLK"), (46, "ENOLCK"),
            (47, "ECANCELED"), (48, "ENOTSUP"), (49, "EDQUOT"), (50, "EBADE"), (51, "EBADR"),
            (52, "EXFULL"), (53, "ENOANO"), (54, "EBADRQC"), (55, "EBADSLT"), (56, "EDEADLOCK"),
            (57, "EBFONT"), (58, "EOWNERDEAD"), (59, "ENOTRECOVERABLE"), (60, "ENOSTR"),
            (61, "ENODATA"), (62, "ETIME"), (63, "ENOSR"), (64, "ENONET"), (65, "ENOPKG"),
            (66, "EREMOTE"), (67, "ENOLINK"), (68, "EADV"), (69, "ESRMNT"), (70, "ECOMM"),
            (71, "EPROTO"), (72, "ELOCKUNMAPPED"), (73, "ENOTACTIVE"), (74, "EMULTIHOP"),
            (77, "EBADMSG"), (78, "ENAMETOOLONG"), (79, "EOVERFLOW"), (80, "ENOTUNIQ"),
            (81, "EBADFD"), (82, "EREMCHG"), (83, "ELIBACC"), (84, "ELIBBAD"), (85, "ELIBSCN"),
            (86, "ELIBMAX"), (87, "ELIBEXEC"), (88, "EILSEQ"), (89, "ENOSYS"), (90, "ELOOP"),
            (91, "ERESTART"), (92, "ESTRPIPE"), (93, "ENOTEMPTY"), (94, "EUSERS"),
            (95, "ENOTSOCK"), (96, "EDESTADDRREQ"), (97, "EMSGSIZE"), (98, "EPROTOTYPE"),
            (99, "ENOPROTOOPT"), (120, "EPROTONOSUPPORT"), (121, "ESOCKTNOSUPPORT"),
            (122, "EOPNOTSUPP"), (123, "EPFNOSUPPORT"), (124, "EAFNOSUPPORT"), (125, "EADDRINUSE"),
            (126, "EADDRNOTAVAIL"), (127, "ENETDOWN"), (128, "ENETUNREACH"), (129, "ENETRESET"),
            (130, "ECONNABORTED"), (131, "ECONNRESET"), (132, "ENOBUFS"), (133, "EISCONN"),
            (134, "ENOTCONN"), (143, "ESHUTDOWN"), (144, "ETOOMANYREFS"), (145, "ETIMEDOUT"),
            (146, "ECONNREFUSED"), (147, "EHOSTDOWN"), (148, "EHOSTUNREACH"), (149, "EALREADY"),
            (150, "EINPROGRESS"), (151, "ESTALE"), (152, "EQFULL"), (190, "EPROCLIM"),
            (191, "EBADRPC"), (192, "ERPCMISMATCH"), (193, "EPROGUNAVAIL"), (194, "EPROGMISMATCH"),
            (195, "EPROCUNAVAIL"), (196, "EFTYPE"), (197, "EAUTH"), (198, "ENEEDAUTH"),
            (199, "ENOATTR"), (200, "EDOOFUS"), (201, "EJUSTRETURN"), (202, "ENOIOCTL"),
            (203, "EDIRIOCTL"), (204, "EPWROFF"), (205, "EDEVERR"), (206, "EBADEXEC"),
            (207, "EBADARCH"), (208, "ESHLIBVERS"), (209, "EBADMACHO"), (210, "EPOLICY"),
            (211, "EDOTDOT"), (212, "EUCLEAN"), (213, "ENOTNAM"), (214, "ENAVAIL"), (215, "EISNAM"),
            (216, "EREMOTEIO"), (217, "ENOMEDIUM"), (218, "EMEDIUMTYPE"), (219, "ENOKEY"),
            (220, "EKEYEXPIRED"), (221, "EKEYREVOKED"), (222, "EKEYREJECTED"), (223, "ENOTCAPABLE"),
            (224, "ECAPMODE"), (225, "EINTEGRITY"), (250, "UNKNOWN"),
        ]
        return Dictionary(uniqueKeysWithValues: list)
    }()

    /// The local errno of the common BSM errors (those every POSIX host defines).
    static let local: [String: Int32] = [
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

    /// The host's `strerror` text for a BSM error number mapped to the local errno, or `nil`
    /// when the host has no such error (praudit then prints `Unknown error`).
    public static func localText(_ status: UInt8) -> String? {
        localTexts[status]
    }

    static let localTexts: [UInt8: String] = names.compactMapValues { name in
        local[name].map { String(cString: strerror($0)) }
    }
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
