/// What the panes draw from: the board's state for one frame, read-only.
/// Every property of `App` reads through it (`model.rows`, `model.mode`),
/// and none can be written, so a new field is declared once, in `App`.
@dynamicMemberLookup
struct BoardModel {
    private let app: App

    init(_ app: App) { self.app = app }

    subscript<Value>(dynamicMember path: KeyPath<App, Value>) -> Value { app[keyPath: path] }
}

extension App {
    var model: BoardModel { BoardModel(self) }
}
