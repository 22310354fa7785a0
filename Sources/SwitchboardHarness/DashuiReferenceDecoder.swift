import Foundation
import PresenceEngine
import Switchboard

/// The first decoder, on Foundation's JSONSerialization: simple and slow
/// (about 20 MB/s). Kept as the reference the fast `DashuiScanner` is
/// tested against, answer for answer.
public enum DashuiReferenceDecoder {
    public static func decode(_ bytes: [UInt8], receivedAt: MonotonicInstant) throws(DecodeError) -> DashuiAnswer {
        // Repaired first, as the scanner does (and lenient parsers have trapped on invalid UTF-8, TECH-NOTES.md);
        // validated by Foundation, not the scanner's `UTF8Check.isValid`, so the reference checks that too.
        let repaired = String(validating: bytes, as: UTF8.self) == nil
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: Data(repaired ? UTF8Check.repaired(bytes) : bytes), options: [.fragmentsAllowed])
        } catch {
            throw .notJSON((error as NSError).localizedDescription)
        }
        guard let object = JSONValue(foundation: root).object else { throw .unexpectedShape("top level is not an object") }
        var answer = DashuiAnswer(extensions: [])
        answer.repairedInvalidUTF8 = repaired
        guard let list = object["extensions"] else { return answer }
        let entries: [JSONValue]
        switch list {
        case .array(let array): entries = array
        case .object: entries = [list]
        default: throw .unexpectedShape("'extensions' is neither a list nor an object")
        }
        var reader = FieldReader()
        var extensions: [ExtensionState] = []
        extensions.reserveCapacity(entries.count)
        for entry in entries {
            guard let fields = entry.object,
                  let number = reader.text(fields["extension"], at: "extension"), !number.isEmpty
            else { continue }  // an entry with no extension number cannot be folded
            extensions.append(decodeExtension(number: number, fields: fields, receivedAt: receivedAt, reader: &reader))
        }
        answer.extensions = extensions
        return answer
    }

    static func decodeExtension(number: String, fields: [String: JSONValue], receivedAt: MonotonicInstant,
                                reader: inout FieldReader) -> ExtensionState {
        let duration = reader.integer(fields["duration"], at: "duration")
        let items = FieldReader.objects(fields["statusItems"])
        let available = fields["available"] ?? items.first?["available"]
        var state = ExtensionState(
            number: number,
            name: reader.text(fields["name"], at: "name") ?? "",
            direction: CallDirection(apiValue: reader.text(fields["status"], at: "status") ?? ""),
            durationMs: duration.flatMap { $0 < 0 ? nil : $0 },
            onCallWith: reader.text(fields["onCallWith"], at: "onCallWith") ?? "",
            calls: items.map { decodeCall($0, reader: &reader) }.filter(\.isWorthKeeping),
            availableFlag: available.map { reader.flag($0) },
            receivedAt: receivedAt
        )
        // Bookkeeping, not shown: an unreadable one is only absent, never a problem said.
        var quiet = FieldReader()
        state.lastCallMs = quiet.integer(fields["lastCallTime"] ?? items.first?["lastCallTime"], at: "").map(FieldRules.epochMilliseconds)
        return state
    }

    static func decodeCall(_ fields: [String: JSONValue], reader: inout FieldReader) -> CallItem {
        let name = reader.text(fields["onCallWithName"], at: "onCallWithName") ?? reader.text(fields["callername"], at: "callername")
        let start = fields["StartTime"] ?? fields["startTime"]
        return CallItem(
            phase: CallPhase(apiValue: reader.text(fields["callStatus"], at: "callStatus") ?? ""),
            otherPartyName: FieldRules.displayName(name),
            isRecorded: reader.flag(fields["isRecorded"]),
            startedWithClickToCall: reader.flag(fields["startedWithClickToCall"]),
            presenceCallId: reader.text(fields["presenceCallId"], at: "presenceCallId").flatMap { $0.isEmpty ? nil : $0 },
            startTimeMs: reader.integer(start, at: "StartTime").map(FieldRules.epochMilliseconds),
            customTag: reader.text(fields["customTag"], at: "customTag").flatMap { $0.isEmpty ? nil : $0 }
        )
    }
}

extension JSONValue {
    /// Foundation's tree as a `JSONValue` (the reference decoder's input).
    /// Foundation has already turned long numbers into Doubles here.
    init(foundation value: Any) {
        switch value {
        case let text as String: self = .string(TextSafety.bounded(text))
        case let number as NSNumber:
            // Foundation gives true and false as NSNumbers of type char.
            if String(cString: number.objCType) == "c" { self = .bool(number.boolValue); return }
            // Long integers arrive as NSDecimalNumber, digit for digit.
            if number is NSDecimalNumber, number.stringValue.allSatisfy({ $0.isNumber || $0 == "-" }) {
                self = .number(number.stringValue)
                return
            }
            let double = number.doubleValue
            self = .number(double.rounded() == double && abs(double) < 1e18 ? String(Int64(double)) : number.stringValue)
        case let array as [Any]: self = .array(array.map { JSONValue(foundation: $0) })
        case let object as [String: Any]: self = .object(object.mapValues { JSONValue(foundation: $0) })
        default: self = .null
        }
    }
}
