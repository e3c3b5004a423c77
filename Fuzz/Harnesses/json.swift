// libFuzzer entry point of the json harness; the check is Fuzz/Checks/JSONFuzzCheck.swift.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    FuzzSupport.stopOnFindings(JSONFuzzCheck.check(Array(UnsafeBufferPointer(start: data, count: size))), target: "json")
    return 0
}
