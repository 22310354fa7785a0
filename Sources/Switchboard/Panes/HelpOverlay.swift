/// The `?` overlay: every board key and what it does, from the keymap.
enum HelpOverlay {
    static func render(kiosk: Bool, area: Rect, into buffer: inout Buffer) {
        let lines = Keymap.helpLines(kiosk: kiosk)
        let keysWidth = min(24, lines.map { TextWidth.width(of: $0.keys) }.max() ?? 0)
        let width = min(area.width - 4, 78)
        let height = min(area.height - 2, lines.count + 4)
        let box = Rect(x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width: width, height: height)
        buffer.fill(box, role: .text)
        PaneFrame.render(title: "Keys" + (kiosk ? " (kiosk: calling and dialling are off)" : ""), rect: box, into: &buffer)
        let inner = box.inset
        for (index, line) in lines.enumerated() where index + 1 < inner.height {
            let y = inner.y + 1 + index
            buffer.write(line.keys, x: inner.x + 1, y: y, maxWidth: keysWidth, role: .footerKey)
            buffer.write(line.help, x: inner.x + 3 + keysWidth, y: y, maxWidth: max(0, inner.width - keysWidth - 4), role: .text)
        }
    }
}
