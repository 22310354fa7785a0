import Foundation
import PresenceEngine

/// How a command prints: aligned tables for people, JSON (and CSV) for
/// scripts. Every string from the service is sanitised first.
enum CommandOutput {
    /// Writes to stdout at once; false when the reader has gone (EPIPE).
    @discardableResult
    static func write(_ text: String) -> Bool {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { Glibc.write(STDOUT_FILENO, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += written
        }
        return true
    }

    /// A value of OutputSchemas as JSON with sorted keys, so the same data always prints the same text.
    static func encoded<Value: Encodable>(_ value: Value) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
    }

    /// A table whose columns line up by display width (CJK and emoji count
    /// two), sized by the column solver from what they hold. On a terminal
    /// narrower than the table the later columns shrink (cut with `…`), then
    /// drop, the first (the key) last; into a pipe nothing is cut.
    static func table(_ header: [String], _ rows: [[String]], width available: Int? = terminalWidth()) -> String {
        let cells = rows.map { $0.map { TextWidth.sanitized($0) } }
        let columns = header.indices.map { index -> ColumnConstraint in
            let widest = cells.reduce(TextWidth.width(of: header[index])) { max($0, index < $1.count ? TextWidth.width(of: $1[index]) : 0) }
            // The first column is the key and never shrinks; the others keep in their order.
            return ColumnConstraint(minimum: index == 0 ? widest : min(widest, max(4, TextWidth.width(of: header[index]))), preferred: max(1, widest),
                                    maximum: widest, keep: header.count - index)
        }
        let widths = ColumnSolver.solve(columns, available: available ?? Int.max / 4, gap: 2)
        func line(_ row: [String]) -> String {
            let shown = row.indices.filter { $0 < widths.count && widths[$0] > 0 }
            return shown.map { index in
                let text = fitted(row[index], width: widths[index])
                return index == shown.last ? text : text + String(repeating: " ", count: widths[index] - TextWidth.width(of: text))
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) + "\n"
        }
        return line(header) + cells.map(line).joined()
    }

    /// The text in `width` cells, cut with `…` when longer.
    static func fitted(_ text: String, width: Int) -> String {
        guard TextWidth.width(of: text) > width else { return text }
        var result = "", used = 0
        for cluster in TextWidth.clusters(of: text) {
            if used + cluster.width > width - 1 { break }
            result += cluster.text
            used += cluster.width
        }
        return result + "…"
    }

    /// The terminal's width when stdout is one (else nil: a pipe or a file gets everything).
    static func terminalWidth() -> Int? {
        guard isatty(STDOUT_FILENO) == 1 else { return nil }
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }

    /// RFC 4180 CSV. A cell that a spreadsheet would run as a formula
    /// (`=`, `@`, or `+`/`-` not starting a number) gets a leading `'`.
    static func csv(_ header: [String], _ rows: [[String]]) -> String {
        func field(_ raw: String) -> String {
            var text = TextSafety.printable(raw)
            if let first = text.first, "=@".contains(first) || ("+-".contains(first) && Double(text) == nil) { text = "'" + text }
            return text.contains(where: { ",\"\r\n".contains($0) }) ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
        return ([header] + rows).map { $0.map(field).joined(separator: ",") + "\r\n" }.joined()
    }

    /// `2026-11-26T14:03:22+01:00`: ISO 8601 with the offset spelled out.
    static func isoTime(_ date: Date, timeZone: TimeZone = .current) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func pad(_ value: Int?, _ width: Int = 2) -> String { (value ?? 0).zeroPadded(width) }
        let offset = timeZone.secondsFromGMT(for: date)
        let sign = offset < 0 ? "-" : "+"
        return "\(pad(parts.year, 4))-\(pad(parts.month))-\(pad(parts.day))T\(pad(parts.hour)):\(pad(parts.minute)):\(pad(parts.second))"
            + "\(sign)\(pad(abs(offset) / 3600)):\(pad(abs(offset) / 60 % 60))"
    }
}
