import Foundation
import Journal
import PresenceEngine

/// Names for callers the service gives no caller ID for, from a CSV file
/// (`phonebook = "contacts.csv"`): a header with `number` and `name`
/// columns, then a line per number. Numbers are compared by their digits,
/// the country code optional (`+1 617 555 0100` is `617-555-0100`). A bad
/// line is reported with its line number and skipped; the rest is used.
package struct Phonebook: Equatable, Sendable {
    /// Name by `NumberKey`, and by the last ten digits for numbers that long.
    private var byKey: [String: String] = [:]
    private var byTail: [String: String] = [:]

    var count: Int { byKey.count }

    package struct Problem: Equatable, Sendable, CustomStringConvertible {
        var line: Int
        var reason: String
        package var description: String { "line \(line): \(reason)" }
    }

    /// The name for `number`, if the phonebook has it.
    func name(for number: String) -> String? {
        guard !byKey.isEmpty, !number.isEmpty else { return nil }
        let key = NumberKey.of(number)
        guard key.count > 6 else { return nil }  // extensions have names of their own
        return byKey[key] ?? (key.count >= 10 ? byTail[String(key.suffix(10))] : nil)
    }

    /// `name` unless it is empty, else the phonebook's name for `number`, else "".
    func name(_ name: String?, for number: String) -> String {
        if let name, !name.isEmpty { return name }
        return self.name(for: number) ?? ""
    }

    static func parse(_ text: String) -> (Phonebook, [Problem]) {
        var book = Phonebook()
        var problems: [Problem] = []
        var columns: (number: Int, name: Int)?
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = index + 1
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty, !trimmed.hasPrefix("#") else { continue }
            guard let fields = fields(trimmed) else {
                problems.append(Problem(line: lineNumber, reason: "an unclosed quote"))
                continue
            }
            guard let known = columns else {
                let names = fields.map { $0.lowercased() }
                guard let number = names.firstIndex(of: "number"), let name = names.firstIndex(of: "name") else {
                    return (book, [Problem(line: lineNumber, reason: "the first line must be a header naming the columns number and name")])
                }
                columns = (number, name)
                continue
            }
            guard fields.count > max(known.number, known.name) else {
                problems.append(Problem(line: lineNumber, reason: "\(fields.count) fields, the header has more"))
                continue
            }
            let number = fields[known.number], name = fields[known.name]
            let key = NumberKey.of(number)
            guard key.count > 6, number.allSatisfy({ $0.isNumber || " +-().".contains($0) }) else {
                problems.append(Problem(line: lineNumber, reason: "'\(TextSafety.printable(number))' is not a phone number"))
                continue
            }
            guard !name.isEmpty else {
                problems.append(Problem(line: lineNumber, reason: "no name"))
                continue
            }
            book.byKey[key] = name
            if key.count >= 10 { book.byTail[String(key.suffix(10))] = name }
        }
        if columns == nil { problems.append(Problem(line: 1, reason: "the file is empty: a header naming number and name is needed")) }
        return (book, problems)
    }

    /// A CSV line's fields: commas separate, double quotes enclose (`""` is a quote); nil for an unclosed quote.
    static func fields(_ line: String) -> [String]? {
        var fields: [String] = []
        var current = ""
        var quoted = false
        var characters = line.makeIterator()
        while let character = characters.next() {
            if quoted {
                if character == "\"" {
                    // A doubled quote is a quote; a single one ends the quoted part.
                    var lookahead = characters
                    if lookahead.next() == "\"" { current.append("\""); characters = lookahead } else { quoted = false }
                } else {
                    current.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                fields.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
            } else {
                current.append(character)
            }
        }
        guard !quoted else { return nil }
        fields.append(current.trimmingCharacters(in: .whitespaces))
        return fields
    }
}
