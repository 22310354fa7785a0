import Foundation
import PresenceEngine

/// The top line: product, who is logged in where, connection health with
/// the last good update when data may be old, the clock, and totals.
enum HeaderBar {
    static func render(model: BoardModel, identity: String, wallClock: Date, timeZone: TimeZone, glyphs: Glyphs,
                       rect: Rect, into buffer: inout Buffer) {
        buffer.fill(rect, role: .header)
        var x = rect.x + 1
        x += buffer.write("Switchboard", x: x, y: rect.y, role: .header) + 2
        let (healthText, healthRole) = health(model.snapshot, glyphs: glyphs, timeZone: timeZone)
        let totals = totalsText(model)
        // Minutes only: a seconds digit would cost a wake-up and ~35 bytes
        // on the SSH link every second of the day.
        let clock = ClockText.minutes(wallClock, timeZone: timeZone)
        let right = "\(healthText)  \(clock)   \(totals) "
        let rightWidth = TextWidth.width(of: right)
        let rightX = max(x, rect.maxX - rightWidth)
        let who = model.snapshot.accountName.map { "\($0) · \(identity)" } ?? identity
        buffer.write(who, x: x, y: rect.y, maxWidth: max(0, rightX - x - 2), role: .header)
        let healthWidth = buffer.write(healthText, x: rightX, y: rect.y, role: healthRole)
        buffer.write("  \(clock)   \(totals) ", x: rightX + healthWidth, y: rect.y, role: .header)
    }

    static func health(_ snapshot: PresenceSnapshot, glyphs: Glyphs, timeZone: TimeZone) -> (String, Role) {
        let lastGood = snapshot.lastGoodUpdate.map { ClockText.time($0, timeZone: timeZone) }
        switch snapshot.health {
        case .connecting:
            return ("\(glyphs.notLive) logging in", .reconnecting)
        case .live:
            return ("\(glyphs.live) live", .live)
        case .reconnecting(let attempt, _):
            let since = lastGood.map { " — last update \($0)" } ?? ""
            return ("\(glyphs.notLive) reconnecting (\(attempt))\(since)", .reconnecting)
        case .stale:
            return ("\(glyphs.notLive) stale" + (lastGood.map { " since \($0)" } ?? ""), .stale)
        case .loginFailed(let reason):
            return ("\(glyphs.notLive) login refused: \(reason)", .stale)
        case .refused(let service, let reason):
            let since = lastGood.map { " — last update \($0)" } ?? ""
            return ("\(glyphs.notLive) refused: \(service) (\(TextSafety.printable(reason)))\(since)", .stale)
        }
    }

    static func totalsText(_ model: BoardModel) -> String {
        let waiting = model.queueRows.reduce(0) { $0 + $1.queue.callersWaiting }
        return "on calls \(model.totals.onCalls) · ringing \(model.totals.ringing) · waiting \(waiting)"
    }
}

/// Wall-clock times as the board shows them.
enum ClockText {
    /// Said where a call's time could not be read from the service's answer.
    static let unknownTime = "time unknown"

    /// `11/26 14:03:22`, in the local time zone.
    static func historyTime(_ date: Date?, timeZone: TimeZone = .current) -> String {
        guard let date else { return unknownTime }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.month, .day], from: date)
        return "\(parts.month ?? 0)/\(parts.day ?? 0) \(time(date, timeZone: timeZone))"
    }

    /// `2026-11-26 14:03:22`, for a call's details.
    static func fullTime(_ date: Date?, timeZone: TimeZone) -> String {
        guard let date else { return unknownTime }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(parts.year ?? 0)-\(two(parts.month ?? 0))-\(two(parts.day ?? 0)) \(time(date, timeZone: timeZone))"
    }

    /// `14:03`, for the header clock.
    static func minutes(_ date: Date, timeZone: TimeZone) -> String {
        String(time(date, timeZone: timeZone).prefix(5))
    }

    static func time(_ date: Date, timeZone: TimeZone) -> String {
        let local = Int64(date.timeIntervalSince1970.rounded(.down)) + Int64(timeZone.secondsFromGMT(for: date))
        let daySeconds = ((local % 86_400) + 86_400) % 86_400
        func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(two(daySeconds / 3600)):\(two(daySeconds / 60 % 60)):\(two(daySeconds % 60))"
    }
}
