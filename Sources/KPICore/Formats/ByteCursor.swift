/// A read position in one value's UTF-8 bytes, shared by the format scanners.
///
/// The scanners read bytes, not `Character`s, so a column of a million distinct values is parsed
/// without an allocation per value. A cursor is a view: valid only inside ``withTrimmedBytes(_:_:)``.
struct ByteCursor {
    /// The value's bytes.
    let bytes: UnsafeBufferPointer<UInt8>
    /// The next byte to read.
    var index: Int
    /// One past the last byte to read.
    var end: Int

    init(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) {
        self.bytes = bytes
        self.index = start
        self.end = end
    }

    /// Whether every byte has been read.
    var isAtEnd: Bool { index >= end }

    /// The byte `offset` past the cursor, or 0 past the end (0 is never a byte a format accepts).
    @inline(__always) func peek(_ offset: Int = 0) -> UInt8 {
        let i = index + offset
        return i < end ? bytes[i] : 0
    }

    /// Consumes `byte` if it is next.
    @inline(__always) mutating func take(_ byte: UInt8) -> Bool {
        guard index < end, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    /// Reads 1 to `max` ASCII digits; `nil` (and no move) when the next byte is not a digit.
    @inline(__always) mutating func digits(max: Int) -> (value: Int, count: Int)? {
        var value = 0
        var count = 0
        while count < max, index < end {
            let d = bytes[index] &- 48
            guard d < 10 else { break }
            value = value * 10 + Int(d)
            count += 1
            index += 1
        }
        return count == 0 ? nil : (value, count)
    }

    /// Skips spaces (ASCII space, tab, and the Unicode spaces of ``spaceLength(at:)``); returns
    /// whether it skipped any.
    @discardableResult mutating func skipSpaces() -> Bool {
        let start = index
        while index < end {
            let n = spaceLength(at: index)
            guard n > 0 else { break }
            index += n
        }
        return index > start
    }

    /// The length of the space starting at byte `i`: 1 for space and tab, 2 for no-break space
    /// (U+00A0), 3 for narrow no-break space (U+202F), thin space (U+2009) and figure space
    /// (U+2007); 0 when no space starts there.
    @inline(__always) func spaceLength(at i: Int) -> Int {
        guard i < end else { return 0 }
        let b = bytes[i]
        if b == 0x20 || b == 0x09 { return 1 }
        if b == 0xC2, i + 1 < end, bytes[i + 1] == 0xA0 { return 2 }
        if b == 0xE2, i + 2 < end, bytes[i + 1] == 0x80 {
            let c = bytes[i + 2]
            if c == 0xAF || c == 0x89 || c == 0x87 { return 3 }
        }
        return 0
    }

    /// Reads a run of ASCII letters; returns where it starts and how long it is (0: none).
    mutating func letters() -> (start: Int, count: Int) {
        let start = index
        while index < end, ByteCursor.isLetter(bytes[index]) { index += 1 }
        return (start, index - start)
    }

    /// Whether bytes `[start, start + count)` spell `word` (lower-case ASCII), ignoring case.
    func spells(_ word: StaticString, start: Int, count: Int) -> Bool {
        guard word.utf8CodeUnitCount == count, start + count <= end else { return false }
        let w = word.utf8Start
        for k in 0..<count where bytes[start + k] | 0x20 != w[k] { return false }
        return true
    }

    /// Consumes `word` (lower-case ASCII), ignoring case, if it is next and not followed by a letter.
    mutating func take(word: StaticString) -> Bool {
        let n = word.utf8CodeUnitCount
        guard spells(word, start: index, count: n), !ByteCursor.isLetter(peek(n)) else { return false }
        index += n
        return true
    }

    /// Whether `b` is an ASCII letter.
    @inline(__always) static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) &- 97 < 26 }

    /// Whether `b` is an ASCII digit.
    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b &- 48 < 10 }
}

/// Calls `body` with a cursor over `text`'s UTF-8 bytes, trimmed of leading and trailing spaces
/// (those of ``ByteCursor/spaceLength(at:)``, and line breaks).
///
/// Native Swift strings (all a reader builds) are read in place; others are copied once.
@inline(__always)
func withTrimmedBytes<R>(_ text: String, _ body: (inout ByteCursor) -> R) -> R {
    func run(_ buffer: UnsafeBufferPointer<UInt8>) -> R {
        var cursor = ByteCursor(buffer, from: 0, to: buffer.count)
        cursor.skipSpaces()
        while cursor.index < cursor.end {
            let b = buffer[cursor.index]
            guard b == 0x0A || b == 0x0D else { break }
            cursor.index += 1
            cursor.skipSpaces()
        }
        cursor.trimEnd()
        return body(&cursor)
    }
    if let result = text.utf8.withContiguousStorageIfAvailable(run) { return result }
    var copy = text
    return copy.withUTF8(run)
}

extension ByteCursor {
    /// Moves ``end`` back over trailing spaces and line breaks.
    mutating func trimEnd() {
        while end > index {
            let b = bytes[end - 1]
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D {
                end -= 1
            } else if b == 0xA0, end - 2 >= index, bytes[end - 2] == 0xC2 {
                end -= 2
            } else if end - 3 >= index, bytes[end - 3] == 0xE2, bytes[end - 2] == 0x80,
                b == 0xAF || b == 0x89 || b == 0x87
            {
                end -= 3
            } else {
                break
            }
        }
    }

    /// Whether nothing is left but spaces.
    var isBlank: Bool { index >= end }
}
