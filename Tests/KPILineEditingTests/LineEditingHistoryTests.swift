import Foundation
import KPICore
import KPIRepl
import Testing

@testable import KPILineEditing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite("History location")
struct HistoryLocationTests {
    @Test("KPI_HISTORY wins over everything else")
    func explicitOverride() throws {
        let env = ["KPI_HISTORY": "/tmp/h/kpi.hist", "XDG_STATE_HOME": "/state", "HOME": "/home/u"]
        #expect(try HistoryStore.defaultPath(environment: env) == "/tmp/h/kpi.hist")
    }

    @Test("a leading ~/ in KPI_HISTORY means HOME")
    func tildeExpansion() throws {
        #expect(try HistoryStore.defaultPath(environment: ["KPI_HISTORY": "~/h", "HOME": "/home/u"]) == "/home/u/h")
    }

    @Test("XDG_STATE_HOME is used when absolute")
    func xdgState() throws {
        let env = ["XDG_STATE_HOME": "/state/", "HOME": "/home/u"]
        #expect(try HistoryStore.defaultPath(environment: env) == "/state/kpikit/history")
    }

    @Test("a relative XDG_STATE_HOME is ignored, as the XDG spec requires")
    func relativeXDGIgnored() throws {
        let env = ["XDG_STATE_HOME": "state", "HOME": "/home/u", "KPI_HISTORY": ""]
        #expect(try HistoryStore.defaultPath(environment: env) == "/home/u/.local/state/kpikit/history")
    }

    @Test("without any usable variable the location is an error with a stable id")
    func noLocation() {
        #expect {
            try HistoryStore.defaultPath(environment: ["HOME": ""])
        } throws: { ($0 as? DataError)?.id == "history.no-location" }
    }
}

@Suite("History store")
struct HistoryStoreTests {
    @Test("opening creates the directories 0700 and the first entry writes a 0600 file")
    func createsDirectoriesAndFile() throws {
        let folder = try TemporaryDirectory("kpi-lineedit")
        defer { withExtendedLifetime(folder) {} }
        let root = folder.url.path
        var store = try HistoryStore.open(environment: ["XDG_STATE_HOME": root + "/state"])
        #expect(store.path == root + "/state/kpikit/history")
        #expect(store.entries.isEmpty)
        #expect(try store.add("win_rate"))

        var info = stat()
        #expect(stat(root + "/state/kpikit", &info) == 0)
        #expect(info.st_mode & 0o777 == 0o700)
        #expect(stat(store.path, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o600)
    }

    @Test("consecutive duplicates, blanks and NUL-containing statements are not recorded")
    func dedupe() throws {
        let folder = try TemporaryDirectory("kpi-lineedit")
        defer { withExtendedLifetime(folder) {} }
        let root = folder.url.path
        var store = try HistoryStore(path: root + "/h")
        #expect(try store.add("a"))
        #expect(try !store.add("a"))
        #expect(try !store.add("a  \n"))  // trailing whitespace is trimmed first
        #expect(try store.add("b"))
        #expect(try store.add("a"))
        #expect(try !store.add("   "))
        #expect(try !store.add("x\0y"))
        #expect(store.entries == ["a", "b", "a"])
        #expect(try HistoryStore(path: root + "/h").entries == ["a", "b", "a"])
    }

    @Test("the oldest entries fall off beyond the capacity, also on disk")
    func capacity() throws {
        let folder = try TemporaryDirectory("kpi-lineedit")
        defer { withExtendedLifetime(folder) {} }
        let root = folder.url.path
        var store = try HistoryStore(path: root + "/h", capacity: 3)
        for statement in ["one", "two", "three", "four", "five"] { try store.add(statement) }
        #expect(store.entries == ["three", "four", "five"])
        #expect(try HistoryStore(path: root + "/h", capacity: 3).entries == ["three", "four", "five"])
        #expect(try HistoryStore(path: root + "/h", capacity: 2).entries == ["four", "five"])
    }

    @Test("multi-line and special-character entries survive a libedit save and load intact")
    func multiLineRoundTrip() throws {
        let folder = try TemporaryDirectory("kpi-lineedit")
        defer { withExtendedLifetime(folder) {} }
        let root = folder.url.path
        let statements = [
            "sum(amount,\n    where: stage == \"won\")",
            "x = 1\n\ny = 2\r\nz",
            "tab\there and a backslash \\ and \\012 literally",
            "José Müller 😀 €",
            "  leading spaces kept",
        ]
        var store = try HistoryStore(path: root + "/h")
        for statement in statements { try store.add(statement) }

        let text = try String(contentsOfFile: root + "/h", encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "_HiStOrY_V2_")
        #expect(lines.count == statements.count + 2)  // header, one line per entry, final newline
        #expect(try HistoryStore(path: root + "/h").entries == statements)
    }

    @Test("saving leaves no temporary files behind")
    func noTempFiles() throws {
        let folder = try TemporaryDirectory("kpi-lineedit")
        defer { withExtendedLifetime(folder) {} }
        let root = folder.url.path
        var store = try HistoryStore(path: root + "/h")
        for index in 0..<20 { try store.add("statement \(index)") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: root) == ["h"])
    }

    @Test("a file that is not a libedit history is reported and left untouched")
    func foreignFile() throws {
        let folder = try TemporaryDirectory("kpi-lineedit")
        defer { withExtendedLifetime(folder) {} }
        let root = folder.url.path
        let foreign = "select 1;\nselect 2;\n"
        try foreign.write(toFile: root + "/h", atomically: false, encoding: .utf8)
        #expect {
            try HistoryStore(path: root + "/h")
        } throws: { ($0 as? DataError)?.id == "history.unreadable" }
        #expect(try String(contentsOfFile: root + "/h", encoding: .utf8) == foreign)
    }

    @Test("a failed save throws history.save-failed and keeps the entry in memory")
    func saveFailure() throws {
        let folder = try TemporaryDirectory("kpi-lineedit")
        defer { withExtendedLifetime(folder) {} }
        let root = folder.url.path
        try "not a directory".write(toFile: root + "/file", atomically: false, encoding: .utf8)
        var store = try HistoryStore(path: root + "/file/h")  // parent is a regular file
        #expect {
            try store.add("lost?")
        } throws: { ($0 as? DataError)?.id == "history.save-failed" }
        #expect(store.entries == ["lost?"])
    }

    @Test("entries are addressable by 1-based number, clamped to what exists")
    func numberedEntries() throws {
        let folder = try TemporaryDirectory("kpi-lineedit")
        defer { withExtendedLifetime(folder) {} }
        let root = folder.url.path
        var store = try HistoryStore(path: root + "/h")
        for statement in ["a", "b", "c", "d"] { try store.add(statement) }
        #expect(Array(store.entries(numbered: 2...3)) == ["b", "c"])
        #expect(Array(store.entries(numbered: 0...9)) == ["a", "b", "c", "d"])
        #expect(store.entries(numbered: 7...9).isEmpty)
    }
}

@Suite("Prefix history recall")
struct PrefixHistoryNavigatorTests {
    private let entries = ["win_rate", "lead_count", "alpha gammadw", "win_count", "sum(a,\nb)"]

    @Test("Up visits only entries starting with the text before the cursor, newest first")
    func olderByPrefix() {
        var recall = PrefixHistoryNavigator(entries: entries, capacity: 100)
        #expect(recall.older(line: "w", textBeforeCursor: "w") == "win_count")
        #expect(recall.older(line: "win_count", textBeforeCursor: "win_count") == "win_rate")
        #expect(recall.older(line: "win_rate", textBeforeCursor: "win_rate") == nil)  // substring matches are skipped
    }

    @Test("Down walks back and finally restores what the user typed")
    func newerRestoresOriginal() {
        var recall = PrefixHistoryNavigator(entries: entries, capacity: 100)
        _ = recall.older(line: "wi", textBeforeCursor: "wi")
        _ = recall.older(line: "win_count", textBeforeCursor: "")
        #expect(recall.newer(line: "win_rate") == "win_count")
        #expect(recall.newer(line: "win_count") == "wi")
        #expect(recall.newer(line: "wi") == nil)
    }

    @Test("an empty line walks the whole history, multi-line entries included")
    func emptyPrefix() {
        var recall = PrefixHistoryNavigator(entries: entries, capacity: 100)
        #expect(recall.older(line: "", textBeforeCursor: "") == "sum(a,\nb)")
        #expect(recall.older(line: "sum(a,\nb)", textBeforeCursor: "sum(a,\nb)") == "win_count")
    }

    @Test("editing the recalled line starts a new search with the new prefix")
    func editingRestarts() {
        var recall = PrefixHistoryNavigator(entries: entries, capacity: 100)
        #expect(recall.older(line: "w", textBeforeCursor: "w") == "win_count")
        #expect(recall.older(line: "l", textBeforeCursor: "l") == "lead_count")
        #expect(recall.newer(line: "lead_count!") == nil)
    }

    @Test("the prefix ends at the cursor, not at the end of the line")
    func prefixAtCursor() {
        var recall = PrefixHistoryNavigator(entries: entries, capacity: 100)
        #expect(recall.older(line: "lead_xyz", textBeforeCursor: "lead_") == "lead_count")
    }

    @Test("recording drops a repeat of the newest entry, caps the size, and ends the walk")
    func record() {
        var recall = PrefixHistoryNavigator(entries: ["a", "b"], capacity: 3)
        _ = recall.older(line: "", textBeforeCursor: "")
        recall.record("b")
        recall.record("c")
        recall.record("d")
        #expect(recall.entries == ["b", "c", "d"])
        #expect(recall.newer(line: "b") == nil)
    }
}
