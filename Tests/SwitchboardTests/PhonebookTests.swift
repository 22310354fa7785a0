import Foundation
import Journal
import PresenceEngine
import Testing
@testable import Switchboard

/// Issue 25: names for callers from a phonebook file.
@Suite struct PhonebookTests {
    static let csv = """
        number,name,notes
        +44 20 7946 0018,Hotel Savoy,front desk
        555-123-4567,"Patel, Dr. Ravi",
        # a comment line
        12345,Too Short
        +1 555 000 1111,
        not a number,Nobody
        "+1 617 555 0100,Unclosed
        """

    @Test func numbersAreComparedByTheirDigitsTheCountryCodeOptional() {
        let (book, _) = Phonebook.parse(Self.csv)
        #expect(book.count == 2)
        #expect(book.name(for: "442079460018") == "Hotel Savoy")
        #expect(book.name(for: "02079460018") == "Hotel Savoy")
        #expect(book.name(for: "+1 (555) 123-4567") == "Patel, Dr. Ravi")
        #expect(book.name(for: "15551234567") == "Patel, Dr. Ravi")
        #expect(book.name(for: "204") == nil)
        #expect(book.name(for: "15559990000") == nil)
        #expect(book.name("Jane Doe", for: "15551234567") == "Jane Doe")
    }

    @Test func badLinesAreReportedWithTheirLineNumbersAndSkipped() {
        let (_, problems) = Phonebook.parse(Self.csv)
        #expect(problems.map(\.line) == [5, 6, 7, 8])
        #expect(problems[0].reason.contains("'12345' is not a phone number"))
        #expect(problems[1].reason == "no name")
        #expect(problems[3].reason == "an unclosed quote")
        let (_, headless) = Phonebook.parse("+1 555 123 4567,Someone\n")
        #expect(headless == [Phonebook.Problem(line: 1, reason: "the first line must be a header naming the columns number and name")])
    }

    @Test func theFileIsReadAgainWhenItChanges() throws {
        let path = try CommandLineTests.temporaryHome() + "/contacts.csv"
        try Data("number,name\n+44 20 7946 0018,Hotel Savoy\n".utf8).write(to: URL(fileURLWithPath: path))
        var file = PhonebookFile(path: path)
        let start = MonotonicInstant.now()
        guard case .phonebook(let first, let problems, _, _) = file.reloadIfChanged(now: start) else { Issue.record("not read"); return }
        #expect(first.name(for: "442079460018") == "Hotel Savoy" && problems.isEmpty)
        #expect(file.reloadIfChanged(now: start.adding(seconds: 11)) == nil, "unchanged")
        try Data("number,name\n+44 20 7946 0018,The Savoy\nx,y\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect(file.reloadIfChanged(now: start.adding(seconds: 12)) == nil, "looked at most every 10 s")
        guard case .phonebook(let second, let later, _, _) = file.reloadIfChanged(now: start.adding(seconds: 22)) else { Issue.record("not read again"); return }
        #expect(second.name(for: "442079460018") == "The Savoy")
        #expect(later.map(\.line) == [3])
    }

    /// Named on the board, the room's missed calls and the missed list where the service gave no name.
    @Test(arguments: [(80, 24), (120, 40), (240, 67)])
    func callersAreNamedOnScreen(width: Int, height: Int) throws {
        var app = JournalScreensTests.app(width: width, height: height)
        _ = app.reduce(.key(.escape))
        let (book, problems) = Phonebook.parse(Self.csv)
        _ = app.reduce(.phonebook(book, problems: problems, file: "/home/alice/contacts.csv", at: .zero))
        #expect(app.notice?.text == "phonebook contacts.csv: line 5: '12345' is not a phone number (and 3 more), skipped")
        let board = BoardFixture.render(app, width: width, height: height).text
        try SnapshotFile.assertMatches(board, named: "phonebook-\(width)x\(height).txt")
        #expect(board.contains("Hotel Sav"), "cut to its column, but there")
        _ = app.reduce(.key(.character("m")))
        let missed = BoardFixture.render(app, width: width, height: height).text
        #expect(missed.contains("+44 20 7946 0018") && missed.contains("Hotel"))
    }
}
