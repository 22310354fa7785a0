import Foundation

/// The deadline tests give an event: generous, because CI machines are
/// shared and slow; a passing test never waits for it.
public let eventDeadline: Duration = .seconds(15)

public struct DeadlinePassed: Error, CustomStringConvertible {
    public let what: String
    /// The last reading, when the wait was for a value (a screen, a file, a log).
    public var lastSeen: String? = nil
    public var description: String {
        "deadline passed waiting for \(what)" + (lastSeen.map { "; last seen:\n\($0)" } ?? "")
    }
}

/// Waits for `condition` to hold, checking it every few milliseconds, and
/// fails once the deadline passes. Never a fixed sleep: it returns as soon
/// as the event has happened.
public func waitUntil(_ what: String, within deadline: Duration = eventDeadline,
                      _ condition: () async throws -> Bool) async throws {
    let clock = ContinuousClock()
    let end = clock.now.advanced(by: deadline)
    while try await !condition() {
        if clock.now >= end { throw DeadlinePassed(what: what) }
        try await Task.sleep(for: .milliseconds(5))
    }
}

/// Waits for what `read` returns to meet `condition`, and returns that very
/// reading. A test then checks the screen, file or log it waited for, never
/// a later reading, which may already show something else (or not yet show
/// what a different wait promised: under a loaded parallel run a frame, a
/// line or a row lands at its own time). Fails once the deadline passes,
/// with the last reading in the error.
@discardableResult
public func waitUntil<Value>(_ what: String, within deadline: Duration = eventDeadline, reading read: () async throws -> Value,
                             _ condition: (Value) throws -> Bool) async throws -> Value {
    let clock = ContinuousClock()
    let end = clock.now.advanced(by: deadline)
    while true {
        let value = try await read()
        if try condition(value) { return value }
        if clock.now >= end { throw DeadlinePassed(what: what, lastSeen: "\(value)") }
        try await Task.sleep(for: .milliseconds(5))
    }
}

/// Runs blocking work (a libcurl request, a process) on a thread of its
/// own, so it never starves the concurrency pool the simulator runs on.
public func onOwnThread<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value) async throws -> Value {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread {
            do { continuation.resume(returning: try work()) } catch { continuation.resume(throwing: error) }
        }
        thread.start()
    }
}
