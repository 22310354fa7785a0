/// What a piece of the screen means; themes map each role to colours and
/// attributes, so no pane ever names a colour.
package enum Role: String, CaseIterable, Sendable {
    case text
    case dim
    case header
    case footer
    case footerKey = "footer.key"
    case paneBorder = "pane.border"
    case paneTitle = "pane.title"
    case available = "extension.available"
    case ringing = "extension.ringing"
    case onCall = "extension.oncall"
    case dnd = "extension.dnd"
    case recorded
    case selection
    case live = "health.live"
    case reconnecting = "health.reconnecting"
    case stale
    case queueAlert = "queue.alert"
    /// A call ringing or connected too long, a queue past its first threshold.
    case alarmWarning = "alarm.warning"
    case alarmCritical = "alarm.critical"
    /// The wallboard's big digits: foreground colours only (a background
    /// would fill the holes of the digits).
    case figure
    case figureWarning = "figure.warning"
    case figureCritical = "figure.critical"
    /// A group's title in the extensions pane.
    case groupTitle = "group.title"
    case message
}
