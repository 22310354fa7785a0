/// The bottom line: key hints generated from the keymap.
enum FooterBar {
    static func render(kiosk: Bool, rect: Rect, into buffer: inout Buffer) {
        buffer.fill(rect, role: .footer)
        var x = rect.x + 1
        for hint in Keymap.footerHints(kiosk: kiosk) {
            guard x < rect.maxX else { break }
            x += buffer.write(hint.keys, x: x, y: rect.y, maxWidth: rect.maxX - x, role: .footerKey)
            x += buffer.write(" \(hint.label)  ", x: x, y: rect.y, maxWidth: max(0, rect.maxX - x), role: .footer)
        }
    }
}
