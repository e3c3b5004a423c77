// Shared by every harness and by the replay tests (docs/fuzzing.md): each check takes one input's
// bytes and returns the promises it broke, in words; a trap is a finding by itself. SwiftPM builds
// this folder as the KPIFuzzChecks target; scripts/fuzz compiles the files into each harness.
import Foundation
import KPICore

/// What one input broke, besides trapping: empty when every promise held.
package typealias FuzzFindings = [String]

/// Helpers the checks share.
package enum FuzzSupport {
    /// The input as text the way the readers of text files see it: invalid UTF-8 becomes U+FFFD.
    package static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    /// What is wrong with where `error` points, if anything: a `file:line:column` must lie inside
    /// the input (lines from 1 to one past the last line break, columns from 1 to one past the
    /// last byte) and the message must say something.
    package static func misplaced(_ error: DataError, in bytes: [UInt8], what: String) -> String? {
        let breaks = bytes.reduce(0) { $0 + ($1 == 0x0A || $1 == 0x0D ? 1 : 0) }
        if error.message.isEmpty { return "\(what): error \(error.id) has no message" }
        if !error.description.contains("error[\(error.id)]") { return "\(what): '\(error.description)' does not name its id" }
        if let line = error.location.line, line < 1 || line > breaks + 1 {
            return "\(what): \(error) points at line \(line) of an input with \(breaks + 1) lines"
        }
        if let column = error.location.column, column < 1 || column > bytes.count + 1 {
            return "\(what): \(error) points at column \(column) of an input of \(bytes.count) bytes"
        }
        return nil
    }

    /// The first way two tables differ — names, types, cells (doubles by bit pattern, so `-0` and
    /// `0` differ), dictionaries — or `nil` when they hold the same data. Origins are not compared.
    package static func firstDifference(_ a: Table, _ b: Table) -> String? {
        if a.columnNames != b.columnNames { return "columns \(a.columnNames) ≠ \(b.columnNames)" }
        if a.rowCount != b.rowCount { return "\(a.rowCount) rows ≠ \(b.rowCount) rows" }
        for (x, y) in zip(a.columns, b.columns) {
            if x.type != y.type { return "column '\(x.name)': \(x.type) ≠ \(y.type)" }
            if x.dictionary != y.dictionary { return "column '\(x.name)': dictionary \(x.dictionary) ≠ \(y.dictionary)" }
            for row in 0..<a.rowCount where !same(x.value(at: row), y.value(at: row)) {
                return "column '\(x.name)' row \(row): \(x.value(at: row)) ≠ \(y.value(at: row))"
            }
        }
        return nil
    }

    /// The first way the origins of two readings of one file differ: what a reader records about
    /// the file (lines of rows, skipped rows, recorded cells, encoding, layout).
    package static func firstDifference(_ a: TableOrigin?, _ b: TableOrigin?, rows: Int) -> String? {
        guard let a, let b else { return a == nil && b == nil ? nil : "one reading has an origin, the other none" }
        if a.encoding != b.encoding || a.encodingDetected != b.encodingDetected {
            return "encoding \(String(describing: a.encoding)) ≠ \(String(describing: b.encoding))"
        }
        if a.delimiter != b.delimiter { return "delimiter \(String(describing: a.delimiter)) ≠ \(String(describing: b.delimiter))" }
        if a.lineEnding != b.lineEnding { return "line ending \(String(describing: a.lineEnding)) ≠ \(String(describing: b.lineEnding))" }
        if a.headerLine != b.headerLine { return "header line \(String(describing: a.headerLine)) ≠ \(String(describing: b.headerLine))" }
        if a.columnNames != b.columnNames { return "origin columns \(a.columnNames) ≠ \(b.columnNames)" }
        for row in 0..<rows where a.line(ofRow: row) != b.line(ofRow: row) {
            return "row \(row) on line \(String(describing: a.line(ofRow: row))) ≠ \(String(describing: b.line(ofRow: row)))"
        }
        if a.skippedRows != b.skippedRows { return "skipped rows \(a.skippedRows) ≠ \(b.skippedRows)" }
        if a.blankLineCount != b.blankLineCount { return "\(a.blankLineCount) blank lines ≠ \(b.blankLineCount)" }
        if a.cellIssues != b.cellIssues {
            let first = zip(a.cellIssues, b.cellIssues).first { $0 != $1 }.map { "\($0) ≠ \($1)" }
            return "recorded cells differ (\(a.cellIssues.count) ≠ \(b.cellIssues.count))" + (first.map { ": " + $0 } ?? "")
        }
        return nil
    }

    /// Values compared as stored: doubles by bit pattern (NaN equals itself, `-0` is not `0`).
    package static func same(_ a: Value, _ b: Value) -> Bool {
        if case .double(let x) = a, case .double(let y) = b { return x.bitPattern == y.bitPattern }
        return a == b
    }

    /// Stops the fuzzer on a broken promise, with the findings where libFuzzer's log shows them.
    package static func stopOnFindings(_ findings: FuzzFindings, target: String) {
        guard !findings.isEmpty else { return }
        fatalError("FUZZ ORACLE (\(target)): " + findings.joined(separator: "\n  "))
    }
}

/// The corpus files the ordinary test suite replays: the seeds and `regressions/` of a target.
/// `pending/` holds inputs that still break code another change fixes; they are replayed once
/// that fix lands and the file moves to `regressions/`.
package enum FuzzCorpus {
    /// Fuzz/corpus, found from this file's place in the repository (no copy as a resource, so
    /// a file dropped into the corpus is replayed without touching Package.swift).
    package static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("corpus")

    /// The names of `target`'s replayed files, relative to its corpus folder, sorted.
    package static func files(_ target: String) -> [String] {
        let folder = root.appendingPathComponent(target)
        var names: [String] = []
        for sub in ["", "regressions"] {
            let directory = sub.isEmpty ? folder : folder.appendingPathComponent(sub)
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            for entry in entries where !entry.hasPrefix(".") {
                var isDirectory: ObjCBool = false
                let path = directory.appendingPathComponent(entry).path
                if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                    names.append(sub.isEmpty ? entry : "\(sub)/\(entry)")
                }
            }
        }
        return names.sorted()
    }

    /// The bytes of one corpus file of `target`.
    package static func bytes(_ target: String, _ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: root.appendingPathComponent(target).appendingPathComponent(name)))
    }
}
