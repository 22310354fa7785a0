import Foundation
import PBXSimulator
import PresenceEngine
import Testing
import TestSupport

/// Each fault, injected through the HTTP control API, as a client sees it.
@Suite(.tags(.endToEnd)) struct ChaosTests {
    enum Outcome: Equatable {
        case answered(Int)
        case failed(TransportError)
    }

    /// Injects `kind` for the next dashui request, makes that request, and
    /// returns what came back, with the raw body.
    func dashuiWith(_ kind: String, value: String? = nil, count: Int = 1, clientTimeout: Double = 15,
                    configure: (inout SimulatorConfiguration) -> Void = { _ in }) async throws -> (Outcome, [UInt8]) {
        try await withSimulator(configure) { sim in
            let control = SimClient(sim)
            var query = [("kind", kind), ("target", "dashui"), ("count", String(count))]
            if let value { query.append(("value", value)) }
            let injected = try await control.post("/_sim/faults", query: query)
            #expect(injected.status == 200, "\(injected.bodyText)")
            // Log in with the usual patience; only the request under test gets the short timeout.
            let jar = CookieJar()
            try await SimClient(sim, cookies: jar).login()
            let client = SimClient(sim, timeoutSeconds: clientTimeout, cookies: jar)
            do {
                let response = try await client.get("/presence/dashui", query: [("firstRequest", "true")])
                return (.answered(response.status), response.body)
            } catch let error as TransportError {
                return (.failed(error), [])
            }
        }
    }

    @Test func status500() async throws {
        let (outcome, body) = try await dashuiWith("status", value: "500")
        #expect(outcome == .answered(500))
        #expect(String(decoding: body, as: UTF8.self) == "ERROR")
    }

    @Test func aConnectionDroppedBeforeAnyAnswer() async throws {
        // libcurl retries once by itself when a reused connection dies before
        // answering, so the drop has to strike twice to reach the client.
        let (outcome, _) = try await dashuiWith("drop-before", count: 2)
        guard case .failed(.network) = outcome else { Issue.record("expected a network error, got \(outcome)"); return }
    }

    @Test func aConnectionDroppedInTheMiddleOfTheBody() async throws {
        let (outcome, _) = try await dashuiWith("drop-mid")
        guard case .failed(.network) = outcome else { Issue.record("expected a network error, got \(outcome)"); return }
    }

    @Test func aTruncatedBody() async throws {
        let (outcome, _) = try await dashuiWith("truncated")
        guard case .failed(.network) = outcome else { Issue.record("expected a network error, got \(outcome)"); return }
    }

    @Test func anAnswerThatHangsPastTheClientsPatience() async throws {
        let (outcome, _) = try await dashuiWith("hang", value: "20", clientTimeout: 2)
        #expect(outcome == .failed(.timedOut))
    }

    @Test func aConflict() async throws {
        #expect(try await dashuiWith("conflict").0 == .answered(409))
    }

    @Test func anExpiredSessionAnswers403AndStaysExpired() async throws {
        try await withSimulator { sim in
            sim.control.injectFaults([.expireSession], for: .dashui)
            let client = SimClient(sim)
            try await client.login()
            let first = try await client.get("/presence/dashui", query: [("firstRequest", "true")])
            #expect(first.status == 403)
            #expect(first.bodyText == "USER NOT LOGGED IN")
            #expect(try await client.get("/presence/rest/directory").status == 403)
        }
    }

    @Test func malformedJSON() async throws {
        let (outcome, body) = try await dashuiWith("malformed-json")
        #expect(outcome == .answered(200))
        #expect(throws: DecodeError.self) { try DashuiDecoder.decode(body, receivedAt: .zero) }
    }

    @Test func invalidUTF8() async throws {
        let (outcome, body) = try await dashuiWith("invalid-utf8")
        #expect(outcome == .answered(200))
        #expect(String(validating: body, as: UTF8.self) == nil)
        let answer = try DashuiDecoder.decode(body, receivedAt: .zero)
        #expect(answer.repairedInvalidUTF8)
        #expect(answer.extensions.first?.name.contains("\u{FFFD}") == true)
    }

    @Test func aVeryLargeBodyPastTheClientsLimitIsRefused() async throws {
        let (outcome, _) = try await dashuiWith("huge", value: "80000000")
        #expect(outcome == .failed(.bodyTooLarge(CurlTransport.maximumBodyBytes)))
    }

    @Test func aLargeBodyWithinTheLimitIsStillAValidAnswer() async throws {
        let (outcome, body) = try await dashuiWith("huge", value: "3000000")
        #expect(outcome == .answered(200))
        #expect(body.count >= 3_000_000)
        #expect(try DashuiDecoder.decode(body, receivedAt: .zero).extensions.count == 20)
    }

    @Test func aTrickledBodyArrivesWhole() async throws {
        let (outcome, body) = try await dashuiWith("trickle", value: "100000", configure: { $0.extensionCount = 5 })
        #expect(outcome == .answered(200))
        #expect(try DashuiDecoder.decode(body, receivedAt: .zero).extensions.count == 5)
    }

    @Test func faultsComeInTheCountAskedThenStop() async throws {
        try await withSimulator { sim in
            let control = SimClient(sim)
            _ = try await control.post("/_sim/faults", query: [("kind", "conflict"), ("count", "3"), ("target", "dashui")])
            let client = SimClient(sim)
            try await client.login()
            var statuses: [Int] = []
            for _ in 0..<4 { statuses.append(try await client.get("/presence/dashui", query: [("firstRequest", "true")]).status) }
            #expect(statuses == [409, 409, 409, 200])
            // Faults for dashui leave the other services alone.
            _ = try await control.post("/_sim/faults", query: [("kind", "status"), ("value", "503"), ("target", "dashui")])
            #expect(try await client.get("/presence/rest/directory").status == 200)
        }
    }

    @Test func anUnknownFaultIsRefusedWithTheList() async throws {
        try await withSimulator { sim in
            let response = try await SimClient(sim).post("/_sim/faults", query: [("kind", "gremlins")])
            #expect(response.status == 400)
            #expect(response.bodyText.contains("drop-mid"))
        }
    }

    /// The statuses of 300 first requests under a chaos profile.
    func statuses(_ profile: ChaosProfile, seed: UInt64) async throws -> [String] {
        try await withSimulator({ $0.chaos = profile; $0.seed = seed }) { sim in
            var seen: [String] = []
            for _ in 0..<300 {
                // The usual patience: the flaky profile never hangs, so a
                // timeout here would only say the machine was busy, and would
                // make two runs of one seed differ.
                let client = SimClient(sim)
                do {
                    try await client.login()
                    let response = try await client.get("/presence/dashui", query: [("firstRequest", "true")])
                    seen.append(String(response.status))
                } catch {
                    seen.append("\(error)")
                }
            }
            return seen
        }
    }

    @Test func theFlakyProfileMixesFaultsIntoMostlyGoodAnswersRepeatablyForASeed() async throws {
        let first = try await statuses(.flaky, seed: 3)
        let good = first.filter { $0 == "200" }.count
        #expect(good > 200 && good < 300)
        #expect(first.contains("500"))
        #expect(try await statuses(.flaky, seed: 3) == first)
        #expect(try await statuses(.none, seed: 3).allSatisfy { $0 == "200" })
    }
}
