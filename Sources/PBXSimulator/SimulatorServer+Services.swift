import Foundation
import Hummingbird

/// The `/presence/rest/` services.
extension SimulatorServer {
    func directory(cookies: HTTPFields) -> SimAnswer {
        let bytes = pbx.read { state in
            RestEncoder.directory(state, figures: state.queues.indices.map { state.figures(ofQueue: $0) })
        }
        return .json(bytes, cookies: cookies)
    }

    func extensionDetails(_ raw: String, cookies: HTTPFields) -> SimAnswer {
        let number = CallRules.digits(raw)
        guard CallRules.isExtensionShaped(number) else { return .text(.badRequest, "BAD EXTENSION") }
        let now = clock.nowMs()
        guard let bytes = pbx.read({ state in
            state.line(number).map { RestEncoder.extensionDetails($0, nowMs: now, shape: configuration.shape) }
        }) else { return .text(.notFound, "EXTENSION NOT FOUND") }
        return .json(bytes, cookies: cookies)
    }

    func clickToCall(_ raw: String, session: SimSession, cookies: HTTPFields) -> SimAnswer {
        let digits = CallRules.digits(raw)
        let now = clock.nowMs()
        var answer = pbx.mutate { state -> SimAnswer in
            guard state.accountActive else { return .text(.notFound, "ACCOUNT INACTIVE") }
            guard let own = session.user.extensions.first(where: { state.line($0) != nil }) else {
                return .text(.notFound, "USER HAS NO EXTENSIONS")
            }
            guard let kind = CallRules.classify(digits, isExtension: { state.line($0) != nil }) else {
                return .text(.badRequest, "BAD USER PHONE")
            }
            if kind == .international && state.internationalBlocked { return .text(.forbidden, "INTERNATIONAL BLOCKED") }
            // The user's phone rings for a few seconds before the number is dialled.
            state.clickToCall(from: own, to: digits, at: now, ringMs: 3000)
            return .text(.ok, "OK")
        }
        answer.headers.append(contentsOf: cookies)
        return answer
    }

    func history(_ raw: String, request: Request, session: SimSession, cookies: HTTPFields) -> SimAnswer {
        let number = CallRules.digits(raw)
        guard CallRules.isExtensionShaped(number), pbx.read({ $0.line(number) != nil }) else {
            return .text(.notFound, "EXTENSION NOT FOUND")
        }
        guard session.user.isAdmin || session.user.extensions.contains(number) else {
            return .text(.forbidden, "USER NOT PERMITTED")
        }
        var query: [String: String] = [:]
        for (key, value) in request.uri.queryParameters { query[String(key).lowercased()] = String(value) }
        let filter: HistoryFilter
        do {
            filter = try HistoryFilter(query: query, nowMs: clock.nowMs(), timeZone: timeZone)
        } catch {
            return .text(.badRequest, "BAD PARAMETER \(error.name)")
        }
        let matching = pbx.read { state in state.historyNewestFirst.filter { $0.extensionNumber == number && filter.matches($0) } }
        // Newest first by start time, at most 100 per answer.
        let records = matching.sorted { $0.startedAtMs > $1.startedAtMs }.prefix(100)
        let shape = configuration.shape
        let wrapping = configuration.historyShape ?? {
            switch shape {
            case .live: return .bare
            case .guide: return .wrapped
            case .mixed: return (Int(number) ?? 0) % 2 == 0 ? .wrapped : .bare
            }
        }()
        let bytes = RestEncoder.history(Array(records), shape: wrapping, zeroPadded: shape != .guide, durationAsText: shape == .mixed,
                                        timeZone: timeZone, recordingBase: baseURL())
        return .json(bytes, cookies: cookies)
    }

    func recording(_ raw: String, session: SimSession, cookies: HTTPFields) -> SimAnswer {
        // Any all-digit id is legal (the service's are 22 digits); an unknown one is not found.
        guard !raw.isEmpty, raw.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else {
            return .text(.badRequest, "ILLEGAL CALL ID")
        }
        let now = clock.nowMs()
        guard let recording = pbx.read({ $0.recordings[raw] }) else { return .text(.notFound, "RECORDING NOT FOUND") }
        guard session.user.isAdmin || !recording.owners.isDisjoint(with: session.user.extensions) else {
            return .text(.forbidden, "USER NOT PERMITTED")
        }
        // Recordings are processed for a little while after the call ends.
        guard recording.readyAtMs <= now else { return .text(.notFound, "RECORDING NOT FOUND") }
        guard let audio = RecordingAudio.bytes else {
            logger.error("recording audio resource missing", metadata: ["searched": "\(RecordingAudio.candidates())"])
            return .text(.internalServerError, "ERROR")
        }
        var answer = SimAnswer(status: .ok, headers: cookies, body: audio, contentType: "audio/mpeg")
        answer.headers[.contentDisposition] = "attachment; filename=\"\(raw).mp3\""
        return answer
    }

    func conference(_ raw: String, cookies: HTTPFields) -> SimAnswer {
        let number = CallRules.digits(raw)
        guard CallRules.isExtensionShaped(number) else { return .text(.badRequest, "BAD EXTENSION") }
        guard let bytes = pbx.read({ state in state.bridges.first { $0.bridge.number == number }.map { RestEncoder.conference($0, shape: configuration.shape) } })
        else { return .text(.notFound, "CONFERENCE NOT FOUND") }
        return .json(bytes, cookies: cookies)
    }

    func queue(_ raw: String, cookies: HTTPFields) -> SimAnswer {
        let number = CallRules.digits(raw)
        guard CallRules.isExtensionShaped(number) else { return .text(.badRequest, "BAD EXTENSION") }
        guard let bytes = pbx.read({ state in
            state.queues.firstIndex { $0.queue.number == number }.map { RestEncoder.queue(state.queues[$0].queue, figures: state.figures(ofQueue: $0), shape: configuration.shape) }
        }) else { return .text(.notFound, "QUEUE NOT FOUND") }
        return .json(bytes, cookies: cookies)
    }
}
