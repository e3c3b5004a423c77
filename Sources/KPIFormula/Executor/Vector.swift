import KPICore

/// A column-shaped intermediate of the executor: typed values for every row of a table.
enum Vector {
    case int(ContiguousArray<Int64>, Bitmap?)
    case double(ContiguousArray<Double>, Bitmap?)
    case bool(ContiguousArray<Bool>, Bitmap?)
    /// Timestamps and dates, in milliseconds.
    case time(ContiguousArray<Int64>, Bitmap?)
    /// Dictionary codes (-1 = null) and the dictionary.
    case text(ContiguousArray<Int32>, [String])
    case constant(Value)

    init(_ column: Column) {
        switch column.data {
        case .int(let v): self = .int(v, column.validity)
        case .double(let v): self = .double(v, column.validity)
        case .bool(let v): self = .bool(v, column.validity)
        case .timestamp(let v), .date(let v): self = .time(v, column.validity)
        case .text(let codes, let dictionary): self = .text(codes, dictionary)
        }
    }

    /// Numbers as doubles with validity (instants as milliseconds); nil for text.
    func doubles(count: Int) -> (ContiguousArray<Double>, Bitmap?)? {
        switch self {
        case .double(let v, let valid): return (v, valid)
        case .int(let v, let valid), .time(let v, let valid):
            return (
                ContiguousArray(unsafeUninitializedCapacity: v.count) { buffer, n in
                    for i in 0..<v.count { buffer[i] = Double(v[i]) }
                    n = v.count
                }, valid
            )
        case .bool(let v, let valid):
            return (ContiguousArray(v.lazy.map { $0 ? 1.0 : 0.0 }), valid)
        case .constant(let value):
            guard let d = value.doubleValue ?? value.instantMilliseconds.map(Double.init) else {
                return value.isNull ? (ContiguousArray(repeating: 0, count: count), Bitmap(count: count, allSet: false)) : nil
            }
            return (ContiguousArray(repeating: d, count: count), nil)
        case .text:
            return nil
        }
    }

    /// Instants (or integers) as Int64 with validity, for exact time arithmetic.
    func integers(count: Int) -> (ContiguousArray<Int64>, Bitmap?)? {
        switch self {
        case .int(let v, let valid), .time(let v, let valid): return (v, valid)
        case .text(let codes, let dictionary):
            // Text holding dates or months ('2024-03') is read as instants, one parse per distinct value.
            let parsed = dictionary.map { text -> Int64? in
                ISO8601.parse(text.count == 7 ? text + "-01" : text)?.milliseconds
            }
            var valid = Bitmap(count: codes.count, allSet: true)
            var out = ContiguousArray<Int64>(repeating: 0, count: codes.count)
            for i in 0..<codes.count {
                let code = codes[i]
                if code >= 0, let ms = parsed[Int(code)] { out[i] = ms } else { valid[i] = false }
            }
            return (out, valid)
        case .constant(let value):
            if let ms = value.instantMilliseconds { return (ContiguousArray(repeating: ms, count: count), nil) }
            if case .int(let v) = value { return (ContiguousArray(repeating: v, count: count), nil) }
            if value.isNull { return (ContiguousArray(repeating: 0, count: count), Bitmap(count: count, allSet: false)) }
            return nil
        default:
            return nil
        }
    }
}

extension Value {
    /// Milliseconds of a timestamp or date.
    var instantMilliseconds: Int64? {
        switch self {
        case .timestamp(let ms), .date(let ms): return ms
        default: return nil
        }
    }
}
