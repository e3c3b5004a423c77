#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import KPICore

/// The bytes of one CSV file, owned, with a `\n` sentinel after the last byte.
///
/// The sentinel lets the field scanner run without a bounds check per byte: every unquoted
/// scan stops at a line feed at the latest, and the scanner tells the sentinel from a real line
/// feed by its offset. Reading goes through POSIX `read(2)` straight into this buffer, so a file
/// is copied once, never decoded to `String`.
final class CSVInput: @unchecked Sendable {
    /// The file's bytes followed by one sentinel byte; immutable after `init`.
    let base: UnsafeMutablePointer<UInt8>
    /// The number of file bytes (the sentinel excluded).
    let count: Int
    /// The length of the mapping when the file is mapped, else 0 (the bytes are allocated).
    private let mappedLength: Int

    private init(capacity: Int) {
        // Padding past the sentinel lets hashing load whole 8-byte words at a field's tail.
        base = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity + CSVInput.padding)
        count = capacity
        mappedLength = 0
        base.advanced(by: capacity).initialize(repeating: 0, count: CSVInput.padding)
        base[capacity] = CSVByte.lineFeed
    }

    /// Bytes allocated after the file's bytes: the sentinel, then zeros.
    static let padding = 16

    deinit {
        if mappedLength > 0 {
            munmap(base, mappedLength)
        } else {
            base.deallocate()
        }
    }

    /// A copy of in-memory bytes.
    convenience init(copying bytes: [UInt8]) {
        self.init(capacity: bytes.count)
        bytes.withUnsafeBufferPointer { source in
            if let from = source.baseAddress { base.update(from: from, count: bytes.count) }
        }
    }

    /// Reads a whole file; the error names the file and the operating system's reason.
    static func read(path: String, displayName: String) throws(DataError) -> CSVInput {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw unreadable(displayName, "cannot open") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw unreadable(displayName, "cannot stat") }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw DataError(id: "csv.unreadable", message: "cannot read \(displayName): not a regular file", file: displayName)
        }
        let size = Int(info.st_size)
        if size >= CSVInput.mapThreshold, let mapped = CSVInput(mapping: fd, size: size) { return mapped }
        let input = CSVInput(capacity: size)
        var filled = 0
        while filled < input.count {
            let n = systemRead(fd, input.base + filled, min(input.count - filled, 1 << 30))
            if n < 0 {
                if errno == EINTR { continue }
                throw unreadable(displayName, "read failed")
            }
            if n == 0 {
                throw DataError(id: "csv.unreadable", message: "cannot read \(displayName): file shrank while reading", file: displayName)
            }
            filled += n
        }
        return input
    }

    /// Files from this size on are mapped rather than copied.
    static let mapThreshold = 1 << 20

    /// Maps the file privately (copy-on-write, so the sentinel never reaches the file) over an
    /// anonymous region one page longer, which holds the sentinel when the file ends on a page
    /// boundary. Mapping skips the copy and the zeroing of fresh pages that `read(2)` costs,
    /// about a fifth of the load time of a large file. `nil` if the system refuses.
    private init?(mapping fd: Int32, size: Int) {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let length = (size + CSVInput.padding + page - 1) / page * page
        guard let region = mmap(nil, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
            region != MAP_FAILED
        else { return nil }
        #if os(Linux)
        let flags = MAP_PRIVATE | MAP_FIXED | MAP_POPULATE
        #else
        let flags = MAP_PRIVATE | MAP_FIXED
        #endif
        guard let file = mmap(region, size, PROT_READ | PROT_WRITE, flags, fd, 0), file == region else {
            munmap(region, length)
            return nil
        }
        base = region.assumingMemoryBound(to: UInt8.self)
        count = size
        mappedLength = length
        (base + size).update(repeating: 0, count: CSVInput.padding)
        base[size] = CSVByte.lineFeed
    }

    private static func systemRead(_ fd: Int32, _ buffer: UnsafeMutablePointer<UInt8>, _ count: Int) -> Int {
        #if canImport(Glibc)
        return Glibc.read(fd, buffer, count)
        #else
        return Darwin.read(fd, buffer, count)
        #endif
    }

    private static func unreadable(_ name: String, _ what: String) -> DataError {
        let reason = String(cString: strerror(errno))
        return DataError(id: "csv.unreadable", message: "\(what) \(name): \(reason)", file: name)
    }

    /// The bytes, sentinel excluded.
    var buffer: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }
}

/// Byte constants of the CSV grammar.
enum CSVByte {
    static let lineFeed: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D
    static let quote: UInt8 = 0x22
    static let space: UInt8 = 0x20
    static let tab: UInt8 = 0x09
}
