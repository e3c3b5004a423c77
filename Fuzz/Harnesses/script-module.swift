// libFuzzer entry point of the script-module harness; the check is Fuzz/Checks/ScriptModuleFuzzCheck.swift.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    FuzzSupport.stopOnFindings(ScriptModuleFuzzCheck.check(Array(UnsafeBufferPointer(start: data, count: size))), target: "script-module")
    return 0
}
