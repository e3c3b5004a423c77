/// The typed storage of one column. Each case is one contiguous array: no boxed cells.
public enum ColumnData: Sendable {
    /// 64-bit integers.
    case int(ContiguousArray<Int64>)
    /// Doubles.
    case double(ContiguousArray<Double>)
    /// Booleans.
    case bool(ContiguousArray<Bool>)
    /// Instants, milliseconds since the epoch (UTC).
    case timestamp(ContiguousArray<Int64>)
    /// Dates, as the milliseconds of their midnight UTC.
    case date(ContiguousArray<Int64>)
    /// Dictionary-encoded text: a code per row into `dictionary`, `-1` where null.
    case text(codes: ContiguousArray<Int32>, dictionary: [String])
}

/// A named, typed column with a validity bitmap.
///
/// Null cells hold an unspecified placeholder in the typed array (0, `false`, code `-1`); the
/// ``validity`` bitmap is the truth. A `nil` bitmap means the column has no nulls.
public struct Column: Sendable {
    /// The column's name, as loaded (or as bound to the canonical schema).
    public var name: String
    /// The typed values.
    public var data: ColumnData
    /// Which rows hold a value; `nil` when all do.
    public var validity: Bitmap?

    /// Creates a column; `validity` is dropped when every bit is set.
    public init(name: String, data: ColumnData, validity: Bitmap? = nil) {
        self.name = name
        self.data = data
        if let validity, !validity.isAllSet {
            precondition(validity.count == Column.count(of: data), "validity length differs from column length")
            self.validity = validity
        } else {
            self.validity = nil
        }
    }

    /// The number of rows.
    public var count: Int { Column.count(of: data) }

    /// The column's type.
    public var type: DataType {
        switch data {
        case .int: return .int
        case .double: return .double
        case .bool: return .bool
        case .timestamp: return .timestamp
        case .date: return .date
        case .text: return .text
        }
    }

    /// The number of null cells.
    public var nullCount: Int { validity.map { $0.count - $0.setCount } ?? 0 }

    /// Whether row `row` has no value.
    @inlinable public func isNull(_ row: Int) -> Bool {
        guard let validity else { return false }
        return !validity.isSet(row)
    }

    /// The value at `row`, boxed. For display and tests, not for kernels.
    public func value(at row: Int) -> Value {
        if isNull(row) { return .null }
        switch data {
        case .int(let v): return .int(v[row])
        case .double(let v): return .double(v[row])
        case .bool(let v): return .bool(v[row])
        case .timestamp(let v): return .timestamp(v[row])
        case .date(let v): return .date(v[row])
        case .text(let codes, let dictionary):
            let code = codes[row]
            return code < 0 ? .null : .text(dictionary[Int(code)])
        }
    }

    /// The distinct text values of a text column, in dictionary order; empty for other types.
    public var dictionary: [String] {
        if case .text(_, let dictionary) = data { return dictionary }
        return []
    }

    static func count(of data: ColumnData) -> Int {
        switch data {
        case .int(let v): return v.count
        case .double(let v): return v.count
        case .bool(let v): return v.count
        case .timestamp(let v): return v.count
        case .date(let v): return v.count
        case .text(let codes, _): return codes.count
        }
    }
}

extension Column {
    /// Builds a column from boxed values of one type (nulls allowed). Convenient for tests and
    /// small tables; adapters build typed arrays directly.
    ///
    /// - Precondition: every non-null value has type `type` (integers are accepted for doubles).
    public init(name: String, type: DataType, values: [Value]) {
        var validity = Bitmap()
        for v in values { validity.append(!v.isNull) }
        switch type {
        case .int:
            self.init(
                name: name,
                data: .int(
                    ContiguousArray(
                        values.map {
                            if case .int(let x) = $0 { return x }
                            return 0
                        })), validity: validity)
        case .double:
            self.init(name: name, data: .double(ContiguousArray(values.map { $0.doubleValue ?? 0 })), validity: validity)
        case .bool:
            self.init(
                name: name,
                data: .bool(
                    ContiguousArray(
                        values.map {
                            if case .bool(let x) = $0 { return x }
                            return false
                        })), validity: validity)
        case .timestamp, .date:
            let ms = ContiguousArray(
                values.map { (v: Value) -> Int64 in
                    switch v {
                    case .timestamp(let x), .date(let x): return x
                    default: return 0
                    }
                })
            self.init(name: name, data: type == .date ? .date(ms) : .timestamp(ms), validity: validity)
        case .text:
            var builder = TextDictionaryBuilder()
            var codes = ContiguousArray<Int32>()
            codes.reserveCapacity(values.count)
            for v in values {
                if case .text(let s) = v { codes.append(builder.code(for: s)) } else { codes.append(-1) }
            }
            self.init(name: name, data: .text(codes: codes, dictionary: builder.dictionary), validity: validity)
        }
    }
}
