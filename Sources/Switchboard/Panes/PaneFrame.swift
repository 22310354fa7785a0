/// Draws a pane's border with its title in the top edge, and after it a
/// mark (in the stale role) when the pane's data may be old.
enum PaneFrame {
    static func render(title: String, mark: String? = nil, rect: Rect, border: Role = .paneBorder, titleRole: Role = .paneTitle,
                       into buffer: inout Buffer) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let right = rect.maxX - 1, bottom = rect.maxY - 1
        for x in rect.x...right {
            buffer.put("─", x: x, y: rect.y, role: border)
            buffer.put("─", x: x, y: bottom, role: border)
        }
        for y in rect.y...bottom {
            buffer.put("│", x: rect.x, y: y, role: border)
            buffer.put("│", x: right, y: y, role: border)
        }
        buffer.put("┌", x: rect.x, y: rect.y, role: border)
        buffer.put("┐", x: right, y: rect.y, role: border)
        buffer.put("└", x: rect.x, y: bottom, role: border)
        buffer.put("┘", x: right, y: bottom, role: border)
        let used = buffer.write(" \(title) ", x: rect.x + 1, y: rect.y, maxWidth: rect.width - 2, role: titleRole)
        if let mark {
            buffer.write(" \(mark) ", x: rect.x + 1 + used, y: rect.y, maxWidth: max(0, rect.width - 2 - used), role: .stale)
        }
    }
}
