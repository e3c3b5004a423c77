import KPIRepl
import Testing

@testable import KPILineEditing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

private func plan(_ before: String, word: Int, _ candidates: [CompletionCandidate], pending: Bool = false) -> CompletionEdit {
    CompletionPlanner.edit(
        for: CompletionResult(wordLength: word, candidates: candidates),
        textBeforeCursor: Substring(before), inputPending: pending)
}

@Suite("Completion planning")
struct CompletionPlannerTests {
    @Test("a unique candidate inserts the rest of the word and a space")
    func unique() {
        #expect(plan("show pip", word: 3, ["pipeline_value"]) == .replace(deleting: 0, inserting: "eline_value "))
    }

    @Test("a unique candidate that continues (a directory) gets no space")
    func uniqueWithoutSpace() {
        #expect(
            plan("load da", word: 2, [CompletionCandidate("data/", appendsSpace: false)])
                == .replace(deleting: 0, inserting: "ta/"))
    }

    @Test("several candidates with a longer common prefix extend the word")
    func commonPrefix() {
        #expect(plan("wi", word: 2, ["win_rate", "win_count"]) == .replace(deleting: 0, inserting: "n_"))
    }

    @Test("several candidates with nothing more in common are listed")
    func tie() {
        #expect(plan("win_", word: 4, ["win_rate", "win_count"]) == .list(["win_rate", "win_count"]))
    }

    @Test("no candidates, or nothing left to add, beeps")
    func none() {
        #expect(plan("zz", word: 2, []) == .beep)
        #expect(plan("data/", word: 5, [CompletionCandidate("data/", appendsSpace: false)]) == .beep)
    }

    @Test("pending input (a paste) inserts a literal tab whatever the candidates")
    func paste() {
        #expect(plan("pip", word: 3, ["pipeline_value"], pending: true) == .insertLiteralTab)
    }

    @Test("a candidate not starting with the word replaces it, counting scalars for libedit")
    func replacement() {
        #expect(plan("sum(WÏN", word: 3, ["win_rate"]) == .replace(deleting: 3, inserting: "win_rate "))
    }

    @Test("duplicate candidates count once")
    func duplicates() {
        #expect(plan("le", word: 2, ["leads", "leads"]) == .replace(deleting: 0, inserting: "ads "))
    }

    @Test("multibyte words complete at the right place")
    func multibyte() {
        #expect(plan("Jos", word: 3, ["José_Müller"]) == .replace(deleting: 0, inserting: "é_Müller "))
        #expect(plan("Jo", word: 2, ["José", "Joséphine"]) == .replace(deleting: 0, inserting: "sé"))
    }
}

@Suite("Completion request")
struct CompletionRequestTests {
    @Test("the text before the cursor follows UTF-8 offsets and rounds down inside a character")
    func textBeforeCursor() {
        let line = "José Müller"
        #expect(CompletionRequest(line: line, cursorUTF8Offset: 5).textBeforeCursor == "José")
        #expect(CompletionRequest(line: line, cursorUTF8Offset: 4).textBeforeCursor == "Jos")  // inside é
        #expect(CompletionRequest(line: line, cursorUTF8Offset: 99).textBeforeCursor == line)
        #expect(CompletionRequest(line: line, cursorUTF8Offset: -3).textBeforeCursor == "")
    }

    @Test("the word before the cursor stops at the last delimiter")
    func word() {
        let request = CompletionRequest(line: "sum(win_ra, x)", cursorUTF8Offset: 10)
        #expect(request.wordBeforeCursor { " (,".contains($0) } == "win_ra")
        #expect(CompletionRequest(line: "", cursorUTF8Offset: 0).wordBeforeCursor { $0 == " " } == "")
    }
}

@Suite("Terminal text")
struct LineEditorTextTests {
    @Test("colour escapes in a prompt are bracketed as invisible, adjacent ones together")
    func invisible() {
        #expect(
            LineEditorText.markingInvisible("\u{1B}[1m\u{1B}[32mkpi>\u{1B}[0m ")
                == "\u{1}\u{1B}[1m\u{1B}[32m\u{1}kpi>\u{1}\u{1B}[0m\u{1} ")
        #expect(LineEditorText.markingInvisible("plain> ") == "plain> ")
        #expect(LineEditorText.markingInvisible("\u{1}x\u{1}> ") == "\u{1}x\u{1}> ")  // already marked
        #expect(LineEditorText.markingInvisible("\u{1B}]0;title\u{7}> ") == "\u{1}\u{1B}]0;title\u{7}\u{1}> ")
    }

    @Test("candidates are laid out in columns, top to bottom")
    func columns() {
        let items = ["a", "bb", "ccc", "d", "e"]
        #expect(LineEditorText.columns(items, width: 12) == "a    d\nbb   e\nccc\n")
        #expect(LineEditorText.columns(items, width: 1) == "a\nbb\nccc\nd\ne\n")
        #expect(LineEditorText.columns([], width: 80) == "")
    }

    @Test("a long list is cut with a count of the rest")
    func limit() {
        let out = LineEditorText.columns((1...10).map(String.init), width: 80, limit: 4)
        #expect(out.hasSuffix("… and 6 more\n"))
        #expect(!out.contains("5"))
    }

    @Test("wide characters count two columns")
    func width() {
        #expect(LineEditorText.displayWidth("José") == 4)
        #expect(LineEditorText.displayWidth("売上") == 4)
        #expect(LineEditorText.displayWidth("😀") == 2)
    }
}

@Suite("Interrupt monitor", .serialized)
struct InterruptMonitorTests {
    @Test("a requested interrupt is visible until taken, then gone")
    func flag() {
        InterruptMonitor.takeInterrupt()
        #expect(!InterruptMonitor.isInterruptRequested)
        InterruptMonitor.requestInterrupt()
        #expect(InterruptMonitor.isInterruptRequested)
        #expect(InterruptMonitor.takeInterrupt())
        #expect(!InterruptMonitor.takeInterrupt())
    }

    @Test("a real SIGINT sets the flag instead of ending the process while installed")
    func realSignal() throws {
        let wasInstalled = InterruptMonitor.isInstalled
        try InterruptMonitor.install()
        InterruptMonitor.takeInterrupt()
        #expect(InterruptMonitor.isInstalled)
        // Process-directed: test worker threads may block SIGINT, so raise() could stay pending.
        kill(getpid(), SIGINT)
        var waited = 0
        while !InterruptMonitor.isInterruptRequested, waited < 200 {
            usleep(5_000)
            waited += 1
        }
        #expect(InterruptMonitor.takeInterrupt())
        if !wasInstalled {
            try InterruptMonitor.uninstall()
            #expect(!InterruptMonitor.isInstalled)
        }
    }
}
