import Foundation

/// The deadline tests give an event: generous, because CI machines are
/// shared and slow; a passing test never waits for it.
public let eventDeadline: Duration = .seconds(15)

public struct DeadlinePassed: Error, CustomStringConvertible {
    public let what: String
    public var description: String { "deadline passed waiting for \(what)" }
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
