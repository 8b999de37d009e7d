/// Saturating arithmetic for numbers a user or a file supplies: a result that would
/// overflow sticks at the type's bound instead of trapping.
///
/// Use these where a bound is a meaningful answer (a total of bytes that is "more than can
/// be counted", a record index past any horizon); where it is not, check the input and
/// throw a typed error instead.
extension FixedWidthInteger {
    /// `self + other`, or the nearest bound when the sum does not fit.
    @inlinable
    public func addingSaturating(_ other: Self) -> Self {
        let (sum, overflow) = addingReportingOverflow(other)
        guard overflow else { return sum }
        return other > 0 ? .max : .min
    }

    /// `self - other`, or the nearest bound when the difference does not fit.
    @inlinable
    public func subtractingSaturating(_ other: Self) -> Self {
        let (difference, overflow) = subtractingReportingOverflow(other)
        guard overflow else { return difference }
        return other > 0 ? .min : .max
    }

    /// `self × other`, or the nearest bound when the product does not fit.
    @inlinable
    public func multipliedSaturating(by other: Self) -> Self {
        let (product, overflow) = multipliedReportingOverflow(by: other)
        guard overflow else { return product }
        return (self < 0) != (other < 0) ? .min : .max
    }
}

// The conversions from Double are written per type: the generic `init(_: some
// BinaryFloatingPoint)` of FixedWidthInteger is many times slower than the concrete one, and
// the capacity model converts in its innermost loop.
extension Int64 {
    /// The whole number nearest to `value` toward zero, clamped to Int64's range; 0 for
    /// NaN. (`Int64(Double)` traps on NaN, infinities and values out of range.)
    @inlinable @inline(__always)
    public init(saturating value: Double) {
        // 2^63 is the first Double past Int64.max; -2^63 is Int64.min exactly.
        if value.isNaN {
            self = 0
        } else if value >= 9_223_372_036_854_775_808.0 {
            self = .max
        } else if value <= -9_223_372_036_854_775_808.0 {
            self = .min
        } else {
            self = Int64(value)
        }
    }
}

extension Int {
    /// ``Swift/Int64/init(saturating:)`` for Int.
    @inlinable
    public init(saturating value: Double) {
        self = Int(truncatingIfNeeded: Int64(saturating: value))
    }
}

extension Sequence where Element: FixedWidthInteger {
    /// The sum of the elements, saturating at the type's bounds.
    @inlinable
    public func saturatingSum() -> Element {
        reduce(0) { $0.addingSaturating($1) }
    }
}
