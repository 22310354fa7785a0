import Foundation
import Testing
@testable import Switchboard

/// The user guide's tables are written by hand; these hold them to the code.
@Suite struct DocsAgreeTests {
    static func document(_ path: String) throws -> String {
        try String(contentsOfFile: InstallTests.packageRoot + "/" + path, encoding: .utf8)
    }

    /// The first column of the first table under the top of `text` (or after `heading`).
    static func firstColumn(_ text: String, after heading: String? = nil) -> [String] {
        var lines = text.components(separatedBy: "\n")[...]
        if let heading, let start = lines.firstIndex(of: heading) { lines = lines[start...] }
        let table = lines.drop { !$0.hasPrefix("| ") }.prefix { $0.hasPrefix("|") }
        return table.dropFirst(2).map { $0.split(separator: "|", omittingEmptySubsequences: false)[1].trimmingCharacters(in: .whitespaces) }
    }

    /// docs/config.md's reference names every key the parser reads, and no other.
    @Test func theConfigReferenceListsEveryKeyOfTheTable() throws {
        let cells = Self.firstColumn(try Self.document("docs/config.md"), after: "```")
        var documented: Set<String> = []
        for cell in cells {
            for name in cell.split(separator: ",").map({ $0.trimmingCharacters(in: CharacterSet(charactersIn: " `")) }) {
                documented.insert(name.hasPrefix("[alerts] ") ? "alerts." + name.dropFirst(9) : name)
            }
        }
        documented.subtract(["[groups] TITLE", "[queues] NUMBER"])
        let table = Set(ConfigKeys.all.map(\.name))
        // The call timers and the bell are documented once, "also under [alerts]".
        let aliases = Set(table.filter { $0.hasPrefix("alerts.") && table.contains(String($0.dropFirst(7))) })
        #expect(documented.subtracting(table).isEmpty, "documented but not read: \(documented.subtracting(table).sorted())")
        #expect(table.subtracting(aliases).subtracting(documented).isEmpty, "read but not documented: \(table.subtracting(aliases).subtracting(documented).sorted())")
    }

    /// How the key table writes a key.
    static func written(_ key: Key) -> String {
        switch key {
        case .character(let character): return "`\(character)`"
        case .up: return "`↑`"
        case .down: return "`↓`"
        case .left: return "`←`"
        case .right: return "`→`"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .control(let letter): return "Ctrl-\(letter.uppercased())"
        default: return "\(key)"
        }
    }

    /// docs/the-wall.md's key table has every key of the board's keymap, and only those.
    @Test func theKeyTableMatchesTheKeymap() throws {
        let column = Self.firstColumn(try Self.document("docs/the-wall.md")).joined(separator: " ")
        for binding in Keymap.bindings(in: .board) {
            for key in binding.keys {
                #expect(column.contains(Self.written(key)), "\(binding.action): \(Self.written(key)) is not in the key table")
            }
        }
        // Every single character the table names is a key of the board.
        let bound = Set(Keymap.bindings(in: .board).flatMap(\.keys).map(Self.written))
        let pattern = try NSRegularExpression(pattern: "`[^`]`")
        let range = NSRange(column.startIndex..., in: column)
        for match in pattern.matches(in: column, range: range) {
            let named = String(column[Range(match.range, in: column)!])
            #expect(bound.contains(named), "the key table names \(named), which the board does not read")
        }
    }

    /// `make test-fast` skips by name the suites tagged `.endToEnd`, all of them and no other.
    @Test func theFastSuiteSkipsExactlyTheEndToEndSuites() throws {
        let makefile = try Self.document("Makefile")
        let line = try #require(makefile.components(separatedBy: "\n").first { $0.hasPrefix("END_TO_END := ") })
        let skipped = Set(line.dropFirst("END_TO_END := ".count).split(separator: "|").map(String.init))
        var tagged: Set<String> = []
        let pattern = try NSRegularExpression(pattern: #"\.tags\(\.endToEnd\)\) struct (\w+)"#)
        let tests = InstallTests.packageRoot + "/Tests"
        for case let file as String in FileManager.default.enumerator(atPath: tests)! where file.hasSuffix(".swift") {
            let text = try String(contentsOfFile: tests + "/" + file, encoding: .utf8)
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                tagged.insert(String(text[Range(match.range(at: 1), in: text)!]))
            }
        }
        #expect(!tagged.isEmpty)
        #expect(skipped == tagged)
    }
}
