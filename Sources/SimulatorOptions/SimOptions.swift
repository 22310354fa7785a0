import ArgumentParser
import PresenceEngine

/// `switchboard sim`'s options, parsed twice: by the board (for its help,
/// man page and completions, and to refuse bad ones before starting
/// anything) and by `switchboard-sim`, which runs the simulator.
public struct SimOptions: ParsableArguments {
    @Option(help: "Address to listen on.") public var host = "127.0.0.1"
    @Option(help: "Port to listen on (0 picks a free one).") public var port = 0
    @Option(help: "Seed: the same seed gives the same account and calls.") public var seed: UInt64 = 1
    @Option(help: "Simulated seconds per real second.") public var speed = 1.0
    @Option(help: "Number of extensions on the account (5-10000).") public var extensions = 20
    @Option(name: .customLong("poll-block"), help: "Seconds a dashui long poll is held before 304.") public var pollBlock = 30.0
    @Option(help: "Faults on their own: none, flaky or hostile.") public var chaos: ChaosProfile = .none
    @Option(help: "Answer shapes: live (as the live service sent them), guide (as documented) or mixed (the variants a client must also read).")
    public var shape: AnswerShape = .live
    @Flag(help: .hidden) public var strict = false
    @Option(name: .customLong("history-shape"), help: "Call history as wrapped, bare or guide (the guide's sloppy JSON); by default as --shape has it.")
    public var historyShape: HistoryShape?
    @Flag(help: "Log one line per request to stderr.") public var verbose = false
    @Flag(name: .customLong("no-traffic"), help: "No calls by themselves: the PBX moves only through the control API.")
    public var noTraffic = false
    @Option(name: .customLong("session-idle"), help: "Real seconds a session may sit unused before it answers 403.")
    public var sessionIdle = 1800.0
    @Option(name: .customLong("recording-delay"), help: "Simulated seconds after a call ends before its recording is ready.")
    public var recordingDelay = 10.0
    @Option(help: "One-way delay of a wide-area link in ms: each answer comes 2x this after its request, a new connection one round trip more.")
    public var latency = 0.0
    @Option(help: "Up to this many ms more on each way, at random (deterministic per --seed).")
    public var jitter = 0.0
    @Option(name: .customLong("history-days"), help: "Days of made-up call history (and recordings) before the start; 0 for none.")
    public var historyDays = 14
    /// `switchboard --demo` runs the simulator as its child: it stops when
    /// the board closes its standard input (on exit, or when it dies).
    @Flag(name: .customLong("stop-with-stdin"), help: .hidden) public var stopWithStdin = false

    public init() {}

    public func validate() throws {
        // A fake service with published passwords has no business on a network.
        guard ServerAddress.isLoopback(host) else { throw ValidationError("--host must be a loopback address (127.x, ::1, localhost)") }
        guard (5...10_000).contains(extensions) else { throw ValidationError("--extensions must be 5 to 10000") }
        guard speed > 0 && speed <= 10_000 else { throw ValidationError("--speed must be above 0 and at most 10000") }
        guard pollBlock > 0 && pollBlock <= 60 else { throw ValidationError("--poll-block must be above 0 and at most 60") }
        guard (0...366).contains(historyDays) else { throw ValidationError("--history-days must be 0 to 366") }
        guard (0...5_000).contains(latency), (0...5_000).contains(jitter) else { throw ValidationError("--latency and --jitter must be 0 to 5000 ms") }
    }

    /// What `switchboard sim` says about itself (in the board and in `switchboard-sim`).
    public static let abstract = "Serve the simulated Vonage API with a living phone system behind it."
    public static let discussion = """
        Example:
          switchboard sim --port 8080 --seed 7 --speed 10
          switchboard sim --extensions 1000 --chaos flaky --verbose
          SWITCHBOARD_PASSWORD=switchboard-demo switchboard --server http://127.0.0.1:8080 --user receptionist
        The simulator is the program switchboard-sim, installed beside switchboard.
        """
}

extension ChaosProfile: ExpressibleByArgument {}
extension HistoryShape: ExpressibleByArgument {}
extension AnswerShape: ExpressibleByArgument {}
