/// A function of the formula language that a Swift module defines: a row function such as
/// `business_days_between(a, b)`, or an aggregate over a group's values.
///
/// A module adds one with `registrar.add(function)` (``ModuleRegistrar``); the registry checks its
/// name and shape at registration, and the formula language then binds, completes, explains and
/// runs calls to it exactly like its own functions.
///
/// The work is a *kernel* over whole columns, not a closure per row: a row function receives
/// its arguments as typed ``Column``s of one table and returns the result column, so a call
/// over a million leads is one call to the kernel.
///
/// ```swift
/// registrar.add(
///     ModuleFunction.row(
///         "business_days_between", parameters: [.date, .date], result: .number, unit: .fixed(.duration(.days)),
///         summary: "Monday–Friday days from a up to b.",
///         example: "avg(business_days_between(created_at, closed_at)) of leads"
///     ) { arguments in BusinessDays.column(from: arguments[0], to: arguments[1], rowCount: arguments.rowCount) })
/// ```
///
/// There is no SQL for it yet: module functions run in memory only. A SQL back end will need a
/// per-dialect translation, which belongs here once that back end exists.
public struct ModuleFunction: Sendable {
    /// Where the function may be called.
    public enum Kind: String, Sendable, Hashable {
        /// Row by row, inside an aggregate's argument or a condition.
        case row
        /// Over the rows of a table, to one value per group, like `avg`.
        case aggregate
    }

    /// The type of an argument or of the result, as the formula language sees values.
    public enum ValueType: String, Sendable, Hashable, CaseIterable {
        /// A date or a timestamp (the kernel gets milliseconds since the epoch, UTC).
        case date
        /// An integer or a double.
        case number
        /// Text.
        case text
        /// A truth value.
        case boolean
        /// Any of the above (an argument only).
        case any

        /// The type of the values a unit measures: a date for ``Unit/time``, text, a truth value
        /// for ``Unit/bool``, else a number (counts, money, durations, ratios, ...).
        public init(unit: Unit) {
            switch unit {
            case .time: self = .date
            case .text: self = .text
            case .bool: self = .boolean
            default: self = .number
            }
        }

        /// Whether a column stored as `type` holds values of this type.
        public func admits(_ type: DataType) -> Bool {
            switch self {
            case .date: return type.isTemporal
            case .number: return type.isNumeric
            case .text: return type == .text
            case .boolean: return type == .bool
            case .any: return true
            }
        }
    }

    /// What unit the result is measured in.
    public enum UnitRule: Sendable, Hashable {
        /// Always this unit (`days`, `count`, `money`, ...).
        case fixed(Unit)
        /// The unit of the argument at this index (0-based): `clamp(amount, 0, 100)` is money when `amount` is.
        case sameAsArgument(Int)
    }

    /// The work: a row kernel over columns, or an aggregate kernel over one group's values.
    public enum Kernel: Sendable {
        /// The result column for all rows of the arguments' table. It must have
        /// ``FunctionArguments/rowCount`` rows, be of the declared result type, and be null
        /// where the function has no value (as documented: usually where an argument is null).
        case row(@Sendable (FunctionArguments) -> Column)
        /// One group's value from its non-null argument values, as doubles (dates as
        /// milliseconds since the epoch), in table order; `nil` when it has none. Never called
        /// for a group without values: that group has no value.
        case aggregate(@Sendable (ContiguousArray<Double>) -> Double?)
    }

    /// The name formulas call it by: snake_case, not a built-in function or keyword.
    public var name: String
    /// The type of each argument, in order; the arity is their count.
    public var parameters: [ValueType]
    /// The type of the result (never ``ValueType/any``).
    public var result: ValueType
    /// The unit of the result.
    public var unit: UnitRule
    /// What it computes, in a sentence (shown by `? name` and `.help functions`).
    public var summary: String
    /// A formula that uses it.
    public var example: String
    /// The kernel.
    public var kernel: Kernel

    /// Row function or aggregate, by its kernel.
    public var kind: Kind {
        if case .row = kernel { return .row }
        return .aggregate
    }

    /// The call's shape, from the parameter types: `business_days_between(date, date)`.
    public var signature: String {
        "\(name)(\(parameters.map(\.rawValue).joined(separator: ", ")))"
    }

    /// Creates a function; ``row(_:parameters:result:unit:summary:example:kernel:)`` and
    /// ``aggregate(_:parameter:unit:summary:example:kernel:)`` read better.
    public init(
        name: String, parameters: [ValueType], result: ValueType, unit: UnitRule, summary: String, example: String, kernel: Kernel
    ) {
        self.name = name
        self.parameters = parameters
        self.result = result
        self.unit = unit
        self.summary = summary
        self.example = example
        self.kernel = kernel
    }

    /// A row function: one value per row, computed column-at-a-time by `kernel`.
    public static func row(
        _ name: String, parameters: [ValueType], result: ValueType, unit: UnitRule, summary: String, example: String,
        kernel: @escaping @Sendable (FunctionArguments) -> Column
    ) -> ModuleFunction {
        ModuleFunction(name: name, parameters: parameters, result: result, unit: unit, summary: summary, example: example, kernel: .row(kernel))
    }

    /// An aggregate of one argument (a number or a date): one value per group, from the group's
    /// non-null values. Its result is a number.
    public static func aggregate(
        _ name: String, parameter: ValueType, unit: UnitRule, summary: String, example: String,
        kernel: @escaping @Sendable (ContiguousArray<Double>) -> Double?
    ) -> ModuleFunction {
        ModuleFunction(
            name: name, parameters: [parameter], result: .number, unit: unit, summary: summary, example: example, kernel: .aggregate(kernel))
    }
}

/// The arguments of one call of a row function: a column per argument, all of one table.
///
/// Arguments arrive in the storage their parameter type asks for: a ``ModuleFunction/ValueType/date``
/// as a `.timestamp` column of milliseconds (a date literal as a `.date` one; ``Column/instants``
/// reads both), a number as `.int` or `.double` (``Column/numbers``), text as `.text`, a boolean
/// as `.bool`. A constant argument (`business_days_between(created_at, 2024-12-31)`)
/// is a column repeating it.
public struct FunctionArguments: Sendable {
    /// The argument columns, in call order.
    public var columns: [Column]
    /// How many rows every argument and the result have.
    public var rowCount: Int

    /// Creates arguments.
    ///
    /// - Precondition: every column has `rowCount` rows.
    public init(columns: [Column], rowCount: Int) {
        precondition(columns.allSatisfy { $0.count == rowCount }, "argument columns differ in length from the row count")
        self.columns = columns
        self.rowCount = rowCount
    }

    /// The argument at `index`.
    public subscript(index: Int) -> Column { columns[index] }

    /// The rows where every argument has a value; `nil` when all rows do. A kernel that is null
    /// wherever an argument is null gives its result this validity.
    public var allValid: Bitmap? {
        var merged: Bitmap?
        for column in columns {
            guard let validity = column.validity else { continue }
            if merged == nil { merged = validity } else { merged!.formIntersection(validity) }
        }
        return merged
    }
}

extension Column {
    /// The milliseconds since the epoch of a timestamp or date column; `nil` for other types.
    public var instants: ContiguousArray<Int64>? {
        switch data {
        case .timestamp(let v), .date(let v): return v
        default: return nil
        }
    }

    /// The values of an integer or double column as doubles; `nil` for other types.
    public var numbers: ContiguousArray<Double>? {
        switch data {
        case .double(let v): return v
        case .int(let v): return ContiguousArray(v.lazy.map { Double($0) })
        default: return nil
        }
    }
}
