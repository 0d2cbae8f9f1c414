package dev.lockscope.io;

import dev.lockscope.util.Millis;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed, checked access to the fields of one {@link JsonValue.Obj} at a known field path. Every getter either
 * returns a valid value or throws an {@link InputException} naming the source, the line, the full field path
 * ({@code members[1].latencyMs}) and what was expected, so callers never format messages themselves.
 *
 * <p>Times in files are milliseconds; {@link #nanos} converts them exactly (ns = ms * 1,000,000), refusing
 * anything that is not a whole number of nanoseconds.
 */
public final class JsonFields {
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    /** A decimal number as Java and JSON write it (with or without a fraction, exponent and sign). */
    private static final Pattern DECIMAL = Pattern.compile("([+-]?(?:\\d+\\.?\\d*|\\.\\d+))(?:[eE]([+-]?\\d+))?");

    private final String source;
    private final String path;
    private final JsonValue.Obj object;

    private JsonFields(String source, String path, JsonValue.Obj object) {
        this.source = source;
        this.path = path;
        this.object = object;
    }

    /** The fields of {@code value}, which must be an object; {@code path} is where it sits ("" for the root). */
    public static JsonFields of(String source, String path, JsonValue value) throws InputException {
        if (!(value instanceof JsonValue.Obj obj)) {
            throw new InputException(source, value.line(), path, "expected an object, got " + value.describe());
        }
        return new JsonFields(source, path, obj);
    }

    public String source() {
        return source;
    }

    /** The path of this object; "" for the root. */
    public String path() {
        return path;
    }

    /** The line the object starts on. */
    public int line() {
        return object.line();
    }

    /** The path of field {@code name} of this object. */
    public String pathOf(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    public boolean has(String name) {
        return object.fields().containsKey(name);
    }

    /** Field names in file order. */
    public Collection<String> names() {
        return object.fields().keySet();
    }

    /** Fails on the first field whose name is not in {@code allowed}. */
    public void allowOnly(List<String> allowed) throws InputException {
        for (String name : object.fields().keySet()) {
            if (!allowed.contains(name)) {
                throw failAt(name, "unknown field " + Quote.of(name) + " (expected one of "
                        + String.join(", ", allowed) + ")");
            }
        }
    }

    /** An error about field {@code name} (at its line, or the object's line when it is absent). */
    public InputException failAt(String name, String problem) {
        JsonValue v = object.fields().get(name);
        return new InputException(source, v == null ? object.line() : v.line(), pathOf(name), problem);
    }

    /** An error about this object as a whole. */
    public InputException fail(String problem) {
        return new InputException(source, object.line(), path, problem);
    }

    private JsonValue required(String name) throws InputException {
        JsonValue v = object.fields().get(name);
        if (v == null) {
            throw fail("missing required field " + Quote.of(name));
        }
        return v;
    }

    /** A required string field. */
    public String string(String name) throws InputException {
        JsonValue v = required(name);
        if (v instanceof JsonValue.Str s) {
            return s.value();
        }
        throw failAt(name, "expected a string, got " + v.describe());
    }

    /** A required non-empty string field. */
    public String nonEmptyString(String name) throws InputException {
        String s = string(name);
        if (s.isBlank()) {
            throw failAt(name, "expected a non-empty string, got " + Quote.of(s));
        }
        return s;
    }

    /** One of {@code values}, by id; {@code fallback} when absent. */
    public <E> E choice(String name, E fallback, List<E> values, Function<E, String> id) throws InputException {
        if (!has(name)) {
            return fallback;
        }
        JsonValue v = object.fields().get(name);
        if (v instanceof JsonValue.Str s) {
            for (E e : values) {
                if (id.apply(e).equals(s.value())) {
                    return e;
                }
            }
        }
        List<String> ids = new ArrayList<>();
        values.forEach(e -> ids.add(id.apply(e)));
        throw failAt(name, "expected one of " + String.join(", ", ids) + ", got " + v.describe());
    }

    /** A boolean; {@code fallback} when absent. */
    public boolean bool(String name, boolean fallback) throws InputException {
        if (!has(name)) {
            return fallback;
        }
        JsonValue v = object.fields().get(name);
        if (v instanceof JsonValue.Bool b) {
            return b.value();
        }
        throw failAt(name, "expected true or false, got " + v.describe());
    }

    /** An integer in [{@code min}, Long.MAX_VALUE]; {@code fallback} when absent. */
    public long integer(String name, long fallback, long min) throws InputException {
        if (!has(name)) {
            return fallback;
        }
        JsonValue v = object.fields().get(name);
        String expected = min == Long.MIN_VALUE ? "an integer" : "an integer >= " + min;
        if (v instanceof JsonValue.Num n) {
            Long exact = exactLong(n.value());
            if (exact != null && exact >= min) {
                return exact;
            }
        }
        throw failAt(name, "expected " + expected + ", got " + v.describe());
    }

    /**
     * A millisecond field converted to nanoseconds; {@code fallback} (in ns) when absent.
     *
     * @param positive whether 0 is refused as well as negative values
     */
    public long nanos(String name, long fallback, boolean positive) throws InputException {
        if (!has(name)) {
            return fallback;
        }
        return nanosOf(name, object.fields().get(name), positive);
    }

    /** A required millisecond field converted to nanoseconds. */
    public long requiredNanos(String name, boolean positive) throws InputException {
        return nanosOf(name, required(name), positive);
    }

    private long nanosOf(String name, JsonValue v, boolean positive) throws InputException {
        String expected = positive ? "a number > 0" : "a number >= 0";
        if (!(v instanceof JsonValue.Num n) || n.value().signum() < 0 || (positive && n.value().signum() == 0)) {
            throw failAt(name, "expected " + expected + ", got " + v.describe());
        }
        Long ns = exactNanos(n.value());
        if (ns == null) {
            throw failAt(name, nanosProblem(n.value()) + ", got " + v.describe());
        }
        return ns;
    }

    /**
     * Why {@code ms} milliseconds (>= 0) is not a time Lockscope can hold, as "expected ..."; null when it is one.
     * The one rule for every time a user writes (files, steps, options): a whole number of nanoseconds that fits
     * a long, so at most 6 decimals and at most {@code 9223372036854.775807} ms.
     */
    public static String nanosProblem(BigDecimal ms) {
        if (exactNanos(ms) != null) {
            return null;
        }
        return ms.stripTrailingZeros().scale() > 6 ? "expected a whole number of nanoseconds (at most 6 decimals)"
                : "expected at most " + Millis.exact(Long.MAX_VALUE) + " ms";
    }

    /**
     * {@code text}, a number a user typed outside JSON (a {@code sleep} step, {@code --duration}), as a decimal;
     * null when it is not a number. An exponent too large for a {@link BigDecimal} ({@code 1e99999999999}) is
     * clamped to ±999,999,999: far past every limit, on the same side of it, so that the limit's message applies.
     */
    public static BigDecimal decimal(String text) {
        Matcher m = DECIMAL.matcher(text.strip());
        if (!m.matches()) {
            return null;
        }
        try {
            return new BigDecimal(m.group());
        } catch (NumberFormatException hugeExponent) {
            boolean negative = m.group(2) != null && m.group(2).startsWith("-");
            return new BigDecimal(m.group(1) + (negative ? "e-999999999" : "e999999999"));
        }
    }

    /** {@code ms} milliseconds in nanoseconds, or null when that is not a whole number or does not fit a long. */
    public static Long exactNanos(BigDecimal ms) {
        if ((long) ms.scale() - 6 < Integer.MIN_VALUE) {
            return null; // 1e2147483647 ms: too large, and the scale would overflow
        }
        // scaleByPowerOfTen, not movePointRight: that one expands 1e999999999 into a billion-digit integer.
        return exactLong(ms.scaleByPowerOfTen(6));
    }

    /** The exact long value of {@code d}, or null when it has a fraction or does not fit. */
    public static Long exactLong(BigDecimal d) {
        BigDecimal s = d.stripTrailingZeros();
        // Checking the magnitude first keeps 1e999999999 from being expanded into a huge BigInteger.
        if (s.scale() > 0 || (long) s.precision() - s.scale() > 19) {
            return null;
        }
        BigInteger i = s.toBigIntegerExact();
        return i.abs().compareTo(LONG_MAX) > 0 ? null : i.longValue();
    }

    /** An optional object field. */
    public Optional<JsonFields> object(String name) throws InputException {
        if (!has(name)) {
            return Optional.empty();
        }
        return Optional.of(of(source, pathOf(name), object.fields().get(name)));
    }

    /** The raw value of an optional field. */
    public Optional<JsonValue> value(String name) {
        return Optional.ofNullable(object.fields().get(name));
    }

    /** An optional array field; empty list when absent. */
    public List<JsonValue> array(String name) throws InputException {
        if (!has(name)) {
            return List.of();
        }
        JsonValue v = object.fields().get(name);
        if (v instanceof JsonValue.Arr a) {
            return a.items();
        }
        throw failAt(name, "expected an array, got " + v.describe());
    }
}
