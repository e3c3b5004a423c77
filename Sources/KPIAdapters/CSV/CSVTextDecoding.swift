import KPICore

/// Turns a text file's bytes into the UTF-8 with `\n` line ends that the CSV scanner reads.
///
/// UTF-8 is read as it is (a byte-order mark is skipped by the parser), so a clean file costs
/// nothing here. UTF-16 (Excel's "Unicode Text") is found by its byte-order mark, or by the
/// zero bytes of ASCII text, and transcoded; Windows-1252 and Latin-1 are transcoded when named,
/// and Windows-1252 is what the parser falls back to when the bytes turn out not to be UTF-8.
/// Files whose lines end with a lone `\r` (classic Mac OS) get `\n` instead.
enum CSVTextDecoding {
    /// The encoding the bytes announce: a UTF-16 byte-order mark, or the zero bytes UTF-16 gives
    /// ASCII text; `nil` means "read as UTF-8" (with or without its mark).
    static func announcedEncoding(_ p: UnsafePointer<UInt8>, count: Int) -> TextEncoding? {
        if count >= 2 && p[0] == 0xFF && p[1] == 0xFE { return .utf16LittleEndian }
        if count >= 2 && p[0] == 0xFE && p[1] == 0xFF { return .utf16BigEndian }
        // Without a mark: in the first 512 bytes, plenty of zeros, nearly all at odd offsets
        // (little-endian ASCII) or at even ones (big-endian). UTF-8 text holds no zeros at all.
        let n = min(count, 512) & ~1
        guard n >= 8 else { return nil }
        var evenZeros = 0
        var oddZeros = 0
        for i in 0..<n where p[i] == 0 {
            if i & 1 == 0 { evenZeros += 1 } else { oddZeros += 1 }
        }
        if oddZeros * 4 >= n && evenZeros * 10 <= oddZeros { return .utf16LittleEndian }
        if evenZeros * 4 >= n && oddZeros * 10 <= evenZeros { return .utf16BigEndian }
        return nil
    }

    /// The bytes transcoded from `encoding` to UTF-8, without any byte-order mark.
    static func transcode(_ p: UnsafePointer<UInt8>, count: Int, from encoding: TextEncoding) -> [UInt8] {
        switch encoding {
        case .utf8:
            let skip = count >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF ? 3 : 0
            return Array(UnsafeBufferPointer(start: p + skip, count: count - skip))
        case .utf16LittleEndian, .utf16BigEndian:
            return utf16(p, count: count, littleEndian: encoding == .utf16LittleEndian)
        case .windows1252, .latin1:
            return singleByte(p, count: count, windows: encoding == .windows1252)
        }
    }

    /// Windows-1252's characters at 0x80–0x9F (Latin-1 has C1 controls there). The five unused
    /// positions map to the C1 control of the same number, as Windows' own conversion does.
    private static let windows1252High: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D,
        0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
        0x0153, 0x9D, 0x017E, 0x0178,
    ]

    private static func singleByte(_ p: UnsafePointer<UInt8>, count: Int, windows: Bool) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(count + count / 8)
        for i in 0..<count {
            let b = p[i]
            if b < 0x80 {
                out.append(b)
                continue
            }
            let scalar = windows && b < 0xA0 ? windows1252High[Int(b) - 0x80] : UInt32(b)
            UTF8Writing.append(scalar, to: &out)
        }
        return out
    }

    private static func utf16(_ p: UnsafePointer<UInt8>, count: Int, littleEndian: Bool) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(count / 2 + count / 8)
        var i = 0
        @inline(__always) func unit(_ at: Int) -> UInt32 {
            littleEndian ? UInt32(p[at]) | UInt32(p[at + 1]) << 8 : UInt32(p[at]) << 8 | UInt32(p[at + 1])
        }
        if count >= 2 && unit(0) == 0xFEFF { i = 2 }
        while i + 1 < count {
            let u = unit(i)
            i += 2
            if u >= 0xD800 && u < 0xDC00, i + 1 < count {
                let low = unit(i)
                if low >= 0xDC00 && low < 0xE000 {
                    i += 2
                    UTF8Writing.append(0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00), to: &out)
                    continue
                }
            }
            // A lone surrogate is not text: U+FFFD keeps its place visible.
            UTF8Writing.append(u >= 0xD800 && u < 0xE000 ? 0xFFFD : u, to: &out)
        }
        if i < count { UTF8Writing.append(0xFFFD, to: &out) }  // an odd last byte
        return out
    }

    /// How the lines end: `\r\n` or `\n` as the first line ends, or `\r` when the file has
    /// carriage returns and no line feed at all.
    static func lineEnding(_ p: UnsafePointer<UInt8>, count: Int) -> LineEnding {
        guard let hit = memchr(p, 0x0A, count) else {
            return memchr(p, 0x0D, count) == nil ? .lf : .cr
        }
        let lf = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - p
        return lf > 0 && p[lf - 1] == 0x0D ? .crlf : .lf
    }

    /// A copy with every `\r` turned into `\n`, for a file whose lines end with `\r` alone.
    static func carriageReturnsToLineFeeds(_ p: UnsafePointer<UInt8>, count: Int) -> [UInt8] {
        var out = Array(UnsafeBufferPointer(start: p, count: count))
        for i in out.indices where out[i] == 0x0D { out[i] = 0x0A }
        return out
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
