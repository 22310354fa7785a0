import PresenceEngine

/// The queues and conferences column: how wide its content wants it.
/// `BoardLayout` bounds this by the screen (at least 44 cells, at most
/// three tenths of the width), so a wide wall gives conference
/// participants the room they need and a 120-column screen keeps most of
/// its width for the extensions.
enum SideColumn {
    static func wantedWidth(_ snapshot: PresenceSnapshot) -> Int {
        var widest = 0
        for queue in snapshot.queues.values {
            widest = max(widest, TextWidth.width(of: QueuesPane.firstLine(queue, snapshot: snapshot)))
        }
        for bridge in snapshot.bridges.values {
            widest = max(widest, TextWidth.width(of: ConferencesPane.line(bridge, snapshot: snapshot)))
        }
        // Borders and the lead space.
        return widest + 3
    }
}
