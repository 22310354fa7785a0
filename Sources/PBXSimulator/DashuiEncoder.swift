/// Encodes dashui answers in one of the service's shapes (`AnswerShape`):
/// - `live`, as the live service sent them: the envelope (`name`, `type`,
///   `servicedBy`), numbers as JSON numbers (`"duration": -1` when idle),
///   `statusItems` always there (an `Idle` item for an idle extension, one
///   object for one call, a list for several) carrying `available`,
///   `lastCallTime`, `loginName` and the contact fields, `callStatus`
///   capitalised, `StartTime` in milliseconds (`""` when idle);
/// - `guide`, as the guide documents them: no envelope, numbers as numbers,
///   `statusItems` always a list, lowercase `callStatus`, `StartTime` in seconds;
/// - `mixed`, the variants a robust client must also read: counts and
///   durations as strings, `available` and `lastCallTime` beside
///   `statusItems`, idle extensions with no `statusItems`, `{}` or an
///   `Idle` item, call ids as JSON numbers, `"null"` for unknown names.
/// `availability` and its counts are the guide's: over the logged-in
/// user's own extensions, and only Do Not Disturb makes one unavailable.
public enum DashuiEncoder {
    /// The logged-in user's own extensions, for `availability`: how many are on Do Not Disturb.
    public struct UserLines: Sendable {
        public var count: Int
        public var onDoNotDisturb: Int
        public init(count: Int, onDoNotDisturb: Int) {
            self.count = count
            self.onDoNotDisturb = onDoNotDisturb
        }
    }

    public static func encode(_ lines: [PBXState.Line], nowMs: Int64, shape: AnswerShape = .live,
                              user: UserLines = UserLines(count: 0, onDoNotDisturb: 0), accountId: String = "4410") -> [UInt8] {
        var json = JSONWriter(capacity: 256 + lines.count * (shape == .live ? 640 : 480))
        json.beginObject()
        if shape != .guide {
            json.field("name", "message")
            json.field("type", "event")
            json.field("servicedBy", "pbx-sim-1.example.invalid")
        }
        let available = user.count - user.onDoNotDisturb
        json.field("availability", user.onDoNotDisturb == 0 ? "AVAILABLE" : available == 0 ? "UNAVAILABLE" : "MIXED")
        json.field("numAvailableExts", count: Int64(available), asText: shape == .mixed)
        json.field("numUnavailableExts", count: Int64(user.onDoNotDisturb), asText: shape == .mixed)
        json.key("extensions")
        json.beginArray()
        for line in lines { encodeLine(line, nowMs: nowMs, shape: shape, accountId: accountId, into: &json) }
        json.endArray()
        json.endObject()
        return json.bytes
    }

    /// The call a one-line view shows: a ringing call first, else the oldest.
    static func primary(_ calls: [LiveCall]) -> LiveCall? {
        calls.first { $0.phase == .ringing } ?? calls.first
    }

    static func encodeLine(_ line: PBXState.Line, nowMs: Int64, shape: AnswerShape, accountId: String, into json: inout JSONWriter) {
        let person = line.person
        let primary = primary(line.calls)
        json.beginObject()
        json.field("extension", person.number)
        json.field("name", person.name)
        json.field("status", primary?.direction.rawValue ?? "")
        json.field("duration", count: primary.map { durationMs($0, nowMs: nowMs) } ?? -1, asText: shape == .mixed)
        json.field("onCallWith", primary?.otherNumber ?? "")
        if shape == .mixed {
            json.field("available", isAvailable(line) ? "true" : "false")
            json.field("lastCallTime", String(lastCallMs(line)))
        }
        json.key("phoneNumbers")
        json.beginArray()
        json.string(person.did)
        json.endArray()
        if line.calls.isEmpty && shape == .mixed {
            // Idle lines in every shape seen: no statusItems, an empty object, or an "Idle" call.
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
        if shape == .guide || line.calls.count > 1 {
            json.beginArray()
            for call in line.calls { encodeCall(call, line: line, shape: shape, accountId: accountId, into: &json) }
            json.endArray()
        } else {
            encodeCall(line.calls.first, line: line, shape: shape, accountId: accountId, into: &json)
        }
        json.endObject()
    }

    static func encodeCall(_ call: LiveCall?, line: PBXState.Line, shape: AnswerShape, accountId: String, into json: inout JSONWriter) {
        let person = line.person
        json.beginObject()
        json.field("callername", call?.otherName ?? "")
        json.field("isRecorded", (call?.isRecorded ?? false) ? "true" : "false")
        json.field("onCallWithName", call.map { $0.otherName ?? (shape == .guide ? "" : "null") } ?? "")
        let status = call.map { $0.phase == .ringing ? "Ringing" : "Connected" } ?? "Idle"
        json.field("callStatus", shape == .guide ? status.lowercased() : status)
        switch (shape, call) {
        case (.guide, _): json.field("StartTime", (call?.startedAtMs ?? 0) / 1000)
        case (.live, nil): json.field("StartTime", "")
        case (.live, let call?): json.field("StartTime", String(call.startedAtMs))
        case (.mixed, _): json.field("StartTime", call?.startedAtMs ?? 0)
        }
        json.field("startedWithClickToCall", (call?.startedWithClickToCall ?? false) ? "true" : "false")
        if shape == .mixed, let call {
            json.key("presenceCallId")
            json.rawNumber(call.id)  // the guide's tables call it a Number: 22 digits, past 64 bits
        } else {
            json.field("presenceCallId", call.map(\.id) ?? "")
        }
        json.field("customTag", call?.customTag ?? "")
        if shape != .guide {
            json.field("available", isAvailable(line) ? "true" : "false")
            json.field("loginName", person.loginName)
            json.field("uid", call.map { "\($0.id)-\(person.did)" } ?? "")
            json.field("userId", "6\(person.number)")
            json.field("accountId", accountId)
        }
        if shape == .live {
            json.field("lastCallTime", String(lastCallMs(line)))
            json.field("contactE", person.loginName.isEmpty ? "" : "\(person.loginName)@example.invalid")
            for key in ["contactD", "contactF", "contactH", "contactM"] { json.field(key, "") }
            json.field("BLF_Monitored_Extensions", "{}")
        }
        json.endObject()
    }

    static func isAvailable(_ line: PBXState.Line) -> Bool { line.calls.isEmpty && !line.doNotDisturb }

    static func lastCallMs(_ line: PBXState.Line) -> Int64 { max(line.lastCallAtMs, line.calls.map(\.startedAtMs).max() ?? 0) }

    /// Ringing time while ringing, talk time once connected.
    static func durationMs(_ call: LiveCall, nowMs: Int64) -> Int64 {
        max(0, nowMs - (call.connectedAtMs ?? call.startedAtMs))
    }
}
