import PresenceEngine

extension QueueState {
    /// A count as drawn: `?` when the service's answer carried it but it
    /// could not be read (the log says why), never a made-up 0.
    func text(_ figure: Figure) -> String {
        guard !unknownFigures.contains(figure) else { return "?" }
        switch figure {
        case .numberOfCalls: return String(numberOfCalls)
        case .callersOnHold: return String(callersOnHold)
        case .averageWaitTime: return String(averageWaitSeconds)
        case .agentsAvailable: return String(agentsAvailable)
        case .callersWaiting: return String(callersWaiting)
        case .agentsBusy: return String(agentsBusy)
        case .agentsLoggedIn: return String(agentsLoggedIn)
        case .longestWaitTime: return longestWaitSeconds.map(String.init) ?? "—"
        }
    }
}
