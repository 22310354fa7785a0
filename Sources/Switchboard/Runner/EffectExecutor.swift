import Foundation
import Journal
import Logging
import PresenceEngine

/// Carries out what the reducer asks for. Network work goes to the
/// engine's lanes (a call or a history page on the action lane, a
/// recording on the download lane); its outcome comes back through the inbox as a
/// typed event (`callPlaced`, `recordingSaved`, …) for the reducer. A theme
/// change happens here, on the UI thread, which owns the terminal.
final class EffectExecutor {
    private let engine: PresenceEngine
    private let inbox: Inbox
    private let terminal: CursesTerminal
    /// Where `r` saves recordings (created 0700 when missing).
    private let recordingsDirectory: String
    private let recordingLimits: RecordingLimits
    private let logger: Logger
    private var themeName: String
    /// The journal, for `x` on a missed caller (nil when it is off).
    var journal: JournalService?

    init(engine: PresenceEngine, inbox: Inbox, terminal: CursesTerminal, recordingsDirectory: String, recordingLimits: RecordingLimits = RecordingLimits(),
         themeName: String, logger: Logger) {
        self.recordingLimits = recordingLimits
        self.engine = engine
        self.inbox = inbox
        self.terminal = terminal
        self.recordingsDirectory = recordingsDirectory
        self.themeName = themeName
        self.logger = logger
    }

    /// Runs `effect`; returns an event to reduce at once, if any.
    func run(_ effect: Effect) -> AppEvent? {
        switch effect {
        case .quit, .acknowledgeAlarms:
            return nil  // the runner's own
        case .call(let digits, let label):
            call(digits, label: label)
        case .loadHistory(let number, let query, let before):
            loadHistory(number, query: query, before: before)
        case .saveRecording(let id, _):
            saveRecording(id)
        case .nextTheme:
            return nextTheme()
        case .markHandled(let numberKey):
            journal?.markHandled(numberKey)
        case .refreshFirst(let items):
            engine.refreshFirst(items)
        }
        return nil
    }

    private func call(_ digits: String, label: String) {
        let extensions = Set(engine.mailbox.latest().extensions.keys)
        let inbox = self.inbox
        engine.submit { services in
            do {
                try services.clickToCall(digits, extensions: extensions)
                inbox.post(.callPlaced(label: label, at: .now()))
            } catch {
                inbox.post(.callRefused(label: label, reason: "\(error)", at: .now()))
            }
        }
        logger.info("click-to-call requested", metadata: ["kind": "\(digits.count <= 6 ? "extension" : "outside")"])
    }

    private func loadHistory(_ number: String, query: HistoryQuery, before: Date?) {
        var request = query
        if let before { request.end = before }
        let page = request
        let inbox = self.inbox
        engine.submit { services in
            do {
                let records = try services.history(number, query: page)
                inbox.post(.historyLoaded(extension: number, records: records, older: before != nil))
            } catch {
                inbox.post(.historyFailed(extension: number, reason: "\(error)"))
            }
        }
    }

    private func saveRecording(_ id: String) {
        let folder = recordingsDirectory
        let limits = recordingLimits
        let inbox = self.inbox
        engine.download { services in
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
                var lastReport = MonotonicInstant.now()
                let path = try services.saveRecording(id, into: folder, limits: limits) { received, expected in
                    let now = MonotonicInstant.now()
                    guard now.seconds(since: lastReport) > 0.5 else { return }
                    lastReport = now
                    inbox.post(.recordingProgress(receivedBytes: received, expectedBytes: expected, at: now))
                }
                inbox.post(.recordingSaved(path: path, at: .now()))
            } catch {
                inbox.post(.recordingFailed(reason: "\(error)", at: .now()))
            }
        }
    }

    private func nextTheme() -> AppEvent? {
        let names = ThemeLoader.available()
        guard !names.isEmpty else { return nil }
        let next = names[((names.firstIndex(of: themeName) ?? -1) + 1) % names.count]
        do {
            terminal.apply(try ThemeLoader.load(named: next))
            themeName = next
            return .themeChanged(name: next, at: .now())
        } catch {
            return .themeFailed(name: next, reason: "\(error)", at: .now())
        }
    }
}
