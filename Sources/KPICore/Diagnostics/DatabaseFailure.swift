/// What a database engine said when it refused a statement, kept as data beside a
/// ``DataError``'s message (as GRDB's `DatabaseError` keeps its result code and SQL).
public struct DatabaseFailure: Sendable, Hashable {
    /// The engine's extended result code (SQLite: `SQLITE_CORRUPT` is 11, `SQLITE_NOTADB` 26).
    public var resultCode: Int32
    /// The engine's own text for it (`file is not a database`).
    public var engineMessage: String
    /// The statement it refused.
    public var sql: String

    /// Creates a failure.
    public init(resultCode: Int32, engineMessage: String, sql: String) {
        self.resultCode = resultCode
        self.engineMessage = engineMessage
        self.sql = sql
    }

    /// The failure as a ``DataError``'s description quotes it: `SQLite error 26: file is not a
    /// database - while executing`, then the SQL between backquotes.
    public var summary: String { "SQLite error \(resultCode): \(engineMessage) - while executing `\(sql)`" }
}
