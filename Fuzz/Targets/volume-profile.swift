// A volume profile (`estimate --save-profile`) read back as `estimate --profile`, `report`
// and `tune` read it: from a file, so the size limit and the validation run too.
import AuditLintKit
import Foundation

// On tmpfs where there is one: rewriting a file on ext4 costs a flush an input. One name a
// user, so that runs (libFuzzer ends them without running exit handlers) leave one file.
let path =
    (access("/dev/shm", W_OK) == 0 ? "/dev/shm" : NSTemporaryDirectory()) + "/auditlint-fuzz-\(getuid())-profile.json"

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    withInput(data, size) { bytes in
        guard let file = fopen(path, "w"), fwrite(bytes, 1, bytes.count, file) == bytes.count, fclose(file) == 0 else {
            fatalError("cannot write \(path)")
        }
        if let profile = try? VolumeProfile.read(path: path) { _ = try? profile.jsonData() }
    }
}
