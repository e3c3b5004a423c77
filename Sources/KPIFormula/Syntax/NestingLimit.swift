/// How deeply a formula may nest, so that every pass over it — parser, binder, planner,
/// printer, executor, all recursive — stays inside a thread's stack whatever the input: past a
/// limit the formula is refused with `formula.too-deep` and a caret, never a crash.
///
/// Sized on debug builds, whose frames are the largest (about 17 KB per parenthesis in the
/// parser, 10 KB per level in the binder): formulas at each limit run through every pass on a
/// 4 MiB thread (NestingLimitTests), half the 8 MiB Linux gives the main thread and, by default,
/// every other thread. Darwin's 512 KiB secondary threads hold about 30 levels of
/// parentheses at -Onone; run deep work on a thread with a larger stack there.
///
/// The limits are documented in docs/formula-language.md (*Limits*); keep the two in step.
public enum NestingLimit {
    /// The deepest syntax tree a formula may have. Every operator, function call, `where`,
    /// `of` and `on` is a level, and so is each term of a chain: `1 + 1 + …` parses left-deep,
    /// so it may have at most this many terms.
    public static let syntax = 64
    /// How many parentheses, prefix operators and conditions the parser may be inside at once.
    /// A printed tree needs up to two per level (`-(…)`, `(not …)`), so anything the printer
    /// writes parses back.
    public static let descent = 2 * syntax + 2
    /// The deepest a formula may become once the KPIs and `let` definitions it names are
    /// expanded in place (the sum of their heights along any path).
    public static let expanded = 128

    /// Which limit a formula went past.
    enum Kind { case syntax, descent, expanded }

    /// The error for a formula that nests too deeply, pointing at `range`.
    static func tooDeep(_ range: SourceRange, _ kind: Kind = .syntax) -> FormulaError {
        if kind == .descent {
            return FormulaError(
                id: .formulaTooDeep,
                message: "the formula nests parentheses, minus signs and 'not' more than \(NestingLimit.descent) deep; simplify it",
                range: range)
        }
        if kind == .expanded {
            return FormulaError(
                id: .formulaTooDeep,
                message: "the formula nests more than \(NestingLimit.expanded) levels deep once the KPIs and definitions it uses are expanded",
                range: range)
        }
        return FormulaError(
            id: .formulaTooDeep,
            message:
                "the formula nests more than \(NestingLimit.syntax) levels deep (each parenthesis, operator and chained term counts); simplify it",
            range: range)
    }
}
