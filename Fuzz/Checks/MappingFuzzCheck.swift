import KPICore

/// A mapping file: either a mapping or a `DataError` that points inside the file.
package enum MappingFuzzCheck {
    package static func check(_ bytes: [UInt8]) -> FuzzFindings {
        do {
            _ = try Mapping.parse(FuzzSupport.text(bytes), file: "fuzz.mapping.json")
            return []
        } catch let error as DataError {
            // The text the parser saw: invalid UTF-8 became U+FFFD, which moves columns.
            return FuzzSupport.misplaced(error, in: Array(FuzzSupport.text(bytes).utf8), what: "mapping").map { [$0] } ?? []
        } catch {
            return ["mapping: threw \(type(of: error)), not a DataError: \(error)"]
        }
    }
}
