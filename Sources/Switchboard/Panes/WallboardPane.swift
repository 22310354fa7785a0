import Foundation
import Journal
import PresenceEngine

/// The queue wallboard (`w`): a strip of the board's totals, one card per
/// queue with callers waiting and the longest wait in big digits, agents
/// and average wait below, the card coloured by its alert level; the
/// conferences under the cards when there is room. Cards share the screen
/// out so one queue gets one huge card and thirty get a grid.
enum WallboardPane {
    static func render(model: BoardModel, alerts: QueueAlerts, glyphs: Glyphs, staleMark: String?, rect: Rect,
                       wallClock: Date, timeZone: TimeZone, into buffer: inout Buffer) {
        guard rect.height > 2 else { return }
        let snapshot = model.snapshot
        strip(model, rect: Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), into: &buffer)
        var area = Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: rect.height - 1)
        // The missed calls to call back, on the last line, when there are any.
        if !model.journal.missed.isEmpty, area.height > 6 {
            missedStrip(model, wallClock: wallClock, timeZone: timeZone, rect: Rect(x: area.x, y: area.maxY - 1, width: area.width, height: 1), into: &buffer)
            area.height -= 1
        }
        let queues = model.queueRows
        // Conferences when there is room: the cards keep at least 12 rows each.
        let bridges = snapshot.bridges.count
        let conferences = min(bridges + 2, area.height / 4)
        if bridges > 0, conferences >= 3 {
            let rest = Rect(x: area.x, y: area.y, width: area.width, height: area.height - conferences)
            let cardRows = Set(cards(count: max(1, queues.count), in: rest).map(\.y)).count
            if rest.height / max(1, cardRows) >= 12 {
                ConferencesPane.render(rows: model.bridgeRows, loaded: snapshot.directory != nil, staleMark: staleMark, timeZone: timeZone, numbers: model.numbers,
                                       rect: Rect(x: area.x, y: rest.maxY, width: area.width, height: conferences), into: &buffer)
                area = rest
            }
        }
        guard !queues.isEmpty else {
            PaneFrame.render(title: "Queues", mark: staleMark, rect: area, into: &buffer)
            buffer.write(snapshot.directory == nil ? "loading…" : "no queues", x: area.x + 2, y: area.y + 1, maxWidth: area.width - 3, role: .dim)
            return
        }
        let today = Dictionary(model.journal.today.queues.map { ($0.queue, $0) }, uniquingKeysWith: { first, _ in first })
        for (row, card) in zip(queues, cards(count: queues.count, in: area)) {
            // The pane's mark, else this queue's own when its figures are old.
            let mark = staleMark ?? StaleMark.item(since: row.queue.staleSince, paneMark: staleMark, timeZone: timeZone)
            render(row, today: today[row.number], alerts: alerts, ascii: glyphs.isASCII, staleMark: mark, rect: card, into: &buffer)
        }
    }

    /// `Missed 3 to call back: 14:02 +1 555 785 2675 Jane Doe (2) · 13:40 …`
    static func missedStrip(_ model: BoardModel, wallClock: Date, timeZone: TimeZone, rect: Rect, into buffer: inout Buffer) {
        let missed = model.journal.missed
        var x = rect.x + 1
        x += buffer.write("Missed \(missed.count) to call back (m): ", x: x, y: rect.y, maxWidth: max(0, rect.maxX - x), role: .ringing)
        for caller in missed {
            let known = model.phonebook.name(caller.name, for: caller.number)
            let name = known.isEmpty ? "" : " \(TextWidth.sanitized(known))"
            let text = "\(MissedPane.when(caller.last, now: wallClock, timeZone: timeZone)) \(model.numbers.shown(caller.number))\(name)"
                + (caller.count > 1 ? " (\(caller.count))" : "") + "   "
            guard x + TextWidth.width(of: text) <= rect.maxX else { break }
            x += buffer.write(text, x: x, y: rect.y, maxWidth: max(0, rect.maxX - x), role: .text)
        }
    }

    /// The totals across the top: on calls, ringing, waiting, agents.
    static func strip(_ model: BoardModel, rect: Rect, into buffer: inout Buffer) {
        let (onCalls, ringing) = model.totals
        let queues = model.queueRows.map(\.queue)
        let waiting = queues.reduce(0) { $0 + $1.callersWaiting }
        let available = queues.reduce(0) { $0 + $1.agentsAvailable }, loggedIn = queues.reduce(0) { $0 + $1.agentsLoggedIn }
        var x = rect.x + 1
        for (label, value, role) in [("on calls", onCalls, Role.onCall), ("ringing", ringing, ringing > 0 ? .ringing : .text),
                                     ("waiting", waiting, waiting > 0 ? .ringing : .text)] {
            x += buffer.write("\(value)", x: x, y: rect.y, maxWidth: max(0, rect.maxX - x), role: role)
            x += buffer.write(" \(label)   ", x: x, y: rect.y, maxWidth: max(0, rect.maxX - x), role: .dim)
        }
        buffer.write("queues \(queues.count) · agents \(available)/\(loggedIn) available", x: x, y: rect.y, maxWidth: max(0, rect.maxX - x), role: .dim)
    }

    /// Cards for `count` queues filling `area`: the grid whose cards hold
    /// the biggest digits (two-digit waiting, a wait in minutes), then the
    /// one whose cards come closest to three cells wide for each row high.
    static func cards(count: Int, in area: Rect) -> [Rect] {
        var best = (columns: 1, scale: -1, score: -1.0)
        for columns in 1...max(1, count) {
            let rows = (count + columns - 1) / columns
            let width = area.width / columns, height = area.height / rows
            guard width >= 24 || columns == 1, height >= 4 || rows == 1 else { continue }
            let scale = digitScale(cardWidth: width, cardHeight: height)
            let score = min(Double(width), Double(height) * 3)
            if scale > best.scale || (scale == best.scale && score > best.score) { best = (columns, scale, score) }
        }
        let columns = best.columns, rows = (count + columns - 1) / columns
        return (0..<count).map { index in
            let column = index % columns, row = index / columns
            let x0 = area.x + area.width * column / columns, x1 = area.x + area.width * (column + 1) / columns
            let y0 = area.y + area.height * row / rows, y1 = area.y + area.height * (row + 1) / rows
            return Rect(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
        }
    }

    /// The digit scale a card of this size gives "88" and "8:88" (0: plain text).
    static func digitScale(cardWidth: Int, cardHeight: Int) -> Int {
        let pixels = BigDigits.size("88", scale: 1).width + BigDigits.size("8:88", scale: 1).width
        let innerWidth = cardWidth - 2, figureHeight = cardHeight - 2 - 2
        return (1...12).reversed().first { scale in
            pixels * scale + figureGap <= innerWidth - 2 && BigDigits.size("0", scale: scale).height + 1 <= figureHeight
        } ?? 0
    }

    /// Cells between the two figures of a card.
    static let figureGap = 6

    static func render(_ row: QueueRow, today: DayFigures.Queue? = nil, alerts: QueueAlerts, ascii: Bool, staleMark: String?, rect: Rect,
                       into buffer: inout Buffer) {
        let queue = row.queue
        let level = alerts.level(queue)
        let role = level.role ?? .paneBorder
        let word = level == .critical ? " · CRITICAL" : level == .warning ? " · warning" : ""
        PaneFrame.render(title: "\(row.title)\(word)", mark: staleMark,
                         rect: rect, border: role, titleRole: level.role ?? .paneTitle, into: &buffer)
        let inner = rect.inset
        guard inner.height > 0, inner.width > 2 else { return }
        // The longest wording of the agents that fits the card.
        let agents = TextWidth.firstFitting([
            "agents \(queue.text(.agentsAvailable))/\(queue.text(.agentsLoggedIn)) available · \(queue.text(.agentsBusy)) busy · \(queue.text(.callersOnHold)) on hold",
            "agents \(queue.text(.agentsAvailable))/\(queue.text(.agentsLoggedIn)) free · \(queue.text(.agentsBusy)) busy · \(queue.text(.callersOnHold)) hold",
            "\(queue.text(.agentsAvailable))/\(queue.text(.agentsLoggedIn)) free · \(queue.text(.agentsBusy)) busy",
            "\(queue.text(.agentsAvailable))/\(queue.text(.agentsLoggedIn)) free",
        ], width: inner.width - 1)
        let average = "average wait \(ExtensionRow.clock(Int64(queue.averageWaitSeconds)))"
        let day = today.map { today in
            TextWidth.firstFitting([
                "today \(calls(today.offered)) · \(today.answered) answered · \(today.missed) missed · longest \(waitText(today.longestWaitSeconds))",
                "today \(calls(today.offered)) · \(today.answered) answered · \(today.missed) missed",
                "today \(today.offered) · \(today.answered) ans · \(today.missed) missed",
            ], width: inner.width - 1)
        }
        let infoLines = inner.height >= 4 ? (day != nil && inner.height >= 7 ? 3 : 2) : inner.height >= 2 ? 1 : 0
        let figures = Rect(x: inner.x, y: inner.y, width: inner.width, height: inner.height - infoLines)
        let waiting = "\(queue.text(.callersWaiting))", longest = waitText(queue.longestWaitSeconds ?? 0)
        drawFigures([("waiting", waiting, alerts.waitingLevel(queue)), ("longest wait", longest, alerts.longestWaitLevel(queue))],
                    ascii: ascii, rect: figures, into: &buffer)
        if infoLines >= 1 {
            buffer.write(agents, x: inner.x + 1, y: inner.maxY - infoLines, maxWidth: inner.width - 1, role: .text)
        }
        if infoLines >= 2 { buffer.write(average, x: inner.x + 1, y: inner.maxY - infoLines + 1, maxWidth: inner.width - 1, role: .dim) }
        if infoLines == 3, let day { buffer.write(day, x: inner.x + 1, y: inner.maxY - 1, maxWidth: inner.width - 1, role: .text) }
    }

    /// The figures side by side, each under its label, at the largest
    /// scale at which all fit (each as wide as its digits need), centred;
    /// plain text when no big size fits.
    private static func drawFigures(_ figures: [(label: String, text: String, level: AlarmLevel)], ascii: Bool, rect: Rect,
                                    into buffer: inout Buffer) {
        guard rect.height > 0, !figures.isEmpty else { return }
        let pixels = figures.map { BigDigits.size($0.text, scale: 1).width }
        let gap = figureGap
        let fits = { (scale: Int) -> Bool in
            let width = pixels.reduce(0, +) * scale + gap * (figures.count - 1)
            let labels = zip(figures, pixels).allSatisfy { TextWidth.width(of: $0.0.label) <= max($0.1 * scale, 1) + gap }
            return width <= rect.width - 2 && BigDigits.size("0", scale: scale).height + 1 <= rect.height && labels
        }
        guard let scale = (1...12).reversed().first(where: fits) else {
            var x = rect.x + 1
            for figure in figures {
                x += buffer.write(figure.label + " ", x: x, y: rect.y, maxWidth: max(0, rect.maxX - x), role: .dim)
                x += buffer.write(figure.text + "   ", x: x, y: rect.y, maxWidth: max(0, rect.maxX - x), role: figure.level.figureRole)
            }
            return
        }
        let width = pixels.reduce(0, +) * scale + gap * (figures.count - 1)
        let height = BigDigits.size("0", scale: scale).height + 1
        var x = rect.x + (rect.width - width) / 2
        let top = rect.y + (rect.height - height) / 2
        for (figure, figureWidth) in zip(figures, pixels) {
            buffer.write(figure.label, x: x, y: top, maxWidth: max(0, rect.maxX - x), role: .dim)
            for (offset, line) in BigDigits.lines(figure.text, scale: scale, ascii: ascii).enumerated() {
                // Lit cells only: the holes keep the card's own look.
                for (column, character) in line.enumerated() where character != " " {
                    buffer.put(character, x: x + column, y: top + 1 + offset, role: figure.level.figureRole)
                }
            }
            x += figureWidth * scale + gap
        }
    }

    static func calls(_ count: Int) -> String { count == 1 ? "1 call" : "\(count) calls" }

    /// `2:41`, `12:05`, `1:02:03`: no leading zero, so the digits can be bigger.
    static func waitText(_ seconds: Int) -> String {
        let text = ExtensionRow.clock(Int64(seconds))
        return text.hasPrefix("0") && text.count == 5 ? String(text.dropFirst()) : text
    }
}
