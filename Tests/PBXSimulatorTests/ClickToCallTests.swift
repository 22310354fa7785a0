import Foundation
import PBXSimulator
import PresenceEngine
import Testing
import TestSupport

/// Every row of the click-to-call table in API.md, on the live simulator.
@Suite struct ClickToCallTests {
    func call(_ number: String, as user: String = Account.demoLogin, password: String = Account.demoPassword,
              configure: (inout SimulatorConfiguration) -> Void = { _ in },
              before: (PBXSimulator) -> Void = { _ in }) async throws -> (Int, String) {
        try await withSimulator(configure) { sim in
            before(sim)
            let client = SimClient(sim)
            try await client.login(user, password)
            let response = try await client.get("/presence/rest/clicktocall/\(number)")
            return (response.status, response.bodyText)
        }
    }

    @Test(arguments: ["5557852675", "15557852675", "(555) 785-2675", "202", "0114420794600", "442079460018", "123456"])
    func validNumbersAreCalled(number: String) async throws {
        let encoded = number.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed)!
        let (status, text) = try await call(encoded)
        #expect(status == 200)
        #expect(text == "OK")
    }

    @Test(arguments: ["12345", "01144207", "", "abc", "1-2-3"])
    func numbersBreakingTheRulesAreBadUserPhone(number: String) async throws {
        let (status, text) = try await call(number)
        #expect(status == 400)
        #expect(text == "BAD USER PHONE")
    }

    @Test func withoutASessionItIsUserNotLoggedIn() async throws {
        try await withSimulator { sim in
            let response = try await SimClient(sim).get("/presence/rest/clicktocall/5557852675")
            #expect(response.status == 403)
            #expect(response.bodyText == "USER NOT LOGGED IN")
        }
    }

    @Test func credentialsOnTheRequestItselfAreAccepted() async throws {
        try await withSimulator { sim in
            let response = try await SimClient(sim).get("/presence/rest/clicktocall/5557852675",
                                                        headers: [("login", Account.demoLogin), ("password", Account.demoPassword)])
            #expect(response.status == 200)
            #expect(setCookies(response)["JSESSIONID"] != nil)
        }
    }

    @Test(arguments: ["0114420794600", "442079460018", "33123456789"])
    func internationalNumbersAreBlockedWhenTheAccountBlocksThem(number: String) async throws {
        let (status, text) = try await call(number, configure: { $0.internationalBlocked = true })
        #expect(status == 403)
        #expect(text == "INTERNATIONAL BLOCKED")
    }

    @Test(arguments: ["5557852675", "15557852675", "202"])
    func domesticNumbersAndExtensionsPassAnInternationalBlock(number: String) async throws {
        let (status, _) = try await call(number, configure: { $0.internationalBlocked = true })
        #expect(status == 200)
    }

    @Test func aUserWithoutExtensionsIsRefused() async throws {
        let (status, text) = try await call("5557852675", as: Account.noExtensionLogin, password: Account.staffPassword)
        #expect(status == 404)
        #expect(text == "USER HAS NO EXTENSIONS")
    }

    @Test func anInactiveAccountIsRefused() async throws {
        let (status, text) = try await call("5557852675", before: { $0.control.setAccount(active: false, internationalBlocked: nil) })
        #expect(status == 404)
        #expect(text == "ACCOUNT INACTIVE")
    }

    @Test func aSystemErrorIsError500() async throws {
        let (status, text) = try await call("5557852675", before: { $0.control.injectFaults([.status(500)], for: .rest) })
        #expect(status == 500)
        #expect(text == "ERROR")
    }

    @Test func itRingsTheUsersDefaultExtensionThenDialsTheNumber() async throws {
        try await withSimulator({ $0.traffic = true; $0.speed = 20 }) { sim in
            let own = sim.account.users.first { $0.login == Account.demoLogin }!.extensions[0]
            let client = SimClient(sim)
            try await client.login()
            // Paused, so the generator cannot answer before the first look (at 20x it may within 100 ms).
            sim.control.pauseTraffic(true)
            #expect(try await client.get("/presence/rest/clicktocall/15557852675").status == 200)
            let ringing = sim.pbx.read { $0.line(own)?.calls.first { $0.startedWithClickToCall } }
            #expect(ringing?.phase == .ringing)
            #expect(ringing?.direction == .inbound)
            sim.control.pauseTraffic(false)
            // The generator answers the user's phone within a few simulated seconds; then the number is dialled.
            try await waitUntil("the click-to-call call to connect") {
                sim.pbx.read { $0.line(own)?.calls.first { $0.startedWithClickToCall && $0.phase == .connected }?.direction == .outbound }
            }
            let connected = sim.pbx.read { $0.line(own)?.calls.first { $0.startedWithClickToCall } }
            #expect(connected?.otherNumber == "15557852675")
        }
    }

    @Test(arguments: [
        ("202", CallRules.Kind.extensionOnAccount), ("123456", .international), ("5557852675", .domestic),
        ("15557852675", .domestic), ("25557852675", .international), ("011442079460", .international),
    ])
    func numbersAreClassifiedAsTheGuideSays(digits: String, kind: CallRules.Kind) {
        #expect(CallRules.classify(digits, isExtension: { $0 == "202" }) == kind)
    }

    @Test(arguments: ["12345", "01144207", "0", ""])
    func shortNumbersAreInvalid(digits: String) {
        #expect(CallRules.classify(digits, isExtension: { _ in false }) == nil)
    }

    @Test func nonDigitsAreStrippedFirst() {
        #expect(CallRules.digits("+1 (555) 785-2675 ext") == "15557852675")
    }
}
