/// Decodes dashui answers in one pass over the bytes, reading only the
/// fields the board uses, with every quirk `DashuiReferenceDecoder`
/// tolerates (the tests compare both, answer for answer).
enum DashuiScanner {
    static func decode(_ input: [UInt8], receivedAt: MonotonicInstant) throws(DecodeError) -> DashuiAnswer {
        // Checked first: the scanner relies on valid UTF-8. A name in another
        // encoding (Latin-1 from an old system) must not stop the board, so
        // bad bytes become U+FFFD, as a browser shows them; the engine logs it.
        let (valid, repaired) = UTF8Check.validOrRepaired(input)
        var answer = try valid.withUnsafeBufferPointer { buffer throws(DecodeError) in
            var scanner = JSONScanner(bytes: buffer)
            return try scanner.dashuiAnswer(receivedAt: receivedAt)
        }
        answer.repairedInvalidUTF8 = repaired
        return answer
    }
}

extension JSONScanner {
    // MARK: - The answer's shape

    mutating func dashuiAnswer(receivedAt: MonotonicInstant) throws(DecodeError) -> DashuiAnswer {
        skipSpace()
        guard position < bytes.count else { throw .notJSON("empty answer") }
        guard bytes[position] == UInt8(ascii: "{") else {
            try skipValue(depth: 0)
            try expectEnd()
            throw .unexpectedShape("top level is not an object")
        }
        var extensions: [ExtensionState] = []
        // Room for as many extensions as the answer could hold (the live
        // shape takes 600 bytes each, the terse ones over 250): a large
        // answer's list is not copied a dozen times as it grows, and the
        // room not used is never touched.
        extensions.reserveCapacity(min(bytes.count / 250, 1_000_000))
        var sawExtensions = false
        var badShape = false
        try openObject(depth: 0)
        var first = true
        while let key = try nextKey(&first) {
            guard matches(key, "extensions") else { try skipValue(depth: 1); continue }
            // A repeated key replaces the earlier one, as in the reference.
            sawExtensions = true
            badShape = false
            extensions.removeAll(keepingCapacity: true)
            switch peek() {
            case UInt8(ascii: "["):
                try openArray(depth: 1)
                var firstElement = true
                while try nextElement(&firstElement) {
                    if let state = try extensionEntry(depth: 2, receivedAt: receivedAt) { extensions.append(state) }
                }
            case UInt8(ascii: "{"):
                if let state = try extensionEntry(depth: 1, receivedAt: receivedAt) { extensions.append(state) }
            default:
                try skipValue(depth: 1)
                badShape = true
            }
        }
        try expectEnd()
        if badShape { throw .unexpectedShape("'extensions' is neither a list nor an object") }
        var answer = DashuiAnswer(extensions: sawExtensions ? extensions : [])
        answer.unreadableFields = unreadableFields
        return answer
    }

    /// One extension; nil when it is not an object or has no number.
    mutating func extensionEntry(depth: Int, receivedAt: MonotonicInstant) throws(DecodeError) -> ExtensionState? {
        guard peek() == UInt8(ascii: "{") else { try skipValue(depth: depth); return nil }
        var number: Scalar?, name: Scalar?, status: Scalar?, duration: Scalar?, onCallWith: Scalar?, available: Scalar?
        var lastCall: Scalar?
        var calls: [CallFields] = []
        try openObject(depth: depth)
        var first = true
        while let key = try nextKey(&first) {
            let inner = depth + 1
            switch key.count {
            case 4 where matches(key, "name"): name = try scalar(depth: inner)
            case 6 where matches(key, "status"): status = try scalar(depth: inner)
            case 8 where matches(key, "duration"): duration = try scalar(depth: inner)
            case 9 where matches(key, "extension"): number = try scalar(depth: inner)
            case 9 where matches(key, "available"): available = try scalar(depth: inner)
            case 10 where matches(key, "onCallWith"): onCallWith = try scalar(depth: inner)
            case 11 where matches(key, "statusItems"): calls = try statusItems(depth: inner)
            case 12 where matches(key, "lastCallTime"): lastCall = try scalar(depth: inner)
            default: try skipValue(depth: inner)
            }
        }
        guard let number, let text = self.string(number), !text.isEmpty else { return nil }
        let durationMs = duration.flatMap { self.int64($0) }
        if let duration, durationMs == nil, !isBlank(duration) { unreadableFields += 1 }
        for fields in calls {
            let start = fields.hasStartTime ? fields.startTime : fields.startTimeLower
            if let start, int64(start) == nil, !isBlank(start) { unreadableFields += 1 }
        }
        let availableFlag = available.map { self.bool($0) } ?? calls.first?.available.map { self.bool($0) }
        var state = ExtensionState(
            number: text,
            name: name.flatMap { self.string($0) } ?? "",
            direction: CallDirection(apiValue: status.flatMap { self.string($0) } ?? ""),
            durationMs: durationMs.flatMap { $0 < 0 ? nil : $0 },
            onCallWith: onCallWith.flatMap { self.string($0) } ?? "",
            calls: calls.compactMap { call($0) },
            availableFlag: availableFlag,
            receivedAt: receivedAt)
        // Bookkeeping, not shown: an unreadable one is only absent.
        state.lastCallMs = (lastCall ?? calls.first?.lastCallTime).flatMap { self.int64($0) }.map(FieldRules.epochMilliseconds)
        return state
    }

    /// The fields of one `statusItems` entry the board uses.
    struct CallFields {
        var onCallWithName: Scalar?
        var callerName: Scalar?
        var callStatus: Scalar?
        var isRecorded: Scalar?
        var clickToCall: Scalar?
        var presenceCallId: Scalar?
        var customTag: Scalar?
        /// `StartTime` wins over `startTime` when present, even as null.
        var startTime: Scalar?
        var startTimeLower: Scalar?
        var hasStartTime = false
        var available: Scalar?
        var lastCallTime: Scalar?
        var isEmpty = true
    }

    /// `statusItems`: an object, an array of objects, `{}` or anything else (no calls).
    mutating func statusItems(depth: Int) throws(DecodeError) -> [CallFields] {
        switch peek() {
        case UInt8(ascii: "["):
            var items: [CallFields] = []
            try openArray(depth: depth)
            var first = true
            while try nextElement(&first) {
                guard peek() == UInt8(ascii: "{") else { try skipValue(depth: depth + 1); continue }
                let item = try callFields(depth: depth + 1)
                if !item.isEmpty { items.append(item) }
            }
            return items
        case UInt8(ascii: "{"):
            let item = try callFields(depth: depth)
            return item.isEmpty ? [] : [item]
        default:
            try skipValue(depth: depth)
            return []
        }
    }

    mutating func callFields(depth: Int) throws(DecodeError) -> CallFields {
        var fields = CallFields()
        try openObject(depth: depth)
        var first = true
        while let key = try nextKey(&first) {
            fields.isEmpty = false
            let inner = depth + 1
            switch key.count {
            case 9 where matches(key, "StartTime"):
                fields.startTime = try scalar(depth: inner)
                fields.hasStartTime = true
            case 9 where matches(key, "startTime"): fields.startTimeLower = try scalar(depth: inner)
            case 9 where matches(key, "available"): fields.available = try scalar(depth: inner)
            case 9 where matches(key, "customTag"): fields.customTag = try scalar(depth: inner)
            case 10 where matches(key, "callStatus"): fields.callStatus = try scalar(depth: inner)
            case 10 where matches(key, "callername"): fields.callerName = try scalar(depth: inner)
            case 10 where matches(key, "isRecorded"): fields.isRecorded = try scalar(depth: inner)
            case 12 where matches(key, "lastCallTime"): fields.lastCallTime = try scalar(depth: inner)
            case 14 where matches(key, "onCallWithName"): fields.onCallWithName = try scalar(depth: inner)
            case 14 where matches(key, "presenceCallId"): fields.presenceCallId = try scalar(depth: inner)
            case 22 where matches(key, "startedWithClickToCall"): fields.clickToCall = try scalar(depth: inner)
            default: try skipValue(depth: inner)
            }
        }
        return fields
    }

    /// The call an item describes; nil for the `Idle` item an idle extension carries (`CallItem.isWorthKeeping`).
    func call(_ fields: CallFields) -> CallItem? {
        let phase = CallPhase(apiValue: fields.callStatus.flatMap { string($0) } ?? "")
        let id = fields.presenceCallId.flatMap { string($0) }.flatMap { $0.isEmpty ? nil : $0 }
        guard CallItem.isWorthKeeping(phase: phase, presenceCallId: id) else { return nil }
        let name = fields.onCallWithName.flatMap { string($0) } ?? fields.callerName.flatMap { string($0) }
        let start = fields.hasStartTime ? fields.startTime : fields.startTimeLower
        return CallItem(
            phase: phase,
            otherPartyName: FieldRules.displayName(name),
            isRecorded: fields.isRecorded.map { bool($0) } ?? false,
            startedWithClickToCall: fields.clickToCall.map { bool($0) } ?? false,
            presenceCallId: id,
            startTimeMs: start.flatMap { int64($0) }.map(FieldRules.epochMilliseconds),
            customTag: fields.customTag.flatMap { string($0) }.flatMap { $0.isEmpty ? nil : $0 })
    }


    /// Null, or a string of nothing but spaces or `null`: absent, not unreadable.
    func isBlank(_ value: Scalar) -> Bool {
        switch value {
        case .null: return true
        case .string: return string(value).map { $0.trimmingSpaces.isEmpty || $0.trimmingSpaces.lowercased() == "null" } ?? true
        default: return false
        }
    }
}
