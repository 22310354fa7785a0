/// Where each part of the board goes at a given terminal size.
struct BoardLayout: Equatable {
    static let minimumWidth = 80
    static let minimumHeight = 24

    let width: Int
    let height: Int

    var fits: Bool { width >= BoardLayout.minimumWidth && height >= BoardLayout.minimumHeight }
    var header: Rect { Rect(x: 0, y: 0, width: width, height: 1) }
    var footer: Rect { Rect(x: 0, y: height - 1, width: width, height: 1) }
    var extensions: Rect { Rect(x: 0, y: 1, width: width, height: max(0, height - 2)) }
    /// Extension rows inside the pane's border.
    var extensionRows: Int { extensions.inset.height }
}
