// libFuzzer entry point of the mapping harness; the check is Fuzz/Checks/MappingFuzzCheck.swift.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    FuzzSupport.stopOnFindings(MappingFuzzCheck.check(Array(UnsafeBufferPointer(start: data, count: size))), target: "mapping")
    return 0
}
