import Foundation
import KPICore
import Testing

@testable import KPIAdapters

/// What real exports do to a CSV reader: other encodings and line endings, report titles and
/// footers, blank and repeated rows, damaged cells — and that every one of them is read, skipped
/// or recorded with its line, the same on one thread and in chunks.
@Suite("CSV: real exports")
struct CSVRealExportTests {
    private func parse(_ bytes: [UInt8], options: LoadOptions = LoadOptions(), chunks: Int? = nil) throws -> Table {
        if let chunks {
            return try CSVAdapter.parse(bytes: bytes, fileName: "x.csv", tableName: "t", parallelThreshold: 0, chunks: chunks, options: options)
        }
        return try CSVAdapter.parse(bytes: bytes, fileName: "x.csv", tableName: "t", options: options)
    }

    private func utf16(_ text: String, littleEndian: Bool, bom: Bool) -> [UInt8] {
        var out: [UInt8] = bom ? (littleEndian ? [0xFF, 0xFE] : [0xFE, 0xFF]) : []
        for unit in text.utf16 {
            let pair = [UInt8(unit & 0xFF), UInt8(unit >> 8)]
            out += littleEndian ? pair : pair.reversed()
        }
        return out
    }

    @Test(
        "UTF-16 with or without a byte-order mark, either byte order, reads as its text",
        arguments: [
            (true, true), (false, true), (true, false), (false, false),
        ])
    func utf16Files(littleEndian: Bool, bom: Bool) throws {
        let text = "Record ID\tFirst Name\tCreate Date\r\n1\tJosé\t2024-01-04 09:15\r\n2\tZoë 😀\t2024-01-05 10:00\r\n"
        let table = try parse(utf16(text, littleEndian: littleEndian, bom: bom))
        #expect(table.columnNames == ["Record ID", "First Name", "Create Date"])
        #expect(CSVTest.values(table, "First Name") == [.text("José"), .text("Zoë 😀")])
        #expect(table.column(named: "Create Date")?.type == .timestamp)
        #expect(table.origin?.encoding == (littleEndian ? .utf16LittleEndian : .utf16BigEndian))
        #expect(table.origin?.delimiter == "\t")
        #expect(table.origin?.lineEnding == .crlf)
    }

    @Test("bytes that are not UTF-8 are Windows-1252, detected and said; the euro and curly quotes included")
    func windows1252() throws {
        // "Société", "€5", "l’été" in Windows-1252.
        let bytes: [UInt8] =
            Array("name,price\n".utf8) + [0x53, 0x6F, 0x63, 0x69, 0xE9, 0x74, 0xE9] + Array(",".utf8) + [0x80, 0x35]
            + Array("\nl".utf8) + [0x92, 0xE9, 0x74, 0xE9] + Array(",1\n".utf8)
        let table = try parse(bytes)
        #expect(CSVTest.values(table, "name") == [.text("Société"), .text("l’été")])
        #expect(CSVTest.values(table, "price") == [.text("€5"), .text("1")])
        #expect(table.origin?.encoding == .windows1252)
        #expect(table.origin?.encodingDetected == true)
    }

    @Test("a UTF-8 file with one broken byte stays UTF-8: the cell is null and recorded, the rest reads")
    func damagedUTF8() throws {
        let bytes = Array("name,n\nJosé,1\nZoë,2\nÅsa,3\n".utf8) + [0x41, 0xFF, 0x42] + Array(",4\n".utf8)
        let table = try parse(bytes)
        #expect(table.origin?.encoding == .utf8)
        #expect(CSVTest.values(table, "name") == [.text("José"), .text("Zoë"), .text("Åsa"), .null])
        #expect(table.origin?.cellIssues.map { [$0.kind.rawValue, "\($0.row)", "\($0.column)"] } == [["invalid-text", "3", "0"]])
        #expect(table.origin?.line(ofRow: 3) == 5)
        let strict = CSVTest.error(bytes: bytes, options: LoadOptions(strict: true))
        #expect(strict?.id == "csv.invalid-utf8")
    }

    @Test("a named encoding wins over detection")
    func forcedEncoding() throws {
        let latin1: [UInt8] = Array("a,b\n".utf8) + [0xE9, 0x2C, 0x80] + [0x0A]
        #expect(CSVTest.values(try parse(latin1, options: LoadOptions(encoding: .latin1)), "b") == [.text("\u{80}")])
        #expect(CSVTest.values(try parse(latin1), "b") == [.text("€")])
        let forcedUTF8 = try parse(latin1, options: LoadOptions(encoding: .utf8))
        #expect(CSVTest.values(forcedUTF8, "a") == [.null])
        #expect(forcedUTF8.origin?.encodingDetected == false)
    }

    @Test("lines that end with a lone CR read as lines, numbered as such", arguments: [1, 3])
    func carriageReturns(chunks: Int) throws {
        let text = "Lead ID,Status\r1,won\r2,\"lost\rlater\"\r3,new\r"
        let table = try parse(Array(text.utf8), chunks: chunks)
        #expect(table.rowCount == 3)
        #expect(CSVTest.values(table, "Status") == [.text("won"), .text("lost\nlater"), .text("new")])
        #expect(table.origin?.lineEnding == .cr)
        #expect((0..<3).map { table.origin?.line(ofRow: $0) } == [2, 3, 5])
    }

    @Test("a report's title lines above the header are skipped, whatever the delimiter")
    func titleAboveHeader() throws {
        for delimiter in [",", ";", "\t"] {
            let text = "Pipeline by owner\nExported 2024-12-02\n\nowner\(delimiter)amount\nAna\(delimiter)1\nBo\(delimiter)2\n"
            let table = try parse(Array(text.utf8))
            #expect(table.columnNames == ["owner", "amount"], "\(delimiter.debugDescription)")
            #expect(table.rowCount == 2)
            #expect(table.origin?.headerLine == 4)
            #expect(table.origin?.skippedRows.map(\.reason) == [.preamble, .preamble])
            #expect(table.origin?.line(ofRow: 0) == 5)
        }
    }

    /// A Salesforce report's footer: a blank row, a summary row of fractions, the totals and
    /// notices; the `0` in a TRUE/FALSE column must not make it text.
    static let salesforceFooter = """
        "Owner","Stage","Probability","Amount","Won"
        "Ana","Closed Won","100","$1,200.00","TRUE"
        "Bo","Closed Lost","0","$800.00","FALSE"
        "Cy","Prospecting","10","$300.00","FALSE"

        "","","36.666","","0.3333"
        "Grand Totals (3 records)"
        "Opportunity Report"
        "Copyright (c) 2000-2024 salesforce.com, inc. All rights reserved."
        "Confidential Information - Do Not Distribute"
        "Generated By:  Ana  12/2/2024 9:13 AM"
        "Acme"

        """

    @Test("a report footer is skipped and listed; typed columns stay typed", arguments: [nil, 2, 3] as [Int?])
    func reportFooter(chunks: Int?) throws {
        for strict in [false, true] {
            let table = try parse(Array(Self.salesforceFooter.utf8), options: LoadOptions(strict: strict), chunks: chunks)
            #expect(table.rowCount == 3)
            #expect(table.column(named: "Won")?.type == .bool)
            #expect(table.column(named: "Probability")?.type == .int)
            let skipped = table.origin?.skippedRows ?? []
            #expect(skipped.map(\.line) == [6, 7, 8, 9, 10, 11, 12])
            #expect(skipped.allSatisfy { $0.reason == .footer })
            #expect(skipped[1].text == "Grand Totals (3 records)")
            #expect(table.origin?.cellIssues.isEmpty == true)
        }
    }

    @Test("a totals row at the end is a footer; a data row at the end is not")
    func totalsRow() throws {
        let totals = try parse(Array("rep,deals\nAna,3\nBo,4\nTotal,7\n".utf8))
        #expect(totals.rowCount == 2)
        #expect(totals.origin?.skippedRows.map(\.text) == ["Total | 7"])
        let data = try parse(Array("rep,deals\nAna,3\nTotal Gym Inc,4\n".utf8))
        #expect(data.rowCount == 2, "a company called Total Gym is data")
        let short = try parse(Array("a,b,c\n1,2,3\n4,5\n".utf8))
        #expect(short.rowCount == 2, "a data row cut short is a row, with its missing cell recorded")
        #expect(short.origin?.cellIssues.map(\.kind) == [.missingField])
    }

    @Test("blank rows and repeated headers in the body are skipped and listed", arguments: [nil, 3] as [Int?])
    func junkInBody(chunks: Int?) throws {
        var text = "id,name\n"
        for i in 0..<50 {
            text += "\(i),n\(i)\n"
            if i == 10 { text += ",\n" }
            if i == 20 { text += "\n\n" }
            if i == 30 { text += "id,name\n" }
        }
        let table = try parse(Array(text.utf8), chunks: chunks)
        #expect(table.rowCount == 50)
        #expect(table.column(named: "id")?.type == .int)
        let skipped = table.origin?.skippedRows ?? []
        #expect(skipped.map(\.reason) == [.blank, .repeatedHeader])
        #expect(skipped.map(\.line) == [13, 36])
        #expect(table.origin?.blankLineCount == 2)
        #expect(table.origin?.line(ofRow: 49) == 2 + 49 + 4)
    }

    @Test("leniently, malformed fields and records are null and recorded with their rows and lines", arguments: [nil, 2, 4] as [Int?])
    func lenientFaults(chunks: Int?) throws {
        var text = "id,name,note\n"
        for i in 0..<40 {
            switch i {
            case 5: text += "5,An\"a,x\n"  // stray quote
            case 9: text += "9,\"Bo\"b,y\n"  // text after the closing quote
            case 14: text += "14,\"multi\nline\",z\n"  // fine: a quoted line break
            case 20: text += "20,Cy\n"  // a field short
            case 25: text += "25,Di,w,extra,more\n"  // two fields too many
            default: text += "\(i),n\(i),ok\n"
            }
        }
        let table = try parse(Array(text.utf8), chunks: chunks)
        #expect(table.rowCount == 40)
        let issues = table.origin?.cellIssues ?? []
        #expect(issues.map(\.kind) == [.strayQuote, .textAfterQuote, .missingField, .extraFields])
        #expect(issues.map(\.row) == [5, 9, 20, 25])
        #expect(issues.map(\.column) == [1, 1, 2, 3])
        #expect(issues.map(\.value) == ["An\"a", "\"Bo\"b", "", "extra,more"])
        #expect(issues.map { table.origin?.line(ofRow: $0.row) } == [7, 11, 23, 28])
        #expect(CSVTest.values(table, "name")[5] == .null)
        #expect(CSVTest.values(table, "name")[14] == .text("multi\nline"))
        #expect(CSVTest.values(table, "note")[20] == .null)
        #expect(CSVTest.values(table, "note")[25] == .text("w"))
    }

    @Test("an unterminated quote leniently becomes one bad cell, not the rest of the file")
    func unterminatedQuote() throws {
        let table = try parse(Array("id,name\n1,Ana\n2,\"Bo\n3,Cy\n".utf8))
        #expect(table.rowCount == 3)
        #expect(CSVTest.values(table, "name") == [.text("Ana"), .null, .text("Cy")])
        #expect(table.origin?.cellIssues.map(\.kind) == [.unterminatedQuote])
    }

    @Test("the line map, issues and skipped rows are the same on one thread and in any number of chunks")
    func chunkedBookkeepingMatches() throws {
        var text = "id,when,amount,note\n"
        for i in 0..<3000 {
            if i % 97 == 0 { text += "\n" }
            if i % 331 == 0 { text += ",,,\n" }
            let note = i % 53 == 0 ? "\"two\nlines\"" : i % 211 == 0 ? "bad\"quote" : "n"
            let amount = i % 71 == 0 ? "N/A" : "\(i).5"
            text += "\(i),2024-01-0\(1 + i % 9),\(amount),\(note)\n"
        }
        let reference = try parse(Array(text.utf8))
        for chunks in [2, 3, 5, 8] {
            let chunked = try parse(Array(text.utf8), chunks: chunks)
            #expect(chunked.rowCount == reference.rowCount)
            #expect((0..<reference.rowCount).allSatisfy { chunked.origin?.line(ofRow: $0) == reference.origin?.line(ofRow: $0) })
            #expect(chunked.origin?.cellIssues == reference.origin?.cellIssues)
            #expect(chunked.origin?.skippedRows == reference.origin?.skippedRows)
            #expect(chunked.origin?.blankLineCount == reference.origin?.blankLineCount)
        }
        // Each row's line is where its id is in the text.
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for row in [0, 1, 52, 53, 54, 97, 331, 2999] {
            let line = try #require(reference.origin?.line(ofRow: row))
            #expect(lines[line - 1].hasPrefix("\(row),"), "row \(row) on line \(line): \(lines[line - 1])")
        }
    }
}
