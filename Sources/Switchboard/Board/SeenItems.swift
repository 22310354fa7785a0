import PresenceEngine

/// Which queues and bridges people can see now, for the engine's refresh
/// (issue 23: the budget goes where people look). The side column shows
/// the queues, two lines each, in number order until it is full, then the
/// bridges a line each at least; on a narrow screen the focused pane holds
/// them; the wallboard shows every queue.
extension App {
    var seenItems: Set<RefreshScheduler.Item>? {
        if view == .wallboard { return nil }
        let queues = queueNumbers, bridges = bridgeNumbers
        if let queuesRect = geometry.queues, let bridgesRect = geometry.conferences {
            return Set(queues.prefix(queuesRect.inset.height / 2).map(RefreshScheduler.Item.queue)
                       + bridges.prefix(bridgesRect.inset.height).map(RefreshScheduler.Item.bridge))
        }
        let room = geometry.extensions.inset.height
        switch focus {
        case .queues: return Set(queues.prefix(room / 2).map(RefreshScheduler.Item.queue))
        case .conferences: return Set(bridges.prefix(room).map(RefreshScheduler.Item.bridge))
        case .extensions, .today: return []
        }
    }
}
