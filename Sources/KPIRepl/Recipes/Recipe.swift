import KPICore

/// A saved, parameterised analysis: a header (title, description, parameters) and a body of
/// statements in the REPL's language, arranged in report sections with notes.
///
/// Recipes are plain text (docs/recipes.md); ``RecipeParser`` reads them and ``RecipeRunner``
/// runs them into a ``Report``.
public struct Recipe: Sendable, Hashable {
    /// The file the recipe came from (for error locations), or a label such as `recipe`.
    public var file: String
    /// The report's title (`title "…"`).
    public var title: String
    /// What the report is for (`description "…"`).
    public var description: String
    /// The declared parameters, in declaration order.
    public var parameters: [RecipeParameter]
    /// The body, in file order.
    public var items: [Item]

    /// One element of the body.
    public enum Item: Sendable, Hashable {
        /// `section "…"`: starts a report section.
        case section(String, line: Int)
        /// `note "…"`: a paragraph of the current section.
        case note(String, line: Int)
        /// A statement, with where it starts in the file.
        case statement(RecipeStatement)
    }

    /// Creates a recipe.
    public init(file: String, title: String, description: String = "", parameters: [RecipeParameter] = [], items: [Item] = []) {
        self.file = file
        self.title = title
        self.description = description
        self.parameters = parameters
        self.items = items
    }

    /// The statements of the body, in order.
    public var statements: [RecipeStatement] {
        items.compactMap { if case .statement(let s) = $0 { return s } else { return nil } }
    }

    /// The parameter called `name`, if declared.
    public func parameter(_ name: String) -> RecipeParameter? {
        parameters.first { $0.name == name }
    }
}

/// A statement of a recipe as written (parameters not yet substituted).
public struct RecipeStatement: Sendable, Hashable {
    /// The text, lines joined by newlines, comments kept.
    public var text: String
    /// The 1-based line the statement starts on.
    public var line: Int
    /// The 1-based column of its first character.
    public var column: Int

    /// Creates a statement.
    public init(text: String, line: Int, column: Int = 1) {
        self.text = text
        self.line = line
        self.column = column
    }
}

/// A declared parameter: `param NAME: TYPE = DEFAULT`.
public struct RecipeParameter: Sendable, Hashable {
    /// The name statements use, after a `$`.
    public var name: String
    /// What values it takes.
    public var type: RecipeParameterType
    /// The default, as written (already validated against the type when parsed).
    public var defaultValue: String
    /// The line it is declared on.
    public var line: Int

    /// Creates a parameter.
    public init(name: String, type: RecipeParameterType, defaultValue: String, line: Int) {
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
        self.line = line
    }
}

/// The types a recipe parameter can have; each decides how its value is checked and written
/// into statements (``RecipeSubstitution``).
public enum RecipeParameterType: String, Sendable, Hashable, CaseIterable {
    /// A text value, written as a quoted string; `all` means "no filter" (see docs/recipes.md).
    case text
    /// A number, written as a numeric literal.
    case number
    /// A calendar date (`2024-03-31`), written as a date literal.
    case date
    /// A `during` period (`2024-Q2`, `last quarter`, `last 6 months`, `from … to …`), written as is.
    case period
    /// A KPI id from the catalogue, written as a name.
    case kpi
    /// A field name (`source`, `rep`, `leads.source`), written as a name.
    case field
}
