import Foundation
import Testing

/// The example data-adapter plugin (`Plugins/XLSXAdapter/`), tested through the built `kpi`
/// because plugin targets are linked into the tool, not into test targets. Workbooks are written
/// by python3's `zipfile` from hand-written XML (``XLSXFixture``), so the ZIP reader, the
/// inflater and the XML readers all meet data they did not produce.
@Suite("The XLSX adapter plugin", .enabled(if: XLSXFixture.pythonAvailable))
struct XLSXPluginTests {
    @Test("count(leads) and conversion by source from a workbook of shared, inline and formula strings")
    func leadsWorkbook() throws {
        let fixture = try XLSXFixture("leads")
        #expect(try fixture.value("count(leads)") == 6)
        let run = try CLI.run(["eval", "lead_conversion_rate by source", "--data", fixture.path, "--format", "json"])
        #expect(run.status == 0, "\(run)")
        let rows = try #require(try run.jsonObject()["rows"] as? [[String: Any]])
        let bySource = Dictionary(rows.map { (($0["source"] as? String) ?? "", $0) }, uniquingKeysWith: { a, _ in a })
        #expect(bySource.count == 3)
        #expect(bySource["web"]?["numerator"] as? Double == 1)
        #expect(bySource["web"]?["denominator"] as? Double == 3)
        #expect(bySource["referral"]?["value"] as? Double == 0.5)
        #expect(bySource["event"]?["value"] as? Double == 1)
    }

    @Test("booleans, empty cells, date-formatted serials and a custom date-time format keep their meaning")
    func cellTypes() throws {
        let fixture = try XLSXFixture("leads")
        #expect(try fixture.value("count(leads where nurtured)") == 3)
        #expect(try fixture.value("sum(amount) of leads") == 1349.5)
        // One `<c/>` with no value, one empty amount, one row without the cell at all.
        #expect(try fixture.value("count(leads where amount is null)") == 3)
        // Serial 45292 with numFmtId 14 is 2024-01-01.
        #expect(try fixture.value("min(created_at) of leads") == 1_704_067_200_000)
        // Serial 45300.5 with "yyyy-mm-dd hh:mm" is 2024-01-09T12:00Z; the latest, 45320, 2024-01-29.
        #expect(try fixture.value("min(closed_at) of leads") == 1_704_801_600_000)
        #expect(try fixture.value("max(closed_at) of leads") == 1_706_486_400_000)
    }

    @Test("a second sheet becomes its own table; serial 61 is 1900-03-01 despite Excel's phantom 1900-02-29")
    func secondSheetAndLeapBug() throws {
        let fixture = try XLSXFixture("leads")
        // The #N/A error cell is a null, its row still counts.
        #expect(try fixture.value("count(notes)") == 2)
        #expect(try fixture.value("count(notes where note is null)") == 1)
        #expect(try fixture.value("max(when) of notes") == -2_203_891_200_000)
        // Serial 60 is the phantom day itself; counted from 1899-12-31 it also lands on 1900-03-01.
        #expect(try fixture.value("min(when) of notes") == -2_203_891_200_000)
    }

    @Test("a workbook in the 1904 date system counts serials from 1904-01-01")
    func date1904() throws {
        let fixture = try XLSXFixture("date1904")
        #expect(try fixture.value("min(day) of days") == -2_082_844_800_000)
        #expect(try fixture.value("max(day) of days") == -2_051_222_400_000)
    }

    @Test("kpi modules lists the adapter module with origin 'Swift plugin XLSXAdapter'")
    func listedAsModule() throws {
        let run = try CLI.run(["modules", "--format", "json"])
        #expect(run.status == 0, "\(run)")
        let modules = try #require(try run.jsonObject()["modules"] as? [[String: Any]])
        let module = try #require(modules.first { $0["name"] as? String == "xlsx-adapter" })
        #expect(module["origin"] as? String == "Swift plugin XLSXAdapter")
        #expect(module["adapters"] as? [String] == ["xlsx"])
    }

    /// 10,000 rows (2.5 MB of sheet XML) compressed by zlib three ways: dynamic Huffman blocks
    /// (zipfile's default), fixed Huffman only (Z_FIXED) and stored blocks (level 0).
    @Test(
        "a 10k-row sheet inflates identically from dynamic-Huffman, fixed-Huffman and stored deflate blocks",
        arguments: ["dynamic", "fixed", "level0"])
    func largeSheet(deflate: String) throws {
        let fixture = try XLSXFixture("big", "10000", deflate)
        #expect(try fixture.value("count(leads)") == 10_000)
        let expected = (0..<10_000).reduce(0.0) { $0 + Double($1 * 7727 % 100_000) / 100 }
        let sum = try fixture.value("sum(amount) of leads")
        #expect(abs(sum - expected) < 0.01, "sum \(sum), expected \(expected)")
        #expect(try fixture.value("count(leads where status = \"won\")") == 1429)
    }

    @Test("a 50k-row sheet, over 10 MB of XML on one line, loads whole")
    func sheetOverTenMegabytes() throws {
        let fixture = try XLSXFixture("big", "50000", "dynamic")
        #expect(try fixture.value("count(leads)") == 50_000)
    }

    @Test(
        "damaged files fail with a DataError naming the file, and exit 1",
        arguments: [
            ("junk", "error[xlsx.corrupt]", "no end-of-central-directory record"),
            ("damaged", "error[xlsx.corrupt]", "xl/worksheets/sheet1.xml"),
            ("encrypted", "error[xlsx.unsupported]", "encrypted"),
            ("badcell", "error[xlsx.corrupt]", "cell B2"),
        ])
    func damaged(mode: String, id: String, detail: String) throws {
        let fixture = try XLSXFixture(mode)
        let run = try CLI.run(["eval", "count(leads)", "--data", fixture.path, "--format", "json"])
        #expect(run.status == 1, "\(run)")
        #expect(run.stderr.contains("\(fixture.path): \(id)"), "\(run)")
        #expect(run.stderr.contains(detail), "\(run)")
    }
}

/// One workbook written by the generator below into a temporary folder.
struct XLSXFixture {
    static let pythonAvailable = CLI.runTool(["python3", "-c", "import zipfile, zlib"])?.status == 0

    let scratch: TemporaryDirectory
    let path: String

    /// Writes the workbook `mode` (see the script's last lines); `junk` is 500 non-ZIP bytes.
    init(_ mode: String, _ arguments: String...) throws {
        scratch = try TemporaryDirectory()
        path = scratch.url.appendingPathComponent("\(mode).xlsx").path
        if mode == "junk" {
            try Data((0..<500).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }).write(to: URL(fileURLWithPath: path))
            return
        }
        let script = try scratch.write("make_xlsx.py", Self.generator)
        let run = try #require(CLI.runTool(["python3", script, mode, path] + arguments))
        try #require(run.status == 0, "the fixture generator failed: \(run)")
    }

    /// `kpi eval FORMULA --data <this workbook> --format json`, as a number.
    func value(_ formula: String) throws -> Double {
        let run = try CLI.run(["eval", formula, "--data", path, "--format", "json"])
        try #require(run.status == 0, "\(formula): \(run)")
        let value = try run.jsonObject()["value"]
        return try #require(value as? Double, "\(formula): no number in \(run.stdout)")
    }

    /// Writes workbooks from hand-written XML with python3's zipfile (no openpyxl).
    static let generator = #"""
        import sys, zipfile, zlib
        from xml.sax.saxutils import escape

        def cell(ref, spec):
            kind, value = spec[0], spec[1]
            style = f' s="{spec[2]}"' if len(spec) > 2 else ''
            if kind == 'n': return f'<c r="{ref}"{style}><v>{value}</v></c>'
            if kind == 's': return f'<c r="{ref}" t="s"{style}><v>{value}</v></c>'
            if kind == 'str': return f'<c r="{ref}" t="str"{style}><f>A1</f><v>{escape(value)}</v></c>'
            if kind == 'inline': return f'<c r="{ref}" t="inlineStr"{style}><is><r><t>{escape(value[:2])}</t></r><r><t>{escape(value[2:])}</t></r></is></c>'
            if kind == 'b': return f'<c r="{ref}" t="b"{style}><v>{value}</v></c>'
            if kind == 'e': return f'<c r="{ref}" t="e"><v>#N/A</v></c>'
            if kind == 'empty': return f'<c r="{ref}"{style}/>'
            raise ValueError(kind)

        def letters(n):
            out = ''
            while n:
                n, r = divmod(n - 1, 26)
                out = chr(65 + r) + out
            return out

        def sheet_xml(rows):
            out = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>']
            for r, row in enumerate(rows, 1):
                cells = ''.join(cell(f'{letters(c)}{r}', spec) for c, spec in enumerate(row, 1) if spec is not None)
                out.append(f'<row r="{r}">{cells}</row>')
            out.append('</sheetData></worksheet>')
            return ''.join(out)

        def write(path, sheets, shared, date1904=False, stored=(), deflate='dynamic'):
            ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
            pr = '<workbookPr date1904="1"/>' if date1904 else '<workbookPr/>'
            wb = f'<?xml version="1.0"?><workbook {ns}>{pr}<sheets>' + ''.join(
                f'<sheet name="{escape(name)}" sheetId="{i}" r:id="rId{i}"/>' for i, (name, _) in enumerate(sheets, 1)) + '</sheets></workbook>'
            rels = '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' + ''.join(
                f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i}.xml"/>'
                for i in range(1, len(sheets) + 1)) + '</Relationships>'
            sst = f'<?xml version="1.0"?><sst {ns} count="{len(shared)}" uniqueCount="{len(shared)}">' + ''.join(
                f'<si><t>{escape(s)}</t></si>' for s in shared) + '</sst>'
            styles = ('<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                      '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd\\ hh:mm"/></numFmts>'
                      '<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>'
                      '<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="2"/></cellXfs></styleSheet>')
            parts = {'[Content_Types].xml': '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
                     'xl/workbook.xml': wb, 'xl/_rels/workbook.xml.rels': rels, 'xl/sharedStrings.xml': sst, 'xl/styles.xml': styles}
            for i, (_, rows) in enumerate(sheets, 1):
                parts[f'xl/worksheets/sheet{i}.xml'] = sheet_xml(rows)
            if deflate == 'fixed':
                # zipfile offers no Huffman strategy; Z_FIXED makes zlib emit fixed-Huffman blocks only.
                zipfile._get_compressor = lambda compress_type, compresslevel=None: zlib.compressobj(6, zlib.DEFLATED, -15, 9, zlib.Z_FIXED)
            level = 0 if deflate == 'level0' else None
            with zipfile.ZipFile(path, 'w', compresslevel=level) as z:
                for name, text in parts.items():
                    z.writestr(name, text.encode('utf-8'), compress_type=zipfile.ZIP_STORED if name in stored else zipfile.ZIP_DEFLATED)

        def leads(path):
            shared = ['lead_id', 'created_at', 'source', 'web', 'referral', 'event', 'status']
            header = [('s', 0), ('s', 1), ('s', 2), ('inline', 'rep'), ('s', 6), ('inline', 'nurtured'), ('inline', 'amount'), ('inline', 'closed_at')]
            data = [
                (1, 45292, 3, 'alice', 'won', 1, '1000', '45300.5'),
                (2, 45293, 3, 'bob', 'lost', 0, None, None),
                (3, 45294, 3, 'alice', 'new', 0, '250.5', None),
                (4, 45295, 4, 'bob', 'won', 1, None, '45310.25'),
                (5, 45296, 4, 'alice', 'contacted', 0, '', None),
                (6, 45297, 5, 'bob', 'won', 1, '99', '45320'),
            ]
            rows = [header]
            for lead, created, source, rep, status, nurtured, amount, closed in data:
                rows.append([('n', lead), ('n', created, 1), ('s', source), ('inline', rep), ('str', status), ('b', nurtured),
                             ('n', amount) if amount else ('empty', None), ('n', closed, 2) if closed else None])
            notes = [[('inline', 'note'), ('inline', 'when')], [('inline', 'hello & <world>'), ('n', 61, 1)], [('e', None), ('n', 60, 1)]]
            write(path, [('leads', rows), ('notes', notes)], shared, stored=('xl/styles.xml', 'xl/worksheets/sheet2.xml'))

        def big(path, count, deflate):
            sources = ['web', 'referral', 'event', 'partner', 'ads']
            statuses = ['new', 'contacted', 'qualified', 'opportunity', 'won', 'lost', 'disqualified']
            shared = ['lead_id', 'created_at', 'source', 'rep', 'status', 'amount'] + sources + statuses
            rows = [[('s', i) for i in range(6)]]
            for i in range(count):
                rows.append([('n', i + 1), ('n', 45000 + (i * 7919 % 900) + (i % 24) / 24, 2), ('s', 6 + (i * 31 % 5)),
                             ('inline', f'rep{i * 17 % 13:02d}'), ('s', 11 + (i * 13 % 7)), ('n', f'{(i * 7727 % 100000) / 100:.2f}')])
            write(path, [('leads', rows)], shared, deflate=deflate)

        if __name__ == '__main__':
            mode, path = sys.argv[1], sys.argv[2]
            if mode == 'leads': leads(path)
            elif mode == 'big': big(path, int(sys.argv[3]), sys.argv[4])
            elif mode in ('damaged', 'encrypted'):
                leads(path)
                data = bytearray(open(path, 'rb').read())
                name = b'xl/worksheets/sheet1.xml'
                if mode == 'damaged':
                    info = zipfile.ZipFile(path).getinfo(name.decode())
                    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
                    for i in range(start + 5, start + min(40, info.compress_size)): data[i] ^= 0x5A
                else:
                    at = data.find(b'PK\x01\x02')
                    while at >= 0:
                        length = data[at + 28] | data[at + 29] << 8
                        if data[at + 46:at + 46 + length] == name: data[at + 8] |= 1
                        at = data.find(b'PK\x01\x02', at + 4)
                open(path, 'wb').write(data)
            elif mode == 'badcell':
                write(path, [('leads', [[('inline', 'a'), ('inline', 'b')], [('n', 1), ('s', 99)]])], ['only'])
            elif mode == 'date1904':
                write(path, [('days', [[('inline', 'day')], [('n', 0, 1)], [('n', 366, 1)]])], [], date1904=True)
        """#
}
