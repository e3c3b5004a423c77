// libFuzzer entry point of the csv harness; the check is Fuzz/Checks/CSVFuzzCheck.swift.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    FuzzSupport.stopOnFindings(CSVFuzzCheck.check(Array(UnsafeBufferPointer(start: data, count: size))), target: "csv")
    return 0
}
