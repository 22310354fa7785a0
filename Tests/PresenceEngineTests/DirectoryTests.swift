import PresenceEngine
import Testing

@Suite struct DirectoryTests {
    /// API.md's example: the queues' and bridges' `calls` are kept (the
    /// refresh asks sooner about what has calls).
    @Test func queueAndBridgeCallCountsAreKept() throws {
        let text = #"""
            { "conferences": { "8800": { "name": "All Hands", "calls": 2 } },
              "queues":      { "9100": { "queueId": "5120", "name": "Front Desk", "calls": "3" } },
              "extensions":  { "201": { "name": "Ana", "loginName": "ana", "status": "available" } } }
            """#
        let directory = try Directory.decode(Array(text.utf8))
        #expect(directory.queueCalls == ["9100": 3])
        #expect(directory.conferenceCalls == ["8800": 2])
        #expect(directory.queues["9100"]?.name == "Front Desk")
        #expect(directory.conferences["8800"] == "All Hands")
    }
}
