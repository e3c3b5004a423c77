#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads lines from a file descriptor without editing or prompts: batch mode
/// (`kpi < recipe.kpi`, `echo … | kpi`).
///
/// Accepts `\n` and `\r\n` line ends, delivers a last line that lacks its newline, drops a
/// leading UTF-8 byte-order mark, and replaces invalid UTF-8 with U+FFFD instead of failing.
/// The prompt is ignored and nothing is written. ``addToHistory(_:)`` does nothing: a script
/// replayed from a file should not flood the interactive history.
public final class PlainLineReader: LineReader {
    private let descriptor: Int32
    /// Bytes read but not yet returned start at `start`; `scanned` marks how far a newline
    /// has been searched for, so a long line is not rescanned on every read.
    private var buffer: [UInt8] = []
    private var start = 0
    private var scanned = 0
    private var reachedEnd = false
    private var isFirstLine = true

    /// Asked when a read returns early with `EINTR`: whether that was Ctrl-C (the line-editing
    /// target's `InterruptMonitor.takeInterrupt`); this target installs no signal handler.
    private let takeInterrupt: () -> Bool

    /// Creates a reader over `descriptor` (standard input by default). The descriptor is not
    /// closed by the reader.
    public init(descriptor: Int32 = 0, takeInterrupt: @escaping () -> Bool = { false }) {
        self.descriptor = descriptor
        self.takeInterrupt = takeInterrupt
    }

    /// Reads the next line; `prompt` is ignored.
    ///
    /// Returns ``LineInput/interrupted`` only if a read was interrupted and `takeInterrupt`
    /// says it was Ctrl-C; other read errors end the input.
    public func readLine(prompt: String) -> LineInput {
        while true {
            if let newline = buffer[scanned...].firstIndex(of: UInt8(ascii: "\n")) {
                let line = takeLine(through: newline)
                return .line(line)
            }
            scanned = buffer.count
            if reachedEnd {
                guard start < buffer.count else { return .endOfInput }
                return .line(takeLine(through: nil))
            }
            switch fill() {
            case .data: continue
            case .end: reachedEnd = true
            case .interrupted: return .interrupted
            }
        }
    }

    /// Does nothing; batch input is not recorded.
    public func addToHistory(_ statement: String) throws {}

    private enum FillResult { case data, end, interrupted }

    private func fill() -> FillResult {
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                buffer.append(contentsOf: chunk[..<count])
                return .data
            }
            if count == 0 { return .end }
            if errno == EINTR {
                if takeInterrupt() { return .interrupted }
                continue
            }
            return .end
        }
    }

    /// Removes the line ending at `newline` (or everything) from the buffer and decodes it.
    private func takeLine(through newline: Int?) -> String {
        let end = newline ?? buffer.count
        var bytes = buffer[start..<end]
        if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        if isFirstLine {
            isFirstLine = false
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        }
        let line = String(decoding: bytes, as: UTF8.self)
        start = newline.map { $0 + 1 } ?? buffer.count
        scanned = start
        if start > 64 * 1024, start * 2 > buffer.count {
            // Compact rarely, so reading many short lines stays linear.
            buffer.removeSubrange(..<start)
            scanned -= start
            start = 0
        }
        return line
    }
}
