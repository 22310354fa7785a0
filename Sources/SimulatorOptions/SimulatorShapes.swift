/// The simulator's choices a command line names: what `switchboard sim`
/// parses (in the board, for its help, man page and completions) and the
/// simulator runs (`switchboard-sim`), in a module of their own so the
/// board links no web server.

/// The shapes call history is seen in.
public enum HistoryShape: String, Sendable, CaseIterable {
    /// `{"callHistoryList": [...]}`, as documented.
    case wrapped
    /// A bare JSON array, as some clients have seen it.
    case bare
    /// The guide's own example: an unquoted key and trailing commas.
    case guide
}

/// The shapes of the service's answers (docs/simulator.md).
public enum AnswerShape: String, Sendable, CaseIterable {
    /// As the live service sent them (public captures): numbers as numbers
    /// in live status, `statusItems` for idle extensions too, an extension's
    /// name and numbers beside `details`, history as a bare list with
    /// zero-padded dates.
    case live
    /// As the API guide documents them: an extension's fields inside
    /// `details`, `statusItems` always a list, history wrapped in `callHistoryList`.
    case guide
    /// The variants a robust client must also read: numbers as strings and
    /// ids as long JSON numbers, `presence` a list even for one call, fields
    /// inside `details` for some extensions and beside it for others, idle
    /// extensions with no `statusItems` or `{}`, history wrapped or bare.
    case mixed
}

/// `--chaos`: faults drawn at random (from the seed) for every request.
public enum ChaosProfile: String, Sendable, CaseIterable {
    case none
    /// A bad day: occasional errors, drops, 409 bursts, expired sessions.
    case flaky
    /// Everything, often: bad bytes, huge and trickled bodies, hangs.
    case hostile
}

/// The demo account's sign-ins (`switchboard --demo`, docs/simulator.md).
public enum DemoAccount {
    public static let login = "receptionist"
    public static let password = "switchboard-demo"
    /// Every person's own login name signs in with this.
    public static let staffPassword = "staff-demo"
}
