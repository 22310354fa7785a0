import Foundation

/// A call queue's figures (`/presence/rest/queue/{n}`).
public struct QueueState: Sendable, Equatable {
    public var number: String
    public var queueId: String
    public var name: String
    public var numberOfCalls: Int
    public var callersOnHold: Int
    public var averageWaitSeconds: Int
    public var agentsAvailable: Int
    public var callersWaiting: Int
    public var agentsBusy: Int
    public var agentsLoggedIn: Int
    /// Not documented; read when the service sends it.
    public var longestWaitSeconds: Int?
    /// Set when these figures are older than `itemStaleSeconds` (60 s):
    /// when they were last answered (the rest of the queues may be fresh).
    public var staleSince: Date?

    public init(number: String, queueId: String = "", name: String = "", numberOfCalls: Int = 0, callersOnHold: Int = 0,
                averageWaitSeconds: Int = 0, agentsAvailable: Int = 0, callersWaiting: Int = 0, agentsBusy: Int = 0,
                agentsLoggedIn: Int = 0, longestWaitSeconds: Int? = nil) {
        self.number = number
        self.queueId = queueId
        self.name = name
        self.numberOfCalls = numberOfCalls
        self.callersOnHold = callersOnHold
        self.averageWaitSeconds = averageWaitSeconds
        self.agentsAvailable = agentsAvailable
        self.callersWaiting = callersWaiting
        self.agentsBusy = agentsBusy
        self.agentsLoggedIn = agentsLoggedIn
        self.longestWaitSeconds = longestWaitSeconds
    }

    /// The figures an answer carried that could not be read (a count past
    /// 64 bits, a list where a number belongs): shown as unknown; the
    /// engine keeps the last known value on the board.
    public var unknownFigures: Set<Figure> = []
    /// What could not be read, for the log.
    public var problems: [String] = []

    /// The figures, by their names in the answer.
    public enum Figure: String, Sendable, CaseIterable {
        case numberOfCalls, callersOnHold, averageWaitTime, agentsAvailable, callersWaiting, agentsBusy, agentsLoggedIn
        case longestWaitTime
    }

    /// Reads a queue answer: figures inside `details` (as documented) or
    /// beside it, digit strings or numbers; name and numbers beside
    /// `details` (as documented) or inside it.
    public static func decode(_ bytes: [UInt8], number: String) throws(DecodeError) -> QueueState {
        let answer = try AnswerFields(AnswerJSON.object(bytes))
        var reader = FieldReader()
        var queue = QueueState(number: reader.text(answer["extensionNumber"], at: "extensionNumber").flatMap { $0.isEmpty ? nil : $0 } ?? number,
                               queueId: reader.text(answer["queueId"], at: "queueId") ?? "",
                               name: reader.text(answer["name"], at: "name") ?? "")
        func figure(_ figure: Figure) -> Int? {
            let value = answer[figure.rawValue]
            guard let count = reader.integer(value, at: "details.\(figure.rawValue)") else {
                if !FieldReader.isBlank(value) { queue.unknownFigures.insert(figure) }
                return nil
            }
            return Int(clamping: count)
        }
        queue.numberOfCalls = figure(.numberOfCalls) ?? 0
        queue.callersOnHold = figure(.callersOnHold) ?? 0
        queue.averageWaitSeconds = figure(.averageWaitTime) ?? 0
        queue.agentsAvailable = figure(.agentsAvailable) ?? 0
        queue.callersWaiting = figure(.callersWaiting) ?? 0
        queue.agentsBusy = figure(.agentsBusy) ?? 0
        queue.agentsLoggedIn = figure(.agentsLoggedIn) ?? 0
        queue.longestWaitSeconds = figure(.longestWaitTime)
        queue.problems = reader.problems
        return queue
    }

    /// This answer's figures where they were read, `last`'s where they
    /// were not: a spoiled field never shows as a zero on the board.
    public func keepingKnownFigures(from last: QueueState?) -> QueueState {
        guard let last, !unknownFigures.isEmpty else { return self }
        var merged = self
        for figure in unknownFigures {
            switch figure {
            case .numberOfCalls: merged.numberOfCalls = last.numberOfCalls
            case .callersOnHold: merged.callersOnHold = last.callersOnHold
            case .averageWaitTime: merged.averageWaitSeconds = last.averageWaitSeconds
            case .agentsAvailable: merged.agentsAvailable = last.agentsAvailable
            case .callersWaiting: merged.callersWaiting = last.callersWaiting
            case .agentsBusy: merged.agentsBusy = last.agentsBusy
            case .agentsLoggedIn: merged.agentsLoggedIn = last.agentsLoggedIn
            case .longestWaitTime: merged.longestWaitSeconds = last.longestWaitSeconds
            }
        }
        merged.unknownFigures = last.unknownFigures.intersection(unknownFigures)
        return merged
    }
}

/// A conference bridge and who is on it (`/presence/rest/conference/{n}`).
public struct BridgeState: Sendable, Equatable {
    public var number: String
    public var name: String
    /// Extensions and outside numbers, as the service lists them.
    public var participants: [String]
    /// Set when this list is older than `itemStaleSeconds` (60 s): when it
    /// was last answered.
    public var staleSince: Date?

    public init(number: String, name: String = "", participants: [String] = []) {
        self.number = number
        self.name = name
        self.participants = participants
    }

    /// What could not be read, for the log.
    public var problems: [String] = []

    /// Reads a conference answer: `participants` inside `details` (as
    /// documented) or beside it, as strings or numbers.
    public static func decode(_ bytes: [UInt8], number: String) throws(DecodeError) -> BridgeState {
        let answer = try AnswerFields(AnswerJSON.object(bytes))
        var reader = FieldReader()
        var participants: [String] = []
        switch answer["participants"] {
        case .array(let list):
            for (index, entry) in list.enumerated() {
                if let text = reader.text(entry, at: "details.participants[\(index)]"), !text.isEmpty { participants.append(text) }
            }
        case .string(let one) where !one.isEmpty: participants = [one]
        case .number(let digits): participants = [FieldReader.numberText(digits)]
        case .object: reader.note("details.participants", "an object where a list belongs")
        default: break
        }
        var bridge = BridgeState(number: reader.text(answer["extensionNumber"], at: "extensionNumber").flatMap { $0.isEmpty ? nil : $0 } ?? number,
                                 name: reader.text(answer["name"], at: "name") ?? "", participants: participants)
        bridge.problems = reader.problems
        return bridge
    }
}

/// `/presence/rest/extension/{n}`: who it is and its calls now.
public struct ExtensionDetails: Sendable, Equatable {
    public var number: String
    public var name: String
    public var loginName: String
    /// The extension's direct numbers (DIDs, with country code), when sent.
    public var phoneNumbers: [String] = []
    public var calls: [Presence]
    /// What could not be read, for the log.
    public var problems: [String] = []

    public struct Presence: Sendable, Equatable {
        public var direction: CallDirection
        /// Milliseconds connected; nil when not connected (-1) or unreadable.
        public var durationMs: Int64?
        public var onCallWith: String
        public var onCallWithName: String?
        public var isRecorded: Bool
        public var startedWithClickToCall: Bool
        public var presenceCallId: String?
        public var customTag: String
    }

    /// Reads an extension answer in every shape seen: `name`, `loginName`,
    /// `extensionNumber` and `phoneNumbers` inside `details` (the guide) or
    /// beside it (the live service); `presence` as one object, a list (one
    /// per call), `{}` or absent; the call's direction as `status` or `direction`.
    public static func decode(_ bytes: [UInt8], number: String) throws(DecodeError) -> ExtensionDetails {
        let answer = try AnswerFields(AnswerJSON.object(bytes))
        var reader = FieldReader()
        var phoneNumbers: [String] = []
        switch answer["phoneNumbers"] {
        case .array(let list): phoneNumbers = list.compactMap { reader.text($0, at: "phoneNumbers") }.filter { !$0.isEmpty }
        case let single?: phoneNumbers = reader.text(single, at: "phoneNumbers").map { [$0] } ?? []
        case nil: break
        }
        let calls = FieldReader.objects(answer["presence"]).enumerated().map { index, fields in
            presence(fields, path: "details.presence[\(index)]", reader: &reader)
        }
        var details = ExtensionDetails(
            number: reader.text(answer["extensionNumber"], at: "extensionNumber").flatMap { $0.isEmpty ? nil : $0 } ?? number,
            name: reader.text(answer["name"], at: "name") ?? "", loginName: reader.text(answer["loginName"], at: "loginName") ?? "",
            phoneNumbers: phoneNumbers.filter { !$0.isEmpty }, calls: calls)
        details.problems = reader.problems
        return details
    }

    static func presence(_ fields: [String: JSONValue], path: String, reader: inout FieldReader) -> Presence {
        let direction = reader.text(fields["status"], at: path + ".status").flatMap { $0.isEmpty ? nil : $0 }
            ?? reader.text(fields["direction"], at: path + ".direction") ?? ""
        return Presence(direction: CallDirection(apiValue: direction),
                        durationMs: reader.integer(fields["duration"], at: path + ".duration").flatMap { $0 < 0 ? nil : $0 },
                        onCallWith: reader.text(fields["onCallWith"], at: path + ".onCallWith") ?? "",
                        onCallWithName: FieldRules.displayName(reader.text(fields["onCallWithName"], at: path + ".onCallWithName")),
                        isRecorded: reader.flag(fields["isRecorded"]), startedWithClickToCall: reader.flag(fields["startedWithClickToCall"]),
                        presenceCallId: reader.text(fields["presenceCallId"], at: path + ".presenceCallId").flatMap { $0.isEmpty ? nil : $0 },
                        customTag: reader.text(fields["customTag"], at: path + ".customTag") ?? "")
    }
}

/// The fields of a details answer (extension, queue, conference), wherever
/// the service put them: inside `details` (the guide's extension example)
/// or beside it (the guide's queue and conference examples, and the live
/// service for all three). A field inside `details` wins when both have it
/// and it is not empty.
struct AnswerFields {
    let top: [String: JSONValue]
    let details: [String: JSONValue]

    init(_ object: [String: JSONValue]) {
        top = object
        details = object["details"]?.object ?? [:]
    }

    subscript(key: String) -> JSONValue? {
        if let inner = details[key], inner != .null, inner != .string("") { return inner }
        return top[key] ?? details[key]
    }
}
