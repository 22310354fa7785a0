import PresenceEngine
import Testing
@testable import Switchboard

/// The reducer's modes: find, sort, dial, call, help, kiosk. No terminal.
@Suite struct BoardKeysTests {
    func app() -> App { BoardFixture.app(width: 120, height: 40) }

    func type(_ text: String, into app: inout App) {
        for character in text { _ = app.reduce(.key(.character(character))) }
    }

    @Test func findIgnoresCaseAndAccentsAndKeepsTheFilterOnEnter() {
        var app = app()
        _ = app.reduce(.key(.character("/")))
        type("zoe", into: &app)
        #expect(app.rows.map(\.number) == ["215"])
        _ = app.reduce(.key(.enter))
        #expect(app.mode == .board)
        #expect(app.filter == "zoe")
        #expect(app.rows.map(\.number) == ["215"])
        _ = app.reduce(.key(.character("/")))
        _ = app.reduce(.key(.escape))
        #expect(app.filter == "")
        #expect(app.rows.count == 8)
    }

    @Test func findMatchesNumbersAndShowsNonUserEntriesOnlyWhenAsked() {
        var app = app()
        _ = app.reduce(.key(.character("/")))
        type("29", into: &app)
        #expect(app.rows.map(\.number) == ["299"])
    }

    @Test func sortCyclesNumberNameStatus() {
        var app = app()
        _ = app.reduce(.key(.character("s")))
        #expect(app.sort == .name)
        #expect(app.rows.first?.name == "A very long name that will not fit in its column at all")
        _ = app.reduce(.key(.character("s")))
        #expect(app.sort == .status)
        let ringingFirst = app.rows.prefix(2).map(\.isRinging)
        #expect(ringingFirst == [true, true])
        #expect(app.rows.last?.doNotDisturb == true)
        _ = app.reduce(.key(.character("s")))
        #expect(app.sort == .number)
    }

    @Test func callingAsksFirstThenAsksTheRunnerToCall() {
        var app = app()
        #expect(app.reduce(.key(.enter)).isEmpty)
        #expect(app.mode == .confirmCall(digits: "204", label: "204 Ana Lima"))
        #expect(app.reduce(.key(.character("n"))).isEmpty)
        #expect(app.mode == .board)
        _ = app.reduce(.key(.character("c")))
        #expect(app.reduce(.key(.character("y"))) == [.call(digits: "204", label: "204 Ana Lima")])
    }

    @Test func dialRefusesAnInvalidNumberWithTheReasonAndNoCall() {
        var app = app()
        _ = app.reduce(.key(.character("d")))
        type("12345", into: &app)
        #expect(app.reduce(.key(.enter)).isEmpty)
        #expect(app.notice?.isError == true)
        #expect(app.notice?.text.contains("at least 6 digits") == true)
        guard case .dial = app.mode else { Issue.record("the prompt should stay open"); return }
    }

    @Test func dialClassifiesThenConfirms() {
        var app = app()
        _ = app.reduce(.key(.character("d")))
        type("011 44 20 7946 0018", into: &app)
        #expect(DialDescription.preview("011 44 20 7946 0018", snapshot: app.snapshot).0 == "international +44 20 7946 0018")
        _ = app.reduce(.key(.enter))
        #expect(app.mode == .confirmCall(digits: "011442079460018", label: "international +44 20 7946 0018"))
        #expect(app.reduce(.key(.character("y"))) == [.call(digits: "011442079460018", label: "international +44 20 7946 0018")])
        #expect(DialDescription.preview("212", snapshot: app.snapshot).0 == "extension 212 Diana Ross")
        #expect(DialDescription.preview("(555) 785-2675", snapshot: app.snapshot).0 == "domestic +1 555 785 2675")
    }

    @Test func kioskModeCannotCallAndAsksBeforeQuitting() {
        var app = app()
        app.kiosk = true
        #expect(app.reduce(.key(.enter)).isEmpty)
        #expect(app.mode == .board)
        _ = app.reduce(.key(.character("d")))
        #expect(app.mode == .board)
        #expect(app.reduce(.key(.character("q"))).isEmpty)
        #expect(app.mode == .confirmQuit)
        #expect(app.reduce(.key(.character("y"))) == [.quit])
    }

    @Test func helpOpensAndCloses() {
        var app = app()
        _ = app.reduce(.key(.character("?")))
        #expect(app.mode == .help)
        let buffer = BoardFixture.render(app, width: 120, height: 40)
        #expect(buffer.text.contains("dial any number"))
        _ = app.reduce(.key(.escape))
        #expect(app.mode == .board)
    }

    @Test func noticesFade() {
        var app = app()
        _ = app.reduce(.notice("call refused: INTERNATIONAL BLOCKED", isError: true, at: BoardFixture.now))
        let fresh = BoardFixture.render(app, width: 120, height: 40)
        #expect(fresh.line(at: 39).contains("INTERNATIONAL BLOCKED"))
        var later = Buffer(width: 120, height: 40)
        BoardScreen(identity: "x", timeZone: .init(identifier: "UTC")!)
            .render(app, now: BoardFixture.now.adding(seconds: 10), wallClock: BoardFixture.wallClock, into: &later)
        #expect(!later.line(at: 39).contains("INTERNATIONAL BLOCKED"))
    }

    @Test func theLineEditorEdits() {
        var editor = LineEditor("5557")
        _ = editor.apply(.left)
        _ = editor.apply(.left)
        _ = editor.apply(.character("x"))
        #expect(editor.text == "55x57")
        _ = editor.apply(.backspace)
        _ = editor.apply(.delete)
        #expect(editor.text == "557")
        _ = editor.apply(.home)
        _ = editor.apply(.character("1"))
        _ = editor.apply(.end)
        _ = editor.apply(.character("9"))
        #expect(editor.text == "15579")
        _ = editor.apply(.character("\u{1B}"))
        #expect(editor.text == "15579")
    }
}

@Suite struct PaneFocusTests {
    @Test func tabMovesToQueuesAndEnterCallsTheQueue() {
        var app = BoardFixture.app(width: 120, height: 40)
        _ = app.reduce(.key(.tab))
        #expect(app.focus == .queues)
        #expect(app.selectedQueue == "9100")
        _ = app.reduce(.key(.down))
        #expect(app.selectedQueue == "9200")
        _ = app.reduce(.key(.enter))
        #expect(app.mode == .confirmCall(digits: "9200", label: "queue 9200 Support"))
        #expect(app.reduce(.key(.character("y"))) == [.call(digits: "9200", label: "queue 9200 Support")])
        _ = app.reduce(.key(.tab))
        #expect(app.focus == .conferences)
        _ = app.reduce(.key(.character("c")))
        #expect(app.mode == .confirmCall(digits: "8800", label: "bridge 8800 All Hands"))
        _ = app.reduce(.key(.escape))
        _ = app.reduce(.key(.backTab))
        _ = app.reduce(.key(.backTab))
        #expect(app.focus == .extensions)
    }

    @Test func onANarrowScreenTheFocusedSidePaneTakesTheMainArea() {
        var app = BoardFixture.app(width: 80, height: 24)
        _ = app.reduce(.key(.tab))
        let buffer = BoardFixture.render(app, width: 80, height: 24)
        #expect(buffer.line(at: 1).contains("Queues 2"))
        #expect(buffer.text.contains("9100 Front Desk"))
    }
}
