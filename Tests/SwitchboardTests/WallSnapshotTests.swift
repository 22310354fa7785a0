import Foundation
import PresenceEngine
import Testing
@testable import Switchboard

/// The board at the sizes a wall really has, with small and large accounts.
@Suite struct WallSnapshotTests {
    static let sizes = [(80, 24), (120, 40), (200, 60), (240, 67), (320, 90)]

    @Test(arguments: [20, 300, 1000])
    func theBoardAtEveryWallSize(extensions: Int) throws {
        let snapshot = WallFixture.snapshot(extensions)
        for (width, height) in Self.sizes {
            let buffer = BoardFixture.render(BoardFixture.app(width: width, height: height, snapshot: snapshot), width: width, height: height)
            try SnapshotFile.assertMatches(buffer.text, named: "wall-\(extensions)-\(width)x\(height).txt")
            try SnapshotFile.assertMatches(buffer.roleLegend, named: "wall-\(extensions)-\(width)x\(height).roles.txt")
        }
    }
}
