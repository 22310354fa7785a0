/// Encodes dashui answers. By default in the real service's form: envelope
/// fields, counts and durations as strings, `statusItems` as one object for
/// one call and an array for several (idle: absent, `{}` or an `Idle`
/// call, by extension), `callStatus` capitalised, `StartTime` in milliseconds, idle `duration` -1, the literal
/// `"null"` for unknown names. `strict` gives the documented form: numbers
/// as numbers, `statusItems` always an array, lowercase `callStatus`,
/// `StartTime` in seconds, no envelope.
public enum DashuiEncoder {
    public static func encode(_ lines: [PBXState.Line], nowMs: Int64, strict: Bool = false, accountId: String = "4410") -> [UInt8] {
        var json = JSONWriter(capacity: 256 + lines.count * 480)
        let available = lines.filter { $0.calls.isEmpty && !$0.doNotDisturb }.count
        json.beginObject()
        if !strict {
            json.field("name", "message")
            json.field("type", "event")
            json.field("servicedBy", "pbx-sim-1")
        }
        json.field("availability", available == lines.count ? "AVAILABLE" : available == 0 ? "UNAVAILABLE" : "MIXED")
        json.field("numAvailableExts", count: Int64(available), strict: strict)
        json.field("numUnavailableExts", count: Int64(lines.count - available), strict: strict)
        json.key("extensions")
        json.beginArray()
        for line in lines { encodeLine(line, nowMs: nowMs, strict: strict, accountId: accountId, into: &json) }
        json.endArray()
        json.endObject()
        return json.bytes
    }

    /// The call a one-line view shows: a ringing call first, else the oldest.
    static func primary(_ calls: [LiveCall]) -> LiveCall? {
        calls.first { $0.phase == .ringing } ?? calls.first
    }

    static func encodeLine(_ line: PBXState.Line, nowMs: Int64, strict: Bool, accountId: String, into json: inout JSONWriter) {
        let person = line.person
        let primary = primary(line.calls)
        json.beginObject()
        json.field("extension", person.number)
        json.field("name", person.name)
        json.field("status", primary?.direction.rawValue ?? "")
        json.field("duration", count: primary.map { durationMs($0, nowMs: nowMs) } ?? -1, strict: strict)
        json.field("onCallWith", primary?.otherNumber ?? "")
        if !strict {
            json.field("available", line.calls.isEmpty && !line.doNotDisturb ? "true" : "false")
            json.field("lastCallTime", String(line.calls.map(\.startedAtMs).max() ?? 0))
        }
        json.key("phoneNumbers")
        json.beginArray()
        json.string(person.did)
        json.endArray()
        if line.calls.isEmpty && !strict {
            // Idle lines come in every shape the real service has sent:
            // no statusItems, an empty object, or an "Idle" call.
            switch (Int(person.number) ?? 0) % 3 {
            case 0:
                json.endObject()
                return
            case 1:
                json.key("statusItems")
                json.beginObject()
                json.endObject()
                json.endObject()
                return
            default:
                break
            }
        }
        json.key("statusItems")
        if strict || line.calls.count > 1 {
            json.beginArray()
            for call in line.calls { encodeCall(call, line: line, strict: strict, accountId: accountId, into: &json) }
            json.endArray()
        } else {
            encodeCall(line.calls.first, line: line, strict: strict, accountId: accountId, into: &json)
        }
        json.endObject()
    }

    static func encodeCall(_ call: LiveCall?, line: PBXState.Line, strict: Bool, accountId: String, into json: inout JSONWriter) {
        let person = line.person
        json.beginObject()
        json.field("callername", call?.otherName ?? "")
        json.field("isRecorded", (call?.isRecorded ?? false) ? "true" : "false")
        json.field("onCallWithName", call.map { $0.otherName ?? (strict ? "" : "null") } ?? "")
        let status = call.map { $0.phase == .ringing ? "Ringing" : "Connected" } ?? "Idle"
        json.field("callStatus", strict ? status.lowercased() : status)
        let start = call?.startedAtMs ?? 0
        json.field("StartTime", strict ? start / 1000 : start)
        json.field("startedWithClickToCall", (call?.startedWithClickToCall ?? false) ? "true" : "false")
        json.field("presenceCallId", call.map(\.id) ?? "")
        json.field("customTag", call?.customTag ?? "")
        if !strict {
            json.field("available", line.calls.isEmpty && !line.doNotDisturb ? "true" : "false")
            json.field("loginName", person.loginName)
            json.field("uid", call.map { "\($0.id)-\(person.did)" } ?? "")
            json.field("userId", "6\(person.number)")
            json.field("accountId", accountId)
        }
        json.endObject()
    }

    /// Ringing time while ringing, talk time once connected.
    static func durationMs(_ call: LiveCall, nowMs: Int64) -> Int64 {
        max(0, nowMs - (call.connectedAtMs ?? call.startedAtMs))
    }
}
