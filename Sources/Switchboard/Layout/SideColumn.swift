/// The queues and conferences column: how wide its rows want it.
/// `BoardLayout` bounds this by the screen (at least `sideMinimum` cells, at
/// most three tenths of the width), so a wide wall gives conference
/// participants the room they need and a 120-column screen keeps most of
/// its width for the extensions.
enum SideColumn {
    static func wantedWidth(queues: [QueueRow], bridges: [BridgeRow]) -> Int {
        var widest = 0
        for queue in queues { widest = max(widest, queue.widest) }
        for bridge in bridges { widest = max(widest, TextWidth.width(of: bridge.line)) }
        // Borders and the lead space.
        return widest + 3
    }
}
