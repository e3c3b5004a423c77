import KPICore

/// Joins through shared keys (`lead_id`, `customer_id`): row maps for lookups and semi-joins for `exists`.
enum KeyIndex {
    /// For each row of `local`, the first row of `remote` with the same key, or -1.
    static func map(from local: Table, key localKey: String, to remote: Table, key remoteKey: String) throws -> ContiguousArray<Int32> {
        guard let lc = local.column(named: localKey) else { throw ExecutionError.missingColumn(local.name, localKey) }
        guard let rc = remote.column(named: remoteKey) else { throw ExecutionError.missingColumn(remote.name, remoteKey) }
        var out = ContiguousArray<Int32>(repeating: -1, count: local.rowCount)
        switch (lc.data, rc.data) {
        case (.int(let lv), .int(let rv)):
            var index: [Int64: Int32] = [:]
            index.reserveCapacity(rv.count)
            for i in stride(from: rv.count - 1, through: 0, by: -1) where !rc.isNull(i) { index[rv[i]] = Int32(i) }
            for i in 0..<lv.count where !lc.isNull(i) { out[i] = index[lv[i]] ?? -1 }
        default:
            let remoteKeys = textKeys(rc)
            var index: [String: Int32] = [:]
            for i in stride(from: remoteKeys.count - 1, through: 0, by: -1) {
                if let k = remoteKeys[i] { index[k] = Int32(i) }
            }
            let localKeys = textKeys(lc)
            for i in 0..<localKeys.count { if let k = localKeys[i] { out[i] = index[k] ?? -1 } }
        }
        return out
    }

    /// Rows of `local` whose key appears in a selected row of `remote`.
    static func exists(in local: Table, key localKey: String, remote: Table, key remoteKey: String, where selection: Bitmap?) throws -> Bitmap {
        guard let lc = local.column(named: localKey) else { throw ExecutionError.missingColumn(local.name, localKey) }
        guard let rc = remote.column(named: remoteKey) else { throw ExecutionError.missingColumn(remote.name, remoteKey) }
        var out = Bitmap(count: local.rowCount, allSet: false)
        switch (lc.data, rc.data) {
        case (.int(let lv), .int(let rv)):
            var keys = Set<Int64>()
            for i in 0..<rv.count where !rc.isNull(i) && (selection?.isSet(i) ?? true) { keys.insert(rv[i]) }
            for i in 0..<lv.count where !lc.isNull(i) && keys.contains(lv[i]) { out[i] = true }
        default:
            let remoteKeys = textKeys(rc)
            var keys = Set<String>()
            for i in 0..<remoteKeys.count where selection?.isSet(i) ?? true { if let k = remoteKeys[i] { keys.insert(k) } }
            let localKeys = textKeys(lc)
            for i in 0..<localKeys.count { if let k = localKeys[i], keys.contains(k) { out[i] = true } }
        }
        return out
    }

    /// For each row of `local`, how many selected rows of `remote` share its key.
    static func counts(in local: Table, key localKey: String, remote: Table, key remoteKey: String, where selection: Bitmap?) throws
        -> ContiguousArray<Int64>
    {
        guard let lc = local.column(named: localKey) else { throw ExecutionError.missingColumn(local.name, localKey) }
        guard let rc = remote.column(named: remoteKey) else { throw ExecutionError.missingColumn(remote.name, remoteKey) }
        var out = ContiguousArray<Int64>(repeating: 0, count: local.rowCount)
        switch (lc.data, rc.data) {
        case (.int(let lv), .int(let rv)):
            var tally: [Int64: Int64] = [:]
            for i in 0..<rv.count where !rc.isNull(i) && (selection?.isSet(i) ?? true) { tally[rv[i], default: 0] += 1 }
            for i in 0..<lv.count where !lc.isNull(i) { out[i] = tally[lv[i]] ?? 0 }
        default:
            let remoteKeys = textKeys(rc)
            var tally: [String: Int64] = [:]
            for i in 0..<remoteKeys.count where selection?.isSet(i) ?? true { if let k = remoteKeys[i] { tally[k, default: 0] += 1 } }
            let localKeys = textKeys(lc)
            for i in 0..<localKeys.count { if let k = localKeys[i] { out[i] = tally[k] ?? 0 } }
        }
        return out
    }

    /// Keys of any type as text, so an integer key can meet a text key.
    private static func textKeys(_ column: Column) -> [String?] {
        (0..<column.count).map { row in
            switch column.value(at: row) {
            case .null: return nil
            case .text(let s): return s
            case let v: return v.description
            }
        }
    }
}

/// Gathers a vector through a row map (-1 = no row → null).
enum Gather {
    static func gather(_ v: Vector, rows: ContiguousArray<Int32>) -> Vector {
        let n = rows.count
        func valid(_ source: Bitmap?) -> Bitmap {
            var out = Bitmap(count: n, allSet: true)
            for i in 0..<n {
                let r = rows[i]
                if r < 0 || !(source?.isSet(Int(r)) ?? true) { out[i] = false }
            }
            return out
        }
        switch v {
        case .int(let x, let xv): return .int(ContiguousArray(rows.lazy.map { $0 < 0 ? 0 : x[Int($0)] }), valid(xv))
        case .double(let x, let xv): return .double(ContiguousArray(rows.lazy.map { $0 < 0 ? 0 : x[Int($0)] }), valid(xv))
        case .bool(let x, let xv): return .bool(ContiguousArray(rows.lazy.map { $0 < 0 ? false : x[Int($0)] }), valid(xv))
        case .time(let x, let xv): return .time(ContiguousArray(rows.lazy.map { $0 < 0 ? 0 : x[Int($0)] }), valid(xv))
        case .text(let codes, let dictionary): return .text(ContiguousArray(rows.lazy.map { $0 < 0 ? -1 : codes[Int($0)] }), dictionary)
        case .constant: return v
        }
    }
}
