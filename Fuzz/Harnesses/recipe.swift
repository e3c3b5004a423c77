// libFuzzer entry point of the recipe harness; the check is Fuzz/Checks/RecipeFuzzCheck.swift.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    FuzzSupport.stopOnFindings(RecipeFuzzCheck.check(Array(UnsafeBufferPointer(start: data, count: size))), target: "recipe")
    return 0
}
