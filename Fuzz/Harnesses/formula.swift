// libFuzzer entry point of the formula harness; the check is Fuzz/Checks/FormulaFuzzCheck.swift.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    FuzzSupport.stopOnFindings(FormulaFuzzCheck.check(Array(UnsafeBufferPointer(start: data, count: size))), target: "formula")
    return 0
}
