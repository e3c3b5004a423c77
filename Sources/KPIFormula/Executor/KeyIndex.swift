import KPICore

/// Joins through the keys of a link (`lead_id`, `leads.rep → sales_teams.sales_agent`): row maps
/// for lookups and semi-joins for `exists`. A key no row of the other table has maps to no row
/// (a null value, no match), never to an error.
enum KeyIndex {
    /// For each row of `local`, the first row of `remote` with the same key, or -1.
    static func map(
        from local: Table, key localKey: String, to remote: Table, key remoteKey: String, cancellation: Cancellation = .never
    ) throws -> ContiguousArray<Int32> {
        let keys = try sharedCodes(local, localKey, remote, remoteKey, cancellation)
        var firstRow = [Int32](repeating: -1, count: keys.count)
        try cancellation.forEachChunk(of: keys.remote.count) { chunk in
            for row in chunk where keys.remote[row] >= 0 && firstRow[Int(keys.remote[row])] < 0 {
                firstRow[Int(keys.remote[row])] = Int32(row)
            }
        }
        try cancellation.check()
        return ContiguousArray(keys.local.map { $0 < 0 ? -1 : firstRow[Int($0)] })
    }

    /// Rows of `local` whose key appears in a selected row of `remote`.
    static func exists(
        in local: Table, key localKey: String, remote: Table, key remoteKey: String, where selection: Bitmap?,
        cancellation: Cancellation = .never
    ) throws -> Bitmap {
        let counts = try counts(in: local, key: localKey, remote: remote, key: remoteKey, where: selection, cancellation: cancellation)
        return Bitmap(count: counts.count, setWhere: { counts[$0] > 0 })
    }

    /// For each row of `local`, how many selected rows of `remote` share its key.
    static func counts(
        in local: Table, key localKey: String, remote: Table, key remoteKey: String, where selection: Bitmap?,
        cancellation: Cancellation = .never
    ) throws -> ContiguousArray<Int64> {
        let keys = try sharedCodes(local, localKey, remote, remoteKey, cancellation)
        var tally = [Int64](repeating: 0, count: keys.count)
        try cancellation.forEachChunk(of: keys.remote.count) { chunk in
            for row in chunk where keys.remote[row] >= 0 && (selection?.isSet(row) ?? true) { tally[Int(keys.remote[row])] += 1 }
        }
        try cancellation.check()
        return ContiguousArray(keys.local.map { $0 < 0 ? 0 : tally[Int($0)] })
    }

    /// Both key columns as codes in one space: equal keys share a code; a null key, or a local key
    /// no remote row has, is -1. Integer keys meet integer keys directly; anything else meets as text.
    private static func sharedCodes(
        _ local: Table, _ localKey: String, _ remote: Table, _ remoteKey: String, _ cancellation: Cancellation
    ) throws -> (local: [Int32], remote: [Int32], count: Int) {
        guard let lc = local.column(named: localKey) else { throw ExecutionError.missingColumn(local.name, localKey) }
        guard let rc = remote.column(named: remoteKey) else { throw ExecutionError.missingColumn(remote.name, remoteKey) }
        // Hashing a key per row is the slow part of a join on millions of rows: ask between chunks.
        func codes<K: Hashable>(_ remoteKeys: [K?], _ localKeys: [K?]) throws -> (local: [Int32], remote: [Int32], count: Int) {
            var index: [K: Int32] = [:]
            var remoteCodes = [Int32](repeating: -1, count: remoteKeys.count)
            try cancellation.forEachChunk(of: remoteKeys.count) { chunk in
                for row in chunk {
                    guard let key = remoteKeys[row] else { continue }
                    if let code = index[key] {
                        remoteCodes[row] = code
                    } else {
                        let code = Int32(index.count)
                        index[key] = code
                        remoteCodes[row] = code
                    }
                }
            }
            var localCodes = [Int32](repeating: -1, count: localKeys.count)
            try cancellation.forEachChunk(of: localKeys.count) { chunk in
                for row in chunk { localCodes[row] = localKeys[row].flatMap { index[$0] } ?? -1 }
            }
            return (localCodes, remoteCodes, index.count)
        }
        if case .int(let lv) = lc.data, case .int(let rv) = rc.data {
            return try codes(rv.indices.map { rc.isNull($0) ? nil : rv[$0] }, lv.indices.map { lc.isNull($0) ? nil : lv[$0] })
        }
        return try codes(try textKeys(rc, cancellation), try textKeys(lc, cancellation))
    }

    /// Keys of any type as text, so an integer key can meet a text key (`42` meets `"42"`, and a
    /// whole double `42.0` meets both, as spreadsheets export integer ids).
    private static func textKeys(_ column: Column, _ cancellation: Cancellation) throws -> [String?] {
        if case .text(let codes, let dictionary) = column.data {
            return codes.map { $0 < 0 ? nil : dictionary[Int($0)] }
        }
        var keys: [String?] = []
        keys.reserveCapacity(column.count)
        // Formatting a number per row is slow: ask between chunks.
        try cancellation.forEachChunk(of: column.count) { chunk in
            for row in chunk {
                switch column.value(at: row) {
                case .null: keys.append(nil)
                case .text(let s): keys.append(s)
                case .double(let d) where d == d.rounded() && Swift.abs(d) < 9e15: keys.append(String(Int64(d)))
                case let v: keys.append(v.description)
                }
            }
        }
        return keys
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
        case .constant(let value):
            // A constant reaches the rows that have a linked row; the others get null.
            guard rows.contains(-1) else { return v }
            switch value {
            case .null: return v
            case .int(let x): return .int(ContiguousArray(repeating: x, count: n), valid(nil))
            case .double(let x): return .double(ContiguousArray(repeating: x, count: n), valid(nil))
            case .bool(let x): return .bool(ContiguousArray(repeating: x, count: n), valid(nil))
            case .timestamp(let x), .date(let x): return .time(ContiguousArray(repeating: x, count: n), valid(nil))
            case .text(let s): return .text(ContiguousArray(rows.lazy.map { $0 < 0 ? -1 : 0 }), [s])
            }
        }
    }
}
