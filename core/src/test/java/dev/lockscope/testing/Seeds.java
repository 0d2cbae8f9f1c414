package dev.lockscope.testing;

import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;
import java.util.stream.LongStream;

/**
 * Which seeds a property runs, one generated case per seed. By default the fixed seeds {@code 1..tries}, the same
 * on every machine and in every run. {@code -Dlockscope.propertySeeds=N} adds N random seeds after them;
 * {@code -Dlockscope.propertySeed=S} runs seed S alone (the seed a failure printed).
 *
 * @param only  the one seed to run, or null
 * @param extra how many random seeds to run after the fixed ones; not negative
 */
public record Seeds(Long only, int extra) {
    /** The system property naming one seed to run alone. */
    public static final String SEED = "lockscope.propertySeed";
    /** The system property asking for that many more, random, seeds. */
    public static final String MORE_SEEDS = "lockscope.propertySeeds";

    public Seeds {
        if (extra < 0) {
            throw new IllegalArgumentException(MORE_SEEDS + " must not be negative, got " + extra);
        }
    }

    /** The seeds the system properties ask for (Surefire passes them on from the command line). */
    public static Seeds fromSystemProperties() {
        return parse(System::getProperty);
    }

    /** The seeds that {@code property} (a lookup of the two properties; null or blank when unset) asks for. */
    static Seeds parse(UnaryOperator<String> property) {
        String seed = property.apply(SEED);
        String more = property.apply(MORE_SEEDS);
        return new Seeds(blank(seed) ? null : parse(SEED, seed),
                blank(more) ? 0 : Math.toIntExact(parse(MORE_SEEDS, more)));
    }

    /** The seeds of a property of {@code tries} cases: the one asked for, or 1..tries then the random extras. */
    LongStream of(int tries, LongSupplier random) {
        if (only != null) {
            return LongStream.of(only);
        }
        return LongStream.concat(LongStream.rangeClosed(1, tries), LongStream.generate(random).limit(extra));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static long parse(String name, String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + value + "'", e);
        }
    }
}
