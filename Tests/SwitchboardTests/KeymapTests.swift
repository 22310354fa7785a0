import Testing
@testable import Switchboard

@Suite struct KeymapTests {
    @Test func noKeyIsBoundTwice() {
        let keys = Keymap.board.flatMap(\.keys)
        #expect(keys.count == Set(keys).count)
    }

    @Test func everyActionHasABindingWithHelpText() {
        for action in Action.allCases {
            let bindings = Keymap.board.filter { $0.action == action }
            #expect(!bindings.isEmpty, "\(action) has no key")
            #expect(bindings.allSatisfy { !$0.help.isEmpty })
        }
    }

    @Test func theFooterIsGeneratedFromTheTable() {
        var buffer = Buffer(width: 80, height: 1)
        FooterBar.render(kiosk: false, rect: buffer.area, into: &buffer)
        #expect(buffer.line(at: 0).hasPrefix(" ↑↓ move  q quit"))
    }
}
