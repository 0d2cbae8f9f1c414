package dev.lockscope.util;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Every way Lockscope writes a time: the one place that turns nanoseconds into milliseconds or seconds for
 * files, summaries, reports and views. Decimal arithmetic throughout, so 613 333 500 ns is 613.334 ms and not
 * whatever binary floating point would make of it.
 *
 * <ul>
 * <li>{@link #exact}: files (trace, scenario, CSV): the shortest exact decimal, {@code "1010"}, {@code "0.5"}.
 * <li>{@link #rounded}, {@link #meanOfNanos}, {@link #plain}: summary figures, to the microsecond.
 * <li>{@link #number}, {@link #label}: reports and settings, to the microsecond: {@code "1840"}, {@code "0.5 ms"}.
 * <li>{@link #figure}: a measured figure on a panel, at most four significant digits: {@code "229.6 ms"}.
 * <li>{@link #seconds}: an instant, {@code "12.345 s"}; {@link #duration}: a span with the unit that fits it,
 *     three significant digits, {@code "880 ms"}, {@code "12.3 µs"}.
 * </ul>
 */
public final class Millis {
    /** Summary milliseconds keep microsecond precision: three decimals. */
    public static final int SCALE = 3;

    private static final int NANOS_PER_MILLI_DIGITS = 6;

    private Millis() {}

    /** The shortest exact decimal count of milliseconds: {@code 1_010_000_000} gives {@code "1010"}. */
    public static String exact(long ns) {
        return BigDecimal.valueOf(ns, NANOS_PER_MILLI_DIGITS).stripTrailingZeros().toPlainString();
    }

    /** {@code ns / 1e6}, rounded half-up to 3 decimals. */
    public static double rounded(long ns) {
        return BigDecimal.valueOf(ns, NANOS_PER_MILLI_DIGITS).setScale(SCALE, RoundingMode.HALF_UP).doubleValue();
    }

    /** {@code sumNs / count / 1e6}, rounded half-up to 3 decimals; 0 when {@code count} is 0. */
    public static double meanOfNanos(BigInteger sumNs, long count) {
        if (count == 0) {
            return 0;
        }
        BigDecimal divisor = BigDecimal.valueOf(count).scaleByPowerOfTen(NANOS_PER_MILLI_DIGITS);
        return new BigDecimal(sumNs).divide(divisor, SCALE, RoundingMode.HALF_UP).doubleValue();
    }

    /** The shortest decimal for a millisecond figure, without exponent or trailing zeros: {@code 640}, {@code 613.333}. */
    public static BigDecimal plain(double ms) {
        BigDecimal d = BigDecimal.valueOf(ms).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0) : d;
    }

    /** Milliseconds to the microsecond (half-up), without trailing zeros: {@code "1840"}, {@code "0.5"}. */
    public static String number(long ns) {
        return BigDecimal.valueOf(ns, NANOS_PER_MILLI_DIGITS).setScale(SCALE, RoundingMode.HALF_UP)
                .stripTrailingZeros().toPlainString();
    }

    /** {@link #number} with its unit: {@code "1840 ms"}, {@code "0.5 ms"}, {@code "12.345 ms"}. */
    public static String label(long ns) {
        return number(ns) + " ms";
    }

    /** A measured figure for a panel: {@code "0 ms"}, {@code "229.6 ms"}, {@code "1,496 ms"}; NaN is {@code "–"}. */
    public static String figure(double ms) {
        if (Double.isNaN(ms)) {
            return "–";
        }
        if (ms == 0) {
            return "0 ms";
        }
        if (ms >= 1000) {
            return String.format(Locale.ROOT, "%,.0f ms", ms);
        }
        if (ms >= 100) {
            return String.format(Locale.ROOT, "%.1f ms", ms);
        }
        return String.format(Locale.ROOT, "%.2f ms", ms);
    }

    /** An instant of virtual time in seconds with millisecond precision: {@code "7.520 s"}. */
    public static String seconds(long ns) {
        return String.format(Locale.ROOT, "%.3f s", ns / 1e9);
    }

    /** A span with three significant digits and the unit that fits: {@code 1.76 s}, {@code 880 ms}, {@code 450 ns}. */
    public static String duration(long ns) {
        if (ns < 0) {
            return "-" + duration(-ns);
        }
        if (ns < 1_000) {
            return ns + " ns";
        }
        if (ns < 1_000_000) {
            return significant(ns / 1e3) + " µs";
        }
        if (ns < 1_000_000_000) {
            return significant(ns / 1e6) + " ms";
        }
        return significant(ns / 1e9) + " s";
    }

    private static String significant(double v) {
        String s;
        if (v >= 100) {
            s = String.format(Locale.ROOT, "%.0f", v);
        } else if (v >= 10) {
            s = String.format(Locale.ROOT, "%.1f", v);
        } else {
            s = String.format(Locale.ROOT, "%.2f", v);
        }
        if (s.contains(".")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s;
    }
}
