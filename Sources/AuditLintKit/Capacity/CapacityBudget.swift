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
        case .percentOfDisk(let percent): Int64((Double(diskSize) * percent / 100).rounded(.down))
        case .bytes(let bytes): bytes
        }
    }

    /// The budget as the user wrote it, e.g. `5%` or `20 GiB`.
    public var description: String {
        switch self {
        case .percentOfDisk(let percent):
            percent.rounded() == percent ? "\(Int(percent))%" : "\(percent)%"
        case .bytes(let bytes): Quantity.formatSize(bytes)
        }
    }
}

extension Quantity {
    /// Parses a budget: a percentage of the disk (`5%`, above 0 and at most 100) or a size.
    public static func parseBudget(_ text: String, option: String) throws -> CapacityBudget {
        let value = text.trimmingCharacters(in: .whitespaces)
        if value.hasSuffix("%") {
            guard let percent = decimal(value.dropLast()), percent > 0, percent <= 100 else {
                throw AuditLintError.invalidInput(
                    "\(option): invalid budget '\(text)'; give a percentage of the disk above 0 and "
                        + "at most 100 (e.g. 5%) or a size (e.g. 20G)")
            }
            return .percentOfDisk(percent)
        }
        guard let bytes = sizeValue(value) else {
            throw AuditLintError.invalidInput(
                "\(option): invalid budget '\(text)'; give a percentage of the disk (e.g. 5%) or a "
                    + "size (e.g. 20G)")
        }
        return .bytes(bytes)
    }
}
