/// A place in a data or source file: 1-based line and column (characters, not bytes).
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    /// The file path as the user gave it, or a label such as `formula` or `<stdin>`.
    public var file: String
    /// The 1-based physical line (newlines inside quoted fields count).
    public var line: Int?
    /// The 1-based character column.
    public var column: Int?

    /// Creates a location.
    public init(file: String, line: Int? = nil, column: Int? = nil) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`, leaving out what is unknown.
    public var description: String {
        var out = file
        if let line {
            out += ":\(line)"
            if let column { out += ":\(column)" }
        }
        return out
    }
}

/// An error in input data: a file that cannot be read, parsed, or bound.
///
/// `description` reads `leads.csv:1042:17: error[csv.stray-quote]: stray quote in unquoted field 3 (email); …`.
/// ``id`` is stable (`domain.kebab-case`) so tests and docs can cite it.
public struct DataError: Diagnostic, Hashable {
    /// A stable identifier, e.g. `csv.unterminated-quote`, `json.syntax`, `sqlite.not-a-database`.
    public var id: DiagnosticID
    /// What went wrong, for people.
    public var message: String
    /// Where it went wrong.
    public var location: SourceLocation
    /// ``DiagnosticCategory/data`` unless the error is the user's statement's (``asStatementError``)
    /// or a stop the user asked for (``cancelled(file:)``).
    public var category: DiagnosticCategory
    /// For an error a database engine reported: its result code, its text and the SQL it
    /// refused. ``message`` says what it means for the file; ``description`` adds these.
    public var database: DatabaseFailure?

    /// Creates an error.
    public init(id: DiagnosticID, message: String, location: SourceLocation, category: DiagnosticCategory = .data) {
        self.id = id
        self.message = message
        self.location = location
        self.category = category
    }

    /// Creates an error at `file:line:column`.
    public init(id: DiagnosticID, message: String, file: String, line: Int? = nil, column: Int? = nil, category: DiagnosticCategory = .data) {
        self.init(id: id, message: message, location: SourceLocation(file: file, line: line, column: column), category: category)
    }

    /// The error as a fault of a statement the user typed rather than of a file: a goal
    /// statement reports its errors the way a goals file's line does (`goal:1:COLUMN`), but a
    /// bad one is a bad statement.
    public var asStatementError: DataError {
        var error = self
        error.category = .statement
        return error
    }

    /// `file:line:column: error[ID]: message`, with a database's report in brackets after the
    /// message: `(SQLite error 26: file is not a database - while executing `…`)`.
    public var description: String {
        DiagnosticText.line(id, message + (database.map { " (\($0.summary))" } ?? ""), at: location)
    }
}

extension DataError {
    /// A load of `file` stopped because the caller asked (Ctrl-C): nothing of it was kept.
    public static func cancelled(file: String) -> DataError {
        DataError(id: .loadCancelled, message: "loading was cancelled; nothing of this file was loaded", file: file, category: .cancelled)
    }

    /// Whether this error is a stop the caller asked for rather than a fault of the file.
    public var isCancellation: Bool { id == .loadCancelled }
}
