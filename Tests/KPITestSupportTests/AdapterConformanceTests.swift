import Foundation
import KPICore
import KPIKitTesting
import KPITestSupport
import Testing

/// Reads `name,count` files of digits; a file that is not one is a `DataError` naming it.
private struct CountsAdapter: DataAdapter {
    var name = "counts"
    var fileExtensions = ["counts"]

    func load(_ url: URL, options: LoadOptions) throws(DataError) -> [Table] {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw DataError(id: "counts.unreadable", message: "\(error.localizedDescription)", file: url.path)
        }
        let lines = text.split(separator: "\n")
        guard !lines.isEmpty, lines.allSatisfy({ $0.split(separator: ",").count == 2 }) else {
            throw DataError(id: "counts.malformed", message: "expected name,count lines", file: url.path, line: 1)
        }
        let names = lines.map { Value.text(String($0.split(separator: ",")[0])) }
        return [Table(name: options.tableName ?? "counts", columns: [Column(name: "name", type: .text, values: names)])]
    }
}

/// Accepts anything, even an empty file; says "Bad Name" and declares ".CSV".
private struct CarelessAdapter: DataAdapter {
    let name = "Bad Name"
    let fileExtensions = [".CSV", "txt", "txt"]
    func load(_ url: URL, options: LoadOptions) throws(DataError) -> [Table] { [] }
}

/// Throws a `DataError` with an id that is not `domain.kebab-case` and no message.
private struct SloppyErrorAdapter: DataAdapter {
    let name = "sloppy"
    let fileExtensions = ["sloppy"]
    func load(_ url: URL, options: LoadOptions) throws(DataError) -> [Table] {
        if (try? Data(contentsOf: url))?.isEmpty == false { return [] }
        throw DataError(id: DiagnosticID("Sloppy_Error"), message: "", file: url.path)
    }
}

@Suite("Adapter conformance checks")
struct AdapterConformanceTests {
    @Test("a well-behaved adapter conforms; a shape it does not give is reported with both shapes")
    func conforming() throws {
        let folder = try TemporaryDirectory()
        defer { withExtendedLifetime(folder) {} }
        let sample = URL(fileURLWithPath: try folder.write("sample.counts", "a,1\nb,2\n"))
        let bad = URL(fileURLWithPath: try folder.write("bad.counts", "no commas here\n"))
        let shape = TableShape(name: "counts", columns: ["name"], rowCount: 2)
        #expect(AdapterConformance.problems(of: CountsAdapter(), sample: sample, expecting: [shape], malformed: [bad]) == [])
        let wrong = AdapterConformance.problems(
            of: CountsAdapter(), sample: sample, expecting: [TableShape(name: "counts", columns: ["name"], rowCount: 3)])
        #expect(wrong.map(\.message) == ["sample.counts gave [counts (name) × 2 rows], expected [counts (name) × 3 rows]"])
    }

    @Test("a malformed file that loads, and a careless declaration, are reported")
    func careless() throws {
        let folder = try TemporaryDirectory()
        defer { withExtendedLifetime(folder) {} }
        let sample = URL(fileURLWithPath: try folder.write("sample.txt", "x"))
        let problems = AdapterConformance.problems(of: CarelessAdapter(), sample: sample, expecting: [])
        #expect(Set(problems.map(\.check)) == ["adapter.name", "adapter.extensions", "adapter.malformed"], "\(problems)")
        #expect(problems.contains { $0.message == "empty..CSV loaded as [] instead of throwing a DataError" }, "\(problems)")
    }

    @Test("an error id that is not domain.kebab-case and an empty message are reported, as is a sample the adapter does not claim")
    func sloppyError() throws {
        let folder = try TemporaryDirectory()
        defer { withExtendedLifetime(folder) {} }
        let sample = URL(fileURLWithPath: try folder.write("sample.other", "x"))
        let problems = AdapterConformance.problems(of: SloppyErrorAdapter(), sample: sample, expecting: [])
        #expect(problems.map(\.check) == ["adapter.can-read", "adapter.malformed", "adapter.malformed"], "\(problems)")
        #expect(problems.contains { $0.message.contains("error id 'Sloppy_Error' is not domain.kebab-case") }, "\(problems)")
        #expect(problems.contains { $0.message.contains("the error has no message") }, "\(problems)")
    }
}
