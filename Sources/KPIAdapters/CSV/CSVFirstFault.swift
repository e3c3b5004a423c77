/// The fault that stops a parse: the first one in the file, whichever way the body was read.
///
/// Faults are met in a different order than they sit in the file: a chunk converts a block of
/// records column by column after scanning it, so a bad cell in an early column of a late record
/// is met before one in a late column of an early record; a structural fault stops a block before
/// its earlier records' text is checked; and text in a column first typed as numbers is checked
/// only when the column is rescanned, after every chunk was parsed. Where the chunks are cut
/// changes all of this, so a file with two faults reported one or the other depending on its
/// size. Once any fault is known, one pass from the body's start finds the first by offset.
enum CSVFirstFault {
    /// The first fault of the records starting in `[start, end)`: a quoting or ragged-row fault
    /// from the scanner, or a cell that is not UTF-8 (unless such cells are recorded).
    static func find(_ scanner: CSVScanner, from start: Int, to end: Int, columnCount: Int, recordsInvalidText: Bool) -> CSVFault? {
        let block = CSVFieldBlock(columnCount: columnCount, bytes: max(0, end - start))
        var position = start
        while true {
            var first: CSVFault?
            do {
                position = try scanner.scanRecords(from: position, limit: end, into: block)
            } catch {
                first = error
            }
            // Records before a structural fault come before it: their cells are checked too.
            if !recordsInvalidText, let bad = firstInvalidText(block, scanner: scanner), first.map({ bad.offset < $0.offset }) ?? true {
                first = bad
            }
            if first != nil || block.rowCount == 0 { return first }
        }
    }

    /// The first cell of `block`, in file order, that is not valid UTF-8, as the fault a column
    /// builder raises for it.
    private static func firstInvalidText(_ block: CSVFieldBlock, scanner: CSVScanner) -> CSVFault? {
        let n = block.columnCount
        for cell in 0..<(block.rowCount * n) {
            let start = block.starts[cell]
            let end = block.ends[cell]
            // Unescaping drops one of two quotes, so a run of bytes is valid exactly when its escaped form is.
            guard start < end, CSVTextDictionary.makeString(scanner.p + start, end - start) == nil else { continue }
            return CSVFault(kind: .invalidUTF8, offset: block.flags[cell] == 0 ? start : start - 1, field: cell % n)
        }
        return nil
    }
}
