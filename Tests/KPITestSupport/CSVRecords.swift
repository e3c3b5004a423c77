/// A small RFC 4180 reader for checking CSV output: quoted fields, doubled quotes, line breaks
/// inside quotes. Independent of the CSV adapter, so it can judge what the tool writes.
public enum CSVRecords {
    /// A quote where RFC 4180 allows none, or one never closed.
    public struct Malformed: Error, CustomStringConvertible {
        /// What is wrong, with the whole text.
        public var description: String
    }

    /// The records of `text`; one final line break ends the last record rather than starting
    /// an empty one.
    public static func records(_ text: String) throws -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false
        var chars = Array(text.hasSuffix("\n") ? String(text.dropLast()) : text)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" {
                        field.append("\"")
                        chars.removeFirst()
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(c)
                }
            } else if c == "\"" {
                guard field.isEmpty else { throw Malformed(description: "a quote inside an unquoted field: \(text)") }
                quoted = true
            } else if c == "," {
                record.append(field)
                field = ""
            } else if c == "\n" {
                record.append(field)
                records.append(record)
                (record, field) = ([], "")
            } else {
                field.append(c)
            }
        }
        guard !quoted else { throw Malformed(description: "an unterminated quote: \(text)") }
        record.append(field)
        records.append(record)
        return records
    }
}
