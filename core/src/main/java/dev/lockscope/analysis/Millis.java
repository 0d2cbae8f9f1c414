package dev.lockscope.analysis;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Converts virtual nanoseconds to the milliseconds that summaries report: rounded half-up to 3 decimals, that is
 * to the microsecond. The arithmetic is decimal so that, for example, 613 333 500 ns is 613.334 ms and not
 * whatever binary floating point would make of it.
 */
final class Millis {
    /** Milliseconds keep microsecond precision: three decimals. */
    static final int SCALE = 3;

    private static final int NANOS_PER_MILLI_DIGITS = 6;

    private Millis() {}

    /** {@code ns / 1e6}, rounded half-up to 3 decimals. */
    static double ofNanos(long ns) {
        return BigDecimal.valueOf(ns, NANOS_PER_MILLI_DIGITS).setScale(SCALE, RoundingMode.HALF_UP).doubleValue();
    }

    /** {@code sumNs / count / 1e6}, rounded half-up to 3 decimals; 0 when {@code count} is 0. */
    static double meanOfNanos(BigInteger sumNs, long count) {
        if (count == 0) {
            return 0;
        }
        BigDecimal divisor = BigDecimal.valueOf(count).scaleByPowerOfTen(NANOS_PER_MILLI_DIGITS);
        return new BigDecimal(sumNs).divide(divisor, SCALE, RoundingMode.HALF_UP).doubleValue();
    }

    /**
     * The shortest decimal for a millisecond value, without exponent or trailing zeros: {@code 640}, not
     * {@code 640.0} or {@code 6.4E+2}; {@code 613.333}.
     */
    static BigDecimal plain(double ms) {
        BigDecimal d = BigDecimal.valueOf(ms).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0) : d;
    }
}
