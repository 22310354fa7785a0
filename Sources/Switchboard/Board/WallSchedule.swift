import Foundation

/// `quiet_hours = "19:00-07:00"`: the span of the day the wall dims to a
/// clock and the missed count (it may run past midnight).
struct QuietHours: Equatable, Sendable {
    /// Minutes after local midnight.
    var start: Int
    var end: Int

    /// `HH:MM-HH:MM`; nil for anything else or an empty span.
    init?(_ text: String) {
        let parts = text.split(separator: "-").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, let start = Self.minutes(parts[0]), let end = Self.minutes(parts[1]), start != end else { return nil }
        self.start = start
        self.end = end
    }

    static func minutes(_ text: String) -> Int? {
        let pieces = text.split(separator: ":")
        guard pieces.count == 2, pieces.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCII) }),
              let hour = Int(pieces[0]), let minute = Int(pieces[1]), (0..<24).contains(hour), (0..<60).contains(minute) else { return nil }
        return hour * 60 + minute
    }

    func contains(minuteOfDay minute: Int) -> Bool {
        start < end ? (start..<end).contains(minute) : minute >= start || minute < end
    }

    /// The local minute of the day of `date` (glibc's `localtime_r`, as the log's stamps).
    static func minuteOfDay(_ date: Date) -> Int {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        localtime_r(&seconds, &parts)
        return Int(parts.tm_hour) * 60 + Int(parts.tm_min)
    }
}

/// `rotate = ["board", "wallboard"]`, `rotate_seconds = 30`: the faces a
/// wall with no keyboard turns through.
struct WallRotation: Equatable, Sendable {
    var faces: [BoardFace]
    var seconds: Double

    /// The face after `face` (the first when `face` is not in the list).
    func next(after face: BoardFace) -> BoardFace {
        guard let index = faces.firstIndex(of: face) else { return faces.first ?? face }
        return faces[(index + 1) % faces.count]
    }
}
