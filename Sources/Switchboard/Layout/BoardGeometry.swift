/// Every pane's rectangle for one screen: made when the size, the side
/// column's wanted width or the number of queues changes, and stored by
/// `App`. The reducer and the panes read it; none of them measures again.
struct BoardGeometry: Equatable, Sendable {
    let layout: BoardLayout
    /// What the side column's rows want (`SideColumn`), before the screen bounds it.
    let sideWanted: Int
    /// The queues pane in the side column (nil on a narrow screen).
    let queues: Rect?
    /// The conferences pane under the queues (nil on a narrow screen), cut
    /// to what its bridges use when that leaves `sideRoom` under it.
    private(set) var conferences: Rect?
    /// The free lines at the bottom of the side column (the last calls).
    private(set) var sideRoom: Rect?
    /// The extensions pane on the board: the main area, or its top when the
    /// wall leaves enough lines free for `room` (`fitting(wallLines:)`).
    private(set) var wallPane: Rect
    /// The free lines under the extensions, for what a wall wants next
    /// (`RoomPane`); nil when there are too few.
    private(set) var room: Rect?

    /// The fewest lines worth giving the room: a frame, a title and three rows.
    static let roomMinimum = 6
    /// The wall's pane grows and shrinks in steps of this many lines, so a
    /// second call on one extension does not move the room each time.
    static let wallStep = 3

    init(width: Int, height: Int, sideWanted: Int = BoardLayout.sideMinimum, queueCount: Int = 0) {
        self.sideWanted = sideWanted
        layout = BoardLayout(width: width, height: height, sideWanted: sideWanted)
        queues = layout.queues(count: queueCount)
        conferences = queues.map(layout.conferences(below:))
        wallPane = layout.extensions
        room = nil
        sideRoom = nil
    }

    /// The same screen with the conferences pane cut to `bridgeLines` (plus
    /// a spare line) when that leaves `roomMinimum` lines for the side room.
    func fitting(bridgeLines: Int) -> BoardGeometry {
        var fitted = self
        guard let queues else { return fitted }
        (fitted.conferences, fitted.sideRoom) = Self.cut(layout.conferences(below: queues), keeping: 2 + max(1, bridgeLines) + 1)
        return fitted
    }

    /// The same screen with the extensions pane cut to the lines the wall
    /// uses (rounded up to `wallStep`), when that leaves `roomMinimum` lines
    /// under it. The wall is laid out at the full height first, so cutting
    /// never hides an extension.
    func fitting(wallLines: Int) -> BoardGeometry {
        var fitted = self
        let step = BoardGeometry.wallStep
        (fitted.wallPane, fitted.room) = Self.cut(layout.extensions, keeping: 2 + (wallLines + step - 1) / step * step)
        return fitted
    }

    /// `pane`'s top `lines` and the room under them, when that room has at
    /// least `roomMinimum` lines; else the whole pane and no room.
    private static func cut(_ pane: Rect, keeping lines: Int) -> (Rect, Rect?) {
        let kept = min(pane.height, lines)
        guard pane.height - kept >= roomMinimum else { return (pane, nil) }
        return (Rect(x: pane.x, y: pane.y, width: pane.width, height: kept),
                Rect(x: pane.x, y: pane.y + kept, width: pane.width, height: pane.height - kept))
    }

    var width: Int { layout.width }
    var height: Int { layout.height }
    var fits: Bool { layout.fits }
    var hasSideColumn: Bool { layout.hasSideColumn }
    var header: Rect { layout.header }
    var footer: Rect { layout.footer }
    /// The main area: the extensions, or what takes their place.
    var extensions: Rect { layout.extensions }
    /// Between the header and the footer: the wallboard and the overlays.
    var body: Rect { Rect(x: 0, y: 1, width: width, height: max(0, height - 2)) }
    /// Lines inside the main area's border.
    var extensionRows: Int { layout.extensionRows }
}
