import PresenceEngine
import Testing

@Suite struct ServerAddressTests {
    @Test(arguments: ["http://127.0.0.1:8080", "http://localhost", "http://[::1]:9000", "https://my.vonagebusiness.com"])
    func acceptsHTTPSAndLoopbackHTTP(url: String) throws {
        _ = try ServerAddress(url)
    }

    @Test func readsTheHostAndPortOfEveryFormThePartsOfAURLTake() throws {
        let cases: [(String, String, String, Int?)] = [
            ("https://my.vonagebusiness.com", "https", "my.vonagebusiness.com", nil),
            ("HTTPS://My.VonageBusiness.com:8443/presence?x=1#top", "https", "My.VonageBusiness.com", 8443),
            ("https://user@host.example:443", "https", "host.example", 443),
            ("http://[::1]:9000/", "http", "::1", 9000),
            ("http://127.0.0.1:8080", "http", "127.0.0.1", 8080),
        ]
        for (text, scheme, host, port) in cases {
            let address = try ServerAddress(text)
            #expect(address.scheme == scheme && address.host == host && address.port == port, "\(text)")
        }
        #expect(try ServerAddress("http://[::1]:9000").description == "http://[::1]:9000")
        for bad in ["https://", "https://:443", "https://host:port", "https://host:70000", "https://ho st", "https://[::1", "//host", "https:/host"] {
            #expect(throws: ServerAddress.Problem.self, "\(bad)") { try ServerAddress(bad) }
        }
    }

    @Test func refusesPlainHTTPToARemoteHost() {
        #expect(throws: ServerAddress.Problem.plainHTTPToRemoteHost("my.vonagebusiness.com")) {
            try ServerAddress("http://my.vonagebusiness.com")
        }
    }

    @Test func refusesOtherSchemesAndNonURLs() {
        #expect(throws: ServerAddress.Problem.self) { try ServerAddress("ftp://example.com") }
        #expect(throws: ServerAddress.Problem.self) { try ServerAddress("my.vonagebusiness.com") }
    }

    @Test func buildsEncodedURLs() throws {
        let address = try ServerAddress("https://my.vonagebusiness.com")
        #expect(address.url(path: "/presence/dashui", query: [("filterExtension", "301,302"), ("firstRequest", "true")])
            == "https://my.vonagebusiness.com/presence/dashui?filterExtension=301,302&firstRequest=true")
    }

    @Test func secretsNeverPrint() {
        let secret = Secret("hunter2")
        #expect("\(secret)" == "<redacted>")
        #expect(String(describing: Credentials(user: "a", password: secret)).contains("hunter2") == false)
        #expect(secret.reveal() == "hunter2")
    }
}
