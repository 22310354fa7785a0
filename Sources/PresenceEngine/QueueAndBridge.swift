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

    public static func decode(_ bytes: [UInt8], number: String) throws(DecodeError) -> QueueState {
        let object = try LenientJSON.object(bytes)
        let details = object["details"] as? [String: Any] ?? [:]
        func count(_ key: String) -> Int { Lenient.int64(details[key]).map { Int(clamping: $0) } ?? 0 }
        return QueueState(
            number: Lenient.string(object["extensionNumber"]) ?? number, queueId: Lenient.string(object["queueId"]) ?? "",
            name: Lenient.string(object["name"]) ?? "", numberOfCalls: count("numberOfCalls"), callersOnHold: count("callersOnHold"),
            averageWaitSeconds: count("averageWaitTime"), agentsAvailable: count("agentsAvailable"),
            callersWaiting: count("callersWaiting"), agentsBusy: count("agentsBusy"), agentsLoggedIn: count("agentsLoggedIn"),
            longestWaitSeconds: Lenient.int64(details["longestWaitTime"]).map { Int(clamping: $0) })
    }
}

/// A conference bridge and who is on it (`/presence/rest/conference/{n}`).
public struct BridgeState: Sendable, Equatable {
    public var number: String
    public var name: String
    /// Extensions and outside numbers, as the service lists them.
    public var participants: [String]

    public init(number: String, name: String = "", participants: [String] = []) {
        self.number = number
        self.name = name
        self.participants = participants
    }

    public static func decode(_ bytes: [UInt8], number: String) throws(DecodeError) -> BridgeState {
        let object = try LenientJSON.object(bytes)
        let details = object["details"] as? [String: Any] ?? [:]
        let participants = (details["participants"] as? [Any] ?? []).compactMap { Lenient.string($0) }
        return BridgeState(number: Lenient.string(object["extensionNumber"]) ?? number, name: Lenient.string(object["name"]) ?? "",
                           participants: participants)
    }
}

/// `/presence/rest/extension/{n}`: who it is and its calls now.
public struct ExtensionDetails: Sendable, Equatable {
    public var number: String
    public var name: String
    public var loginName: String
    public var calls: [Presence]

    public struct Presence: Sendable, Equatable {
        public var direction: CallDirection
        /// Milliseconds connected; nil when not connected (-1).
        public var durationMs: Int64?
        public var onCallWith: String
        public var onCallWithName: String?
        public var isRecorded: Bool
        public var startedWithClickToCall: Bool
        public var presenceCallId: String?
        public var customTag: String
    }

    public static func decode(_ bytes: [UInt8], number: String) throws(DecodeError) -> ExtensionDetails {
        let object = try LenientJSON.object(bytes)
        let details = object["details"] as? [String: Any] ?? [:]
        let presence = DashuiReferenceDecoder.statusItems(details["presence"])
        return ExtensionDetails(
            number: Lenient.string(details["extensionNumber"]) ?? number, name: Lenient.string(details["name"]) ?? "",
            loginName: Lenient.string(details["loginName"]) ?? "",
            calls: presence.map { fields in
                Presence(direction: CallDirection(apiValue: Lenient.string(fields["status"]) ?? ""),
                         durationMs: Lenient.int64(fields["duration"]).flatMap { $0 < 0 ? nil : $0 },
                         onCallWith: Lenient.string(fields["onCallWith"]) ?? "",
                         onCallWithName: Lenient.displayName(Lenient.string(fields["onCallWithName"])),
                         isRecorded: Lenient.bool(fields["isRecorded"]), startedWithClickToCall: Lenient.bool(fields["startedWithClickToCall"]),
                         presenceCallId: Lenient.string(fields["presenceCallId"]).flatMap { $0.isEmpty ? nil : $0 },
                         customTag: Lenient.string(fields["customTag"]) ?? "")
            })
    }
}
