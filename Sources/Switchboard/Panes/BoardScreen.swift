import Foundation
import PresenceEngine

/// Draws the whole board for one moment into a buffer.
package struct BoardScreen {
    var identity: String
    var glyphs: Glyphs = .unicode
    var timeZone: TimeZone = .current
    var alerts = QueueAlerts()
    var alarms = CallAlarms()

    func extensionsStyle(_ model: BoardModel) -> ExtensionsPane.Style {
        ExtensionsPane.Style(glyphs: glyphs, alarms: alarms, numbers: model.numbers, phonebook: model.phonebook)
    }

    func render(_ model: BoardModel, now: MonotonicInstant, wallClock: Date, into buffer: inout Buffer) {
        let layout = geometry(model, buffer: buffer)
        buffer.fill(buffer.area, role: .text)
        if model.showsNight, layout.fits {
            NightPane.render(model: model, wallClock: wallClock, timeZone: timeZone, glyphs: glyphs, rect: buffer.area,
                             into: &buffer)
            return
        }
        guard layout.fits else {
            let notice = "Terminal too small: need \(BoardLayout.minimumWidth)x\(BoardLayout.minimumHeight), have \(buffer.width)x\(buffer.height)"
            buffer.write(notice, x: 0, y: buffer.height / 2, role: .stale)
            return
        }
        HeaderBar.render(model: model, identity: identity, wallClock: wallClock, timeZone: timeZone, glyphs: glyphs,
                         rect: layout.header, into: &buffer)
        let servicesMark = StaleMark.services(model.snapshot, timeZone: timeZone)
        let loaded = model.snapshot.directory != nil
        let queueSelection = model.focus == .queues ? model.selectedQueue : nil
        let bridgeSelection = model.focus == .conferences ? model.selectedBridge : nil
        switch model.mode {
        case .history(let screen), .historyFilter(let screen, _):
            HistoryPane.render(screen, timeZone: timeZone, numbers: model.numbers, phonebook: model.phonebook, rect: layout.extensions, into: &buffer)
        case .missed(let screen):
            MissedPane.render(screen, model: model, timeZone: timeZone, wallClock: wallClock,
                              rect: showsMissedFullWidth(model) ? layout.body : layout.extensions, into: &buffer)
        default:
            if model.view == .wallboard {
                WallboardPane.render(model: model, alerts: alerts, glyphs: glyphs,
                                     staleMark: servicesMark, rect: layout.body,
                                     wallClock: wallClock, timeZone: timeZone, into: &buffer)
                break
            }
            renderMainArea(model, layout: layout, now: now, wallClock: wallClock, into: &buffer)
        }
        if let queues = layout.queues, let conferences = layout.conferences, !showsWallboard(model), !showsMissedFullWidth(model) {
            QueuesPane.render(rows: model.queueRows, loaded: loaded, alerts: alerts, selected: queueSelection, staleMark: servicesMark,
                              timeZone: timeZone, rect: queues, into: &buffer)
            ConferencesPane.render(rows: model.bridgeRows, loaded: loaded, selected: bridgeSelection, staleMark: servicesMark,
                                   timeZone: timeZone, numbers: model.numbers, rect: conferences, into: &buffer)
            if let sideRoom = layout.sideRoom {
                LastCallsPane.render(model: model, timeZone: timeZone, wallClock: wallClock, rect: sideRoom, into: &buffer)
            }
        }
        FooterBar.render(model: model, now: now, rect: layout.footer, into: &buffer)
        if model.mode == .digest, let digest = model.journal.digest {
            DigestOverlay.render(digest, timeZone: timeZone, wallClock: wallClock, numbers: model.numbers, phonebook: model.phonebook, area: layout.body, into: &buffer)
        }
        if model.mode == .help {
            HelpOverlay.render(kiosk: model.kiosk, area: layout.body, into: &buffer)
        }
    }

    /// The board's main area: the extensions (with the room under them), or
    /// today's figures, or on a narrow screen the focused side pane.
    private func renderMainArea(_ model: BoardModel, layout: BoardGeometry, now: MonotonicInstant, wallClock: Date, into buffer: inout Buffer) {
        let servicesMark = StaleMark.services(model.snapshot, timeZone: timeZone)
        let loaded = model.snapshot.directory != nil
        if model.focus == .today {
            TodayPane.render(model: model, rect: layout.extensions, into: &buffer)
        } else if !layout.hasSideColumn && model.focus == .queues {
            QueuesPane.render(rows: model.queueRows, loaded: loaded, alerts: alerts, selected: model.selectedQueue, staleMark: servicesMark,
                              timeZone: timeZone, rect: layout.extensions, into: &buffer)
        } else if !layout.hasSideColumn && model.focus == .conferences {
            ConferencesPane.render(rows: model.bridgeRows, loaded: loaded, selected: model.selectedBridge, staleMark: servicesMark,
                                   timeZone: timeZone, numbers: model.numbers, rect: layout.extensions, into: &buffer)
        } else {
            let extensionsMark = StaleMark.extensions(model.snapshot, timeZone: timeZone)
            ExtensionsPane.render(model: model, now: now, style: extensionsStyle(model), staleMark: extensionsMark, rect: layout.wallPane, into: &buffer)
            if let room = layout.room {
                RoomPane.render(model: model, timeZone: timeZone, wallClock: wallClock, rect: room, into: &buffer)
            }
        }
    }

    /// Redraws only what time changes (durations, the clock, a fading
    /// notice) in `buffer`, the last frame drawn for this same app state at
    /// `previous`. Returns the rows it wrote, or nil after falling back to a
    /// full render (anything but the plain board on screen).
    @discardableResult
    func renderTick(_ model: BoardModel, now: MonotonicInstant, wallClock: Date, previous: (now: MonotonicInstant, wallClock: Date),
                    into buffer: inout Buffer) -> [Int]? {
        let layout = geometry(model, buffer: buffer)
        guard layout.fits, !model.showsNight, model.mode == .board, model.focus != .today, layout.hasSideColumn || model.focus == .extensions else {
            buffer = Buffer(width: buffer.width, height: buffer.height)
            render(model, now: now, wallClock: wallClock, into: &buffer)
            return nil
        }
        var rows = showsWallboard(model) ? [] : ExtensionsPane.renderDurations(model: model, now: now, style: extensionsStyle(model), rect: layout.wallPane, into: &buffer)
        // Every zone's offset is whole minutes: the local minute turns with
        // the universal one (and asking the zone, through ICU, twice a second
        // was a tenth of an idle board's time).
        func minute(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 / 60).rounded(.down)) }
        if minute(wallClock) != minute(previous.wallClock) {
            HeaderBar.render(model: model, identity: identity, wallClock: wallClock, timeZone: timeZone, glyphs: glyphs,
                             rect: layout.header, into: &buffer)
            rows.append(layout.header.y)
        }
        if let notice = model.notice, previous.now.seconds(since: notice.shownAt) < Notice.seconds {
            FooterBar.render(model: model, now: now, rect: layout.footer, into: &buffer)
            rows.append(layout.footer.y)
        }
        return rows
    }

    /// Milliseconds until something on screen changes by itself: the next
    /// second while a duration ticks, else a notice fading or the clock's
    /// next minute. Nothing ticking: one wake-up a minute.
    func millisecondsToNextChange(_ model: BoardModel, now: MonotonicInstant, wallClock: Date) -> Int32 {
        let seconds = wallClock.timeIntervalSince1970
        var wait = 60 - seconds.truncatingRemainder(dividingBy: 60)
        if ticksOnScreen(model) || model.mode != .board {
            wait = 1 - seconds.truncatingRemainder(dividingBy: 1)
        }
        if let notice = model.notice {
            let left = Notice.seconds - now.seconds(since: notice.shownAt)
            if left > 0 { wait = min(wait, left) }
        }
        // Two milliseconds past the boundary: poll() may return a hair early,
        // and waking just before the second would cost a second wake-up.
        return Int32(max(1, min(60_000, (wait * 1000).rounded(.up) + 2)))
    }

    /// The app's geometry, made for the buffer's size: the runner and the
    /// tests resize the app before they draw, so this is the stored one.
    private func geometry(_ model: BoardModel, buffer: Buffer) -> BoardGeometry {
        let geometry = model.geometry
        assert(geometry.width == buffer.width && geometry.height == buffer.height, "the app was not told the screen's size")
        return geometry
    }

    /// The missed calls take the whole width over the wallboard (which has no side column).
    func showsMissedFullWidth(_ model: BoardModel) -> Bool {
        guard case .missed = model.mode else { return false }
        return model.view == .wallboard
    }


    /// The wallboard in place of the extensions (not under history or a prompt that needs the list).
    func showsWallboard(_ model: BoardModel) -> Bool {
        guard model.view == .wallboard else { return false }
        switch model.mode {
        case .history, .historyFilter, .missed: return false
        default: return true
        }
    }

    /// Whether a duration is on screen: a ticking row the wall layout shows.
    func ticksOnScreen(_ model: BoardModel) -> Bool {
        guard !showsWallboard(model), !model.showsNight, model.focus != .today else { return false }
        let height = model.geometry.extensionRows
        for column in model.wall.columns {
            for line in model.wall.shown(column, scrollOffset: model.scrollOffset, height: height) {
                if case .row(let row) = line, ExtensionRow.ticks(model.rows[row]) { return true }
            }
        }
        return false
    }

    // The same for the app itself (tests, the benchmark, the runner).
    package func render(_ app: App, now: MonotonicInstant, wallClock: Date, into buffer: inout Buffer) {
        render(app.model, now: now, wallClock: wallClock, into: &buffer)
    }

    @discardableResult
    package func renderTick(_ app: App, now: MonotonicInstant, wallClock: Date, previous: (now: MonotonicInstant, wallClock: Date),
                    into buffer: inout Buffer) -> [Int]? {
        renderTick(app.model, now: now, wallClock: wallClock, previous: previous, into: &buffer)
    }

    func millisecondsToNextChange(_ app: App, now: MonotonicInstant, wallClock: Date) -> Int32 {
        millisecondsToNextChange(app.model, now: now, wallClock: wallClock)
    }
}

extension BoardScreen {
    /// A screen with the default glyphs, alerts and alarms (the benchmark's and the fuzzer's).
    package init(identity: String, timeZone: TimeZone = .current) {
        self.init(identity: identity, glyphs: .unicode, timeZone: timeZone)
    }
}
