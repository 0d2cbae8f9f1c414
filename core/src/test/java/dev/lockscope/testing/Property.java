package dev.lockscope.testing;

import dev.lockscope.testing.Shrinker.Outcome;
import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * A property: a check that must pass for every value a generator builds. {@link #check} runs one case per
 * {@linkplain Seeds seed}, each from a {@link SplittableRandom} seeded with it alone, so a case is reproduced by its
 * seed. The first failing case is {@linkplain Shrinker shrunk}, and the test fails with an {@link AssertionError}
 * that names the seed, how to re-run it alone, the shrunk value, its failure (also the cause) and the original
 * value. Immutable: the {@code tries} and {@code describedBy} methods return new properties.
 *
 * <pre>{@code
 * Property.forAll(s -> s.listOf(0, 400, t -> t.intBetween(-1000, 1000)))
 *         .tries(1000)
 *         .check(ops -> assertThat(...));
 * }</pre>
 */
public final class Property<T> {
    /** The number of cases a property runs unless it says otherwise. */
    public static final int DEFAULT_TRIES = 1000;
    /** A description of the original value longer than this is cut: the shrunk one is the one to read. */
    private static final int ORIGINAL_LIMIT = 2000;

    private final Gen<T> gen;
    private final int tries;
    private final Function<? super T, String> describe;

    private Property(Gen<T> gen, int tries, Function<? super T, String> describe) {
        if (tries < 1) {
            throw new IllegalArgumentException("tries must be at least 1, got " + tries);
        }
        this.gen = Objects.requireNonNull(gen, "gen");
        this.tries = tries;
        this.describe = Objects.requireNonNull(describe, "describe");
    }

    /** A property over the values of {@code gen}, of {@value #DEFAULT_TRIES} cases, described by {@code toString}. */
    public static <T> Property<T> forAll(Gen<T> gen) {
        return new Property<>(gen, DEFAULT_TRIES, Property::describe);
    }

    /** The same property with {@code tries} fixed seeds. */
    public Property<T> tries(int tries) {
        return new Property<>(gen, tries, describe);
    }

    /** The same property, printing a failing value with {@code describe}. */
    public Property<T> describedBy(Function<? super T, String> describe) {
        return new Property<>(gen, tries, describe);
    }

    /** Runs {@code check} on the value of every seed the system properties ask for; fails on the first that fails. */
    public void check(Check<? super T> check) {
        check(check, Seeds.fromSystemProperties(), new SplittableRandom()::nextLong);
    }

    /** Runs {@code check} on the value of each of {@code seeds}, with {@code random} giving the random ones. */
    void check(Check<? super T> check, Seeds seeds, LongSupplier random) {
        long[] all = seeds.of(tries, random).toArray();
        for (int i = 0; i < all.length; i++) {
            Outcome<T> outcome = Shrinker.run(gen, check, Source.seeded(all[i]));
            if (outcome.failed()) {
                throw failure(check, all[i], which(seeds, i), outcome);
            }
        }
    }

    private String which(Seeds seeds, int index) {
        if (seeds.only() != null) {
            return "the seed given by -D" + Seeds.SEED;
        }
        return index < tries ? "fixed seed " + (index + 1) + " of " + tries
                : "random seed " + (index - tries + 1) + " of " + seeds.extra();
    }

    private AssertionError failure(Check<? super T> check, long seed, String which, Outcome<T> original) {
        Shrinker<T> shrinker = new Shrinker<>(gen, check);
        Outcome<T> shrunk = shrinker.shrink(original);
        String message = "Property failed at seed " + seed + " (" + which + "). Re-run this case alone with -D"
                + Seeds.SEED + "=" + seed + "\n"
                + "Shrunk (" + shrinker.steps() + " simpler cases kept, " + shrinker.runs() + " runs) to:\n"
                + indent(describeAgain(shrunk)) + "\n"
                + "which fails with:\n"
                + indent(String.valueOf(shrunk.failure())) + "\n"
                + "Original case:\n"
                + indent(abridge(describeAgain(original)));
        return new AssertionError(message, shrunk.failure());
    }

    /** Describes the case's value generated anew from its choices, in case the check changed the one it had. */
    private String describeAgain(Outcome<T> outcome) {
        return describe.apply(gen.from(Source.replaying(outcome.recording().choices())));
    }

    private static String describe(Object value) {
        String s = Arrays.deepToString(new Object[] {value}); // arrays as their elements
        return s.substring(1, s.length() - 1);
    }

    private static String abridge(String s) {
        return s.length() <= ORIGINAL_LIMIT ? s : s.substring(0, ORIGINAL_LIMIT) + " ... (" + s.length() + " chars)";
    }

    private static String indent(String s) {
        return "    " + s.replace("\n", "\n    ");
    }
}
