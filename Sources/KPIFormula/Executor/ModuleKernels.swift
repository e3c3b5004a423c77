import KPICore

/// Runs the kernels of module functions (``ModuleFunction``): hands a row kernel its arguments
/// as typed columns of the parameter types it declared, checks the column it returns, and feeds
/// an aggregate kernel each group's values.
enum ModuleKernels {
    /// The result of a row function over all `count` rows.
    static func call(_ reference: ModuleFunctionReference, _ arguments: [Vector], count: Int) throws -> Vector {
        let function = reference.function
        guard case .row(let kernel) = function.kernel else {
            throw ExecutionError.type("\(function.name) is an aggregate; it cannot run row by row")
        }
        var columns: [Column] = []
        for (index, argument) in arguments.enumerated() {
            let parameter = index < function.parameters.count ? function.parameters[index] : .any
            columns.append(try column(argument, as: parameter, count: count, name: "\(function.name)#\(index)"))
        }
        let result = kernel(FunctionArguments(columns: columns, rowCount: count))
        guard result.count == count else {
            throw ExecutionError.type(
                "\(function.name) (module \(reference.module)) returned \(result.count) values for \(count) rows")
        }
        guard function.result.admits(result.type) else {
            throw ExecutionError.type(
                "\(function.name) (module \(reference.module)) returned \(result.type) values, not the \(function.result.rawValue) it declares")
        }
        return Vector(result)
    }

    /// One value per group from each group's values (`values` over all rows, `rows` the rows that
    /// count, `ids` each row's group when grouped).
    static func aggregate(
        _ reference: ModuleFunctionReference, values: ContiguousArray<Double>, rows: Bitmap, ids: UnsafeBufferPointer<Int32>?,
        groups: Int, cancellation: Cancellation
    ) throws -> [Measure] {
        guard case .aggregate(let kernel) = reference.function.kernel else {
            throw ExecutionError.type("\(reference.name) is a row function; aggregate it, e.g. avg(\(reference.name)(...))")
        }
        var buckets = [ContiguousArray<Double>](repeating: [], count: groups)
        try rows.forEachSetBit(checking: cancellation) { row in buckets[ids.map { Int($0[row]) } ?? 0].append(values[row]) }
        return try (0..<groups).map { g in
            try cancellation.check(atRow: g)
            let group = buckets[g]
            buckets[g] = []
            return Aggregation.statistic(group.isEmpty ? nil : kernel(group), restingOn: Double(group.count))
        }
    }

    /// An argument as the column its parameter type asks for (the binder has checked the types).
    private static func column(_ vector: Vector, as parameter: ModuleFunction.ValueType, count: Int, name: String) throws -> Column {
        if parameter == .date {
            // Text holding dates is read as instants, as the built-in date functions read it.
            guard let (instants, valid) = vector.integers(count: count) else { throw ExecutionError.type("\(name) needs dates") }
            if case .constant(.date) = vector { return Column(name: name, data: .date(instants), validity: valid) }
            return Column(name: name, data: .timestamp(instants), validity: valid)
        }
        switch vector {
        case .int(let v, let valid): return Column(name: name, data: .int(v), validity: valid)
        case .double(let v, let valid): return Column(name: name, data: .double(v), validity: valid)
        case .bool(let v, let valid): return Column(name: name, data: .bool(v), validity: valid)
        case .time(let v, let valid): return Column(name: name, data: .timestamp(v), validity: valid)
        case .text(let codes, let dictionary):
            let valid = codes.withUnsafeBufferPointer { c in Bitmap(count: c.count) { c[$0] >= 0 } }
            return Column(name: name, data: .text(codes: codes, dictionary: dictionary), validity: valid)
        case .constant(let value):
            return Column(name: name, type: value.type ?? .double, values: [Value](repeating: value, count: count))
        }
    }
}
