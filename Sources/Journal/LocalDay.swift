import Foundation

/// Local days, DST-correct: a day is from one local midnight to the next,
/// 23 or 25 hours long on the days the clocks change. The clock is always
/// passed in, never read here.
public struct LocalDay: Sendable, Equatable {
    public var timeZone: TimeZone

    public init(timeZone: TimeZone) { self.timeZone = timeZone }

    private var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    /// The local midnight that starts the day holding `date`.
    public func start(of date: Date) -> Date { calendar.startOfDay(for: date) }

    /// The local midnight that ends the day holding `date`.
    public func end(of date: Date) -> Date {
        calendar.date(byAdding: .day, value: 1, to: start(of: date)) ?? start(of: date).addingTimeInterval(86_400)
    }

    /// The start of the day `days` before the one holding `date`.
    public func start(daysBefore days: Int, _ date: Date) -> Date {
        calendar.date(byAdding: .day, value: -days, to: start(of: date)) ?? start(of: date).addingTimeInterval(Double(-days) * 86_400)
    }

    /// `YYYY-MM-DD` of the day holding `date`.
    public func name(of date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    /// The day `YYYY-MM-DD` names (its midnight), or nil when it names none.
    public func day(named text: String) -> Date? {
        let parts = text.split(separator: "-")
        guard parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              parts[0].count == 4, (1...12).contains(month), (1...31).contains(day) else { return nil }
        guard let date = calendar.date(from: DateComponents(year: year, month: month, day: day)),
              name(of: date) == text else { return nil }
        return start(of: date)
    }
}

/// The other party's number as a key to group calls by: its digits, a
/// North American `1` in front of ten digits dropped (`onCallWith` comes
/// with it, the history without).
public enum NumberKey {
    public static func of(_ number: String) -> String {
        // Once per connected extension per snapshot on the UI thread: bytes, not Characters.
        var digits = [UInt8]()
        digits.reserveCapacity(16)
        for byte in number.utf8 where byte >= 48 && byte <= 57 { digits.append(byte) }
        if digits.count == 11, digits[0] == 49 { digits.removeFirst() }
        return String(decoding: digits, as: UTF8.self)
    }
}
