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

    public init(name: String, always: AuditMask, never: AuditMask, range: SourceRange? = nil) {
        self.name = name
        self.always = always
        self.never = never
        self.range = range
    }
}

/// The users libbsm can see, in file order (first match wins).
public struct AuditUserTable: Sendable, Hashable {
    /// The visible entries in file order.
    public var users: [AuditUserEntry]
    /// The file the table was read from; nil for a built-in table.
    public var path: String?

    public init(users: [AuditUserEntry], path: String? = nil) {
        self.users = users
        self.path = path
    }

    /// The first entry for `name`.
    public func user(named name: String) -> AuditUserEntry? {
        users.first { $0.name == name }
    }
}
