/// One extension as the account directory lists it.
public struct DirectoryEntry: Sendable, Equatable {
    public var number: String
    public var name: String
    public var loginName: String
    /// `available`, `busy`, `dnd`, or whatever the service sends.
    public var status: String

    /// Real accounts list non-user entries (paging lines, faxes) with an
    /// empty name or login: they are kept out of the people list.
    public var isPerson: Bool { !name.isEmpty && !loginName.isEmpty }

    public init(number: String, name: String, loginName: String, status: String) {
        self.number = number
        self.name = name
        self.loginName = loginName
        self.status = status
    }
}

/// The account directory: extensions, queues and bridges by number.
public struct Directory: Sendable, Equatable {
    public var extensions: [String: DirectoryEntry]
    /// Queue number -> (queue id, name).
    public var queues: [String: (queueId: String, name: String)]
    /// Bridge number -> name.
    public var conferences: [String: String]
    /// The `calls` each queue and bridge had when the directory was read:
    /// a hint for the refresh of what is moving.
    public var queueCalls: [String: Int] = [:]
    public var conferenceCalls: [String: Int] = [:]

    public init(extensions: [String: DirectoryEntry] = [:], queues: [String: (queueId: String, name: String)] = [:],
                conferences: [String: String] = [:]) {
        self.extensions = extensions
        self.queues = queues
        self.conferences = conferences
    }

    public static func == (lhs: Directory, rhs: Directory) -> Bool {
        lhs.extensions == rhs.extensions && lhs.conferences == rhs.conferences
            && lhs.queues.mapValues { "\($0.queueId)|\($0.name)" } == rhs.queues.mapValues { "\($0.queueId)|\($0.name)" }
    }

    public static func decode(_ bytes: [UInt8]) throws(DecodeError) -> Directory {
        let object = try LenientJSON.object(bytes)
        var directory = Directory()
        for (number, value) in object["extensions"] as? [String: Any] ?? [:] {
            let fields = value as? [String: Any] ?? [:]
            directory.extensions[number] = DirectoryEntry(
                number: number, name: Lenient.string(fields["name"]) ?? "", loginName: Lenient.string(fields["loginName"]) ?? "",
                status: (Lenient.string(fields["status"]) ?? "").lowercased())
        }
        for (number, value) in object["queues"] as? [String: Any] ?? [:] {
            let fields = value as? [String: Any] ?? [:]
            directory.queues[number] = (Lenient.string(fields["queueId"]) ?? "", Lenient.string(fields["name"]) ?? "")
            if let calls = Lenient.int64(fields["calls"]) { directory.queueCalls[number] = Int(calls) }
        }
        for (number, value) in object["conferences"] as? [String: Any] ?? [:] {
            let fields = value as? [String: Any] ?? [:]
            directory.conferences[number] = Lenient.string(fields["name"]) ?? ""
            if let calls = Lenient.int64(fields["calls"]) { directory.conferenceCalls[number] = Int(calls) }
        }
        return directory
    }
}
