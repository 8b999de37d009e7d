/// One audit class: a named set of bits in the 32-bit preselection mask.
public struct AuditClass: Sendable, Hashable, Codable {
    /// The class name as written (`lo`, `aa`, …); matched case-sensitively.
    public var name: String
    /// The class's bits (may be several bits; `all` is 0xffffffff, `no` is 0).
    public var mask: UInt32
    /// The free-text description.
    public var description: String
    /// Where the line is, for a class read from a file; nil for built-in classes.
    public var range: SourceRange?

    public init(name: String, mask: UInt32, description: String, range: SourceRange? = nil) {
        self.name = name
        self.mask = mask
        self.description = description
        self.range = range
    }
}

/// The classes libbsm can see, in file order (entries after a line that stops the
/// enumeration are not here).
public struct AuditClassTable: Sendable, Hashable {
    /// The visible classes in file order.
    public var classes: [AuditClass]
    /// The file the table was read from; nil for a built-in table.
    public var path: String?

    public init(classes: [AuditClass], path: String? = nil) {
        self.classes = classes
        self.path = path
    }

    /// The first class with this exact name, as `getauclassnam_r` finds it.
    public func lookup(_ name: String) -> AuditClass? {
        classes.first { $0.name == name }
    }

    /// The first class with this exact name, matching raw bytes (a name with invalid
    /// UTF-8 or a `\r` never matches a well-formed class).
    public func lookup(bytes: some Collection<UInt8>) -> AuditClass? {
        classes.first { $0.name.utf8.elementsEqual(bytes) }
    }
}
