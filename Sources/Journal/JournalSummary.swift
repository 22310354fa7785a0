import Foundation

/// What the board shows from the journal, recomputed on the journal's
/// queue after each change and handed to the UI whole.
public struct JournalSummary: Sendable, Equatable {
    /// Why the journal is not written (said once in the footer and the log).
    public var problem: JournalProblem?
    public var missed: [MissedCaller] = []
    /// The newest calls with someone outside, newest first (the side column's room).
    public var recent: [JournalCall] = []
    /// Since when missed calls are listed.
    public var missedSince: Date
    public var today: DayFigures
    /// What happened while the board was away; nil when it was not away long.
    public var digest: Digest?
    /// The history is being read into the journal.
    public var filling = false
    /// Extensions whose history is still to be read.
    public var historyLeft = 0

    public init(problem: JournalProblem? = nil, missedSince: Date, today: DayFigures) {
        self.problem = problem
        self.missedSince = missedSince
        self.today = today
    }

    /// No journal is kept (turned off, or it could not be opened).
    public var isUnavailable: Bool {
        if case .unavailable = problem { return true }
        return false
    }

    /// Today has queue or extension figures to show.
    public var hasDayFigures: Bool { !today.queues.isEmpty || !today.extensions.isEmpty }

    /// How many of the newest calls `recent` holds.
    public static let recentCount = 12
    /// Before the journal's first view arrives.
    public static let off = JournalSummary(missedSince: .distantPast, today: DayFigures(day: ""))

    /// `--no-journal` or `journal = false`.
    public static let turnedOff = JournalSummary(problem: .unavailable("turned off (--no-journal or journal = false)"),
                                              missedSince: .distantPast, today: DayFigures(day: ""))
}
