import KPICore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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

    private init(capacity: Int) {
        // Padding past the sentinel lets hashing load whole 8-byte words at a field's tail.
        base = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity + CSVInput.padding)
        count = capacity
        base.advanced(by: capacity).initialize(repeating: 0, count: CSVInput.padding)
        base[capacity] = CSVByte.lineFeed
    }

    /// Bytes allocated after the file's bytes: the sentinel, then zeros.
    static let padding = 16

    deinit {
        base.deallocate()
    }

    /// A copy of in-memory bytes.
    convenience init(copying bytes: [UInt8]) {
        self.init(capacity: bytes.count)
        bytes.withUnsafeBufferPointer { source in
            if let from = source.baseAddress { base.update(from: from, count: bytes.count) }
        }
    }

    /// Reads a whole file; the error names the file and the operating system's reason.
    ///
    /// The file is read, never mapped: a mapped file that another program truncates while it
    /// loads kills the process with SIGBUS when the parser touches the missing pages, and no
    /// check can rule that out between mapping and reading. A FIFO or other special file is an
    /// error, found without blocking (see ``FileCheck/openRegularFile(_:file:id:)``); a file that
    /// shrinks while it is read is an error too.
    static func read(path: String, displayName: String) throws(DataError) -> CSVInput {
        let (fd, size) = try FileCheck.openRegularFile(path, file: displayName, id: .csvUnreadable)
        defer { close(fd) }
        let input = CSVInput(capacity: size)
        try FileCheck.readExactly(fd, into: input.base, count: size, file: displayName, id: .csvUnreadable)
        return input
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
