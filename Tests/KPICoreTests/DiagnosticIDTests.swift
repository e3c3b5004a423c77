import Foundation
import KPICore
import KPITestSupport
import Testing

/// The ids are spread over the modules that raise them, so these tests read the sources: every
/// `static let NAME = DiagnosticID("…")` in Sources/ and Plugins/ is one constant.
@Suite("diagnostic ids: named, unique, well-formed, and the ones the docs cite")
struct DiagnosticIDTests {
    struct Constant: CustomStringConvertible {
        var name: String
        var id: String
        var file: String
        var description: String { "\(name) = \(id) (\(file))" }
    }

    static func swiftFiles() throws -> [URL] {
        let root = PackagePaths.repositoryRoot
        var files: [URL] = []
        for folder in ["Sources", "Plugins"] {
            let enumerator = FileManager.default.enumerator(at: root.appendingPathComponent(folder), includingPropertiesForKeys: nil)
            while let url = enumerator?.nextObject() as? URL {
                if url.pathExtension == "swift" { files.append(url) }
            }
        }
        #expect(files.count > 100, "found only \(files.count) Swift files under \(root.path)")
        return files
    }

    static func constants() throws -> [Constant] {
        let declaration = #/static let (\w+) = DiagnosticID\("([^"]*)"\)/#
        return try swiftFiles().flatMap { url in
            try String(contentsOf: url, encoding: .utf8).matches(of: declaration).map {
                Constant(name: String($0.1), id: String($0.2), file: url.lastPathComponent)
            }
        }
    }

    /// `csv.invalid-utf8` → `csvInvalidUTF8`: the name spells the id, acronyms in capitals.
    static func spelling(_ id: String) -> String {
        let words = id.split(whereSeparator: { $0 == "." || $0 == "-" }).map(String.init)
        return words.enumerated().map { $0.offset == 0 ? $0.element : $0.element.prefix(1).uppercased() + $0.element.dropFirst() }.joined()
    }

    @Test("every constant is well-formed, named after its id, and declared once")
    func constantsAreUniqueAndWellFormed() throws {
        let constants = try Self.constants()
        #expect(constants.count > 130, "\(constants.count) constants")
        for constant in constants {
            #expect(DiagnosticID(constant.id).isWellFormed, "\(constant)")
            #expect(constant.name.lowercased() == Self.spelling(constant.id).lowercased(), "\(constant)")
        }
        let byID = Dictionary(grouping: constants, by: \.id).filter { $0.value.count > 1 }
        #expect(byID.isEmpty, "declared more than once: \(byID.values.flatMap { $0 })")
        let byName = Dictionary(grouping: constants, by: \.name).filter { $0.value.count > 1 }
        #expect(byName.isEmpty, "one name for two ids: \(byName.values.flatMap { $0 })")
    }

    @Test("the sources raise errors with the constants, not with bare strings")
    func noBareIDs() throws {
        let bare = #/\bid: "[a-z0-9]+\.[a-z0-9-]+"|\.id == "[a-z0-9]+\.|\.id\.(rawValue\.)?hasPrefix\(/#
        var offenders: [String] = []
        for url in try Self.swiftFiles() {
            for (number, line) in try String(contentsOf: url, encoding: .utf8).split(separator: "\n").enumerated()
            where line.contains(bare) && !line.trimmingCharacters(in: .whitespaces).hasPrefix("//") {
                offenders.append("\(url.lastPathComponent):\(number + 1): \(line.trimmingCharacters(in: .whitespaces))")
            }
        }
        #expect(offenders.isEmpty, "\(offenders.joined(separator: "\n"))")
    }

    @Test("only DiagnosticText writes error[ID]: every error is shown the same way")
    func oneRenderer() throws {
        var offenders: [String] = []
        for url in try Self.swiftFiles() where url.lastPathComponent != "DiagnosticText.swift" {
            for (number, line) in try String(contentsOf: url, encoding: .utf8).split(separator: "\n").enumerated()
            where line.contains("error[") && !line.trimmingCharacters(in: .whitespaces).hasPrefix("//") {
                offenders.append("\(url.lastPathComponent):\(number + 1): \(line.trimmingCharacters(in: .whitespaces))")
            }
        }
        #expect(offenders.isEmpty, "\(offenders.joined(separator: "\n"))")
    }

    @Test("every id the docs cite is one the code raises")
    func docsCiteKnownIDs() throws {
        let known = Set(try Self.constants().map(\.id))
        let domains = Set(known.map { DiagnosticID($0).domain })
        let root = PackagePaths.repositoryRoot
        var documents = [root.appendingPathComponent("README.md")]
        let enumerator = FileManager.default.enumerator(at: root.appendingPathComponent("docs"), includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            if url.pathExtension == "md" { documents.append(url) }
        }
        // `goals.kpi` is the goals file's name, not an id.
        let fileNames: Set<String> = ["goals.kpi"]
        var unknown: [String] = []
        for url in documents {
            let text = try String(contentsOf: url, encoding: .utf8)
            for match in text.matches(of: #/error\[([a-z0-9.-]+)\]/#) where match.1 != "id" && !known.contains(String(match.1)) {
                unknown.append("\(url.lastPathComponent): error[\(match.1)]")
            }
            for match in text.matches(of: #/`([a-z]+)\.([a-z][a-z0-9-]*)`/#) where domains.contains(String(match.1)) {
                let id = "\(match.1).\(match.2)"
                if !known.contains(id) && !fileNames.contains(id) { unknown.append("\(url.lastPathComponent): `\(id)`") }
            }
        }
        #expect(unknown.isEmpty, "\(unknown.joined(separator: "\n"))")
    }

    @Test("an id knows its domain and whether it is domain.kebab-case")
    func shape() {
        #expect(DiagnosticID("xlsx.bad-zip").domain == "xlsx")
        #expect(DiagnosticID("csv.invalid-utf8").isWellFormed)
        #expect(DiagnosticID("s3.read-failed").isWellFormed)
        for bad in ["csv", "csv.", ".x", "CSV.bad", "csv.bad_quote", "csv.bad--quote", "csv.-bad", "a.b.c", "csv.bad quote"] {
            #expect(!DiagnosticID(bad).isWellFormed, "\(bad)")
        }
        #expect(DiagnosticID.loadCancelled == "load.cancelled")
    }
}
