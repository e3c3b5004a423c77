import Foundation

/// A tiny terminal emulator: enough of a VT100 to turn what libedit and `kpi` write into the
/// text a user would see, so tests can ask "what is on the line the cursor is on".
///
/// Plain stripping of escape codes is not enough for line editing: after a Tab libedit moves the
/// cursor (`CR`, `ESC [ 12 G`) and writes only the new characters; after Up it redraws over the
/// old line. The screen here is unbounded (no scrolling, no wrapping — nothing the tests type
/// is wider than a terminal) and one character is one column, which holds for the text typed.
struct PTYTerminalScreen {
    /// The rows, top to bottom.
    private(set) var rows: [[Character]] = [[]]
    /// The cursor row (an index into ``rows``).
    private(set) var row = 0
    /// The cursor column.
    private(set) var column = 0

    /// Builds the screen for everything a program wrote.
    init(rendering text: String) {
        var scalars = text.unicodeScalars[...]
        while let scalar = scalars.popFirst() {
            if scalar == "\u{1B}" {
                handleEscape(&scalars)
            } else {
                handle(scalar)
            }
        }
    }

    /// The row the cursor is on, without trailing blanks.
    var cursorLine: String { Self.trimmed(rows[row]) }

    /// Every row, without trailing blanks, joined by newlines.
    var text: String { rows.map(Self.trimmed).joined(separator: "\n") }

    /// The rows strictly between `start` and `end` (exclusive both), e.g. a statement's output
    /// between the line it was typed on and the next prompt.
    func text(between start: Int, and end: Int) -> String {
        guard end > start + 1 else { return "" }
        return rows[(start + 1)..<min(end, rows.count)].map(Self.trimmed).joined(separator: "\n")
    }

    private static func trimmed(_ characters: [Character]) -> String {
        var end = characters.endIndex
        while end > characters.startIndex, characters[end - 1] == " " { end -= 1 }
        return String(characters[..<end])
    }

    // MARK: - Writing

    private mutating func handle(_ scalar: Unicode.Scalar) {
        switch scalar {
        case "\r": column = 0
        case "\n": moveToRow(row + 1)
        case "\u{8}": column = max(0, column - 1)
        case "\t": column = (column / 8 + 1) * 8
        default:
            // Other control characters (BEL, libedit's \1 prompt markers) take no room.
            guard scalar.value >= 0x20, scalar.value != 0x7F else { return }
            put(Character(scalar))
        }
    }

    private mutating func put(_ character: Character) {
        padRow(to: column)
        if column < rows[row].count {
            rows[row][column] = character
        } else {
            rows[row].append(character)
        }
        column += 1
    }

    private mutating func moveToRow(_ target: Int) {
        row = max(0, target)
        while rows.count <= row { rows.append([]) }
    }

    private mutating func padRow(to width: Int) {
        if rows[row].count < width { rows[row] += Array(repeating: " ", count: width - rows[row].count) }
    }

    // MARK: - Escape sequences

    private mutating func handleEscape(_ scalars: inout Substring.UnicodeScalarView) {
        guard let kind = scalars.popFirst() else { return }
        switch kind {
        case "[":
            var parameters = ""
            while let next = scalars.popFirst() {
                if (0x40...0x7E).contains(next.value) {
                    applyCSI(final: next, parameters: parameters)
                    return
                }
                parameters.unicodeScalars.append(next)
            }
        case "]":  // OSC (window title): up to BEL or ESC \
            while let next = scalars.popFirst() {
                if next == "\u{7}" { return }
                if next == "\u{1B}" {
                    _ = scalars.popFirst()
                    return
                }
            }
        case "(", ")", "#":  // character set designations: one more byte
            _ = scalars.popFirst()
        default:  // ESC = , ESC > , ESC 7 , ESC 8 … change nothing visible here
            return
        }
    }

    private mutating func applyCSI(final: Unicode.Scalar, parameters: String) {
        let numbers = parameters.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) }
        let first = numbers.first.flatMap { $0 }
        let count = max(1, first ?? 1)
        switch final {
        case "G": column = max(0, (first ?? 1) - 1)
        case "C": column += count
        case "D": column = max(0, column - count)
        case "A": moveToRow(row - count)
        case "B": moveToRow(row + count)
        case "K": eraseInLine(mode: first ?? 0)
        case "J":
            if (first ?? 0) == 0 {
                eraseInLine(mode: 0)
                rows.removeSubrange((row + 1)...)
            }
        case "P":  // delete characters at the cursor
            if column < rows[row].count { rows[row].removeSubrange(column..<min(rows[row].count, column + count)) }
        case "@":  // insert blanks at the cursor
            padRow(to: column)
            rows[row].insert(contentsOf: Array(repeating: " ", count: count), at: column)
        default:  // SGR colours, modes and the rest do not move text
            return
        }
    }

    private mutating func eraseInLine(mode: Int) {
        switch mode {
        case 0: if column < rows[row].count { rows[row].removeSubrange(column...) }
        case 1:
            padRow(to: column + 1)
            for index in 0...column { rows[row][index] = " " }
        default: rows[row] = []
        }
    }
}
