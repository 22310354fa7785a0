import Testing
@testable import Switchboard

@Suite struct KeymapTests {
    @Test func noKeyIsBoundTwiceInOneScope() {
        for scope in KeyScope.allCases {
            let keys = Keymap.bindings(in: scope).flatMap(\.keys)
            #expect(keys.count == Set(keys).count, "\(scope)")
        }
    }

    @Test func everyActionHasABindingWithHelpText() {
        for action in Action.allCases {
            let bindings = Keymap.bindings.filter { $0.action == action }
            #expect(!bindings.isEmpty, "\(action) has no key")
            #expect(bindings.allSatisfy { !$0.help.isEmpty })
        }
    }

    @Test func theFooterIsGeneratedFromTheTable() {
        var buffer = Buffer(width: 130, height: 1)
        FooterBar.render(model: App().model, now: .zero, rect: buffer.area, into: &buffer)
        #expect(buffer.line(at: 0).hasPrefix(" ↑↓ move  Tab pane  / find  ⏎ call  d dial  h history  r recording  s sort  m missed  w wallboard  t theme  ? help  q quit"))
        // Narrow: the middle hints give way; help and quit stay.
        var narrow = Buffer(width: 60, height: 1)
        FooterBar.render(model: App().model, now: .zero, rect: narrow.area, into: &narrow)
        #expect(narrow.line(at: 0).contains("? help  q quit"))
        #expect(narrow.line(at: 0).hasPrefix(" ↑↓ move"))
    }

    @Test func kioskModeDropsCallingAndDiallingFromFooterAndHelp() {
        var app = App()
        app.kiosk = true
        var buffer = Buffer(width: 120, height: 1)
        FooterBar.render(model: app.model, now: .zero, rect: buffer.area, into: &buffer)
        #expect(!buffer.line(at: 0).contains("call"))
        #expect(!buffer.line(at: 0).contains("recording"))
        #expect(!buffer.line(at: 0).contains("dial"))
        #expect(!Keymap.helpLines(kiosk: true).contains { $0.help.contains("dial any number") })
    }
}
