import Foundation
import PBXSimulator
import PresenceEngine
import Testing
import TestSupport

/// The simulator's API over real loopback HTTP, spoken to through libcurl.
@Suite struct SimulatorHTTPTests {
    let login = Account.demoLogin
    let password = Account.demoPassword

    func get(_ transport: CurlTransport, _ path: String, query: [(String, String)] = [],
             headers: [(String, String)] = []) async throws -> HTTPResponse {
        try await onOwnThread { try transport.send(HTTPRequest(path: path, query: query, headers: headers)) }
    }

    func cookies(_ response: HTTPResponse) -> [String: String] {
        var jar: [String: String] = [:]
        for (name, value) in response.headers where name.lowercased() == "set-cookie" {
            let pair = value.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            jar[String(pair[0])] = String(pair[1])
        }
        return jar
    }

    @Test func loginWithHeaderCredentialsSetsAllSessionCookies() async throws {
        try await withSimulator { sim in
            let transport = CurlTransport(server: sim.address)
            let response = try await get(transport, "/appserver/rest/user/null", headers: [("login", login), ("password", password)])
            #expect(response.status == 200)
            let jar = cookies(response)
            #expect(jar["JSESSIONID"] != nil)
            #expect(jar["HDAP-ID"] != nil)
            #expect(jar["AWSALB"] != nil)
            // The jar goes back by itself on the next request.
            let directory = try await get(transport, "/presence/rest/directory")
            #expect(directory.status == 200)
        }
    }

    @Test func loginWithQueryCredentials() async throws {
        try await withSimulator { sim in
            let transport = CurlTransport(server: sim.address)
            let response = try await get(transport, "/appserver/rest/user/null",
                                         query: [("htmlLogin", login), ("htmlPassword", password)])
            #expect(response.status == 200)
            #expect(cookies(response)["JSESSIONID"] != nil)
        }
    }

    /// One public client logs in with `login` and `password` in the query.
    @Test func loginWithPlainQueryParameters() async throws {
        try await withSimulator { sim in
            let transport = CurlTransport(server: sim.address)
            let response = try await get(transport, "/appserver/rest/user/null", query: [("login", login), ("password", password)])
            #expect(response.status == 200)
            #expect(cookies(response)["JSESSIONID"] != nil)
            let log = try await SimClient(sim).get("/_sim/requests")
            #expect(!log.bodyText.contains(password))
            #expect(log.bodyText.contains("login=\(login)&password=***"))
        }
    }

    @Test func wrongPasswordIsRefused() async throws {
        try await withSimulator { sim in
            let transport = CurlTransport(server: sim.address)
            let response = try await get(transport, "/appserver/rest/user/null", headers: [("login", login), ("password", "nope")])
            #expect(response.status == 403)
            #expect(response.bodyText.contains("USER NOT LOGGED IN"))
            #expect(cookies(response).isEmpty)
        }
    }

    @Test func directoryAcceptsCredentialsOnTheRequestItself() async throws {
        try await withSimulator { sim in
            let transport = CurlTransport(server: sim.address)
            let refused = try await get(transport, "/presence/rest/directory")
            #expect(refused.status == 403)
            let response = try await get(transport, "/presence/rest/directory", headers: [("login", login), ("password", password)])
            #expect(response.status == 200)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
            let extensions = try #require(object["extensions"] as? [String: Any])
            #expect(extensions.count == sim.account.extensions.count)
            #expect((object["queues"] as? [String: Any])?.count == sim.account.queues.count)
        }
    }

    @Test func dashuiNeedsSessionCookiesEvenWithCredentials() async throws {
        try await withSimulator { sim in
            let transport = CurlTransport(server: sim.address)
            let response = try await get(transport, "/presence/dashui", query: [("firstRequest", "true")],
                                         headers: [("login", login), ("password", password)])
            #expect(response.status == 403)
        }
    }

    @Test func firstRequestAnswersEveryExtensionAtOnce() async throws {
        try await withSimulator { sim in
            let transport = try await loggedIn(sim)
            let response = try await get(transport, "/presence/dashui", query: [("firstRequest", "true")])
            #expect(response.status == 200)
            let answer = try DashuiDecoder.decode(response.body, receivedAt: .zero)
            #expect(answer.extensions.map(\.number) == sim.account.extensions.map(\.number))
            #expect(answer.extensions.map(\.name) == sim.account.extensions.map(\.name))
        }
    }

    @Test func filterExtensionLimitsTheAnswer() async throws {
        try await withSimulator { sim in
            let transport = try await loggedIn(sim)
            let wanted = [sim.account.extensions[2].number, sim.account.extensions[5].number]
            let response = try await get(transport, "/presence/dashui",
                                         query: [("filterExtension", wanted.joined(separator: ",")), ("firstRequest", "true")])
            let answer = try DashuiDecoder.decode(response.body, receivedAt: .zero)
            #expect(answer.extensions.map(\.number) == wanted)
        }
    }

    @Test func longPollAnswersWithOnlyTheChangedExtension() async throws {
        try await withSimulator { sim in
            let transport = try await loggedIn(sim)
            _ = try await get(transport, "/presence/dashui", query: [("firstRequest", "true")])
            async let poll = get(transport, "/presence/dashui")
            try await waitUntil("the poll to be held") { sim.pendingPolls == 1 }
            let ringing = sim.account.extensions[4].number
            sim.ring(ringing, from: "15557852675", callerName: "Jane Doe")
            let response = try await poll
            #expect(response.status == 200)
            let answer = try DashuiDecoder.decode(response.body, receivedAt: .zero)
            #expect(answer.extensions.map(\.number) == [ringing])
            #expect(answer.extensions.first?.isRinging == true)
            #expect(answer.extensions.first?.primaryCall?.otherPartyName == "Jane Doe")
        }
    }

    @Test func longPollAnswers304WhenTheBlockTimePassesUnchanged() async throws {
        try await withSimulator({ $0.pollBlockSeconds = 0.3 }) { sim in
            let transport = try await loggedIn(sim)
            _ = try await get(transport, "/presence/dashui", query: [("firstRequest", "true")])
            let response = try await get(transport, "/presence/dashui")
            #expect(response.status == 304)
            #expect(response.body.isEmpty)
        }
    }

    @Test func secondPollOnTheSameSessionGets409() async throws {
        // Held two minutes (the ring below ends it at once): the second
        // poll must come while the first is held, and a loaded machine may
        // take seconds to send it (5 s was a race).
        try await withSimulator({ $0.pollBlockSeconds = 120 }) { sim in
            let first = CurlTransport(server: sim.address)
            let login = try await get(first, "/appserver/rest/user/null", headers: [("login", login), ("password", password)])
            let session = try #require(cookies(login)["JSESSIONID"])
            let balancer = try #require(cookies(login)["AWSALB"])
            async let held = get(first, "/presence/dashui")
            try await waitUntil("the first poll to be held") { sim.pendingPolls == 1 }
            let second = CurlTransport(server: sim.address)
            let conflict = try await get(second, "/presence/dashui", headers: [("Cookie", "JSESSIONID=\(session); AWSALB=\(balancer)")])
            #expect(conflict.status == 409)
            sim.ring(sim.account.extensions[0].number, from: "15550000000")
            #expect(try await held.status == 200)
        }
    }

    func loggedIn(_ sim: PBXSimulator) async throws -> CurlTransport {
        let transport = CurlTransport(server: sim.address)
        let response = try await get(transport, "/appserver/rest/user/null", headers: [("login", login), ("password", password)])
        try #require(response.status == 200)
        return transport
    }
}
