import Foundation
import Journal
import PresenceEngine
import Testing
@testable import Switchboard

/// Issue 25: `mask_numbers = true` on a public screen.
@Suite struct NumberPrivacyTests {
    @Test(arguments: [
        ("15557852675", "+1 555 •••• 2675"),
        ("5557852675", "+1 555 •••• 2675"),
        ("442079460018", "+44 20 •••• 0018"),
        ("01133123456789", "+33 •••• 6789"),
        ("204", "204"),
        ("8800", "8800"),
    ])
    func outsideNumbersAreMaskedAndExtensionsStay(raw: String, shown: String) {
        #expect(NumberPrivacy.masked(ascii: false).shown(raw) == shown)
        #expect(NumberPrivacy.whole.shown(raw) == PhoneNumberFormat.display(raw))
    }

    @Test func asciiTerminalsGetStarsAndTheCompactFormKeepsTheEnds() {
        #expect(NumberPrivacy.masked(ascii: true).shown("15557852675") == "+1 555 **** 2675")
        #expect(NumberPrivacy.masked(ascii: false).compact("442079460018") == "+4420••••0018")
        #expect(NumberPrivacy.masked(ascii: false).compact("204") == "204")
    }

    @Test func theConfigKeyIsRead() throws {
        #expect(try ConfigFile.parse("mask_numbers = true", file: "c.toml").maskNumbers == true)
        #expect(try ConfigFile.parse("", file: "c.toml").maskNumbers == nil)
    }

    /// The board, the room's missed calls and the wallboard's strip, masked:
    /// no outside number is whole on screen; extensions and names stay.
    @Test(arguments: [(80, 24), (120, 40), (240, 67)])
    func noOutsideNumberIsWholeOnScreen(width: Int, height: Int) throws {
        var app = JournalScreensTests.app(width: width, height: height)
        app.numbers = .masked(ascii: false)
        _ = app.reduce(.key(.escape))
        let board = BoardFixture.render(app, width: width, height: height).text
        try SnapshotFile.assertMatches(board, named: "masked-\(width)x\(height).txt")
        _ = app.reduce(.key(.character("w")))
        let wallboard = BoardFixture.render(app, width: width, height: height).text
        _ = app.reduce(.key(.character("w")))
        _ = app.reduce(.key(.character("m")))
        let missed = BoardFixture.render(app, width: width, height: height).text
        for text in [board, wallboard, missed] {
            for whole in ["785 2675", "7946 0018", "123 4567", "000 1111", "999 0000"] {
                #expect(!text.contains(whole), "\(whole) at \(width)x\(height)")
            }
        }
        #expect(board.contains("+1 555 •••• 2675") && board.contains("204 Ana Lima"))
        #expect(missed.contains("+44 20 •••• 0018"))
        // The call-back question says the number masked too.
        _ = app.reduce(.key(.enter))
        guard case .confirmCall(let digits, let label) = app.mode else { Issue.record("no question"); return }
        #expect(digits == "15557852675" && label.hasPrefix("back +1 555 •••• 2675"))
    }
}
