import Foundation
import Journal

/// The summary shown first after more than four hours away: missed
/// callers, voicemails, the busiest queue, the longest wait. Esc closes it.
enum DigestOverlay {
    static func render(_ digest: Digest, timeZone: TimeZone, wallClock: Date, numbers: NumberPrivacy = .whole, phonebook: Phonebook = Phonebook(),
                       area: Rect, into buffer: inout Buffer) {
        let lines = self.lines(digest, timeZone: timeZone, wallClock: wallClock, numbers: numbers, phonebook: phonebook)
        let width = min(area.width - 4, max(50, (lines.map { TextWidth.width(of: $0) }.max() ?? 0) + 4))
        let height = min(area.height - 2, lines.count + 2)
        guard width > 10, height > 3 else { return }
        let rect = Rect(x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width: width, height: height)
        buffer.fill(rect, role: .text)
        PaneFrame.render(title: "While the board was away", rect: rect, into: &buffer)
        for (index, line) in lines.enumerated() where index < height - 2 {
            buffer.write(line, x: rect.x + 2, y: rect.y + 1 + index, maxWidth: width - 3, role: index == 0 ? .paneTitle : .text)
        }
    }

    static func lines(_ digest: Digest, timeZone: TimeZone, wallClock: Date, numbers: NumberPrivacy = .whole,
                      phonebook: Phonebook = Phonebook()) -> [String] {
        var lines = ["Since \(MissedPane.when(digest.since, now: wallClock, timeZone: timeZone))", ""]
        lines.append(digest.missedCallers == 0 ? "No missed calls."
            : "\(digest.missedCallers) caller\(digest.missedCallers == 1 ? "" : "s") to call back (\(digest.missedCalls) missed call\(digest.missedCalls == 1 ? "" : "s")), \(digest.voicemails) left a voicemail")
        if let name = digest.busiestQueueName {
            lines.append("Busiest queue: \(TextWidth.sanitized(name)), \(digest.busiestQueueOffered) call\(digest.busiestQueueOffered == 1 ? "" : "s")")
        }
        if let queue = digest.longestWaitQueue {
            lines.append("Longest wait: \(WallboardPane.waitText(digest.longestWaitSeconds)) in \(TextWidth.sanitized(queue))")
        }
        if !digest.latest.isEmpty {
            lines.append("")
            for caller in digest.latest {
                let known = phonebook.name(caller.name, for: caller.number)
                let name = known.isEmpty ? "" : " \(TextWidth.sanitized(known))"
                lines.append("  \(MissedPane.when(caller.last, now: wallClock, timeZone: timeZone))  \(numbers.shown(caller.number))\(name)"
                             + (caller.count > 1 ? " · \(caller.count) calls" : "") + (caller.leftVoicemail ? " · voicemail" : ""))
            }
        }
        lines += ["", "m lists them to call back · Esc closes this"]
        return lines
    }
}
