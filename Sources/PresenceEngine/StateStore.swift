import Foundation

/// An immutable view of everything the engine knows, handed to the UI.
public struct PresenceSnapshot: Sendable {
    /// Grows by one with every change.
    public var version: Int
    public var extensions: [String: ExtensionState]
    public var queues: [String: QueueState] = [:]
    public var bridges: [String: BridgeState] = [:]
    public var directory: Directory?
    /// Grows by one each time the directory is read again: what was
    /// derived from it (the board's find index) can tell it is the same.
    public var directoryVersion = 0
    /// The account's name, when the login answer carried one.
    public var accountName: String?
    public var health: ConnectionHealth
    /// Wall-clock time of the last answer that was understood.
    public var lastGoodUpdate: Date?
    /// Set while the queue and bridge services do not answer: when they
    /// last did (`.distantPast` if never). Nil while they answer.
    public var servicesFailingSince: Date?

    public init(version: Int = 0, extensions: [String: ExtensionState] = [:], health: ConnectionHealth = .connecting,
                lastGoodUpdate: Date? = nil) {
        self.version = version
        self.extensions = extensions
        self.health = health
        self.lastGoodUpdate = lastGoodUpdate
    }

    /// Extensions in number order (numeric where both are numbers).
    public var extensionsByNumber: [ExtensionState] {
        extensions.values.sorted { ExtensionNumber.precedes($0.number, $1.number) }
    }
}

public enum ExtensionNumber {
    /// "99" before "204"; non-numeric values after numbers, then by text.
    public static func precedes(_ left: String, _ right: String) -> Bool {
        switch (Int(left), Int(right)) {
        case let (l?, r?): return l != r ? l < r : left < right
        case (.some, nil): return true
        case (nil, .some): return false
        case (nil, nil): return left < right
        }
    }
}

/// A change, as `switchboard watch` and the tests see them.
public enum EngineEvent: Sendable, Equatable {
    case extensionChanged(ExtensionState)
    case extensionRemoved(String)
    case queueChanged(QueueState)
    case bridgeChanged(BridgeState)
    case healthChanged(ConnectionHealth)
    /// The directory was read for the first time or differs from the last
    /// read: who is a person may have changed without any state changing
    /// (the journal waits for it before it plans a history read).
    case directoryChanged
}

/// The engine's state: a pure fold of dashui answers by extension number,
/// the directory, and queue and bridge details. Every mutation returns the
/// events it caused.
public struct StateStore: Sendable {
    public private(set) var snapshot = PresenceSnapshot()

    public init() {}

    /// Folds one answer. A first-request answer is the complete state, so it
    /// replaces the store; later answers carry only the extensions that
    /// changed and are merged, never replacing the others.
    @discardableResult
    public mutating func fold(_ answer: DashuiAnswer, isComplete: Bool, at wallClock: Date) -> [EngineEvent] {
        var events: [EngineEvent] = []
        events.reserveCapacity(answer.extensions.count)
        if isComplete && !snapshot.extensions.isEmpty {
            let incoming = Set(answer.extensions.map(\.number))
            for number in snapshot.extensions.keys where !incoming.contains(number) {
                snapshot.extensions[number] = nil
                events.append(.extensionRemoved(number))
            }
        }
        snapshot.extensions.reserveCapacity(snapshot.extensions.count + answer.extensions.count)
        // Into an empty store every extension is new: one hash each, not two.
        let startedEmpty = snapshot.extensions.isEmpty
        for var state in answer.extensions {
            let previous = startedEmpty ? nil : snapshot.extensions[state.number]
            // What the directory taught stays: dashui does not repeat it.
            state.directoryStatus = previous?.directoryStatus
            state.isPerson = previous?.isPerson ?? true
            if let entry = snapshot.directory?.extensions[state.number] {
                state.isPerson = entry.isPerson
                if state.name.isEmpty { state.name = entry.name }
            }
            snapshot.extensions[state.number] = state
            // A last call that moved on is a change too, though nothing shows
            // it: a call that rang and ended between two answers (the
            // journal reads the history for it).
            if previous.map({ !$0.looksTheSame(as: state) || $0.durationMs != state.durationMs || $0.lastCallMs != state.lastCallMs }) ?? true {
                events.append(.extensionChanged(state))
            }
        }
        snapshot.version += 1
        snapshot.lastGoodUpdate = wallClock
        return events
    }

    /// A 304: nothing changed, but the data is confirmed current.
    public mutating func confirm(at wallClock: Date) {
        snapshot.lastGoodUpdate = wallClock
    }

    /// Merges the directory: names and person flags for known extensions;
    /// extensions that left the directory disappear.
    @discardableResult
    public mutating func fold(directory: Directory) -> [EngineEvent] {
        var events: [EngineEvent] = snapshot.directory == directory ? [] : [.directoryChanged]
        snapshot.directory = directory
        snapshot.directoryVersion += 1
        for (number, var state) in snapshot.extensions {
            guard let entry = directory.extensions[number] else {
                if !directory.extensions.isEmpty {
                    snapshot.extensions[number] = nil
                    events.append(.extensionRemoved(number))
                }
                continue
            }
            let before = state
            state.isPerson = entry.isPerson
            state.directoryStatus = entry.status
            if state.name.isEmpty { state.name = entry.name }
            snapshot.extensions[number] = state
            if !state.looksTheSame(as: before) { events.append(.extensionChanged(state)) }
        }
        for number in snapshot.queues.keys where directory.queues[number] == nil {
            snapshot.queues[number] = nil
        }
        for number in snapshot.bridges.keys where directory.conferences[number] == nil {
            snapshot.bridges[number] = nil
        }
        snapshot.version += 1
        return events
    }

    @discardableResult
    public mutating func fold(queue answer: QueueState) -> [EngineEvent] {
        // A figure the answer spoiled keeps its last known value; the log has said why.
        var queue = answer.keepingKnownFigures(from: snapshot.queues[answer.number])
        queue.problems = []
        guard snapshot.queues[queue.number] != queue else { return [] }
        snapshot.queues[queue.number] = queue
        snapshot.version += 1
        return [.queueChanged(queue)]
    }

    @discardableResult
    public mutating func fold(bridge answer: BridgeState) -> [EngineEvent] {
        var bridge = answer
        bridge.problems = []
        guard snapshot.bridges[bridge.number] != bridge else { return [] }
        snapshot.bridges[bridge.number] = bridge
        snapshot.version += 1
        return [.bridgeChanged(bridge)]
    }

    /// Marks the figures of `item` as last answered at `since` (nil: fresh).
    public mutating func markStale(_ item: RefreshScheduler.Item, since: Date?) {
        switch item {
        case .queue(let number):
            guard snapshot.queues[number] != nil, snapshot.queues[number]?.staleSince != since else { return }
            snapshot.queues[number]?.staleSince = since
        case .bridge(let number):
            guard snapshot.bridges[number] != nil, snapshot.bridges[number]?.staleSince != since else { return }
            snapshot.bridges[number]?.staleSince = since
        }
        snapshot.version += 1
    }

    public mutating func setAccountName(_ name: String?) {
        guard let name, name != snapshot.accountName else { return }
        snapshot.accountName = name
        snapshot.version += 1
    }

    /// The outcome of a round of queue and bridge requests. Changes the
    /// snapshot only when the services start or stop failing, so a quiet
    /// board is not redrawn every round.
    @discardableResult
    public mutating func setServicesFailing(since lastAnswered: Date?) -> Bool {
        guard lastAnswered != snapshot.servicesFailingSince else { return false }
        snapshot.servicesFailingSince = lastAnswered
        snapshot.version += 1
        return true
    }

    @discardableResult
    public mutating func setHealth(_ health: ConnectionHealth) -> [EngineEvent] {
        guard health != snapshot.health else { return [] }
        snapshot.health = health
        snapshot.version += 1
        return [.healthChanged(health)]
    }
}
