package dev.lockscope.trace.export;

import java.util.List;
import java.util.Objects;

/**
 * What a Chrome trace slice shows: its name, its category and its arguments, in the order they are written.
 * Argument values are strings, numbers, booleans, or lists of those.
 */
record Slice(String name, String cat, List<Arg> args) {
    Slice {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(cat, "cat");
        args = List.copyOf(args);
    }

    /** One key and value of a slice's {@code args} object. */
    record Arg(String key, Object value) {
        Arg {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }
    }

    static Arg arg(String key, Object value) {
        return new Arg(key, value);
    }
}
