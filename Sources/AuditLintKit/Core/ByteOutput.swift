/// Somewhere to write text bytes: an array, or a formatter's scratch buffer.
protocol ByteOutput {
    mutating func append(_ byte: UInt8)
    mutating func append(bytes: UnsafeRawBufferPointer)
    /// `%u` / `%llu`.
    mutating func append(decimal value: UInt64)
}

extension Array: ByteOutput where Element == UInt8 {
    mutating func append(bytes: UnsafeRawBufferPointer) { append(contentsOf: bytes) }
}

/// Appending numbers and text without creating `String`s.
extension ByteOutput {
    @inline(__always)
    mutating func append(ascii text: StaticString) {
        text.withUTF8Buffer { append(bytes: UnsafeRawBufferPointer($0)) }
    }

    @inline(__always)
    mutating func append(text: String) {
        var text = text
        text.withUTF8 { append(bytes: UnsafeRawBufferPointer($0)) }
    }

    mutating func append(byteArray bytes: [UInt8]) {
        bytes.withUnsafeBytes { append(bytes: $0) }
    }

    mutating func append(decimal value: UInt64) {
        if value < 10 {
            append(UInt8(truncatingIfNeeded: 48 &+ value))
            return
        }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var v = value
            var i = 20
            repeat {
                i -= 1
                digits[i] = UInt8(truncatingIfNeeded: 48 &+ v % 10)
                v /= 10
            } while v > 0
            append(bytes: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: digits[i...])))
        }
    }

    /// `%d` / `%lld`.
    mutating func append(signed value: Int64) {
        if value < 0 {
            append(UInt8(ascii: "-"))
            append(decimal: value.magnitude)
        } else {
            append(decimal: UInt64(value))
        }
    }
}
