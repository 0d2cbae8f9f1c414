package dev.lockscope.io;

import java.math.BigDecimal;

/** Writes nanoseconds as the shortest exact decimal count of milliseconds, the unit of every file time field. */
public final class Millis {
    private Millis() {}

    /** {@code 1_010_000_000} gives {@code "1010"}, {@code 500_000} gives {@code "0.5"}. */
    public static String format(long nanos) {
        return BigDecimal.valueOf(nanos, 6).stripTrailingZeros().toPlainString();
    }
}
