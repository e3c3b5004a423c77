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
    /// Asked every few thousand rows whether to stop (Ctrl-C in the shell); a stopped load throws
    /// ``DataError/cancelled(file:)``.
    public var cancellation: LoadCancellation

    /// Creates options.
    public init(
        tableName: String? = nil, encoding: TextEncoding? = nil, strict: Bool = false, extraNullWords: [String] = [],
        cancellation: LoadCancellation = .never
    ) {
        self.tableName = tableName
        self.encoding = encoding
        self.strict = strict
        self.extraNullWords = extraNullWords
        self.cancellation = cancellation
    }
}

/// The caller's "stop now?" poll, carried by ``LoadOptions``.
///
/// It is not part of the options' identity: two options that differ only in their poll read a
/// file the same way, so they are equal and hash alike.
public struct LoadCancellation: Sendable, Hashable {
    /// Rows read between two asks: often enough that a stop takes well under a tenth of a second,
    /// rarely enough to cost nothing.
    public static let rowsBetweenChecks = 4096

    /// Whether the caller wants the load to stop.
    public let isCancelled: @Sendable () -> Bool

    /// A poll that never stops a load.
    public static let never = LoadCancellation { false }

    /// Wraps a poll, e.g. `{ InterruptMonitor.isInterruptRequested }`.
    public init(_ isCancelled: @escaping @Sendable () -> Bool) {
        self.isCancelled = isCancelled
    }

    /// Throws ``DataError/cancelled(file:)`` when the poll says stop and `row` is a multiple of
    /// ``rowsBetweenChecks`` (row 0 included), so loops can ask on every row.
    public func check(row: Int, file: String) throws(DataError) {
        if row & (Self.rowsBetweenChecks - 1) == 0, isCancelled() { throw DataError.cancelled(file: file) }
    }

    public static func == (lhs: LoadCancellation, rhs: LoadCancellation) -> Bool { true }
    public func hash(into hasher: inout Hasher) {}
}
