import Foundation

/// `kpi-bench startup`: time from starting `kpi` on a pseudo-terminal to its first prompt.
///
/// Runs `script -qfec "exec KPI" /dev/null` (util-linux) so `kpi` sees a terminal, reads its
/// output until `kpi> ` appears, then sends Ctrl-D. The demo CRM is built before the prompt, so
/// this is the whole wait a user has before typing.
enum StartupBenchmark {
    static func run(_ arguments: [String]) -> Int32 {
        var binary = ".build/release/kpi"
        var runs = 10
        var index = 0
        while index < arguments.count {
            switch arguments[index] {
            case "--runs":
                index += 1
                runs = Int(arguments[safe: index] ?? "") ?? runs
            default: binary = arguments[index]
            }
            index += 1
        }
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            print("no kpi binary at \(binary); build it with: swift build -c release --product kpi")
            return 1
        }
        var times: [Double] = []
        for _ in 0..<(runs + 1) {
            guard let seconds = timeToPrompt(binary) else {
                print("kpi did not show its prompt within 10 s")
                return 1
            }
            times.append(seconds)
        }
        let measured = Array(times.dropFirst()).sorted()  // the first run warms the page cache
        let median = measured[measured.count / 2]
        print("start to prompt (\(binary), demo data, \(runs) runs after a warm-up)")
        print("median \(fixed(median * 1000, 1)) ms   min \(fixed(measured[0] * 1000, 1)) ms   max \(fixed(measured.last! * 1000, 1)) ms")
        return 0
    }

    private static func timeToPrompt(_ binary: String) -> Double? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qfec", "exec \(binary)", "/dev/null"]
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment["KPI_HISTORY"] = FileManager.default.temporaryDirectory.appendingPathComponent("kpi-bench-history").path
        process.environment = environment
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        let start = now()
        do { try process.run() } catch { return nil }
        var seen = Data()
        var elapsed: Double?
        let deadline = start + 10
        while now() < deadline {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen.append(chunk)
            if String(decoding: seen, as: UTF8.self).contains("kpi> ") {
                elapsed = now() - start
                break
            }
        }
        // Ctrl-D leaves; wait a moment for the terminal to be in raw mode first.
        usleep(50_000)
        input.fileHandleForWriting.write(Data([4]))
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        return elapsed
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
