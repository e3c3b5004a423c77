/// Options a load passes to an adapter.
public struct LoadOptions: Sendable, Hashable {
    /// The table name to use instead of the file stem (single-table formats only).
    public var tableName: String?
    /// The text encoding to read the file in; `nil` detects it (a byte-order mark, else UTF-8,
    /// else Windows-1252).
    public var encoding: TextEncoding?
    /// Stop at the first cell that cannot be read (the behaviour before lenient loading), instead
    /// of reading it as null and recording a ``CellIssue``.
    public var strict: Bool
    /// Words that mean "no value" in this file, besides ``NullWords/standard``.
    public var extraNullWords: [String]

    /// Creates options.
    public init(tableName: String? = nil, encoding: TextEncoding? = nil, strict: Bool = false, extraNullWords: [String] = []) {
        self.tableName = tableName
        self.encoding = encoding
        self.strict = strict
        self.extraNullWords = extraNullWords
    }
}
