import ConsultFuzzEntries
import Foundation

/// libFuzzer's entry (built only by scripts/fuzz, with -sanitize=fuzzer): the entry named by
/// CONSULT_FUZZ_ENTRY gets every input.
let entry = ProcessInfo.processInfo.environment["CONSULT_FUZZ_ENTRY"] ?? "expression"

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzEntries.run(entry, UnsafeBufferPointer(start: data, count: size))
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func runDriver(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
               _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

/// SwiftPM links an executable's entry as `<product>_main`; this one hands over to libFuzzer.
@_cdecl("consult_fuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    var count = argc
    var arguments = argv
    return runDriver(&count, &arguments) { data, size in fuzzOne(data, size) }
}
