/// Every pane's rectangle for one screen: made when the size, the side
/// column's wanted width or the number of queues changes, and stored by
/// `App`. The reducer and the panes read it; none of them measures again.
struct BoardGeometry: Equatable, Sendable {
    let layout: BoardLayout
    /// What the side column's rows want (`SideColumn`), before the screen bounds it.
    let sideWanted: Int
    /// The queues pane in the side column (nil on a narrow screen).
    let queues: Rect?
    /// The conferences pane under the queues (nil on a narrow screen).
    let conferences: Rect?

    init(width: Int, height: Int, sideWanted: Int = BoardLayout.sideMinimum, queueCount: Int = 0) {
        self.sideWanted = sideWanted
        layout = BoardLayout(width: width, height: height, sideWanted: sideWanted)
        queues = layout.queues(count: queueCount)
        conferences = queues.map(layout.conferences(below:))
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
