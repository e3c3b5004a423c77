/// A read-only ZIP archive: end-of-central-directory → central directory → local headers.
///
/// Just enough for xlsx files: stored (0) and deflated (8) entries, no encryption, no ZIP64,
/// no multi-disk archives. Entries are inflated on demand and checked against their CRC-32.
struct ZipArchive {
    /// Why an archive could not be read; the adapter turns it into a `DataError`.
    enum Failure: Error {
        /// Damaged or not a ZIP file at all.
        case corrupt(String)
        /// A valid ZIP feature this reader does not implement.
        case unsupported(String)
    }

    /// One central-directory entry.
    struct Entry {
        let name: String
        let method: Int
        let flags: Int
        let crc: UInt32
        let compressedSize: Int
        let uncompressedSize: Int
        let localHeaderOffset: Int
    }

    private let bytes: [UInt8]
    /// Entries by name, as written in the central directory.
    let entries: [String: Entry]

    init(bytes: [UInt8]) throws(Failure) {
        self.bytes = bytes
        let end = try Self.endOfCentralDirectory(in: bytes)
        let entryCount = Self.u16(bytes, end + 10)
        let directorySize = Self.u32(bytes, end + 12)
        let directoryOffset = Self.u32(bytes, end + 16)
        guard entryCount != 0xFFFF, directoryOffset != 0xFFFF_FFFF, directorySize != 0xFFFF_FFFF else {
            throw .unsupported("ZIP64 archives are not supported")
        }
        guard Self.u16(bytes, end + 4) == 0, Self.u16(bytes, end + 6) == 0 else {
            throw .unsupported("multi-part (spanned) archives are not supported")
        }
        var entries: [String: Entry] = [:]
        var cursor = directoryOffset
        for _ in 0..<entryCount {
            guard cursor + 46 <= bytes.count, Self.u32(bytes, cursor) == 0x0201_4B50 else {
                throw .corrupt("central directory entry at offset \(cursor) is damaged")
            }
            let nameLength = Self.u16(bytes, cursor + 28)
            let extraLength = Self.u16(bytes, cursor + 30)
            let commentLength = Self.u16(bytes, cursor + 32)
            guard cursor + 46 + nameLength <= bytes.count else { throw .corrupt("central directory runs past the end of the file") }
            let name = String(decoding: bytes[cursor + 46..<cursor + 46 + nameLength], as: UTF8.self)
            let entry = Entry(
                name: name, method: Self.u16(bytes, cursor + 10), flags: Self.u16(bytes, cursor + 8),
                crc: UInt32(Self.u32(bytes, cursor + 16)), compressedSize: Self.u32(bytes, cursor + 20),
                uncompressedSize: Self.u32(bytes, cursor + 24), localHeaderOffset: Self.u32(bytes, cursor + 42))
            if entry.compressedSize == 0xFFFF_FFFF || entry.uncompressedSize == 0xFFFF_FFFF || entry.localHeaderOffset == 0xFFFF_FFFF {
                throw .unsupported("entry \(name) needs ZIP64, which is not supported")
            }
            entries[name] = entry
            cursor += 46 + nameLength + extraLength + commentLength
        }
        self.entries = entries
    }

    /// The uncompressed bytes of `name`, or nil when the archive has no such entry.
    func data(named name: String) throws(Failure) -> [UInt8]? {
        guard let entry = entries[name] else { return nil }
        if entry.flags & 0x1 != 0 { throw .unsupported("entry \(name) is encrypted") }
        let header = entry.localHeaderOffset
        guard header + 30 <= bytes.count, Self.u32(bytes, header) == 0x0403_4B50 else {
            throw .corrupt("local header of \(name) is damaged")
        }
        let start = header + 30 + Self.u16(bytes, header + 26) + Self.u16(bytes, header + 28)
        guard start + entry.compressedSize <= bytes.count else { throw .corrupt("entry \(name) runs past the end of the file") }
        let raw = Array(bytes[start..<start + entry.compressedSize])
        let content: [UInt8]
        switch entry.method {
        case 0:
            content = raw
        case 8:
            do {
                content = try Inflater.inflate(raw, expectedSize: entry.uncompressedSize, limit: entry.uncompressedSize)
            } catch {
                throw .corrupt("entry \(name) cannot be inflated: \(error.reason)")
            }
        default:
            throw .unsupported("entry \(name) uses compression method \(entry.method); only stored (0) and deflate (8) are supported")
        }
        guard content.count == entry.uncompressedSize else {
            throw .corrupt("entry \(name) has \(content.count) bytes, its header says \(entry.uncompressedSize)")
        }
        guard CRC32.checksum(content) == entry.crc else { throw .corrupt("entry \(name) fails its CRC-32 check") }
        return content
    }

    private static func endOfCentralDirectory(in bytes: [UInt8]) throws(Failure) -> Int {
        // The record is 22 bytes plus a comment of at most 65535 bytes, so it sits near the end.
        guard bytes.count >= 22 else { throw .corrupt("too short to be a ZIP (xlsx) file") }
        let lowest = max(0, bytes.count - 22 - 0xFFFF)
        var index = bytes.count - 22
        while index >= lowest {
            if u32(bytes, index) == 0x0605_4B50 { return index }
            index -= 1
        }
        throw .corrupt("not a ZIP (xlsx) file: no end-of-central-directory record")
    }

    private static func u16(_ bytes: [UInt8], _ at: Int) -> Int {
        guard at + 2 <= bytes.count else { return 0 }
        return Int(bytes[at]) | Int(bytes[at + 1]) << 8
    }

    private static func u32(_ bytes: [UInt8], _ at: Int) -> Int {
        guard at + 4 <= bytes.count else { return 0 }
        return Int(bytes[at]) | Int(bytes[at + 1]) << 8 | Int(bytes[at + 2]) << 16 | Int(bytes[at + 3]) << 24
    }
}

/// CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320) as ZIP uses it.
enum CRC32 {
    private static let table: [UInt32] = (0..<256).map { index in
        var crc = UInt32(index)
        for _ in 0..<8 { crc = crc & 1 != 0 ? 0xEDB8_8320 ^ (crc >> 1) : crc >> 1 }
        return crc
    }

    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }
}
