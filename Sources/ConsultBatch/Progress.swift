import Foundation

/// Everything the run says on stderr: warnings, bad rows and, on a terminal, a progress bar
/// (count, rate, ETA) redrawn at most ten times a second. Off a terminal there is no bar at all.
/// Thread-safe: the reader warns, the collector reports rows.
public final class Reporter: @unchecked Sendable {
    private let lock = NSLock()
    private let showBar: Bool
    private let write: @Sendable (String) -> Void
    private var barShown = false
    private var lastDraw = 0.0
    private let start = Date()
    /// Bytes of all inputs (estimated total work) and bytes read so far.
    var totalBytes = 0
    private var readBytes = 0

    public init(showBar: Bool, write: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }) {
        self.showBar = showBar
        self.write = write
    }

    /// Prints a message on its own line (clearing the bar first).
    public func say(_ message: String) {
        lock.lock()
        defer { lock.unlock() }
        if barShown { write("\r\u{1B}[K") }
        barShown = false
        write(message.hasSuffix("\n") ? message : message + "\n")
    }

    func read(bytes: Int) {
        lock.lock()
        readBytes = bytes
        lock.unlock()
    }

    /// Redraws the bar for `done` merchants (throttled).
    func progress(done: Int, force: Bool = false) {
        guard showBar else { return }
        lock.lock()
        defer { lock.unlock() }
        let elapsed = Date().timeIntervalSince(start)
        if !force && elapsed - lastDraw < 0.1 { return }
        lastDraw = elapsed
        let fraction = totalBytes > 0 ? min(1, Double(readBytes) / Double(totalBytes)) : 0
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        let width = 24
        let filled = Int(fraction * Double(width))
        var line = "\r\u{1B}[K[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "] "
        line += "\(done) merchants  \(Int(rate.rounded()))/s"
        if fraction > 0.01 && fraction < 1 {
            line += "  ETA " + Self.clock(elapsed * (1 - fraction) / fraction)
        }
        write(line)
        barShown = true
    }

    /// Removes the bar (at the end of the run).
    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if barShown { write("\r\u{1B}[K") }
        barShown = false
    }

    static func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String(format: "%d:%02d", s / 60, s % 60)
    }
}
