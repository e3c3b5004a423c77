import Foundation

/// Reads one kind of data file into columnar tables.
///
/// Adapters never write to the files they read. Errors are ``DataError``s that name
/// `file:line:column` where the format has lines.
public protocol DataAdapter: Sendable {
    /// A short name (`csv`, `json`, `sqlite`).
    var name: String { get }
    /// File extensions it reads, lower case, without the dot.
    var fileExtensions: [String] { get }
    /// Whether it can read this file; by default, by extension.
    func canRead(_ url: URL) -> Bool
    /// Reads the file's tables.
    func load(_ url: URL, options: LoadOptions) throws -> [Table]
}

extension DataAdapter {
    /// Matches the file's extension against ``fileExtensions``, ignoring case.
    public func canRead(_ url: URL) -> Bool {
        fileExtensions.contains(url.pathExtension.lowercased())
    }
}
