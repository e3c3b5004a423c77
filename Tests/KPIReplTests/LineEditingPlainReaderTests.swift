import Foundation
import Testing

@testable import KPIRepl

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads every line `bytes` produces through a pipe.
private func readAll(_ bytes: [UInt8]) throws -> [LineInput] {
    var fds: [Int32] = [0, 0]
    try #require(pipe(&fds) == 0)
    defer { close(fds[0]) }
    let written = bytes.withUnsafeBytes { write(fds[1], $0.baseAddress, $0.count) }
    close(fds[1])
    try #require(written == bytes.count)
    let reader = PlainLineReader(descriptor: fds[0])
    var out: [LineInput] = []
    while true {
        let input = reader.readLine(prompt: "ignored> ")
        out.append(input)
        if input == .endOfInput { break }
    }
    return out
}

@Suite("Plain line reader")
struct PlainLineReaderTests {
    @Test("LF and CRLF endings both give lines without terminators")
    func lineEndings() throws {
        #expect(try readAll(Array("a\r\nb\nc\r\n".utf8)) == [.line("a"), .line("b"), .line("c"), .endOfInput])
    }

    @Test("a last line without a newline is still delivered")
    func lastLineWithoutNewline() throws {
        #expect(try readAll(Array("first\nlast".utf8)) == [.line("first"), .line("last"), .endOfInput])
    }

    @Test("empty lines are kept, empty input is just the end")
    func emptyLines() throws {
        #expect(try readAll(Array("a\n\n\nb\n".utf8)) == [.line("a"), .line(""), .line(""), .line("b"), .endOfInput])
        #expect(try readAll([]) == [.endOfInput])
    }

    @Test("UTF-8 text such as José Müller arrives intact, a BOM is dropped")
    func utf8() throws {
        let input = [0xEF, 0xBB, 0xBF] + Array("José Müller\r\n😀 €\n".utf8)
        #expect(try readAll(input) == [.line("José Müller"), .line("😀 €"), .endOfInput])
    }

    @Test("invalid UTF-8 becomes U+FFFD instead of failing")
    func invalidUTF8() throws {
        let input: [UInt8] = [0x61, 0xFF, 0x62, 0x0A, 0xC3, 0x0A]
        #expect(try readAll(input) == [.line("a\u{FFFD}b"), .line("\u{FFFD}"), .endOfInput])
    }

    @Test("a file larger than the read buffer is read completely and in order")
    func largeFile() throws {
        let folder = try TemporaryDirectory("kpi-plainreader")
        let lines = (0..<20_000).map { "line \($0) ✓ with some padding text" }
        let fd = open(try folder.write("in.kpi", lines.joined(separator: "\n")), O_RDONLY)
        try #require(fd >= 0)
        defer { close(fd) }
        let reader = PlainLineReader(descriptor: fd)
        var read: [String] = []
        while case .line(let line) = reader.readLine(prompt: "") { read.append(line) }
        #expect(read == lines)
        #expect(reader.readLine(prompt: "") == .endOfInput)
        withExtendedLifetime(folder) {}
    }

    @Test("adding to history is a harmless no-op in batch mode")
    func noHistory() throws {
        let reader = PlainLineReader(descriptor: -1)
        try reader.addToHistory("anything")
        #expect(reader.readLine(prompt: "") == .endOfInput)  // a bad descriptor ends the input
    }
}
