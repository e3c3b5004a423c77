/// Statements as a person would write them: an `all` parameter's `true` left out of the text a
/// report prints.
extension RecipeSubstitution {
    /// `text` without the always-true conditions at `ranges` where dropping one keeps the meaning:
    ///
    /// | written | printed |
    /// |---|---|
    /// | `… where true during …`, `count(leads where true)` | `… during …`, `count(leads)` |
    /// | `… where x = 1 and true`, `… where true and x = 1` | `… where x = 1` |
    ///
    /// A `true` next to `or` or `not`, or in brackets of its own, stays: leaving it out would
    /// change what the statement says.
    static func readable(_ text: [UInt8], droppingAlwaysTrue ranges: [Range<Int>]) -> String {
        var bytes = text
        // Last first, so the earlier ranges stay valid.
        for range in ranges.sorted(by: { $0.lowerBound > $1.lowerBound }) {
            guard range.upperBound <= bytes.count else { continue }
            let before = word(endingAt: range.lowerBound, in: bytes)
            let after = word(startingAt: range.upperBound, in: bytes)
            if before?.word == "and" {
                // `x and true` → `x`: from the space before `and` to the end of `true`.
                bytes.removeSubrange(spaceStart(before: before!.range.lowerBound, in: bytes)..<range.upperBound)
            } else if after?.word == "and" {
                // `true and x` → `x`.
                bytes.removeSubrange(range.lowerBound..<spaceEnd(after: after!.range.upperBound, in: bytes))
            } else if before?.word == "where", after?.word != "or" {
                // `… where true` → `…`, before a clause, a bracket or the end.
                bytes.removeSubrange(spaceStart(before: before!.range.lowerBound, in: bytes)..<range.upperBound)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func isSpace(_ b: UInt8) -> Bool {
        b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") || b == UInt8(ascii: "\n") || b == UInt8(ascii: "\r")
    }

    /// The word (lower-cased) that ends just before `offset`, spaces skipped.
    private static func word(endingAt offset: Int, in bytes: [UInt8]) -> (word: String, range: Range<Int>)? {
        var end = offset
        while end > 0, isSpace(bytes[end - 1]) { end -= 1 }
        var start = end
        while start > 0, isNameByte(bytes[start - 1]) { start -= 1 }
        guard start < end else { return nil }
        return (String(decoding: bytes[start..<end], as: UTF8.self).lowercased(), start..<end)
    }

    /// The word (lower-cased) that starts just after `offset`, spaces skipped.
    private static func word(startingAt offset: Int, in bytes: [UInt8]) -> (word: String, range: Range<Int>)? {
        var start = offset
        while start < bytes.count, isSpace(bytes[start]) { start += 1 }
        var end = start
        while end < bytes.count, isNameByte(bytes[end]) { end += 1 }
        guard start < end else { return nil }
        return (String(decoding: bytes[start..<end], as: UTF8.self).lowercased(), start..<end)
    }

    private static func spaceStart(before offset: Int, in bytes: [UInt8]) -> Int {
        var k = offset
        while k > 0, isSpace(bytes[k - 1]) { k -= 1 }
        return k
    }

    private static func spaceEnd(after offset: Int, in bytes: [UInt8]) -> Int {
        var k = offset
        while k < bytes.count, isSpace(bytes[k]) { k += 1 }
        return k
    }
}
