import Foundation
import PresenceEngine

/// Fills the journal from the call history without duplicates: a call the
/// board saw live and the history lists is one row. A record matches a row
/// on the call id (the history knows it for recorded calls), else on the
/// extension, the other party's number and a start within `window` seconds.
public enum HistoryMerge {
    public static let window: TimeInterval = 10

    /// What to write for `records` of one extension, given the rows the
    /// journal has for it around those times: updated rows and new ones.
    public static func merge(_ records: [CallRecord], into existing: [JournalCall]) -> [JournalCall] {
        var rows = existing
        var touched = Set<Int>()
        var added: [JournalCall] = []
        // A record whose time could not be read cannot be placed in a day: left out.
        for record in records {
            guard let call = row(from: record) else { continue }
            if let index = match(call, in: rows, excluding: touched) {
                touched.insert(index)
                if let merged = combine(rows[index], with: call) { rows[index] = merged } else { touched.remove(index) }
                continue
            }
            // Two records of the history for one call (the boundary of two pages) are one.
            if added.contains(where: { same($0, call) }) { continue }
            added.append(call)
        }
        return touched.sorted().map { rows[$0] } + added
    }

    /// A history record as a journal row; nil when its time is unknown.
    public static func row(from record: CallRecord) -> JournalCall? {
        guard let time = record.time else { return nil }
        let other = TextSafety.printable(record.isInbound ? record.from : record.to)
        let digits = NumberKey.of(other)
        let direction: JournalCall.Direction = digits.count <= 6 && !digits.isEmpty ? .internal : (record.isInbound ? .inbound : .outbound)
        let outcome: JournalCall.Outcome
        switch record.result.lowercased() {
        case "answered": outcome = .answered
        case "voicemail": outcome = .voicemail
        default: outcome = .unanswered
        }
        let ended = time.addingTimeInterval(Double(max(0, record.durationSeconds ?? 0)))
        return JournalCall(callId: record.recordingId, extensionNumber: record.extensionNumber, direction: direction,
                           number: other, name: TextSafety.printable(record.callerId), rang: time,
                           answered: outcome == .answered ? time : nil, ended: ended,
                           recorded: record.recordingId != nil, tag: TextSafety.printable(record.customTag),
                           outcome: outcome, source: .history)
    }

    private static func match(_ call: JournalCall, in rows: [JournalCall], excluding: Set<Int>) -> Int? {
        if let id = call.callId, let index = rows.indices.first(where: { !excluding.contains($0) && rows[$0].callId == id }) {
            return index
        }
        return rows.indices.first { !excluding.contains($0) && same(rows[$0], call) }
    }

    static func same(_ a: JournalCall, _ b: JournalCall) -> Bool {
        a.extensionNumber == b.extensionNumber && a.numberKey == b.numberKey && abs(a.rang.timeIntervalSince(b.rang)) <= window
    }

    /// The live row with what the history adds (the outcome it settled on,
    /// the tag, the name); nil when nothing changes.
    private static func combine(_ live: JournalCall, with history: JournalCall) -> JournalCall? {
        var row = live
        if row.outcome == .ongoing || row.outcome == .unanswered && history.outcome == .voicemail { row.outcome = history.outcome }
        if row.ended == nil { row.ended = history.ended }
        if row.answered == nil, history.outcome == .answered { row.answered = history.answered }
        if row.tag.isEmpty { row.tag = history.tag }
        if row.name.isEmpty { row.name = history.name }
        if row.number.isEmpty { row.number = history.number; row.numberKey = history.numberKey }
        row.recorded = row.recorded || history.recorded
        if row.source == .live { row.source = .both }
        return row == live ? nil : row
    }
}
