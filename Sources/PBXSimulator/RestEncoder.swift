import Foundation

/// Encodes the `/presence/rest/` answers: directory, extension, queue and
/// conference details, and call history.
enum RestEncoder {
    static func directory(_ state: borrowing PBXState, figures: [QueueFigures]) -> [UInt8] {
        var json = JSONWriter()
        json.beginObject()
        json.key("conferences")
        json.beginObject()
        for bridge in state.bridges {
            json.key(bridge.bridge.number)
            json.beginObject()
            json.field("name", bridge.bridge.name)
            json.field("calls", Int64(bridge.participants.count))
            json.endObject()
        }
        json.endObject()
        json.key("queues")
        json.beginObject()
        for (index, queue) in state.queues.enumerated() {
            json.key(queue.queue.number)
            json.beginObject()
            json.field("queueId", queue.queue.queueId)
            json.field("name", queue.queue.name)
            json.field("calls", Int64(figures[index].numberOfCalls))
            json.endObject()
        }
        json.endObject()
        json.key("extensions")
        json.beginObject()
        for line in state.lines {
            json.key(line.person.number)
            json.beginObject()
            json.field("status", line.doNotDisturb ? "dnd" : line.calls.isEmpty ? "available" : "busy")
            json.field("name", line.person.name)
            json.field("loginName", line.person.loginName)
            json.endObject()
        }
        json.endObject()
        json.endObject()
        return json.bytes
    }

    /// `/presence/rest/extension/{n}`: `presence` is one object for one call,
    /// an array for several, and `{}` when idle (absent in strict mode).
    static func extensionDetails(_ line: PBXState.Line, nowMs: Int64, strict: Bool) -> [UInt8] {
        var json = JSONWriter()
        json.beginObject()
        json.key("details")
        json.beginObject()
        if line.calls.count > 1 || (strict && !line.calls.isEmpty) {
            json.key("presence")
            json.beginArray()
            for call in line.calls { presence(call, nowMs: nowMs, strict: strict, into: &json) }
            json.endArray()
        } else if let call = line.calls.first {
            json.key("presence")
            presence(call, nowMs: nowMs, strict: strict, into: &json)
        } else if !strict {
            json.key("presence")
            json.beginObject()
            json.endObject()
        }
        json.field("name", line.person.name)
        json.field("type", "extension")
        json.field("extensionNumber", count: Int64(line.person.number) ?? 0, strict: strict)
        json.field("loginName", line.person.loginName)
        json.endObject()
        json.endObject()
        return json.bytes
    }

    static func presence(_ call: LiveCall, nowMs: Int64, strict: Bool, into json: inout JSONWriter) {
        json.beginObject()
        json.field("status", call.direction.rawValue)
        json.field("duration", call.connectedAtMs.map { nowMs - $0 } ?? -1)
        // The real service adds the country code to outside numbers already
        // carrying one; extensions stay as they are.
        json.field("onCallWith", call.otherNumber)
        json.field("onCallWithName", call.otherName ?? (strict ? "" : "null"))
        json.field("isRecorded", call.isRecorded ? "true" : "false")
        json.field("startedWithClickToCall", call.startedWithClickToCall ? "true" : "false")
        json.field("presenceCallId", call.id)
        json.field("customTag", call.customTag)
        json.endObject()
    }

    static func queue(_ queue: SimQueue, figures: QueueFigures) -> [UInt8] {
        var json = JSONWriter()
        json.beginObject()
        json.key("details")
        json.beginObject()
        // Documented as digit strings, in both modes.
        json.field("numberOfCalls", String(figures.numberOfCalls))
        json.field("callersOnHold", String(figures.callersOnHold))
        json.field("averageWaitTime", String(figures.averageWaitTime))
        json.field("agentsAvailable", String(figures.agentsAvailable))
        json.field("callersWaiting", String(figures.callersWaiting))
        json.field("agentsBusy", String(figures.agentsBusy))
        json.field("agentsLoggedIn", String(figures.agentsLoggedIn))
        json.field("longestWaitTime", String(figures.longestWaitTime))
        json.endObject()
        json.field("queueId", queue.queueId)
        json.field("name", queue.name)
        json.field("type", "queue")
        json.field("extensionNumber", queue.number)
        json.endObject()
        return json.bytes
    }

    static func conference(_ bridge: PBXState.BridgeState) -> [UInt8] {
        var json = JSONWriter()
        json.beginObject()
        json.key("details")
        json.beginObject()
        if !bridge.participants.isEmpty {
            json.key("participants")
            json.beginArray()
            for participant in bridge.participants { json.string(participant) }
            json.endArray()
        }
        json.endObject()
        json.field("name", bridge.bridge.name)
        json.field("type", "conference")
        json.field("extensionNumber", bridge.bridge.number)
        json.endObject()
        return json.bytes
    }

    /// Call history in the configured shape; `zeroPadded` dates (`08/07/2015`)
    /// are the quirk, `8/7/2015` the documented form.
    static func history(_ records: [HistoryRecord], shape: HistoryShape, zeroPadded: Bool, timeZone: TimeZone,
                        recordingBase: String) -> [UInt8] {
        var json = JSONWriter(capacity: 128 + records.count * 330)
        func list() {
            json.beginArray()
            for record in records {
                json.beginObject()
                json.field("timestamp", HistoryTime.format(record.startedAtMs, timeZone: timeZone, zeroPadded: zeroPadded))
                json.field("from", record.from)
                json.field("to", record.to)
                json.field("direction", record.isInbound ? "Inbound" : "Outbound")
                json.field("extension", record.extensionNumber)
                json.field("customTag", record.customTag)
                json.field("callerId", record.callerId)
                json.field("duration", Int64(record.durationSeconds))
                json.field("result", record.result.rawValue)
                json.field("recordingUrl", record.isRecorded ? "\(recordingBase)/recordingplayer/\(record.callId)" : "")
                json.endObject()
            }
            json.endArray()
        }
        switch shape {
        case .bare:
            list()
        case .wrapped:
            json.beginObject()
            json.key("callHistoryList")
            list()
            json.endObject()
        case .guide:
            // As printed in the guide: `callHistoryList` unquoted, trailing commas.
            var inner = JSONWriter()
            swap(&json, &inner)
            list()
            swap(&json, &inner)
            var text = Array("{\n  callHistoryList : ".utf8)
            var body = inner.bytes
            if body.count > 2 {  // "[...]" -> "[...,]"
                body.insert(UInt8(ascii: ","), at: body.count - 1)
            }
            text += body + Array(",\n}".utf8)
            return text
        }
        return json.bytes
    }
}

/// The history's timestamps: `M/D/YYYY hh:mm:ss AM` in the account's time zone.
public enum HistoryTime {
    public static func format(_ epochMs: Int64, timeZone: TimeZone, zeroPadded: Bool) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let date = Date(timeIntervalSince1970: Double(epochMs) / 1000)
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let hour24 = parts.hour ?? 0
        let hour12 = hour24 % 12 == 0 ? 12 : hour24 % 12
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let month = zeroPadded ? two(parts.month ?? 1) : String(parts.month ?? 1)
        let day = zeroPadded ? two(parts.day ?? 1) : String(parts.day ?? 1)
        return "\(month)/\(day)/\(parts.year ?? 1970) \(two(hour12)):\(two(parts.minute ?? 0)):\(two(parts.second ?? 0)) \(hour24 < 12 ? "AM" : "PM")"
    }

    /// Parses the `start`/`end` filter form `YYYY-MM-DDTHH:MM:SS` (account time).
    public static func parseFilter(_ text: String, timeZone: TimeZone) -> Int64? {
        let pieces = text.split(whereSeparator: { "-T:".contains($0) }).map { Int($0) }
        guard pieces.count == 6, pieces.allSatisfy({ $0 != nil }) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let components = DateComponents(year: pieces[0], month: pieces[1], day: pieces[2],
                                        hour: pieces[3], minute: pieces[4], second: pieces[5])
        guard let month = components.month, (1...12).contains(month), let day = components.day, (1...31).contains(day),
              let hour = components.hour, (0...23).contains(hour), let minute = components.minute, (0...59).contains(minute),
              let second = components.second, (0...59).contains(second),
              let date = calendar.date(from: components) else { return nil }
        return Int64(date.timeIntervalSince1970 * 1000)
    }
}
