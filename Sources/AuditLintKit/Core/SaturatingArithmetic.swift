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

    /// The whole number nearest to `value` toward zero, clamped to the type's range;
    /// 0 for NaN. (`Int64(Double)` traps on NaN, infinities and values out of range.)
    @inlinable
    public init(saturating value: Double) {
        if value.isNaN {
            self = 0
        } else if value <= Double(Self.min) {
            self = .min
        } else if value >= Double(Self.max) {
            // Double(max) rounds up to 2^(bitWidth-1) for 64-bit types, which does not fit.
            self = .max
        } else {
            self = Self(value)
        }
    }
}

extension Sequence where Element: FixedWidthInteger {
    /// The sum of the elements, saturating at the type's bounds.
    @inlinable
    public func saturatingSum() -> Element {
        reduce(0) { $0.addingSaturating($1) }
    }
}
