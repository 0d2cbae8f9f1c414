package dev.lockscope.io;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A JSON value that remembers the 1-based line it started on, so that checks made after parsing can still
 * point the user at the right line. Built by {@link JsonTree}; immutable.
 */
public sealed interface JsonValue {

    /** 1-based line of the value's first token. */
    int line();

    /** How the value reads in an error message after "got": strings quoted, numbers plain, containers named. */
    String describe();

    /** An object; {@code fields} keeps file order and has no duplicate names. */
    record Obj(int line, Map<String, JsonValue> fields) implements JsonValue {
        public Obj {
            fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
        }

        @Override
        public String describe() {
            return "an object";
        }
    }

    /** An array. */
    record Arr(int line, List<JsonValue> items) implements JsonValue {
        public Arr {
            items = List.copyOf(items);
        }

        @Override
        public String describe() {
            return "an array";
        }
    }

    /** A string. */
    record Str(int line, String value) implements JsonValue {
        @Override
        public String describe() {
            return Quote.of(value);
        }
    }

    /** A number, kept exact so that millisecond fields convert to nanoseconds without rounding. */
    record Num(int line, BigDecimal value) implements JsonValue {
        @Override
        public String describe() {
            // Plain digits as a user would type them, unless the exponent is huge (1e999999 must not expand).
            boolean small = Math.abs((long) value.scale()) < 100;
            return Quote.shorten(small ? value.toPlainString() : value.toString());
        }
    }

    /** {@code true} or {@code false}. */
    record Bool(int line, boolean value) implements JsonValue {
        @Override
        public String describe() {
            return Boolean.toString(value);
        }
    }

    /** {@code null}. */
    record Null(int line) implements JsonValue {
        @Override
        public String describe() {
            return "null";
        }
    }
}
