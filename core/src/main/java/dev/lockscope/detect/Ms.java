package dev.lockscope.detect;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Formats virtual nanoseconds as milliseconds for reports: 1840 ms, 0.5 ms, 12.345 ms. */
final class Ms {
    private Ms() {}

    static String of(long ns) {
        return BigDecimal.valueOf(ns, 6).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString() + " ms";
    }
}
