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

    /// `/presence/rest/extension/{n}`. `presence` is one object for one
    /// call and a list for several; `live` puts `{}` there when idle and the
    /// name, login and numbers beside `details`; `guide` puts them inside and
    /// leaves `presence` out when idle; `mixed` puts them inside for even
    /// extensions and beside for odd ones, and sends `presence` as a list
    /// even for one call, the extension number and call ids as JSON numbers.
    static func extensionDetails(_ line: PBXState.Line, nowMs: Int64, shape: AnswerShape) -> [UInt8] {
        let inside = shape == .guide || (shape == .mixed && (Int(line.person.number) ?? 0) % 2 == 0)
        var json = JSONWriter()
        json.beginObject()
        json.key("details")
        json.beginObject()
        if line.calls.count > 1 || (shape == .mixed && !line.calls.isEmpty) {
            json.key("presence")
            json.beginArray()
            for call in line.calls { presence(call, nowMs: nowMs, shape: shape, into: &json) }
            json.endArray()
        } else if let call = line.calls.first {
            json.key("presence")
            presence(call, nowMs: nowMs, shape: shape, into: &json)
        } else if shape != .guide {
            json.key("presence")
            json.beginObject()
            json.endObject()
        }
        if inside { extensionFields(line.person, shape: shape, into: &json) }
        json.endObject()
        if !inside { extensionFields(line.person, shape: shape, into: &json) }
        json.endObject()
        return json.bytes
    }

    static func extensionFields(_ person: SimExtension, shape: AnswerShape, into json: inout JSONWriter) {
        json.field("name", person.name)
        if shape != .guide {
            json.key("phoneNumbers")
            json.beginArray()
            json.string(person.did)
            json.endArray()
        }
        json.field("type", "extension")
        if shape == .live {
            json.field("extensionNumber", person.number)
        } else {
            json.field("extensionNumber", Int64(person.number) ?? 0)  // the guide's table: Int
        }
        json.field("loginName", person.loginName)
    }

    static func presence(_ call: LiveCall, nowMs: Int64, shape: AnswerShape, into json: inout JSONWriter) {
        json.beginObject()
        json.field("status", call.direction.rawValue)
        // A public client written against the live service reads `direction`.
        if shape != .guide { json.field("direction", call.direction.rawValue) }
        json.field("duration", count: call.connectedAtMs.map { nowMs - $0 } ?? -1, asText: shape == .mixed)
        // The real service adds the country code to outside numbers already
        // carrying one; extensions stay as they are.
        json.field("onCallWith", call.otherNumber)
        json.field("onCallWithName", call.otherName ?? (shape == .guide ? "" : "null"))
        json.field("isRecorded", call.isRecorded ? "true" : "false")
        json.field("startedWithClickToCall", call.startedWithClickToCall ? "true" : "false")
        if shape == .mixed {
            json.key("presenceCallId")
            json.rawNumber(call.id)
        } else {
            json.field("presenceCallId", call.id)
        }
        json.field("customTag", call.customTag)
        json.endObject()
    }

    /// `/presence/rest/queue/{n}`: the figures as digit strings inside
    /// `details` and the rest beside it (guide and live); `mixed` sends the
    /// figures as numbers and everything inside `details`.
    static func queue(_ queue: SimQueue, figures: QueueFigures, shape: AnswerShape) -> [UInt8] {
        var json = JSONWriter()
        json.beginObject()
        json.key("details")
        json.beginObject()
        let counts: [(String, Int)] = [
            ("numberOfCalls", figures.numberOfCalls), ("callersOnHold", figures.callersOnHold), ("averageWaitTime", figures.averageWaitTime),
            ("agentsAvailable", figures.agentsAvailable), ("callersWaiting", figures.callersWaiting), ("agentsBusy", figures.agentsBusy),
            ("agentsLoggedIn", figures.agentsLoggedIn), ("longestWaitTime", figures.longestWaitTime),
        ]
        for (name, value) in counts { json.field(name, count: Int64(value), asText: shape != .mixed) }
        if shape == .mixed { queueFields(queue, into: &json) }
        json.endObject()
        if shape != .mixed { queueFields(queue, into: &json) }
        json.endObject()
        return json.bytes
    }

    static func queueFields(_ queue: SimQueue, into json: inout JSONWriter) {
        json.field("queueId", queue.queueId)
        json.field("name", queue.name)
        json.field("type", "queue")
        json.field("extensionNumber", queue.number)
    }

    /// `/presence/rest/conference/{n}`: participants inside `details`, the
    /// rest beside it; `mixed` puts everything inside and sends outside
    /// numbers as JSON numbers.
    static func conference(_ bridge: PBXState.BridgeState, shape: AnswerShape) -> [UInt8] {
        var json = JSONWriter()
        json.beginObject()
        json.key("details")
        json.beginObject()
        if !bridge.participants.isEmpty {
            json.key("participants")
            json.beginArray()
            for participant in bridge.participants {
                if shape == .mixed, participant.count > 6, participant.allSatisfy(\.isNumber) {
                    json.rawNumber(participant)
                } else {
                    json.string(participant)
                }
            }
            json.endArray()
        }
        if shape == .mixed { conferenceFields(bridge.bridge, into: &json) }
        json.endObject()
        if shape != .mixed { conferenceFields(bridge.bridge, into: &json) }
        json.endObject()
        return json.bytes
    }

    static func conferenceFields(_ bridge: SimBridge, into json: inout JSONWriter) {
        json.field("name", bridge.name)
        json.field("type", "conference")
        json.field("extensionNumber", bridge.number)
    }

    /// Call history in the configured shape; `zeroPadded` dates (`08/07/2015`)
    /// are the quirk, `8/7/2015` the documented form.
    static func history(_ records: [HistoryRecord], shape: HistoryShape, zeroPadded: Bool, durationAsText: Bool = false, timeZone: TimeZone,
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
                json.field("duration", count: Int64(record.durationSeconds), asText: durationAsText)
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

    /// Parses a `start`/`end` filter as clients send it: the guide's
    /// `YYYY-MM-DDTHH:MM:SS` in the account's time zone, or with `Z` or an
    /// offset (`+00:00`, `-05:00`, `+0530`), a space for the `T`, fractions
    /// of a second; a `+` that reached the server as a space (an unencoded
    /// query) is read as the `+` it was. Converted, never ignored.
    public static func parseFilter(_ text: String, timeZone: TimeZone) -> Int64? {
        let characters = Array(text.trimmingCharacters(in: .whitespaces))
        var index = 0
        func number(_ digits: Int) -> Int? {
            guard index + digits <= characters.count else { return nil }
            let slice = characters[index..<index + digits]
            guard slice.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            index += digits
            return Int(String(slice))
        }
        func skip(_ allowed: Set<Character>) -> Bool {
            guard index < characters.count, allowed.contains(characters[index]) else { return false }
            index += 1
            return true
        }
        guard let year = number(4), skip(["-"]), let month = number(2), skip(["-"]), let day = number(2) else { return nil }
        guard skip(["T", "t", " "]) else { return nil }
        while skip([" "]) {}
        guard let hour = number(2), skip([":"]), let minute = number(2), skip([":"]), let second = number(2) else { return nil }
        var milliseconds = 0
        if skip([".", ","]) {
            let start = index
            while index < characters.count, characters[index].isASCII, characters[index].isNumber { index += 1 }
            guard index > start else { return nil }
            milliseconds = Int(String(characters[start..<min(index, start + 3)]).padding(toLength: 3, withPad: "0", startingAt: 0)) ?? 0
        }
        var zone = timeZone
        if index < characters.count {
            guard let offset = zoneOffset(Array(characters[index...])), let fixed = TimeZone(secondsFromGMT: offset) else { return nil }
            zone = fixed
        }
        guard (1...12).contains(month), (1...31).contains(day), (0...23).contains(hour), (0...59).contains(minute),
              (0...59).contains(second) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        guard let date = calendar.date(from: components), calendar.component(.day, from: date) == day else { return nil }
        return Int64(date.timeIntervalSince1970 * 1000) + Int64(milliseconds)
    }

    /// `Z`, `+HH:MM`, `-HH:MM`, `+HHMM` or `+HH` (a leading space for `+`) as seconds east of GMT.
    static func zoneOffset(_ characters: [Character]) -> Int? {
        if characters == ["Z"] || characters == ["z"] { return 0 }
        guard let sign = characters.first, ["+", "-", " "].contains(sign) else { return nil }
        let digits = characters.dropFirst().filter { $0 != ":" }
        guard [2, 4].contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }),
              characters.dropFirst().filter({ $0 == ":" }).count <= 1,
              let hours = Int(String(digits.prefix(2))), let minutes = Int(String(digits.dropFirst(2)).isEmpty ? "0" : String(digits.dropFirst(2))),
              hours <= 14, minutes < 60 else { return nil }
        return (sign == "-" ? -1 : 1) * (hours * 3600 + minutes * 60)
    }
}
