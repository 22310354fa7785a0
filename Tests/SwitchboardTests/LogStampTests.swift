import Foundation
import Testing
@testable import Switchboard

/// The log's time stamps, written by hand (no ICU): RFC 3339 local time
/// with milliseconds, and the two-digit pieces padded.
struct LogStampTests {
    @Test func aStampIsLocalTimeToTheMillisecondWithItsOffset() throws {
        let date = Date(timeIntervalSince1970: 1_796_371_260.042)  // 2026-12-04 08:01:00.042 UTC
        let stamp = FileLogHandler.stamp(date)
        let shape = #/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.042(Z|[+-]\d{2}:\d{2})$/#
        #expect(stamp.wholeMatch(of: shape) != nil, "\(stamp)")
        // The same instant as the stamp says it, whatever the machine's zone.
        let parsed = try #require(ISO8601DateFormatter.date(fromStamp: stamp))
        #expect(abs(parsed.timeIntervalSince(date)) < 0.001)
        #expect(7.zeroPadded(3) == "007" && 1234.zeroPadded(2) == "1234")
    }
}

extension ISO8601DateFormatter {
    static func date(fromStamp stamp: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: stamp)
    }
}
