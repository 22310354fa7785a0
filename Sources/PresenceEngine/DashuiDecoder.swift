import Foundation

/// The extensions carried by one dashui answer.
public struct DashuiAnswer: Sendable, Equatable {
    public var extensions: [ExtensionState]
    /// The bytes were not all UTF-8 and were read with U+FFFD in their place.
    public var repairedInvalidUTF8 = false
    public init(extensions: [ExtensionState]) { self.extensions = extensions }
}

/// Why bytes from the network were not understood. The store keeps its last
/// good state; the engine counts and logs these.
public enum DecodeError: Error, Equatable, Sendable, CustomStringConvertible {
    case notJSON(String)
    case unexpectedShape(String)

    public var description: String {
        switch self {
        case .notJSON(let why): return "answer is not JSON: \(why)"
        case .unexpectedShape(let why): return "unexpected answer: \(why)"
        }
    }
}

/// Decodes dashui answers, tolerating every irregularity API.md records:
/// numbers as strings and strings as numbers, `statusItems` as an object,
/// an array, `{}` or absent, `callStatus` in any case, `StartTime` in
/// seconds or milliseconds, `"null"` as a name, envelope fields.
public enum DashuiDecoder {
    public static func decode(_ bytes: [UInt8], receivedAt: MonotonicInstant) throws(DecodeError) -> DashuiAnswer {
        try DashuiScanner.decode(bytes, receivedAt: receivedAt)
    }
}

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
        guard let object = root as? [String: Any] else { throw .unexpectedShape("top level is not an object") }
        var answer = DashuiAnswer(extensions: [])
        answer.repairedInvalidUTF8 = repaired
        guard let list = object["extensions"] else { return answer }
        let entries: [Any]
        if let array = list as? [Any] {
            entries = array
        } else if let single = list as? [String: Any] {
            entries = [single]
        } else {
            throw .unexpectedShape("'extensions' is neither a list nor an object")
        }
        var extensions: [ExtensionState] = []
        extensions.reserveCapacity(entries.count)
        for entry in entries {
            guard let fields = entry as? [String: Any],
                  let number = Lenient.string(fields["extension"]), !number.isEmpty
            else { continue }  // an entry with no extension number cannot be folded
            extensions.append(decodeExtension(number: number, fields: fields, receivedAt: receivedAt))
        }
        answer.extensions = extensions
        return answer
    }

    static func decodeExtension(number: String, fields: [String: Any], receivedAt: MonotonicInstant) -> ExtensionState {
        let duration = Lenient.int64(fields["duration"])
        let items = statusItems(fields["statusItems"])
        let available = fields["available"] ?? items.first?["available"]
        return ExtensionState(
            number: number,
            name: Lenient.string(fields["name"]) ?? "",
            direction: CallDirection(apiValue: Lenient.string(fields["status"]) ?? ""),
            durationMs: duration.flatMap { $0 < 0 ? nil : $0 },
            onCallWith: Lenient.string(fields["onCallWith"]) ?? "",
            calls: items.map(decodeCall),
            availableFlag: available.map { Lenient.bool($0) },
            receivedAt: receivedAt
        )
    }

    /// `statusItems` arrives as an object, an array of objects, `{}` or not at all.
    static func statusItems(_ value: Any?) -> [[String: Any]] {
        if let array = value as? [Any] { return array.compactMap { $0 as? [String: Any] }.filter { !$0.isEmpty } }
        if let object = value as? [String: Any], !object.isEmpty { return [object] }
        return []
    }

    static func decodeCall(_ fields: [String: Any]) -> CallItem {
        let name = Lenient.string(fields["onCallWithName"]) ?? Lenient.string(fields["callername"])
        return CallItem(
            phase: CallPhase(apiValue: Lenient.string(fields["callStatus"]) ?? ""),
            otherPartyName: Lenient.displayName(name),
            isRecorded: Lenient.bool(fields["isRecorded"]),
            startedWithClickToCall: Lenient.bool(fields["startedWithClickToCall"]),
            presenceCallId: Lenient.string(fields["presenceCallId"]).flatMap { $0.isEmpty ? nil : $0 },
            startTimeMs: Lenient.int64(fields["StartTime"] ?? fields["startTime"]).map(Lenient.epochMilliseconds),
            customTag: Lenient.string(fields["customTag"]).flatMap { $0.isEmpty ? nil : $0 }
        )
    }
}

/// Readers that accept the types the real service mixes up.
enum Lenient {
    static func string(_ value: Any?) -> String? {
        switch value {
        case let text as String: return text
        case let number as NSNumber:
            let double = number.doubleValue
            if double.rounded() == double, abs(double) < 1e18 { return String(Int64(double)) }
            return number.stringValue
        default: return nil
        }
    }

    static func int64(_ value: Any?) -> Int64? {
        switch value {
        case let number as NSNumber:
            let double = number.doubleValue
            return double.isFinite && abs(double) < 9e18 ? Int64(double) : nil
        case let text as String:
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if let whole = Int64(trimmed) { return whole }
            if let double = Double(trimmed), double.isFinite, abs(double) < 9e18 { return Int64(double) }
            return nil
        default: return nil
        }
    }

    static func bool(_ value: Any?) -> Bool {
        switch value {
        case let flag as Bool: return flag
        case let text as String: return text.trimmingCharacters(in: .whitespaces).lowercased() == "true"
        case let number as NSNumber: return number.intValue != 0
        default: return false
        }
    }

    /// Empty names and the literal `"null"` mean "no name".
    static func displayName(_ value: String?) -> String? {
        guard let value else { return nil }
        // Most names need no trimming and are not "null": skip Foundation.
        let utf8 = value.utf8
        guard let first = utf8.first, let last = utf8.last else { return nil }
        if first != 0x20, first != 0x09, last != 0x20, last != 0x09 {
            return utf8.count == 4 && utf8.map({ $0 | 0x20 }).elementsEqual("null".utf8) ? nil : value
        }
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty || trimmed.lowercased() == "null" ? nil : trimmed
    }

    /// `StartTime` is documented in seconds but sent in milliseconds: values
    /// above 10^11 are milliseconds.
    static func epochMilliseconds(_ value: Int64) -> Int64 {
        value > 100_000_000_000 ? value : value * 1000
    }
}
