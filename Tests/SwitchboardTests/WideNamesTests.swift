import Foundation
import Glibc
import PBXSimulator
import Testing
import TestSupport
@testable import Switchboard

/// Names terminals measure differently (a family joined with ZWJ, skin
/// tones, flags, a flood of combining marks, bidi controls, CJK, variation
/// selectors, zero-width joiners): the real board in tmux (the documented
/// wall set-up) at 90 and 160 columns, its screen read back and measured as
/// the terminal measures it (glibc's `wcwidth`): every bordered line exactly
/// the screen's width, every border in its column; and the CLI's columns
/// line up the same way.
@Suite struct WideNamesTests {
    static let names: [(String, String)] = [
        ("201", "👨‍👩‍👧‍👦 Family Name"),
        ("202", "👍🏽 Thumbs Tone"),
        ("203", "🇫🇷🇯🇵 Flag Pair"),
        ("204", "Zalgo e" + String(repeating: "\u{0301}\u{0316}\u{0334}", count: 30)),
        ("205", "\u{202E}Bidi\u{202C} Override"),
        ("206", "李娜 王芳 張偉"),
        ("207", "☺️ ❤️ Variation"),
        ("208", "Zero\u{200B}Width\u{2060}Join\u{00AD}Soft"),
    ]

    /// glibc's `wcwidth` (not in Swift's Glibc module), under a UTF-8 locale.
    static let wcwidth: @convention(c) (Int32) -> Int32 = {
        _ = setlocale(LC_CTYPE, "C.UTF-8")
        return unsafeBitCast(dlsym(UnsafeMutableRawPointer(bitPattern: 0), "wcwidth")!, to: (@convention(c) (Int32) -> Int32).self)
    }()

    /// Cells as the terminal counts them.
    static func terminalColumns(_ text: some StringProtocol) -> Int {
        text.unicodeScalars.reduce(0) { $0 + max(0, Int(wcwidth(Int32(bitPattern: $1.value)))) }
    }

    /// The terminal column of each `│` on a line.
    static func borderColumns(_ line: Substring) -> [Int] {
        var columns: [Int] = [], column = 0
        for scalar in line.unicodeScalars {
            if scalar == "│" { columns.append(column) }
            column += max(0, Int(wcwidth(Int32(bitPattern: scalar.value))))
        }
        return columns
    }

    static func setNames(_ setup: BoardInTmuxTests.Setup) throws {
        for (number, name) in names {
            let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            _ = try setup.control("/_sim/name?extension=\(number)&name=\(encoded)")
        }
        _ = try setup.control("/_sim/calls?extension=201&from=15557852675&name=Jane%20Doe")
        _ = try setup.control("/_sim/calls?extension=203&from=442079460018")
    }

    @Test(arguments: [(90, 30), (160, 40)])
    func everyLineIsTheScreensWidthWithItsBordersInTheirColumns(width: Int, height: Int) async throws {
        try await BoardInTmuxTests().withSetup { setup in
            try Self.setNames(setup)
            let tmux = try setup.board(width: width, height: height)
            func ringingRows(_ lines: [Substring]) -> [Substring] { lines.filter { $0.hasPrefix("│") && $0.contains("ringing") } }
            // Every check below is made on this one screen: live, the names,
            // both calls, and the footer (the frame drawn to its last line).
            let screen = try await tmux.waitForScreen("live with the names, both calls and the footer") { screen in
                screen.contains("● live") && screen.contains("Flag Pair") && screen.contains("Variation") && screen.contains("q quit")
                    && ringingRows(screen.split(separator: "\n", omittingEmptySubsequences: false)).count == 2
            }
            let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
            let bordered = lines.filter { $0.hasPrefix("│") || $0.hasPrefix("┌") || $0.hasPrefix("└") }
            #expect(bordered.count >= 10)
            var dividers: Set<[Int]> = []
            for line in bordered {
                #expect(Self.terminalColumns(line) == width, "\(Self.terminalColumns(line)) columns: \(line)")
                if line.hasPrefix("│") { dividers.insert(Self.borderColumns(line)) }
            }
            // The extensions pane's borders, and the side column's where it has rows, in one column each.
            #expect(Set(dividers.map { $0.prefix(2) }).count == 1, "borders in different columns: \(dividers)")
            #expect(Set(dividers.filter { $0.count > 2 }).count <= 1, "borders in different columns: \(dividers)")
            // Durations beside a joined name read as durations.
            let ringing = ringingRows(lines)
            #expect(ringing.count == 2)
            #expect(ringing.allSatisfy { $0.range(of: #"\b00:[0-9]{2}\b"#, options: .regularExpression) != nil }, "\(ringing)")
            tmux.sendKeys("q")
        }
    }

    @Test func theCLIsColumnsLineUp() async throws {
        try await BoardInTmuxTests().withSetup { setup in
            try Self.setNames(setup)
            let result = try ChildProcess.run([setup.binary, "status", "--server", setup.url, "--user", Account.demoLogin],
                                              environment: ProcessInfo.processInfo.environment.merging(
                                                  ["SWITCHBOARD_PASSWORD": Account.demoPassword, "COLUMNS": "200"]) { $1 },
                                              captureOutput: true)
            let lines = result.output.split(separator: "\n")
            #expect(lines.count >= 9)
            // The STATUS column starts in the same terminal column on every row.
            let starts = Set(lines.compactMap { line -> Int? in
                guard let range = line.range(of: #"  (STATUS|available|ringing|on call|inbound|outbound|dnd)\b"#, options: .regularExpression)
                else { return nil }
                return Self.terminalColumns(line[..<range.lowerBound])
            })
            #expect(starts.count == 1, "STATUS starts at \(starts):\n\(result.output)")
        }
    }
}
