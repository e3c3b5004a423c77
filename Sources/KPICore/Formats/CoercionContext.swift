/// What the coercion of one column may use besides its values.
///
/// The binder fills it from the mapping (``declared``), the load options (``nullWords``) and the
/// other columns of the same table or the command line (``dateOrder``).
public struct CoercionContext: Sendable {
    /// The format a mapping file or the command line declares for the field, if any; it beats
    /// whatever the values suggest.
    public var declared: FormatDeclaration?
    /// Words that mean "no value" (``NullWords/standard`` plus the load's extras).
    public var nullWords: NullWords
    /// The day/month order to assume where this column's own values do not decide (from another
    /// column of the same table, or `--date-order`); `declared.dateOrder` wins over it.
    public var dateOrder: DateOrder?

    /// Creates a context.
    public init(declared: FormatDeclaration? = nil, nullWords: NullWords = .standard, dateOrder: DateOrder? = nil) {
        self.declared = declared
        self.nullWords = nullWords
        self.dateOrder = dateOrder
    }
}
