import Foundation
import Journal
import PresenceEngine
import Testing
@testable import Switchboard

/// Every key of the keymap, pressed in every mode whose scope reads it, and
/// a key nobody bound: the reducer does what the table's help text says.
@Suite struct EveryKeyTests {
    /// The modes a key can be pressed in, each set up from the fixture board.
    enum Setting: String, CaseIterable {
        case board, boardOnQueues, boardOnConferences, kiosk, find, dial, historyFilter, confirmCall, confirmQuit, help, history, wallboard
        case missed, digest

        var scope: KeyScope {
            switch self {
            case .board, .boardOnQueues, .boardOnConferences, .kiosk: return .board
            case .find, .dial, .historyFilter: return .prompt
            case .confirmCall, .confirmQuit: return .question
            case .help: return .help
            case .history: return .history
            case .wallboard: return .wallboard
            case .missed: return .missed
            case .digest: return .digest
            }
        }

        /// The app in this mode, with the selection on the second row so
        /// moves both ways show.
        func app() -> App {
            var app = BoardFixture.app(width: 120, height: 40)
            _ = app.reduce(.key(.down))
            switch self {
            case .board: break
            case .boardOnQueues: _ = app.reduce(.key(.tab))
            case .boardOnConferences: _ = app.reduce(.key(.tab)); _ = app.reduce(.key(.tab))
            case .kiosk: app.kiosk = true
            case .find: _ = app.reduce(.key(.character("/"))); _ = app.reduce(.key(.character("a")))
            case .dial:
                _ = app.reduce(.key(.character("d")))
                for character in "5557852675" { _ = app.reduce(.key(.character(character))) }
            case .historyFilter, .history:
                _ = app.reduce(.key(.character("h")))
                _ = app.reduce(.historyLoaded(extension: "208", records: [
                    HistoryViewTests.record(5, duration: 61, recording: "https://x/recordingplayer/777"),
                    HistoryViewTests.record(9, duration: 0, result: "Voicemail"),
                    HistoryViewTests.record(12, duration: 30),
                ], older: false))
                if self == .historyFilter {
                    _ = app.reduce(.key(.character("f")))
                    for character in "min=30" { _ = app.reduce(.key(.character(character))) }
                }
            case .confirmCall: _ = app.reduce(.key(.enter))
            case .confirmQuit: app.kiosk = true; _ = app.reduce(.key(.character("q")))
            case .help: _ = app.reduce(.key(.character("?")))
            case .wallboard: _ = app.reduce(.key(.character("w")))
            case .missed:
                _ = app.reduce(.journal(MissedFixture.view()))
                _ = app.reduce(.key(.character("m")))
            case .digest:
                var view = MissedFixture.view()
                view.digest = Digest.make(since: MissedFixture.at(0), calls: [], samples: [], day: LocalDay(timeZone: .current))
                _ = app.reduce(.journal(view))
            }
            return app
        }
    }

    static var cases: [(Setting, Key)] {
        Setting.allCases.flatMap { setting in
            Keymap.bindings(in: setting.scope, kiosk: setting == .kiosk).flatMap(\.keys).map { (setting, $0) }
        }
    }

    @Test(arguments: cases)
    func aBoundKeyDoesWhatItsHelpSays(setting: Setting, key: Key) throws {
        var app = setting.app()
        let before = app
        let action = try #require(Keymap.action(for: key, in: setting.scope, kiosk: setting == .kiosk))
        let effects = app.reduce(.key(key))
        let selected = app.selectedIndex
        switch (setting, action) {
        case (.board, .moveUp), (.kiosk, .moveUp): #expect(selected == 0)
        case (.board, .moveDown), (.kiosk, .moveDown): #expect(selected == 2)
        case (.board, .pageUp), (.board, .first), (.kiosk, .pageUp), (.kiosk, .first): #expect(selected == 0)
        case (.board, .pageDown), (.board, .last), (.kiosk, .pageDown), (.kiosk, .last): #expect(selected == app.rows.count - 1)
        case (.board, .moveLeft), (.board, .moveRight), (.kiosk, .moveLeft), (.kiosk, .moveRight):
            // The fixture fits one column: there is no column beside it (WallLayoutTests move on a grid).
            #expect(selected == before.selectedIndex)
        case (.boardOnQueues, .moveLeft), (.boardOnQueues, .moveRight), (.boardOnConferences, .moveLeft), (.boardOnConferences, .moveRight):
            #expect(app.focus == before.focus)
        case (.boardOnQueues, .moveDown): #expect(app.selectedQueue == "9200")
        case (.boardOnQueues, .moveUp): #expect(app.selectedQueue == "9100")
        case (.boardOnConferences, .moveDown): #expect(app.selectedBridge == "8801")
        case (.boardOnConferences, .moveUp): #expect(app.selectedBridge == "8800")
        case (.boardOnQueues, .pageUp), (.boardOnQueues, .pageDown), (.boardOnQueues, .first), (.boardOnQueues, .last),
             (.boardOnConferences, .pageUp), (.boardOnConferences, .pageDown), (.boardOnConferences, .first), (.boardOnConferences, .last):
            // Side panes are short; paging moves the (hidden) extension selection only.
            #expect(app.focus == before.focus)
        case (_, .nextPane) where setting.scope == .board:
            #expect(app.focus == Pane.allCases[(Pane.allCases.firstIndex(of: before.focus)! + 1) % Pane.allCases.count])
        case (_, .previousPane) where setting.scope == .board:
            #expect(app.focus == Pane.allCases[(Pane.allCases.firstIndex(of: before.focus)! + Pane.allCases.count - 1) % Pane.allCases.count])
        case (_, .find) where setting.scope == .board: #expect(app.mode == .find(LineEditor("")))
        case (.board, .call): #expect(app.mode == .confirmCall(digits: "208", label: "208 Anatole Brun"))
        case (.boardOnQueues, .call): #expect(app.mode == .confirmCall(digits: "9100", label: "queue 9100 Front Desk"))
        case (.boardOnConferences, .call): #expect(app.mode == .confirmCall(digits: "8800", label: "bridge 8800 All Hands"))
        case (.kiosk, .call), (.kiosk, .dial), (.kiosk, .recording):
            Issue.record("kiosk mode must not bind \(key)")
        case (_, .dial): #expect(app.mode == .dial(LineEditor()))
        case (_, .history) where setting.scope == .board:
            if case .history(let view) = app.mode { #expect(view.loading) } else { Issue.record("no history view") }
            #expect(effects.count == 1)
        case (_, .recording) where setting.scope == .board:
            // 208's ringing call is not recorded and none was seen before.
            #expect(effects.isEmpty)
            #expect(app.notice?.text == "no recorded call seen on 208")
        case (_, .sort): #expect(app.sort == .name)
        case (_, .nextTheme): #expect(effects == [.nextTheme])
        case (_, .acknowledge): #expect(effects.contains(.acknowledgeAlarms) && app.notice?.text.hasPrefix("acknowledged") == true)
        case (_, .help) where setting.scope == .board || setting.scope == .wallboard: #expect(app.mode == .help)
        case (.board, .wallboard), (.kiosk, .wallboard), (.boardOnQueues, .wallboard), (.boardOnConferences, .wallboard):
            #expect(app.view == .wallboard)
        case (.wallboard, .wallboard): #expect(app.view == .board)
        case (_, .missedCalls): #expect(app.mode == .missed(MissedScreen()))
        case (.missed, .moveDown): #expect(missedView(app)?.selection == 1)
        case (.missed, .moveUp), (.missed, .pageUp): #expect(missedView(app)?.selection == 0)
        case (.missed, .pageDown): #expect(missedView(app)?.selection == 2)
        case (.missed, .call): #expect(app.mode == .confirmCall(digits: "15557771234", label: "back +1 555 777 1234 Jane Doe"))
        case (.missed, .markHandled): #expect(effects == [.markHandled(numberKey: "5557771234")])
        case (.missed, .back), (.digest, .back): #expect(app.mode == .board)
        case (.kiosk, .quit): #expect(app.mode == .confirmQuit); #expect(effects.isEmpty)
        case (_, .quit): #expect(effects == [.quit])
        case (.find, .submit): #expect(app.mode == .board); #expect(app.filter == "a")
        case (.find, .cancel): #expect(app.mode == .board); #expect(app.filter == ""); #expect(app.rows.count == 8)
        case (.dial, .submit): #expect(app.mode == .confirmCall(digits: "5557852675", label: "domestic +1 555 785 2675"))
        case (.dial, .cancel): #expect(app.mode == .board); #expect(effects.isEmpty)
        case (.historyFilter, .submit):
            if case .history(let view) = app.mode { #expect(view.query.minDurationSeconds == 30) } else { Issue.record("not back in history") }
            #expect(effects.count == 1)
        case (.historyFilter, .cancel):
            if case .history(let view) = app.mode { #expect(view.query.minDurationSeconds == nil) } else { Issue.record("not back in history") }
            #expect(effects.isEmpty)
        case (.confirmCall, .yes): #expect(effects == [.call(digits: "208", label: "208 Anatole Brun")]); #expect(app.mode == .board)
        case (.confirmCall, .no): #expect(effects.isEmpty); #expect(app.mode == .board)
        case (.confirmQuit, .yes): #expect(effects == [.quit])
        case (.confirmQuit, .no): #expect(effects.isEmpty); #expect(app.mode == .board)
        case (.help, .cancel): #expect(app.mode == .board)
        case (.history, _):
            guard case .history(let view) = before.mode else { Issue.record("not in history"); return }
            switch action {
            case .moveDown, .pageDown: #expect(historyView(app)?.selection == 1 || historyView(app)?.selection == 2)
            case .moveUp, .pageUp: #expect(historyView(app)?.selection == 0)
            case .details: #expect(historyView(app)?.showsDetails == !view.showsDetails)
            case .filterHistory: #expect(app.mode == .historyFilter(view, LineEditor("")))
            case .olderHistory: #expect(effects.isEmpty); #expect(app.notice?.text == "no older calls")
            case .recording: #expect(effects.count == 1)
            case .back: #expect(app.mode == .board)
            default: Issue.record("history key \(key) not covered")
            }
        default:
            Issue.record("\(setting) \(key) → \(action) has no expectation")
        }
    }

    func missedView(_ app: App) -> MissedScreen? {
        if case .missed(let view) = app.mode { return view }
        return nil
    }

    func historyView(_ app: App) -> HistoryScreen? {
        if case .history(let view) = app.mode { return view }
        return nil
    }

    /// A key no scope binds changes nothing and asks for nothing (prompts
    /// take it as text, so they are left out).
    @Test(arguments: Setting.allCases.filter { $0.scope != .prompt })
    func anUnboundKeyChangesNothing(setting: Setting) {
        var app = setting.app()
        let before = app
        #expect(app.reduce(.key(.character("€"))).isEmpty)
        #expect(app.reduce(.key(.control("x"))).isEmpty)
        #expect(app.mode == before.mode)
        #expect(app.selectedIndex == before.selectedIndex)
        #expect(app.focus == before.focus)
    }

    @Test func inKioskModeCallDialAndRecordingKeysDoNothing() {
        var app = Setting.kiosk.app()
        for key in [Key.enter, .character("c"), .character("d"), .character("r")] {
            #expect(app.reduce(.key(key)).isEmpty)
            #expect(app.mode == .board)
        }
    }
}

/// Three missed callers, newest first.
enum MissedFixture {
    static func at(_ hours: Double) -> Date { Date(timeIntervalSince1970: 1_764_590_400 + hours * 3600) }

    static func caller(_ number: String, name: String, at hours: Double, count: Int = 1) -> MissedCaller {
        MissedCaller(numberKey: NumberKey.of(number), number: number, name: name, count: count, first: at(hours), last: at(hours),
                     extensions: ["201"], queues: [], leftVoicemail: false, isRepeatCaller: count >= 3, handledAt: nil)
    }

    static func view() -> JournalSummary {
        var view = JournalSummary(missedSince: at(0), today: DayFigures(day: "2025-12-01"))
        view.missed = [caller("15557771234", name: "Jane Doe", at: 9), caller("15551112222", name: "", at: 8, count: 3),
                       caller("442079460018", name: "Bob Smith", at: 7)]
        return view
    }
}
