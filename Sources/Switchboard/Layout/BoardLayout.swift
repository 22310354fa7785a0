/// Where each part of the board goes at a given terminal size.
struct BoardLayout: Equatable {
    static let minimumWidth = 80
    static let minimumHeight = 24

    let width: Int
    let height: Int
    /// The queues and conferences column's width, solved from what it shows
    /// (`SideColumn.wantedWidth`) within its bounds for this screen.
    let sideWidth: Int

    init(width: Int, height: Int, sideWanted: Int = BoardLayout.sideMinimum) {
        self.width = width
        self.height = height
        sideWidth = min(max(sideWanted, BoardLayout.sideMinimum), max(BoardLayout.sideMinimum, width * 3 / 10))
    }

    /// Narrow enough that at 120 columns a 20-character name, a whole
    /// international number and `REC` fit beside it.
    static let sideMinimum = 40

    var fits: Bool { width >= BoardLayout.minimumWidth && height >= BoardLayout.minimumHeight }
    var header: Rect { Rect(x: 0, y: 0, width: width, height: 1) }
    var footer: Rect { Rect(x: 0, y: height - 1, width: width, height: 1) }
    var hasSideColumn: Bool { width >= 110 }
    var extensions: Rect {
        Rect(x: 0, y: 1, width: hasSideColumn ? width - sideWidth : width, height: max(0, height - 2))
    }
    /// The queues pane takes up to half the column; the conferences the rest.
    func queues(count: Int) -> Rect? {
        guard hasSideColumn else { return nil }
        let wanted = 2 + max(1, count) * 2
        let half = max(4, (height - 2) / 2)
        return Rect(x: width - sideWidth, y: 1, width: sideWidth, height: min(wanted, half))
    }
    func conferences(below queues: Rect) -> Rect {
        Rect(x: queues.x, y: queues.maxY, width: queues.width, height: max(0, height - 1 - queues.maxY))
    }
    /// Extension lines inside the pane's border.
    var extensionRows: Int { extensions.inset.height }
}
