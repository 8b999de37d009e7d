/// One `audit_user` line: `user:always:never`.
public struct AuditUserEntry: Sendable, Hashable, Codable {
    /// The login name.
    public var name: String
    /// Classes always audited for this user (added to `flags`).
    public var always: AuditMask
    /// Classes never audited for this user (removed last).
    public var never: AuditMask
    /// Where the line is.
    public var range: SourceRange?
    /// The always field as written.
    public var alwaysText: String
    /// The never field as written.
    public var neverText: String
    /// Where the name field is.
    public var nameRange: SourceRange?
    /// Where the always field is.
    public var alwaysRange: SourceRange?
    /// Where the never field is.
    public var neverRange: SourceRange?

    public init(
        name: String,
        always: AuditMask,
        never: AuditMask,
        range: SourceRange? = nil,
        alwaysText: String = "",
        neverText: String = "",
        nameRange: SourceRange? = nil,
        alwaysRange: SourceRange? = nil,
        neverRange: SourceRange? = nil
    ) {
        self.name = name
        self.always = always
        self.never = never
        self.range = range
        self.alwaysText = alwaysText
        self.neverText = neverText
        self.nameRange = nameRange
        self.alwaysRange = alwaysRange
        self.neverRange = neverRange
    }
}

/// The users libbsm can see, in file order (first match wins).
public struct AuditUserTable: Sendable, Hashable {
    /// The visible entries in file order.
    public var users: [AuditUserEntry]
    /// The file the table was read from; nil for a built-in table.
    public var path: String?
    /// The line at which libbsm stopped reading; nil when it read the whole file. Users
    /// after it are never found, so they silently get plain `flags`.
    public var stop: TableStop?
    /// Entries on lines after the stop that would parse on their own.
    public var hiddenUsers: [AuditUserEntry]
    /// CRLF and long-line facts about the file.
    public var lineFacts: TableLineFacts

    public init(
        users: [AuditUserEntry],
        path: String? = nil,
        stop: TableStop? = nil,
        hiddenUsers: [AuditUserEntry] = [],
        lineFacts: TableLineFacts = TableLineFacts()
    ) {
        self.users = users
        self.path = path
        self.stop = stop
        self.hiddenUsers = hiddenUsers
        self.lineFacts = lineFacts
    }

    /// The first entry for `name`.
    public func user(named name: String) -> AuditUserEntry? {
        users.first { $0.name == name }
    }
}
