extension ColumnCoercion {
    /// A text column read as booleans: `true/false`, `yes/no`, `y/n`, `1/0`, any case.
    static func booleans(_ entries: TextEntries, context: CoercionContext) -> CoercionOutcome {
        var readings = EntryReadings<Bool>(count: entries.dictionary.count, placeholder: false)
        // Rows per spelling family: true/false, yes/no, y/n, 1/0.
        var families = [0, 0, 0, 0]
        // 0: blank or a null word, 1: false, 2: true, 3: not a truth value.
        var values = [UInt8](repeating: 0, count: entries.dictionary.count)
        var scan = EntryScan(entries, nullWords: context.nullWords)
        scan.forEachValue(into: &readings) { i, c in
            guard let (value, family) = BooleanWords.read(c) else {
                values[i] = 3
                return
            }
            values[i] = value ? 2 : 1
            families[family] += entries.weights[i]
        }
        for i in values.indices where values[i] != 0 {
            if values[i] == 3 {
                readings.setIssue(i, "not a truth value (true/false, yes/no, y/n, 1/0)")
            } else {
                readings.set(i, value: values[i] == 2)
            }
        }
        let (column, issues) = readings.assemble(entries, placeholder: false, kind: .notABoolean) { .bool($0) }
        var family = 0
        for f in families.indices where families[f] > families[family] { family = f }
        let format = families[family] == 0 || family == 0 ? nil : ["true/false", "yes/no", "y/n", "1/0"][family]
        return CoercionOutcome(column: column, format: format, issues: issues)
    }
}

/// The words read as truth values.
enum BooleanWords {
    /// The value of the trimmed bytes under `c`, and its family (0 true/false, 1 yes/no, 2 y/n,
    /// 3 1/0); `nil` if they are not a truth value.
    static func read(_ c: ByteCursor) -> (Bool, Int)? {
        let n = c.end - c.index
        switch n {
        case 1:
            switch c.peek() | 0x20 {
            case 121: return (true, 2)  // y
            case 110: return (false, 2)  // n
            default: break
            }
            switch c.peek() {
            case 49: return (true, 3)
            case 48: return (false, 3)
            default: return nil
            }
        case 2: return c.spells("no", start: c.index, count: 2) ? (false, 1) : nil
        case 3: return c.spells("yes", start: c.index, count: 3) ? (true, 1) : nil
        case 4: return c.spells("true", start: c.index, count: 4) ? (true, 0) : nil
        case 5: return c.spells("false", start: c.index, count: 5) ? (false, 0) : nil
        default: return nil
        }
    }

    /// Whether the family is one inference accepts (not 1/0, which is as likely a count).
    static func isWord(_ family: Int) -> Bool { family < 3 }
}
