import Foundation
import Testing
@testable import Journal

/// Issue 25: the abandon rate and the service level's floor, from samples.
@Suite struct ServiceLevelTests {
    static func sample(_ seconds: Double, waiting: Int, calls: Int, longest: Int) -> QueueSample {
        QueueSample(queue: "9100", name: "Front", at: Date(timeIntervalSince1970: 1_000_000 + seconds), waiting: waiting, calls: calls,
                    longestWaitSeconds: longest, averageWaitSeconds: 0, agentsAvailable: 1, agentsBusy: 0, agentsLoggedIn: 1)
    }

    @Test func answersWhoseWaitIsSurelyWithinTheTargetCount() {
        let samples = [
            Self.sample(0, waiting: 0, calls: 0, longest: 0),
            Self.sample(5, waiting: 2, calls: 2, longest: 4),   // two arrive
            Self.sample(10, waiting: 1, calls: 2, longest: 9),  // one answered: waited at most 4 + 5 = 9 s: within 20
            Self.sample(40, waiting: 0, calls: 2, longest: 0),  // one answered: at most 9 + 30 = 39 s: not surely within
            Self.sample(45, waiting: 1, calls: 3, longest: 3),  // one arrives
            Self.sample(50, waiting: 0, calls: 2, longest: 0),  // gave up: waiting and calls both fall
        ]
        let queue = DayFigures.make(day: "1970-01-12", calls: [], samples: samples, serviceLevelSeconds: 20).queues[0]
        #expect(queue.offered == 3 && queue.answered == 2 && queue.missed == 1)
        #expect(queue.answeredWithinTarget == 1)
        #expect(queue.serviceLevel == 1.0 / 3.0)
        #expect(queue.abandonRate == 1.0 / 3.0)
        // A longer target takes the second answer in too.
        #expect(DayFigures.make(day: "1970-01-12", calls: [], samples: samples, serviceLevelSeconds: 40).queues[0].answeredWithinTarget == 2)
    }

    @Test func whereTheSamplesCannotTellThereIsNoFigure() {
        var queue = DayFigures.Queue(queue: "9100", name: "Front")
        #expect(queue.serviceLevel == nil && queue.abandonRate == nil)
        (queue.offered, queue.answered) = (5, 5)
        #expect(queue.serviceLevel == nil, "no answer surely within the target")
        #expect(queue.abandonRate == 0)
    }
}
