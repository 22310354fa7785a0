import Foundation
import PresenceEngine
import Testing
@testable import Switchboard

/// Issue 25: which queues and bridges, named how, and a wall per team.
@Suite struct QueuePlanTests {
    static let config = """
        only_listed_queues = false
        show_ungrouped = false

        [groups]
        Front = ["204-215"]

        [queues]
        "9200" = { name = "Help desk" }
        "9100" = { hidden = true }
        "8801" = "Huddle room"
        """

    @Test func theConfigIsRead() throws {
        let settings = try ConfigFile.parse(Self.config, file: "c.toml")
        #expect(settings.queuePlan.entries == [QueuePlan.Entry(number: "9200", name: "Help desk"), QueuePlan.Entry(number: "9100", hidden: true),
                                               QueuePlan.Entry(number: "8801", name: "Huddle room")])
        #expect(settings.boardGroups.othersShown == false)
    }

    @Test(arguments: [
        ("[queues]\n\"9100\" = 3", 2, "queues.9100", "expected a name or"),
        ("[queues]\n\"9100\" = { colour = \"red\" }", 2, "queues.9100", "unknown key 'colour'"),
        ("[queues]\nSales = \"x\"", 2, "queues.Sales", "2 to 8 digits"),
        ("[queues]\n\"9100\" = { hidden = \"yes\" }", 2, "queues.9100", "expected true or false"),
    ] as [(String, Int, String, String)])
    func badEntriesAreRefusedWithTheirLineAndKey(text: String, line: Int, key: String, reason: String) {
        #expect {
            _ = try ConfigFile.parse(text, file: "c.toml")
        } throws: { error in
            guard let error = error as? ConfigError else { return false }
            return error.line == line && error.key == key && error.reason.contains(reason)
        }
    }

    @Test func listedFirstInTheFilesOrderHiddenLeftOffOthersAfter() {
        let rows = QueueRow.rows(BoardFixture.snapshot)
        var plan = QueuePlan(entries: [QueuePlan.Entry(number: "9200", name: "Help desk"), QueuePlan.Entry(number: "9100", hidden: true)])
        #expect(plan.queues(rows).map(\.title) == ["9200 Help desk"])
        plan.entries = [QueuePlan.Entry(number: "9200")]
        #expect(plan.queues(rows).map(\.number) == ["9200", "9100"])
        plan.onlyListed = true
        #expect(plan.queues(rows).map(\.number) == ["9200"])
        #expect(QueuePlan().queues(rows).map(\.number) == ["9100", "9200"])
    }

    /// A wall for the front desk: its group only, one queue renamed, one hidden, a bridge renamed.
    @Test(arguments: [(80, 24), (120, 40), (240, 67)])
    func aWallPerTeam(width: Int, height: Int) throws {
        let settings = try ConfigFile.parse(Self.config, file: "c.toml")
        var app = App()
        app.groups = settings.boardGroups
        app.queuePlan = settings.queuePlan
        _ = app.reduce(.resized(width: width, height: height))
        _ = app.reduce(.snapshot(BoardFixture.snapshot))
        let text = BoardFixture.render(app, width: width, height: height).text
        try SnapshotFile.assertMatches(text, named: "team-\(width)x\(height).txt")
        #expect(app.rows.map(\.number) == ["204", "208", "212", "215"])
        #expect(!text.contains("233 Joanna") && !text.contains("Others"))
        if width >= 110 {
            #expect(text.contains("9200 Help desk") && !text.contains("9100 Front Desk") && text.contains("8801 Huddle room"))
            #expect(text.contains("waiting 0"))
        }
    }
}
