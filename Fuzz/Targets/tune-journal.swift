// A tuning journal as `tune next`, `tune status` and `tune diff` read it; a journal that
// reads must write back.
import AuditLintKit
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    withInput(data, size) { bytes in
        if let journal = try? TuningJournal.decode(Data(bytes), path: "journal.json") {
            check((try? journal.jsonData()) != nil, "a journal that reads does not write")
        }
    }
}
