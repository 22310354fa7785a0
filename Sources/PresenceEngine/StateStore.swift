import Foundation

/// An immutable view of everything the engine knows, handed to the UI.
public struct PresenceSnapshot: Sendable {
    /// Grows by one with every fold that changed something.
    public var version: Int
    public var extensions: [String: ExtensionState]
    public var health: ConnectionHealth
    /// Wall-clock time of the last answer that was understood.
    public var lastGoodUpdate: Date?

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

/// The engine's state: a pure fold of dashui answers by extension number.
public struct StateStore: Sendable {
    public private(set) var snapshot = PresenceSnapshot()

    public init() {}

    /// Folds one answer. A first-request answer is the complete state, so it
    /// replaces the store; later answers carry only the extensions that
    /// changed and are merged, never replacing the others.
    public mutating func fold(_ answer: DashuiAnswer, isComplete: Bool, at wallClock: Date) {
        if isComplete {
            var fresh: [String: ExtensionState] = [:]
            for state in answer.extensions { fresh[state.number] = state }
            snapshot.extensions = fresh
        } else {
            for state in answer.extensions { snapshot.extensions[state.number] = state }
        }
        snapshot.version += 1
        snapshot.lastGoodUpdate = wallClock
    }

    /// A 304: nothing changed, but the data is confirmed current.
    public mutating func confirm(at wallClock: Date) {
        snapshot.lastGoodUpdate = wallClock
    }

    public mutating func setHealth(_ health: ConnectionHealth) {
        guard health != snapshot.health else { return }
        snapshot.health = health
        snapshot.version += 1
    }
}
