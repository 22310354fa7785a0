/// Which queues and conference bridges the board shows, named how and in
/// what order (`[queues]` in the config): a listed number can be renamed or
/// hidden; listed ones come first in the file's order, the rest after in
/// number order; `only_listed_queues = true` leaves the rest off (a wall
/// per team). Applied to the rows each snapshot, so the side column, the
/// wallboard and the header's count all follow it.
struct QueuePlan: Equatable, Sendable {
    struct Entry: Equatable, Sendable {
        var number: String
        var name: String?
        var hidden = false
    }

    var entries: [Entry] = []
    var onlyListed = false

    var isEmpty: Bool { entries.isEmpty && !onlyListed }

    func queues(_ rows: [QueueRow]) -> [QueueRow] {
        arranged(rows, number: \.number) { row, name in row.renamed(name) }
    }

    func bridges(_ rows: [BridgeRow]) -> [BridgeRow] {
        arranged(rows, number: \.number) { row, name in row.renamed(name) }
    }

    private func arranged<Row>(_ rows: [Row], number: (Row) -> String, rename: (Row, String) -> Row) -> [Row] {
        guard !isEmpty else { return rows }
        var place: [String: Int] = [:]
        for (index, entry) in entries.enumerated() where place[entry.number] == nil { place[entry.number] = index }
        var listed: [(Int, Row)] = [], others: [Row] = []
        for row in rows {
            guard let index = place[number(row)] else {
                if !onlyListed { others.append(row) }
                continue
            }
            let entry = entries[index]
            guard !entry.hidden else { continue }
            listed.append((index, entry.name.map { rename(row, $0) } ?? row))
        }
        return listed.sorted { $0.0 < $1.0 }.map(\.1) + others
    }
}

extension QueueRow {
    /// The same queue under the name the config gives it.
    func renamed(_ name: String) -> QueueRow {
        var row = self
        row.title = "\(number) \(TextWidth.sanitized(name))"
        return row
    }
}

extension BridgeRow {
    /// The same bridge under the name the config gives it.
    func renamed(_ name: String) -> BridgeRow {
        var row = self
        row.title = "\(number) \(TextWidth.sanitized(name))"
        return row
    }
}
