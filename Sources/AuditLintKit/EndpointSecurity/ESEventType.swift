/// One Endpoint Security event type: a value of `es_event_type_t`.
///
/// The values come from the public enum (macOS 10.15 onwards); ``all`` lists every one in
/// enum order, so `all[n].number == n`. `eslogger` logs only NOTIFY events and names each by
/// its short name, both on its command line and as the key under `event` in each JSON line.
public struct ESEventType: Sendable, Hashable {
    /// Whether a client must answer the event (AUTH) or only observes it (NOTIFY).
    public enum Action: String, Sendable, Hashable {
        /// The client allows or denies the operation; `eslogger` never logs these.
        case auth
        /// The client is told after the fact; what `eslogger` logs.
        case notify
        /// A reserved value whose kind is not documented.
        case undocumented
    }

    /// How the short name is known.
    public enum ShortNameEvidence: String, Sendable, Hashable {
        /// Seen in a published `eslogger --list-events` list or in a captured log.
        case published
        /// Not seen in a published list; follows eslogger's rule (the NOTIFY suffix, lower case).
        case namingRule
    }

    /// The `es_event_type_t` value.
    public let number: Int
    /// The C name, e.g. `ES_EVENT_TYPE_NOTIFY_EXEC`.
    public let name: String
    /// AUTH, NOTIFY or undocumented.
    public let action: Action
    /// `eslogger`'s name for the event (`exec`), or `nil` for events it never logs.
    public let shortName: String?
    /// How ``shortName`` is known; `nil` when there is none.
    public let shortNameEvidence: ShortNameEvidence?
    /// The macOS release that introduced the event (`"10.15"`), or `nil` when unknown.
    public let introduced: String?

    /// The NOTIFY event `eslogger` logs under `shortName`, or `nil` when it logs none by that name.
    public static func notify(shortName: String) -> ESEventType? {
        shortNameIndex[shortName]
    }

    /// The event type numbered `number`, or `nil` outside the known enum.
    public static func event(number: Int) -> ESEventType? {
        all.indices.contains(number) ? all[number] : nil
    }

    private static let shortNameIndex: [String: ESEventType] = Dictionary(
        all.compactMap { event in event.shortName.map { ($0, event) } },
        uniquingKeysWith: { first, _ in first })
}
