/// Encodes dashui answers the way the real service sends them: envelope
/// fields, counts and durations as strings, `statusItems` as one object for
/// one call and an array for several, `callStatus` capitalised (`Idle`
/// included), `StartTime` in milliseconds, idle `duration` -1.
public enum DashuiEncoder {
    public static func encode(_ lines: [PBXState.Line], nowMs: Int64, accountId: String = "4410") -> [UInt8] {
        var json = JSONWriter(capacity: 256 + lines.count * 420)
        let available = lines.filter { $0.calls.isEmpty }.count
        json.beginObject()
        json.field("name", "message")
        json.field("type", "event")
        json.field("servicedBy", "pbx-sim-1")
        json.field("availability", available == lines.count ? "AVAILABLE" : available == 0 ? "UNAVAILABLE" : "MIXED")
        json.field("numAvailableExts", String(available))
        json.field("numUnavailableExts", String(lines.count - available))
        json.key("extensions")
        json.beginArray()
        for line in lines { encodeLine(line, nowMs: nowMs, accountId: accountId, into: &json) }
        json.endArray()
        json.endObject()
        return json.bytes
    }

    static func encodeLine(_ line: PBXState.Line, nowMs: Int64, accountId: String, into json: inout JSONWriter) {
        let person = line.person
        let primary = line.calls.first { $0.phase == .ringing } ?? line.calls.first
        json.beginObject()
        json.field("extension", person.number)
        json.field("name", person.name)
        json.field("status", primary?.direction.rawValue ?? "")
        json.field("duration", primary.map { String(durationMs($0, nowMs: nowMs)) } ?? "-1")
        json.field("onCallWith", primary?.otherNumber ?? "")
        json.field("available", line.calls.isEmpty ? "true" : "false")
        json.field("lastCallTime", String(line.calls.map(\.startedAtMs).max() ?? 0))
        json.key("phoneNumbers")
        json.beginArray()
        json.string(person.did)
        json.endArray()
        json.key("statusItems")
        if line.calls.count > 1 {
            json.beginArray()
            for call in line.calls { encodeCall(call, person: person, nowMs: nowMs, accountId: accountId, into: &json) }
            json.endArray()
        } else {
            encodeCall(line.calls.first, person: person, nowMs: nowMs, accountId: accountId, into: &json)
        }
        json.endObject()
    }

    static func encodeCall(_ call: LiveCall?, person: SimExtension, nowMs: Int64, accountId: String, into json: inout JSONWriter) {
        json.beginObject()
        json.field("callername", call?.otherName ?? "")
        json.field("isRecorded", (call?.isRecorded ?? false) ? "true" : "false")
        // The real service sends the literal "null" for an unknown name.
        json.field("onCallWithName", call.map { $0.otherName ?? "null" } ?? "")
        json.field("callStatus", call.map { $0.phase == .ringing ? "Ringing" : "Connected" } ?? "Idle")
        json.field("StartTime", call?.startedAtMs ?? 0)
        json.field("startedWithClickToCall", (call?.startedWithClickToCall ?? false) ? "true" : "false")
        json.field("presenceCallId", call.map { String($0.id) } ?? "")
        json.field("customTag", "")
        json.field("loginName", person.loginName)
        json.field("uid", "u\(person.number)")
        json.field("userId", "1\(person.number)")
        json.field("accountId", accountId)
        json.endObject()
    }

    /// Ringing time while ringing, talk time once connected.
    static func durationMs(_ call: LiveCall, nowMs: Int64) -> Int64 {
        max(0, nowMs - (call.connectedAtMs ?? call.startedAtMs))
    }

    /// `/presence/rest/directory`: everything on the account, keyed by number.
    public static func directory(_ account: Account, state: PBXState) -> [UInt8] {
        var json = JSONWriter()
        json.beginObject()
        json.key("conferences")
        json.beginObject()
        for bridge in account.bridges {
            json.key(bridge.number)
            json.beginObject()
            json.field("name", bridge.name)
            json.field("calls", 0)
            json.endObject()
        }
        json.endObject()
        json.key("queues")
        json.beginObject()
        for queue in account.queues {
            json.key(queue.number)
            json.beginObject()
            json.field("queueId", queue.queueId)
            json.field("name", queue.name)
            json.field("calls", 0)
            json.endObject()
        }
        json.endObject()
        json.key("extensions")
        json.beginObject()
        for line in state.lines {
            json.key(line.person.number)
            json.beginObject()
            json.field("status", line.calls.isEmpty ? "available" : "busy")
            json.field("name", line.person.name)
            json.field("loginName", line.person.loginName)
            json.endObject()
        }
        json.endObject()
        json.endObject()
        return json.bytes
    }
}
