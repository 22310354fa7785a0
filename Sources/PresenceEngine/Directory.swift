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

    /// What could not be read, for the log.
    public var problems: [String] = []

    /// Reads a directory answer; an entry with an unreadable field keeps
    /// the rest of its fields, and an entry that is not an object is left
    /// out and noted.
    public static func decode(_ bytes: [UInt8]) throws(DecodeError) -> Directory {
        let object = try AnswerJSON.object(bytes)
        var reader = FieldReader()
        var directory = Directory()
        for (number, fields) in entries(object["extensions"], "extensions", &reader) {
            directory.extensions[number] = DirectoryEntry(
                number: number, name: reader.text(fields["name"], at: "extensions.\(number).name") ?? "",
                loginName: reader.text(fields["loginName"], at: "extensions.\(number).loginName") ?? "",
                status: (reader.text(fields["status"], at: "extensions.\(number).status") ?? "").lowercased())
        }
        for (number, fields) in entries(object["queues"], "queues", &reader) {
            directory.queues[number] = (reader.text(fields["queueId"], at: "queues.\(number).queueId") ?? "",
                                        reader.text(fields["name"], at: "queues.\(number).name") ?? "")
            if let calls = reader.integer(fields["calls"], at: "queues.\(number).calls") { directory.queueCalls[number] = Int(clamping: calls) }
        }
        for (number, fields) in entries(object["conferences"], "conferences", &reader) {
            directory.conferences[number] = reader.text(fields["name"], at: "conferences.\(number).name") ?? ""
            if let calls = reader.integer(fields["calls"], at: "conferences.\(number).calls") {
                directory.conferenceCalls[number] = Int(clamping: calls)
            }
        }
        directory.problems = reader.problems
        return directory
    }

    /// The entries of one section, keyed by number; what is not an object is noted.
    static func entries(_ section: JSONValue?, _ name: String, _ reader: inout FieldReader) -> [(String, [String: JSONValue])] {
        guard let section else { return [] }
        guard let byNumber = section.object else {
            if section != .null { reader.note(name, "not an object of entries") }
            return []
        }
        return byNumber.compactMap { number, value in
            guard let fields = value.object else {
                reader.note("\(name).\(FieldReader.excerpt(number))", "not an object")
                return nil
            }
            return (number, fields)
        }
    }
}
