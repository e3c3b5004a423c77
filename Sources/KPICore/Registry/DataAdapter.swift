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
    ///
    /// - Throws: Only ``DataError``s: an adapter maps what its parser or the system throws to
    ///   one, with the file and, where the format has them, the line and column.
    func load(_ url: URL, options: LoadOptions) throws(DataError) -> [Table]
}

extension DataAdapter {
    /// Matches the file's extension against ``fileExtensions``, ignoring case.
    public func canRead(_ url: URL) -> Bool {
        fileExtensions.contains(url.pathExtension.lowercased())
    }
}
