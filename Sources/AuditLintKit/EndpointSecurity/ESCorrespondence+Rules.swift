extension ESCorrespondence {
    /// The rules of the map, most specific first: the first rule that names an event gives its
    /// row. Facts from the BSM event table (names, descriptions), the documentation of each ES
    /// event type in Apple's EndpointSecurity headers, and eslogger(1); see
    /// Docs/endpoint-security.md#method.
    static let rules: [Rule] =
        processRules + fileRules + descriptorRules + systemRules + noEquivalentRules + userSpaceRules

    /// The open variants that may create the file (`O_CREAT`).
    private static let openCreating: [String] = ["AUE_OPEN_", "AUE_OPENAT_", "AUE_OPEN_EXTENDED_"].flatMap { stem in
        ["RC", "RTC", "WC", "WTC", "RWC", "RWTC"].map { stem + $0 }
    }

    static let processRules: [Rule] = [
        Rule(
            "exec", ["AUE_EXEC", "AUE_EXECVE", "AUE_MAC_EXECVE", "AUE_FEXECVE"], es: ["exec"], .full,
            "same action: a new program image replaces the process (execve) → exec, with its arguments and environment"
        ),
        Rule(
            "posix-spawn", ["AUE_POSIX_SPAWN"], es: ["exec", "fork"], .full,
            "same system call: posix_spawn creates the process on the kernel's fork path → fork, and runs its program → exec"
        ),
        Rule(
            "fork", ["AUE_FORK", "AUE_VFORK", "AUE_FORK1", "AUE_RFORK", "AUE_DARWIN_RFORK"], es: ["fork"], .full,
            "same action: a new process → fork"),
        Rule(
            "exit", ["AUE_EXIT"], es: ["exit"], .full, "same action: the process ends → exit, with its wait(2) status"),
        Rule(
            "core", ["AUE_CORE"], es: ["create", "exit"], .partial,
            "no core-dump event: exit's wait(2) status says a core was dumped and create reports the core file"),
        Rule(
            "signal", ["AUE_KILL", "AUE_KILLPG"], es: ["signal"], .partial,
            "same action: a signal sent to another process → signal; ES skips signals a process sends to itself"),
        Rule.none(
            "pthread-kill", ["AUE_PTHREADKILL", "AUE_DARWIN_PTHREADKILL"],
            "ES's signal skips signals a process sends to itself, and pthread_kill targets a thread of the caller"),
        Rule(
            "ptrace", ["AUE_PTRACE", "AUE_DARWIN_PTRACE"], es: ["trace"], .partial,
            "trace reports one process attaching to another; the other ptrace requests have no event"),
        Rule(
            "task-for-pid", ["AUE_TASKFORPID", "AUE_DARWIN_TASKFORPID"], es: ["get_task"], .full,
            "same action: task_for_pid hands out a task control port → get_task"),
        Rule(
            "task-name-for-pid", ["AUE_TASKNAMEFORPID"], es: ["get_task_name"], .full,
            "same action: task_name_for_pid hands out a task name port → get_task_name"),
        Rule.none(
            "pid-for-task", ["AUE_PIDFORTASK", "AUE_DARWIN_PIDFORTASK"],
            "ES has no event for finding the pid behind a task port"),
        Rule("setuid", ["AUE_SETUID"], es: ["setuid"], .full, "same system call: setuid → setuid (macOS 12 and later)"),
        Rule("setgid", ["AUE_SETGID"], es: ["setgid"], .full, "same system call: setgid → setgid (macOS 12 and later)"),
        Rule(
            "seteuid", ["AUE_SETEUID"], es: ["seteuid"], .full,
            "same system call: seteuid → seteuid (macOS 12 and later)"),
        Rule(
            "setegid", ["AUE_SETEGID"], es: ["setegid"], .full,
            "same system call: setegid → setegid (macOS 12 and later)"),
        Rule(
            "setreuid", ["AUE_SETREUID"], es: ["setreuid"], .full,
            "same system call: setreuid → setreuid (macOS 12 and later)"),
        Rule(
            "setregid", ["AUE_SETREGID"], es: ["setregid"], .full,
            "same system call: setregid → setregid (macOS 12 and later)"),
        Rule.none(
            "other-ids", ["AUE_SETRESUID", "AUE_SETRESGID", "AUE_SETFSUID", "AUE_SETFSGID"],
            "ES has identity events for setuid, setgid, seteuid, setegid, setreuid and setregid only"),
        Rule(
            "chdir", ["AUE_CHDIR", "AUE_FCHDIR"], es: ["chdir"], .full,
            "same action: the working directory changes → chdir"),
        Rule(
            "chroot", ["AUE_CHROOT", "AUE_FCHROOT"], es: ["chroot"], .full,
            "same action: the root directory changes → chroot"),
    ]

    static let fileRules: [Rule] = [
        Rule(
            "open-create", openCreating, es: ["create", "open"], .full,
            "same system call: open with O_CREAT → open (its fflag) and create when the file is new"),
        Rule(
            "open", ["AUE_OPEN", "AUE_OPENAT", "AUE_FHOPEN"], prefixes: ["AUE_OPEN_", "AUE_OPENAT_"], es: ["open"],
            .full, "same system call: open → open, whose fflag shows read, write and truncate"),
        Rule("creat", ["AUE_CREAT"], es: ["create", "open"], .full, "same system call: creat → create and open"),
        Rule(
            "create",
            [
                "AUE_MKNOD", "AUE_MKNODAT", "AUE_XMKNOD", "AUE_MKFIFO", "AUE_DARWIN_MKFIFO", "AUE_MKFIFOAT",
                "AUE_MKFIFO_EXTENDED", "AUE_MKDIR", "AUE_MKDIRAT", "AUE_MKDIR_EXTENDED", "AUE_SYMLINK", "AUE_SYMLINKAT",
            ], es: ["create"], .full, "same action: a new file-system object (node, FIFO, directory, symlink) → create"),
        Rule("link", ["AUE_LINK", "AUE_LINKAT"], es: ["link"], .full, "same action: a hard link → link"),
        Rule(
            "unlink", ["AUE_UNLINK", "AUE_UNLINKAT", "AUE_RMDIR"], es: ["unlink"], .full,
            "same action: a name is removed (file or directory) → unlink"),
        Rule("rename", ["AUE_RENAME", "AUE_RENAMEAT"], es: ["rename"], .full, "same action: a rename → rename"),
        Rule(
            "setmode", ["AUE_CHMOD", "AUE_FCHMOD", "AUE_LCHMOD", "AUE_DARWIN_LCHMOD", "AUE_FCHMODAT"],
            es: ["setmode"], .full, "same action: a file's mode changes → setmode"),
        Rule(
            "chmod-extended", ["AUE_CHMOD_EXTENDED", "AUE_FCHMOD_EXTENDED"], es: ["setacl", "setmode", "setowner"],
            .full, "same system call: chmod_extended sets mode, owner and ACL → setmode, setowner, setacl"),
        Rule(
            "setowner", ["AUE_CHOWN", "AUE_FCHOWN", "AUE_LCHOWN", "AUE_FCHOWNAT"], es: ["setowner"], .full,
            "same action: a file's owner or group changes → setowner"),
        Rule(
            "setflags", ["AUE_CHFLAGS", "AUE_FCHFLAGS", "AUE_LCHFLAGS", "AUE_DARWIN_CHFLAGS", "AUE_DARWIN_FCHFLAGS"],
            es: ["setflags"], .full, "same action: a file's flags change → setflags"),
        Rule(
            "utimes", ["AUE_UTIMES", "AUE_FUTIMES", "AUE_LUTIMES", "AUE_UTIME", "AUE_FUTIMESAT", "AUE_DARWIN_FUTIMES"],
            es: ["utimes"], .full, "same action: a file's access and modification times change → utimes"),
        Rule(
            "access", ["AUE_ACCESS", "AUE_FACCESSAT", "AUE_EACCESS", "AUE_ACCESS_EXTENDED"], es: ["access"], .full,
            "same action: a permission test → access"),
        Rule(
            "stat",
            [
                "AUE_STAT", "AUE_LSTAT", "AUE_FSTAT", "AUE_OSTAT", "AUE_FSTATAT", "AUE_XSTAT", "AUE_LXSTAT",
                "AUE_STAT_EXTENDED", "AUE_LSTAT_EXTENDED", "AUE_FSTAT_EXTENDED", "AUE_DARWIN_FSTAT",
                "AUE_OPENBSM_FSTAT",
                "AUE_FHSTAT",
            ], es: ["stat"], .full, "same action: a file's status is read → stat"),
        Rule("readlink", ["AUE_READLINK", "AUE_READLINKAT"], es: ["readlink"], .full, "same action: → readlink"),
        Rule(
            "truncate", ["AUE_TRUNCATE", "AUE_FTRUNCATE", "AUE_DARWIN_TRUNCATE", "AUE_DARWIN_FTRUNCATE"],
            es: ["truncate"], .full, "same action: a file is truncated → truncate"),
        Rule(
            "getattrlist", ["AUE_GETATTRLIST", "AUE_DARWIN_GETATTRLIST"], es: ["getattrlist"], .full,
            "same system call: getattrlist → getattrlist"),
        Rule(
            "setattrlist", ["AUE_SETATTRLIST", "AUE_DARWIN_SETATTRLIST"], es: ["setattrlist"], .full,
            "same system call: setattrlist → setattrlist"),
        Rule(
            "exchangedata", ["AUE_EXCHANGEDATA", "AUE_DARWIN_EXCHANGEDATA"], es: ["exchangedata"], .full,
            "same system call: exchangedata → exchangedata"),
        Rule(
            "searchfs", ["AUE_SEARCHFS", "AUE_DARWIN_SEARCHFS"], es: ["searchfs"], .full,
            "same system call: searchfs → searchfs"),
        Rule(
            "readdir",
            [
                "AUE_GETDIRENTRIES", "AUE_DARWIN_GETDIRENTRIES", "AUE_GETDENTS", "AUE_READDIR", "AUE_GETDIRENTRIESATTR",
                "AUE_DARWIN_GETDIRENTRIESATTR",
            ], es: ["readdir"], .full, "same action: a directory's entries are read → readdir"),
        Rule(
            "copyfile", ["AUE_COPYFILE", "AUE_DARWIN_COPYFILE"], es: ["copyfile"], .full,
            "same system call: copyfile → copyfile (macOS 12 and later)"),
        Rule("fsgetpath", ["AUE_FSGETPATH"], es: ["fsgetpath"], .full, "same system call: fsgetpath → fsgetpath"),
        Rule(
            "setacl",
            [
                "AUE_ACLSET", "AUE_FACLSET", "AUE_ACL_SET_FILE", "AUE_ACL_SET_FD", "AUE_ACL_SET_LINK",
                "AUE_ACL_DELETE_FILE", "AUE_ACL_DELETE_FD", "AUE_ACL_DELETE_LINK",
            ], es: ["setacl"], .full, "same action: a file's ACL is set or cleared → setacl"),
        Rule(
            "setextattr", ["AUE_EXTATTR_SET_FILE", "AUE_EXTATTR_SET_FD", "AUE_EXTATTR_SET_LINK"], es: ["setextattr"],
            .full, "same action: an extended attribute is set → setextattr"),
        Rule(
            "deleteextattr", ["AUE_EXTATTR_DELETE_FILE", "AUE_EXTATTR_DELETE_FD", "AUE_EXTATTR_DELETE_LINK"],
            es: ["deleteextattr"], .full, "same action: an extended attribute is removed → deleteextattr"),
        Rule(
            "getextattr", ["AUE_EXTATTR_GET_FILE", "AUE_EXTATTR_GET_FD", "AUE_EXTATTR_GET_LINK"], es: ["getextattr"],
            .full, "same action: an extended attribute is read → getextattr"),
        Rule(
            "listextattr", ["AUE_EXTATTR_LIST_FILE", "AUE_EXTATTR_LIST_FD", "AUE_EXTATTR_LIST_LINK"],
            es: ["listextattr"], .full, "same action: extended attribute names are listed → listextattr"),
    ]

    static let descriptorRules: [Rule] = [
        Rule(
            "close", ["AUE_CLOSE", "AUE_CLOSEFROM"], es: ["close"], .partial,
            "close reports descriptors of files (and whether the file was modified), not of sockets or pipes"),
        Rule(
            "dup", ["AUE_DUP2"], es: ["dup"], .partial, "dup reports duplicated descriptors that refer to files"),
        Rule("fcntl", ["AUE_FCNTL"], es: ["fcntl"], .full, "same system call: fcntl → fcntl, with its command"),
        Rule("mmap", ["AUE_MMAP"], es: ["mmap"], .partial, "mmap reports mappings of files; anonymous memory has none"),
        Rule(
            "mprotect", ["AUE_MPROTECT", "AUE_DARWIN_MPROTECT"], es: ["mprotect"], .full,
            "same system call: mprotect → mprotect"),
        Rule(
            "write", ["AUE_WRITE", "AUE_WRITEV", "AUE_PWRITE"], es: ["write"], .partial,
            "write names the file written to, not the data; writes to sockets, pipes and devices have none"),
        Rule.none(
            "read", ["AUE_READ", "AUE_READV", "AUE_PREAD"],
            "no per-read event: open's fflag shows a file opened for reading"),
        Rule(
            "uipc-bind", ["AUE_BIND"], es: ["uipc_bind"], .partial,
            "ES has no IP socket events; uipc_bind reports UNIX-domain sockets bound to a path"),
        Rule(
            "uipc-connect", ["AUE_CONNECT"], es: ["uipc_connect"], .partial,
            "ES has no IP socket events; uipc_connect reports connections to UNIX-domain sockets"),
        Rule.none(
            "ip-sockets",
            [
                "AUE_SOCKET", "AUE_SOCKETPAIR", "AUE_DARWIN_SOCKETPAIR", "AUE_ACCEPT", "AUE_SETSOCKOPT", "AUE_SHUTDOWN",
                "AUE_SENDTO", "AUE_SEND", "AUE_SENDMSG", "AUE_RECV", "AUE_RECVMSG", "AUE_RECVFROM", "AUE_LISTEN",
                "AUE_SENDFILE", "AUE_ONESIDE", "AUE_SOCKCONFIG", "AUE_PUTMSG", "AUE_GETMSG", "AUE_PUTPMSG",
                "AUE_GETPMSG", "AUE_SOCKACCEPT", "AUE_SOCKCONNECT", "AUE_SOCKSEND", "AUE_SOCKRECEIVE",
                "AUE_inetd_connect",
            ], "ES has no IP socket events"),
        Rule(
            "pty", ["AUE_POSIX_OPENPT"], es: ["pty_grant"], .partial,
            "pty_grant reports the pseudo-terminal once it is granted (grantpt), not the open itself"),
        Rule.none(
            "ipc", ["AUE_PIPE"],
            prefixes: ["AUE_MSG", "AUE_SEM", "AUE_SHM", "AUE_MQ_", "AUE_DARWIN_SEM", "AUE_DARWIN_SHM"],
            "ES has no System V or POSIX IPC events (pipes, message queues, semaphores, shared memory)"),
    ]

    static let systemRules: [Rule] = [
        Rule(
            "mount", ["AUE_MOUNT", "AUE_MAC_MOUNT", "AUE_NMOUNT"], es: ["mount", "remount"], .full,
            "same action: a file system is mounted → mount, or remount for an update of a mounted one"),
        Rule(
            "unmount", ["AUE_UNMOUNT", "AUE_UMOUNT", "AUE_UMOUNT2"], es: ["unmount"], .full,
            "same action: a file system is unmounted → unmount"),
        Rule(
            "settime",
            [
                "AUE_SETTIMEOFDAY", "AUE_DARWIN_SETTIMEOFDAY", "AUE_ADJTIME", "AUE_STIME", "AUE_CLOCK_SETTIME",
                "AUE_NTP_ADJTIME",
            ], es: ["settime"], .partial,
            "same action: the system clock is set → settime, except by programs holding Apple's private settime entitlement (the time daemon)"
        ),
        Rule(
            "kextload", ["AUE_MODLOAD"], es: ["kextload"], .full,
            "same action: a kernel module is loaded → kextload (macOS records kext loads under no BSM event)"),
        Rule(
            "kextunload", ["AUE_MODUNLOAD"], es: ["kextunload"], .full,
            "same action: a kernel module is unloaded → kextunload"),
    ]

    static let noEquivalentRules: [Rule] = [
        Rule.none("placeholder", ["AUE_NULL", "AUE_JUNK"], "not an operation: a placeholder number"),
        Rule.none(
            "audit-subsystem",
            [
                "AUE_GETAUID", "AUE_SETAUID", "AUE_GETAUDIT", "AUE_SETAUDIT", "AUE_GETUSERAUDIT", "AUE_SETUSERAUDIT",
                "AUE_AUDITSVC", "AUE_AUDITUSER", "AUE_GETKERNSTATE", "AUE_SETKERNSTATE", "AUE_GETPORTAUDIT",
                "AUE_AUDITSTAT", "AUE_AUDIT", "AUE_AUDITSYS", "AUE_SETAUDIT_ADDR", "AUE_GETAUDIT_ADDR", "AUE_AUDITCTL",
                "AUE_DARWIN_AUDITCTL", "AUE_BSMSYS", "AUE_audit_startup", "AUE_audit_shutdown", "AUE_audit_recovery",
                "AUE_DARWIN_audit_startup", "AUE_DARWIN_audit_shutdown",
            ], prefixes: ["AUE_AUDITON"], "ES has no events about the audit subsystem itself"),
        Rule.none(
            "reboot",
            [
                "AUE_REBOOT", "AUE_DARWIN_REBOOT", "AUE_reboot", "AUE_halt", "AUE_shutdown", "AUE_poweroff",
                "AUE_uadmin",
            ],
            "ES has no reboot, halt or shutdown event"),
        Rule.none("boot", ["AUE_SYSTEMBOOT"], "ES has no boot event (its clients start after boot)"),
        Rule.none(
            "nfs",
            [
                "AUE_NFS_SVC", "AUE_ASYNC_DAEMON", "AUE_NFS_GETFH", "AUE_EXPORTFS", "AUE_NFS", "AUE_ASYNC_DAEMON_EXIT",
                "AUE_NFSSVC_EXIT", "AUE_DARWIN_NFSSVC", "AUE_DARWIN_GETFH", "AUE_LGETFH", "AUE_mountd_mount",
                "AUE_mountd_umount",
            ], "ES has no NFS server events"),
        Rule.none(
            "fs-statistics",
            [
                "AUE_STATFS", "AUE_FSTATFS", "AUE_GETFSSTAT", "AUE_DARWIN_GETFSSTAT", "AUE_STATVFS", "AUE_FHSTATFS",
                "AUE_MAC_GETFSSTAT", "AUE_MAC_GET_MOUNT",
            ], "ES has no file-system statistics event (stat is per file)"),
        Rule.none(
            "process-attributes",
            [
                "AUE_SETGROUPS", "AUE_SETPGRP", "AUE_OSETPGRP", "AUE_SETSID", "AUE_DARWIN_SETSID", "AUE_SETPRIORITY",
                "AUE_DARWIN_SETPRIORITY", "AUE_NICE", "AUE_SETRLIMIT", "AUE_SETLOGIN", "AUE_DARWIN_SETLOGIN",
                "AUE_UMASK", "AUE_DARWIN_UMASK", "AUE_UMASK_EXTENDED", "AUE_SETPRIVEXEC", "AUE_DARWIN_SETPRIVEXEC",
                "AUE_GETRESUID", "AUE_GETRESGID", "AUE_WAIT4", "AUE_GETCWD", "AUE_PTHREADSIGMASK",
                "AUE_DARWIN_PTHREADSIGMASK", "AUE_INITPROCESS", "AUE_DARWIN_INITPROCESS", "AUE_PRIOCNTLSYS",
                "AUE_SETPPRIV", "AUE_GETLCID", "AUE_SETLCID", "AUE_MAC_GET_LCID", "AUE_MAC_GET_LCTX",
                "AUE_MAC_SET_LCTX",
            ],
            "ES has no event for this process attribute (groups, process group, session, priority, limits, umask, login name)"
        ),
        Rule.none(
            "tracing",
            [
                "AUE_PROFILE", "AUE_DARWIN_PROFILE", "AUE_ADDPROFILE", "AUE_DARWIN_ADDPROFILE", "AUE_KTRACE",
                "AUE_DARWIN_KTRACE", "AUE_KDEBUGTRACE", "AUE_DARWIN_KDEBUGTRACE", "AUE_VTRACE",
            ], "ES has no profiling or kernel-trace event"),
        Rule.none(
            "memory",
            [
                "AUE_MUNMAP", "AUE_MINHERIT", "AUE_DARWIN_MINHERIT", "AUE_MLOCK", "AUE_DARWIN_MLOCK", "AUE_MUNLOCK",
                "AUE_DARWIN_MUNLOCK", "AUE_MLOCKALL", "AUE_MUNLOCKALL", "AUE_MEMCNTL", "AUE_MCTL", "AUE_LOADSHFILE",
                "AUE_DARWIN_LOADSHFILE", "AUE_RESETSHFILE", "AUE_DARWIN_RESETSHFILE", "AUE_NEWSYSTEMSHREG",
                "AUE_DARWIN_NEWSYSTEMSHREG", "AUE_MAPFD", "AUE_DARWIN_MAPFD",
            ], "ES has no memory-management event besides mmap and mprotect"),
        Rule.none(
            "descriptors",
            [
                "AUE_FLOCK", "AUE_DARWIN_FLOCK", "AUE_LSEEK", "AUE_POLL", "AUE_DARWIN_POLL", "AUE_KQUEUE", "AUE_KEVENT",
                "AUE_FSYNC", "AUE_PATHCONF", "AUE_FPATHCONF", "AUE_DARWIN_FPATHCONF", "AUE_REVOKE", "AUE_DARWIN_REVOKE",
                "AUE_OPENBSM_REVOKE", "AUE_UNDELETE", "AUE_DARWIN_UNDELETE", "AUE_FSCTL", "AUE_FFSCTL",
                "AUE_GETPATH_FROMFD", "AUE_GETPATH_FROMADDR", "AUE_IOCTL",
            ], "ES has no event for this descriptor or file-system control operation"),
        Rule.none(
            "administration",
            [
                "AUE_SWAPON", "AUE_SWAPOFF", "AUE_DARWIN_SWAPOFF", "AUE_SETHOSTNAME", "AUE_SETDOMAINNAME",
                "AUE_QUOTACTL", "AUE_DARWIN_QUOTACTL", "AUE_ACCT", "AUE_SYSCTL", "AUE_DARWIN_SYSCTL",
                "AUE_SYSCTL_NONADMIN", "AUE_DARWIN_SYSCTL_NONADMIN", "AUE_SYSCTL_WRITE", "AUE_MAC_SYSCALL",
                "AUE_EXTATTRCTL",
            ], prefixes: ["AUE_SCHED_"],
            "ES has no event for this administrative call (swap, host name, quotas, accounting, sysctl, scheduling)"),
        Rule.none(
            "mac-labels",
            [
                "AUE_MAC_GET_PROC", "AUE_MAC_SET_PROC", "AUE_MAC_GET_FD", "AUE_MAC_GET_FILE", "AUE_MAC_SET_FD",
                "AUE_MAC_SET_FILE", "AUE_MAC_GET_PID", "AUE_MAC_GET_LINK", "AUE_MAC_SET_LINK",
            ], "ES has no MAC label events"),
        Rule.none(
            "acl-read",
            [
                "AUE_ACL_GET_FILE", "AUE_ACL_GET_FD", "AUE_ACL_CHECK_FILE", "AUE_ACL_CHECK_FD", "AUE_ACL_GET_LINK",
                "AUE_ACL_CHECK_LINK",
            ], "ES has no event for reading or checking an ACL"),
        Rule.none(
            "freebsd-linux",
            [
                "AUE_JAIL", "AUE_JAIL_ATTACH", "AUE_CAP_NEW", "AUE_CAP_GETRIGHTS", "AUE_CAP_ENTER", "AUE_CAP_GETMODE",
                "AUE_KENV", "AUE_SYSARCH", "AUE_RTPRIO", "AUE_IOPERM", "AUE_IOPL", "AUE_VM86", "AUE_PERSONALITY",
                "AUE_PRCTL", "AUE_CAPGET", "AUE_CAPSET", "AUE_PIVOT_ROOT", "AUE_BDFLUSH", "AUE_USELIB",
            ], "a FreeBSD or Linux system call: macOS has none and ES no counterpart"),
        Rule.none(
            "solaris",
            [
                "AUE_RFSSYS", "AUE_VPIXSYS", "AUE_MAC", "AUE_IFLOAT", "AUE_PFLOAT", "AUE_UPRIV", "AUE_ENTERPROM",
                "AUE_EXITPROM", "AUE_SYSINFO", "AUE_UTSSYS", "AUE_MODCTL", "AUE_MODCONFIG", "AUE_MODADDMAJ",
                "AUE_P_ONLINE", "AUE_PROCESSOR_BIND", "AUE_INST_SYNC", "AUE_FSAT", "AUE_MODDEVPLCY", "AUE_MODADDPRIV",
                "AUE_CRYPTOADM", "AUE_CONFIGKSSL", "AUE_BRANDSYS", "AUE_PORTFS", "AUE_WRITEL", "AUE_WRITEVL",
                "AUE_READL", "AUE_READVL",
            ], prefixes: ["AUE_DOORFS", "AUE_PF_POLICY_"],
            "a Solaris interface: macOS has none and ES no counterpart"),
    ]

    /// Failures reported by the OpenDirectory events (macOS 14), which carry OD's result code.
    private static func directory(_ names: [String]) -> Rule.Failure {
        .reported(names, .full, "the OpenDirectory events carry OD's error code, so failed changes are reported too")
    }

    static let userSpaceRules: [Rule] = [
        Rule(
            "login", ["AUE_login"], es: ["login_login"], .full,
            "same action: a login by /usr/bin/login → login_login (macOS 13 and later)",
            failure: .reported(["login_login"], .full, "login_login carries success and the failure message")),
        Rule(
            "logout", ["AUE_logout"], es: ["login_logout"], .full,
            "same action: a logout from /usr/bin/login → login_logout (macOS 13 and later)"),
        Rule(
            "openssh", ["AUE_openssh", "AUE_ssh"], es: ["openssh_login"], .full,
            "same action: an SSH login → openssh_login (macOS 13 and later)",
            failure: .reported(
                ["openssh_login"], .full, "openssh_login carries success and the result (bad password, invalid user…)")
        ),
        Rule(
            "su", ["AUE_su"], es: ["su"], .full, "same action: su → su (macOS 14 and later, macOS's own su only)",
            failure: .reported(["su"], .partial, "su carries success, but reports only security-relevant failures")),
        Rule(
            "sudo", ["AUE_sudo", "AUE_DARWIN_sudo"], es: ["sudo"], .full,
            "same action: sudo → sudo (macOS 14 and later)",
            failure: .reported(["sudo"], .full, "sudo carries success and why it was rejected")),
        Rule(
            "loginwindow-login", ["AUE_lw_login", "AUE_DARWIN_lw_login"], es: ["lw_session_login"], .full,
            "same action: a loginwindow login → lw_session_login (macOS 13 and later)",
            failure: .reported(
                ["authentication"], .partial,
                "a failed loginwindow login shows as an authentication event with success false")),
        Rule(
            "loginwindow-logout", ["AUE_lw_logout", "AUE_DARWIN_lw_logout"], es: ["lw_session_logout"], .full,
            "same action: a loginwindow logout → lw_session_logout (macOS 13 and later)"),
        Rule(
            "authentication", ["AUE_auth_user", "AUE_DARWIN_auth_user"], es: ["authentication"], .full,
            "same action: a user is authenticated → authentication (macOS 13 and later)",
            failure: .reported(["authentication"], .full, "authentication carries success")),
        Rule(
            "admin-authentication", ["AUE_admin_authenticate"], es: ["authentication"], .partial,
            "an administrator's authentication shows as an authentication event, without the admin context",
            failure: .reported(["authentication"], .partial, "authentication carries success")),
        Rule(
            "authorization", ["AUE_ssauthorize", "AUE_DARWIN_ssauthorize"],
            es: ["authorization_judgement", "authorization_petition"], .full,
            "same action: rights are requested and judged → authorization_petition and authorization_judgement (macOS 14 and later)",
            failure: .reported(
                ["authorization_judgement"], .full, "authorization_judgement says for each right whether it was granted"
            )
        ),
        Rule(
            "authorization-mechanism", ["AUE_ssauthint", "AUE_DARWIN_ssauthint", "AUE_ssauthmech"],
            es: ["authorization_judgement"], .partial,
            "ES reports the judgement of an authorization, not each mechanism evaluated for it",
            failure: .reported(
                ["authorization_judgement"], .partial, "the judgement says whether each right was granted")
        ),
        Rule.none(
            "security-server-connection", ["AUE_ssconn", "AUE_DARWIN_ssconn"],
            "ES has no event for a client's session with the security server"),
        Rule(
            "create-user", ["AUE_create_user"], es: ["od_create_user"], .full,
            "same action: a user account is created → od_create_user (macOS 14 and later)",
            failure: directory(["od_create_user"])),
        Rule(
            "delete-user", ["AUE_delete_user"], es: ["od_delete_user"], .full,
            "same action: a user account is deleted → od_delete_user (macOS 14 and later)",
            failure: directory(["od_delete_user"])),
        Rule(
            "disable-user", ["AUE_disable_user"], es: ["od_disable_user"], .full,
            "same action: a user account is disabled → od_disable_user (macOS 14 and later)",
            failure: directory(["od_disable_user"])),
        Rule(
            "enable-user", ["AUE_enable_user"], es: ["od_enable_user"], .full,
            "same action: a user account is enabled → od_enable_user (macOS 14 and later)",
            failure: directory(["od_enable_user"])),
        Rule(
            "modify-user", ["AUE_modify_user"],
            es: ["od_attribute_set", "od_attribute_value_add", "od_attribute_value_remove"], .full,
            "same action: a user record's attributes change → the od_attribute events (macOS 14 and later)",
            failure: directory(["od_attribute_set", "od_attribute_value_add", "od_attribute_value_remove"])),
        Rule(
            "modify-password", ["AUE_modify_password", "AUE_DARWIN_modify_password", "AUE_passwd"],
            es: ["od_modify_password"], .full,
            "same action: an account's password changes → od_modify_password (macOS 14 and later)",
            failure: directory(["od_modify_password"])),
        Rule(
            "create-group", ["AUE_create_group", "AUE_DARWIN_create_group"], es: ["od_create_group"], .full,
            "same action: a group is created → od_create_group (macOS 14 and later)",
            failure: directory(["od_create_group"])),
        Rule(
            "delete-group", ["AUE_delete_group", "AUE_DARWIN_delete_group"], es: ["od_delete_group"], .full,
            "same action: a group is deleted → od_delete_group (macOS 14 and later)",
            failure: directory(["od_delete_group"])),
        Rule(
            "modify-group", ["AUE_modify_group", "AUE_DARWIN_modify_group"],
            es: ["od_attribute_set", "od_group_set"], .full,
            "same action: a group's members or attributes change → od_group_set and od_attribute_set (macOS 14 and later)",
            failure: directory(["od_attribute_set", "od_group_set"])),
        Rule(
            "add-to-group", ["AUE_add_to_group", "AUE_DARWIN_add_to_group"], es: ["od_group_add"], .full,
            "same action: a member is added to a group → od_group_add (macOS 14 and later)",
            failure: directory(["od_group_add"])),
        Rule(
            "remove-from-group", ["AUE_remove_from_group", "AUE_DARWIN_remove_from_group"], es: ["od_group_remove"],
            .full, "same action: a member is removed from a group → od_group_remove (macOS 14 and later)",
            failure: directory(["od_group_remove"])),
        Rule.none(
            "revoke-privilege", ["AUE_revoke_obj", "AUE_DARWIN_revoke_obj"],
            "ES has no event for revoking an object privilege"),
        Rule.none(
            "other-logins",
            [
                "AUE_telnet", "AUE_rlogin", "AUE_rshd", "AUE_rexecd", "AUE_rexd", "AUE_ftpd", "AUE_ftpd_logout",
                "AUE_role_login", "AUE_newgrp_login", "AUE_init",
            ], "ES reports logins by loginwindow, login(1), OpenSSH and Screen Sharing only"),
        Rule.none("calife", ["AUE_calife"], "ES's su event comes only from macOS's own su"),
        Rule.none(
            "scheduled-jobs",
            [
                "AUE_at_create", "AUE_at_delete", "AUE_at_perm", "AUE_cron_invoke", "AUE_crontab_create",
                "AUE_crontab_delete", "AUE_crontab_perm", "AUE_crontab_mod",
            ], "ES has no at or cron events (only the files and processes they touch)"),
        Rule.none(
            "solaris-services",
            [
                "AUE_prof_cmd", "AUE_filesystem_add", "AUE_filesystem_delete", "AUE_filesystem_modify",
                "AUE_allocate_succ", "AUE_allocate_fail", "AUE_deallocate_succ", "AUE_deallocate_fail",
                "AUE_listdevice_succ", "AUE_listdevice_fail", "AUE_kadmind_auth", "AUE_kadmind_unauth",
            ], prefixes: ["AUE_krb5kdc_"], "a Solaris or Kerberos service event: ES has none"),
    ]

    /// The kernel event numbers xnu records (xnu-11417, macOS 15): the events of its system
    /// call table and of its audit code, resolved through its audit_kevents.h. Kernel events
    /// of the table outside this set are legacy or other systems' numbers.
    static let kernelRecordedEvents: Set<Int> = [
        1, 2, 3, 5, 6, 8, 9, 10, 11, 14, 15, 16, 17, 18, 20, 21, 22, 23, 24, 25, 26, 27, 28, 30, 31, 32, 33, 34, 35,
        37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 53, 54, 55, 56, 58, 60, 62, 63, 64, 65, 68, 71,
        72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 82, 83, 84, 85, 86, 87, 88, 89, 90, 91, 95, 96, 97, 98, 99, 100, 101,
        102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 130, 131, 138, 141, 142, 145, 146, 151, 158, 183, 184,
        185, 186, 188, 190, 191, 194, 196, 198, 200, 205, 208, 209, 210, 211, 213, 214, 215, 221, 222, 223, 224, 225,
        226, 227, 228, 229, 230, 231, 232, 237, 266, 267, 270, 271, 272, 273, 274, 275, 276, 277, 278, 279, 280, 281,
        282, 283, 284, 286, 362, 43001, 43002, 43003, 43004, 43007, 43009, 43010, 43011, 43012, 43013, 43014, 43015,
        43019, 43020, 43021, 43022, 43023, 43024, 43025, 43026, 43027, 43028, 43029, 43030, 43032, 43033, 43034,
        43035, 43036, 43040, 43041, 43042, 43045, 43046, 43047, 43048, 43049, 43050, 43051, 43054, 43060, 43063,
        43067, 43069, 43121, 43122, 43123, 43124, 43125, 43126, 43127, 43128, 43129, 43130, 43131, 43140, 43141,
        43142, 43145, 43146, 43147, 43148, 43149, 43150, 43151, 43152, 43153, 43154, 43158, 43161, 43162, 43163,
        43164, 43165, 43166, 43167, 43168, 43169, 43170, 43171, 43172, 43173, 43174, 43175, 43176, 43177, 43178,
        43179, 43180, 43181, 43182, 43183, 43184, 43190, 43191, 43192, 43193, 43194, 43195, 43201, 43202, 43203,
        43204, 43205, 43206, 43207, 43208, 43209, 43210, 43211, 43212, 43213, 43214, 43215, 43216, 43217, 43218,
        44901, 44902, 44903, 44904,
    ]
}
