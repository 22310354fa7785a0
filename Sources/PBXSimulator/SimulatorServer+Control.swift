import Foundation
import Hummingbird

/// The control API, under `/_sim/` (a prefix the real service does not
/// use): drive calls, Do Not Disturb, queues and bridges, inject faults,
/// expire sessions and read the request log. Loopback only, like the rest.
extension SimulatorServer {
    func addControlRoutes(to router: Router<SimRequestContext>) {
        addCallRoutes(to: router)
        addLineRoutes(to: router)
        addSystemRoutes(to: router)
    }

    /// Calls: start one, answer it (or what rings on an extension), end it.
    private func addCallRoutes(to router: Router<SimRequestContext>) {
        router.post("/_sim/calls") { request, _ in self.controlAnswer(self.startCall(self.query(request))) }
        router.post("/_sim/calls/:id/answer") { _, context in
            self.controlAnswer(self.control.answerCall(context.parameters.get("id") ?? "") ? .ok(nil) : .notFound("no such call"))
        }
        router.post("/_sim/extensions/:n/answer") { _, context in
            guard let id = self.control.answerRinging(on: context.parameters.get("n") ?? "") else {
                return self.controlAnswer(.notFound("nothing rings there"))
            }
            return self.controlAnswer(.ok(Array(#"{"id":"\#(id)"}"#.utf8)))
        }
        router.post("/_sim/calls/:id/end") { request, context in
            let voicemail = self.query(request)["voicemail"] == "true"
            let ended = self.control.endCall(context.parameters.get("id") ?? "", voicemail: voicemail)
            return self.controlAnswer(ended ? .ok(nil) : .notFound("no such call"))
        }
    }

    /// What the lines, queues and bridges show: Do Not Disturb, names, figures, participants.
    private func addLineRoutes(to router: Router<SimRequestContext>) {
        router.post("/_sim/dnd") { request, _ in
            let query = self.query(request)
            guard let number = query["extension"] else { return self.controlAnswer(.bad("extension= is required")) }
            let done = self.control.setDoNotDisturb(number, query["on"].map { $0 != "false" } ?? true)
            return self.controlAnswer(done ? .ok(nil) : .notFound("no such extension"))
        }
        router.post("/_sim/name") { request, _ in
            let query = self.query(request)
            guard let number = query["extension"], let name = query["name"] else {
                return self.controlAnswer(.bad("extension= and name= are required"))
            }
            let times = max(1, min(100_000, query["repeat"].flatMap { Int($0) } ?? 1))
            let done = self.control.rename(number, to: String(repeating: name, count: times))
            return self.controlAnswer(done ? .ok(nil) : .notFound("no such extension"))
        }
        router.post("/_sim/queues/:n") { request, context in
            self.controlAnswer(self.pinQueue(context.parameters.get("n") ?? "", self.query(request)))
        }
        router.post("/_sim/bridges/:n") { request, context in
            let list = (self.query(request)["participants"] ?? "").split(separator: ",").map(String.init)
            let done = self.control.setBridgeParticipants(context.parameters.get("n") ?? "", list)
            return self.controlAnswer(done ? .ok(nil) : .notFound("no such bridge"))
        }
    }

    /// The service around them: faults, sessions, chaos, traffic, the account, the logs.
    private func addSystemRoutes(to router: Router<SimRequestContext>) {
        router.post("/_sim/faults") { request, _ in self.controlAnswer(self.injectFaults(self.query(request))) }
        router.post("/_sim/sessions/expire") { _, _ in
            self.control.expireSessions()
            return self.controlAnswer(.ok(nil))
        }
        router.post("/_sim/chaos") { request, _ in
            guard let profile = self.query(request)["profile"].flatMap(ChaosProfile.init(rawValue:)) else {
                return self.controlAnswer(.bad("profile= must be none, flaky or hostile"))
            }
            self.control.setChaos(profile)
            return self.controlAnswer(.ok(nil))
        }
        router.post("/_sim/traffic") { request, _ in
            self.control.pauseTraffic(self.query(request)["paused"] == "true")
            return self.controlAnswer(.ok(nil))
        }
        router.post("/_sim/account") { request, _ in
            let query = self.query(request)
            self.control.setAccount(active: query["active"].map { $0 != "false" },
                                    internationalBlocked: query["international"].map { $0 == "blocked" })
            return self.controlAnswer(.ok(nil))
        }
        router.post("/_sim/answers") { request, _ in
            guard let path = self.query(request)["path"], path.hasPrefix("/presence/") else {
                return self.controlAnswer(.bad("path= must name a service path, /presence/…"))
            }
            let body = try await request.body.collect(upTo: CannedAnswers.maximumBytes)
            self.canned.set(body.readableBytes == 0 ? nil : Array(buffer: body), for: path)
            return self.controlAnswer(.ok(nil))
        }
        router.delete("/_sim/answers") { _, _ in
            self.canned.clear()
            return self.controlAnswer(.ok(nil))
        }
        router.get("/_sim/requests") { _, _ in self.controlAnswer(.ok(self.requestLogJSON())) }
        router.get("/_sim/state") { _, _ in self.controlAnswer(.ok(self.stateJSON())) }
    }

    enum ControlResult {
        case ok([UInt8]?)
        case bad(String)
        case notFound(String)
    }

    func controlAnswer(_ result: ControlResult) -> Response {
        func body(_ bytes: [UInt8]) -> ResponseBody { ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)) }
        switch result {
        case .ok(let bytes):
            return Response(status: .ok, headers: [.contentType: "application/json"], body: body(bytes ?? Array(#"{"ok":true}"#.utf8)))
        case .bad(let why):
            return Response(status: .badRequest, headers: [.contentType: "text/plain"], body: body(Array(why.utf8)))
        case .notFound(let why):
            return Response(status: .notFound, headers: [.contentType: "text/plain"], body: body(Array(why.utf8)))
        }
    }

    private func startCall(_ query: [String: String]) -> ControlResult {
        guard let number = query["extension"] else { return .bad("extension= is required") }
        let direction: LiveCall.Direction
        switch query["direction"] ?? "inbound" {
        case "inbound": direction = .inbound
        case "outbound": direction = .outbound
        case "internal", "intrapbx": direction = .intraPBX
        case "queue": direction = .queueCall
        default: return .bad("direction must be inbound, outbound, internal or queue")
        }
        let other: String = query["from"] ?? query["to"] ?? "15550100000"
        let request = CallRequest(extension: number, otherNumber: other, otherName: query["name"], direction: direction,
                                  connected: query["state"] == "connected", recorded: query["recorded"] == "true",
                                  customTag: query["tag"] ?? "", clickToCall: query["c2c"] == "true")
        guard let id = control.startCall(request) else { return .notFound("no such extension") }
        return .ok(Array(#"{"id":"\#(id)"}"#.utf8))
    }

    private func pinQueue(_ number: String, _ query: [String: String]) -> ControlResult {
        if query["clear"] == "true" { return control.pinQueueFigures(number, nil) ? .ok(nil) : .notFound("no such queue") }
        func value(_ name: String) -> Int { query[name].flatMap { Int($0) } ?? 0 }
        let figures = QueueFigures(numberOfCalls: value("calls"), callersOnHold: value("hold"), averageWaitTime: value("average"),
                                   agentsAvailable: value("available"), callersWaiting: value("waiting"), agentsBusy: value("busy"),
                                   agentsLoggedIn: value("loggedin"), longestWaitTime: value("longest"))
        return control.pinQueueFigures(number, figures) ? .ok(nil) : .notFound("no such queue")
    }

    private func injectFaults(_ query: [String: String]) -> ControlResult {
        guard let kind = query["kind"],
              let fault = Fault(kind: kind, value: query["value"].flatMap { Double($0) }) else {
            return .bad("kind= must be one of: \(Fault.kinds.joined(separator: ", "))")
        }
        guard let target = FaultTarget(rawValue: query["target"] ?? "any") else {
            return .bad("target= must be one of: \(FaultTarget.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let count = max(1, min(1000, query["count"].flatMap { Int($0) } ?? 1))
        control.injectFaults(Array(repeating: fault, count: count), for: target)
        return .ok(nil)
    }

    private func requestLogJSON() -> [UInt8] {
        var json = JSONWriter()
        json.beginArray()
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        for entry in requestLog.newestFirst {
            json.beginObject()
            json.field("time", formatter.string(from: entry.time))
            json.field("method", entry.method)
            json.field("target", entry.target)
            json.field("status", Int64(entry.status))
            if let fault = entry.fault { json.field("fault", fault) }
            json.endObject()
        }
        json.endArray()
        return json.bytes
    }

    private func stateJSON() -> [UInt8] {
        let (version, calls, waiting) = pbx.read { state in
            (state.version, state.lines.reduce(0) { $0 + $1.calls.count }, state.queues.reduce(0) { $0 + $1.waiting.count })
        }
        var json = JSONWriter()
        json.beginObject()
        json.field("version", Int64(version))
        json.field("calls", Int64(calls))
        json.field("queued", Int64(waiting))
        json.field("sessions", Int64(sessions.count))
        json.field("pendingPolls", Int64(sessions.pendingPolls))
        json.field("pendingFaults", Int64(faults.pending))
        json.endObject()
        return json.bytes
    }
}

/// A call started through the control API or by a test.
public struct CallRequest: Sendable {
    public var `extension`: String
    public var otherNumber: String
    public var otherName: String?
    public var direction: LiveCall.Direction
    public var connected: Bool
    public var recorded: Bool
    public var customTag: String
    public var clickToCall: Bool

    public init(extension: String, otherNumber: String, otherName: String? = nil, direction: LiveCall.Direction = .inbound,
                connected: Bool = false, recorded: Bool = false, customTag: String = "", clickToCall: Bool = false) {
        self.extension = `extension`
        self.otherNumber = otherNumber
        self.otherName = otherName
        self.direction = direction
        self.connected = connected
        self.recorded = recorded
        self.customTag = customTag
        self.clickToCall = clickToCall
    }
}
