import Testing
@testable import Switchboard

@Suite struct BufferTests {
    @Test func textThatDoesNotFitEndsInAnEllipsis() {
        var buffer = Buffer(width: 10, height: 1)
        #expect(buffer.write("Anatole Brun", x: 0, y: 0, maxWidth: 8, role: .text) == 8)
        #expect(buffer.line(at: 0) == "Anatole…  ")
    }

    @Test func wideCharactersTakeTwoCellsAndNeverSplit() {
        var buffer = Buffer(width: 6, height: 1)
        #expect(buffer.write("李娜李", x: 0, y: 0, maxWidth: 5, role: .text) == 5)
        #expect(buffer[1, 0].isContinuation)
        #expect(buffer.line(at: 0) == "李娜… ")
    }

    @Test func combiningMarksStayWithTheirLetter() {
        var buffer = Buffer(width: 4, height: 1)
        buffer.write("Zoe\u{0308}", x: 0, y: 0, role: .text)
        #expect(buffer[2, 0].character == "e\u{0308}")
        #expect(buffer[3, 0].character == " ")
    }

    @Test func controlAndBidiCharactersAreReplaced() {
        var buffer = Buffer(width: 12, height: 1)
        buffer.write("a\u{1B}[31m\u{202E}b\u{9B}", x: 0, y: 0, role: .text)
        #expect(buffer.line(at: 0) == "a�b�        ")
    }

    /// The fast paths (ASCII, precomposed Latin) cut and fill exactly as the general one.
    @Test func latinAndASCIITextIsCutLikeAnyOther() {
        for (text, width, shown) in [("Zoë Ó Briain", 6, "Zoë Ó…"), ("Zoë", 6, "Zoë   "), ("abcdefgh", 4, "abc…"), ("abcd", 4, "abcd"),
                                     ("Łukasz Dubois", 7, "Łukasz…"), ("李娜 Ana", 6, "李娜 …")] {
            var buffer = Buffer(width: width, height: 1)
            buffer.write(text, x: 0, y: 0, role: .text)
            #expect(buffer.line(at: 0) == shown, "\(text)")
        }
    }

    @Test func writingPastTheEdgeIsClipped() {
        var buffer = Buffer(width: 4, height: 2)
        buffer.write("abcdef", x: 2, y: 1, role: .text)
        buffer.write("zz", x: 9, y: 0, role: .text)
        buffer.write("zz", x: 0, y: 5, role: .text)
        #expect(buffer.text == "    \n  a…")
    }
}
