import Foundation
import PresenceEngine

// The documented JSON of every command (docs/scripting.md: "JSON output"), one type
// per schema. Keys are the property names, printed sorted; a missing
// value prints as `null` (`Nullable`), never as a missing key. Renaming a
// property is a breaking change for users' scripts. Every string from the
// service is made printable first.

/// An optional that prints `null` rather than leaving its key out, which
/// is what synthesized `Encodable` does with a plain optional.
@propertyWrapper
struct Nullable<Value: Encodable & Equatable & Sendable>: Encodable, Equatable, Sendable {
    var wrappedValue: Value?

    init(wrappedValue: Value?) { self.wrappedValue = wrappedValue }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let wrappedValue { try container.encode(wrappedValue) } else { try container.encodeNil() }
    }
}

/// `status --json`.
struct StatusOutput: Encodable, Equatable {
    var time: String
    var extensions: [ExtensionOutput]
}

/// EXTENSION: one extension's live state (`status`, `watch`).
struct ExtensionOutput: Encodable, Equatable, Sendable {
    var `extension`: String
    var name: String
    var state: String
    var direction: String
    @Nullable var with: String?
    @Nullable var durationSeconds: Int?
    var calls: [LiveCallOutput]

    init(_ state: ExtensionState, now: MonotonicInstant, timeZone: TimeZone) {
        `extension` = state.number
        name = TextSafety.printable(state.name)
        self.state = ExtensionStatus(state).jsonWord
        direction = JSONWords.direction(state.direction)
        with = state.onCallWith.isEmpty ? nil : TextSafety.printable(state.onCallWith)
        durationSeconds = state.durationSeconds(at: now).map { Int($0) }
        calls = state.calls.filter { $0.phase != .idle }.map { LiveCallOutput($0, timeZone: timeZone) }
    }
}

/// One call of an EXTENSION.
struct LiveCallOutput: Encodable, Equatable, Sendable {
    var phase: String
    @Nullable var otherParty: String?
    var recorded: Bool
    var clickToCall: Bool
    @Nullable var callId: String?
    @Nullable var startTime: String?

    init(_ call: CallItem, timeZone: TimeZone) {
        phase = JSONWords.phase(call.phase)
        otherParty = call.otherPartyName.map { TextSafety.printable($0) }
        recorded = call.isRecorded
        clickToCall = call.startedWithClickToCall
        callId = call.presenceCallId.map { TextSafety.printable($0) }
        startTime = call.startTimeMs.map { CommandOutput.isoTime(Date(timeIntervalSince1970: Double($0) / 1000), timeZone: timeZone) }
    }
}

/// QUEUE (`queue N --json`, `watch`).
struct QueueOutput: Encodable, Equatable, Sendable {
    var queue: String
    var queueId: String
    var name: String
    // A figure the service's answer carried but that could not be read is null.
    @Nullable var calls: Int?
    @Nullable var waiting: Int?
    @Nullable var onHold: Int?
    @Nullable var averageWaitSeconds: Int?
    @Nullable var longestWaitSeconds: Int?
    @Nullable var agentsAvailable: Int?
    @Nullable var agentsBusy: Int?
    @Nullable var agentsLoggedIn: Int?

    init(_ queue: QueueState) {
        func known(_ figure: QueueState.Figure, _ value: Int?) -> Int? { queue.unknownFigures.contains(figure) ? nil : value }
        self.queue = queue.number
        queueId = TextSafety.printable(queue.queueId)
        name = TextSafety.printable(queue.name)
        calls = known(.numberOfCalls, queue.numberOfCalls)
        waiting = known(.callersWaiting, queue.callersWaiting)
        onHold = known(.callersOnHold, queue.callersOnHold)
        averageWaitSeconds = known(.averageWaitTime, queue.averageWaitSeconds)
        longestWaitSeconds = known(.longestWaitTime, queue.longestWaitSeconds)
        agentsAvailable = known(.agentsAvailable, queue.agentsAvailable)
        agentsBusy = known(.agentsBusy, queue.agentsBusy)
        agentsLoggedIn = known(.agentsLoggedIn, queue.agentsLoggedIn)
    }
}

/// CONFERENCE (`conference N --json`, `watch`).
struct ConferenceOutput: Encodable, Equatable, Sendable {
    var conference: String
    var name: String
    var participants: [String]

    init(_ bridge: BridgeState) {
        conference = bridge.number
        name = TextSafety.printable(bridge.name)
        participants = bridge.participants.map { TextSafety.printable($0) }
    }
}

/// One line of `watch`: `{time, type, …}` with the payload under the key its type names.
struct WatchLine: Encodable, Equatable {
    enum Payload: Equatable {
        case `extension`(ExtensionOutput)
        case removed(String)
        case queue(QueueOutput)
        case conference(ConferenceOutput)
        case health(String)
    }

    var time: String
    var payload: Payload

    private enum CodingKeys: String, CodingKey {
        case time, type, `extension`, queue, conference, health
    }

    var type: String {
        switch payload {
        case .extension: return "extension"
        case .removed: return "removed"
        case .queue: return "queue"
        case .conference: return "conference"
        case .health: return "health"
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(time, forKey: .time)
        try container.encode(type, forKey: .type)
        switch payload {
        case .extension(let state): try container.encode(state, forKey: .extension)
        case .removed(let number): try container.encode(number, forKey: .extension)
        case .queue(let queue): try container.encode(queue, forKey: .queue)
        case .conference(let bridge): try container.encode(bridge, forKey: .conference)
        case .health(let word): try container.encode(word, forKey: .health)
        }
    }
}

/// `directory --json`.
struct DirectoryOutput: Encodable, Equatable {
    struct Extension: Encodable, Equatable {
        var `extension`: String
        var name: String
        var login: String
        var status: String
        var person: Bool
    }

    struct Queue: Encodable, Equatable {
        var queue: String
        var queueId: String
        var name: String
        /// As the directory says; `null` when it does not.
        @Nullable var calls: Int?
    }

    struct Conference: Encodable, Equatable {
        var conference: String
        var name: String
        @Nullable var calls: Int?
    }

    var extensions: [Extension]
    var queues: [Queue]
    var conferences: [Conference]

    init(_ directory: Directory) {
        extensions = directory.extensions.values.sorted { ExtensionNumber.precedes($0.number, $1.number) }.map {
            Extension(extension: $0.number, name: TextSafety.printable($0.name), login: TextSafety.printable($0.loginName),
                      status: TextSafety.printable($0.status), person: $0.isPerson)
        }
        queues = directory.queues.sorted { ExtensionNumber.precedes($0.key, $1.key) }.map { number, queue in
            Queue(queue: number, queueId: queue.queueId, name: TextSafety.printable(queue.name), calls: directory.queueCalls[number])
        }
        conferences = directory.conferences.sorted { ExtensionNumber.precedes($0.key, $1.key) }.map { number, name in
            Conference(conference: number, name: TextSafety.printable(name), calls: directory.conferenceCalls[number])
        }
    }
}

/// `extension N --json`.
struct ExtensionDetailsOutput: Encodable, Equatable {
    struct Call: Encodable, Equatable {
        var direction: String
        @Nullable var durationSeconds: Int?
        var with: String
        @Nullable var withName: String?
        var recorded: Bool
        var clickToCall: Bool
        @Nullable var callId: String?
        var customTag: String
    }

    var `extension`: String
    var name: String
    var login: String
    var phoneNumbers: [String]
    var calls: [Call]

    init(_ details: ExtensionDetails) {
        `extension` = details.number
        name = TextSafety.printable(details.name)
        login = TextSafety.printable(details.loginName)
        phoneNumbers = details.phoneNumbers.map { TextSafety.printable($0) }
        calls = details.calls.map { call in
            Call(direction: JSONWords.direction(call.direction), durationSeconds: call.durationMs.map { Int($0 / 1000) },
                 with: TextSafety.printable(call.onCallWith), withName: call.onCallWithName.map { TextSafety.printable($0) },
                 recorded: call.isRecorded, clickToCall: call.startedWithClickToCall,
                 callId: call.presenceCallId.map { TextSafety.printable($0) }, customTag: TextSafety.printable(call.customTag))
        }
    }
}

/// `history --format json`.
struct HistoryOutput: Encodable, Equatable {
    struct Call: Encodable, Equatable {
        @Nullable var time: String?
        var direction: String
        var from: String
        var to: String
        var `extension`: String
        var callerId: String
        var customTag: String
        @Nullable var durationSeconds: Int?
        var result: String
        @Nullable var recordingId: String?

        init(_ record: CallRecord) {
            time = record.time.map { CommandOutput.isoTime($0) }
            direction = record.isInbound ? "inbound" : "outbound"
            from = TextSafety.printable(record.from)
            to = TextSafety.printable(record.to)
            `extension` = record.extensionNumber
            callerId = TextSafety.printable(record.callerId)
            customTag = TextSafety.printable(record.customTag)
            durationSeconds = record.durationSeconds
            result = TextSafety.printable(record.result)
            recordingId = record.recordingId.map { TextSafety.printable($0) }
        }
    }

    var `extension`: String
    var calls: [Call]
}

/// The words the JSON uses for the service's directions and phases.
enum JSONWords {
    static func direction(_ direction: CallDirection) -> String {
        switch direction {
        case .idle: return "idle"
        case .inbound: return "inbound"
        case .outbound: return "outbound"
        case .intraPBX: return "internal"
        case .queueCall: return "queue"
        case .other(let value): return TextSafety.printable(value)
        }
    }

    static func phase(_ phase: CallPhase) -> String {
        switch phase {
        case .idle: return "idle"
        case .ringing: return "ringing"
        case .connected: return "connected"
        case .disconnected: return "disconnected"
        case .other(let value): return TextSafety.printable(value)
        }
    }
}
