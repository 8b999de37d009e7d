import Foundation

/// How much disk the audit trails may use.
public enum CapacityBudget: Sendable, Hashable {
    /// A percentage of the disk size.
    case percentOfDisk(Double)
    /// A number of bytes.
    case bytes(Int64)

    /// The budget in bytes for a disk of `diskSize` bytes.
    public func bytes(diskSize: Int64) -> Int64 {
        switch self {
        case .percentOfDisk(let percent): Int64(saturating: (Double(diskSize) * percent / 100).rounded(.down))
        case .bytes(let bytes): bytes
        }
    }

    /// The budget as the user wrote it, e.g. `5%` or `20 GiB`.
    public var description: String {
        switch self {
        case .percentOfDisk(let percent):
            percent.rounded() == percent && abs(percent) < 1e15 ? "\(Int(percent))%" : "\(percent)%"
        case .bytes(let bytes): Quantity.formatSize(bytes)
        }
    }
}
