package dev.lockscope.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The draws of one generated case. Every draw is recorded as one or more <em>choices</em>, non-negative numbers
 * where 0 is the simplest: a number's distance from the simplest value of its range (0, or the bound nearest 0),
 * a list's length above its minimum, an index into a list of alternatives. Fresh choices come from a
 * {@link SplittableRandom}; a replay reads given choices instead, so a case with smaller choices is a simpler case.
 *
 * <p>Invariants: each recorded choice lies in {@code [0, bound]} of its draw; a replayed choice above its bound is
 * read as the bound, and a draw past the end of the replayed choices reads 0 (its bound for {@link #maximal()}), so
 * any sequence of choices gives a valid value. Ranges must be narrower than the whole {@code long} range.
 * Not thread-safe: one case, one thread.
 */
public final class Source {
    /** One in this many fresh numbers is an edge of its range (a bound or the simplest value). */
    private static final int EDGE_ODDS = 16;
    private static final long UNIT_STEPS = 1L << 53;

    private final SplittableRandom random;
    private final long[] replay;
    /** What a replay reads past the end of its choices: 0, or {@code Long.MAX_VALUE} for every bound. */
    private final long pastEnd;
    private long[] choices = new long[32];
    private int count;
    private final List<ListSpan> lists = new ArrayList<>();

    private Source(SplittableRandom random, long[] replay, long pastEnd) {
        this.random = random;
        this.replay = replay;
        this.pastEnd = pastEnd;
    }

    /** A source of fresh choices; the same seed gives the same choices. */
    public static Source seeded(long seed) {
        return new Source(new SplittableRandom(seed), null, 0);
    }

    /** Every choice 0: lists at their shortest, numbers at 0 or the bound nearest it, first alternatives, false. */
    public static Source simplest() {
        return replaying(new long[0]);
    }

    /**
     * Every choice at its bound: lists at their longest, numbers farthest from their simplest value (the negative
     * bound of a range that spans 0), last alternatives, true. With {@link #simplest()}, the edge cases of a generator.
     */
    public static Source maximal() {
        return new Source(null, new long[0], Long.MAX_VALUE);
    }

    /** A source that gives back {@code choices} (then zeros), for replaying a recorded or shrunk case. */
    static Source replaying(long[] choices) {
        return new Source(null, choices.clone(), 0);
    }

    /** An int in {@code [min, max]}, uniform with its edges mixed in; shrinks toward 0 or the bound nearest 0. */
    public int intBetween(int min, int max) {
        return (int) longBetween(min, max);
    }

    /** A long in {@code [min, max]}, uniform with its edges mixed in; shrinks toward 0 or the bound nearest 0. */
    public long longBetween(long min, long max) {
        if (min > max || max - min < 0 || max - min == Long.MAX_VALUE) {
            throw new IllegalArgumentException("range [" + min + ", " + max + "] is empty or too wide");
        }
        long fresh = random == null ? 0 : freshNumber(min, max);
        if (min >= 0) {
            return min + choose(max - min, fresh - min);
        }
        if (max <= 0) {
            return max - choose(max - min, max - fresh);
        }
        // Both signs: the sign is a choice of its own, so that shrinking a magnitude keeps its sign.
        boolean negative = choose(1, fresh < 0 ? 1 : 0) == 1;
        return negative ? -choose(-min, -fresh) : choose(max, fresh);
    }

    /** True or false, evenly; shrinks toward false. */
    public boolean bool() {
        return choose(1, random == null ? 0 : random.nextInt(2)) == 1;
    }

    /** A double in {@code [0, 1]} on a grid of 2^-53, with 0 and 1 mixed in; shrinks toward 0. */
    public double unit() {
        return choose(UNIT_STEPS, random == null ? 0 : freshNumber(0, UNIT_STEPS)) / (double) UNIT_STEPS;
    }

    /** One of {@code values}, evenly; shrinks toward the first. */
    public <T> T oneOf(List<T> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values to choose from");
        }
        return values.get(intBetween(0, values.size() - 1));
    }

    /**
     * A list of {@code minSize} to {@code maxSize} elements, short ones more often (a quarter of the lists are
     * drawn from the whole range). Shrinks by losing elements, then by simpler elements.
     */
    public <T> List<T> listOf(int minSize, int maxSize, Gen<? extends T> element) {
        if (minSize < 0 || minSize > maxSize) {
            throw new IllegalArgumentException("sizes [" + minSize + ", " + maxSize + "]");
        }
        int sizeAt = count;
        int size = minSize + (int) choose(maxSize - minSize, random == null ? 0 : freshSize(maxSize - minSize));
        int[] starts = new int[size];
        List<T> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            starts[i] = count;
            out.add(Objects.requireNonNull(element.from(this), "generated element"));
        }
        lists.add(new ListSpan(sizeAt, minSize, starts, count));
        return List.copyOf(out);
    }

    /** What was drawn so far. */
    Recording recording() {
        return new Recording(Arrays.copyOf(choices, count), List.copyOf(lists));
    }

    /** Records and returns a choice in {@code [0, bound]}: {@code fresh} when drawing, else the replayed one. */
    private long choose(long bound, long fresh) {
        long choice;
        if (random != null) {
            choice = fresh;
        } else {
            choice = Math.min(count < replay.length ? replay[count] : pastEnd, bound);
        }
        if (count == choices.length) {
            choices = Arrays.copyOf(choices, 2 * count);
        }
        choices[count++] = choice;
        return choice;
    }

    private long freshNumber(long min, long max) {
        if (random.nextInt(EDGE_ODDS) == 0) {
            long simplest = Math.clamp(0, min, max);
            return switch (random.nextInt(3)) {
                case 0 -> min;
                case 1 -> max;
                default -> simplest;
            };
        }
        return min + random.nextLong(max - min + 1);
    }

    /** A list length above the minimum: the whole span a quarter of the time, else a quarter, 1/16, 1/64 of it. */
    private long freshSize(long span) {
        if (random.nextInt(EDGE_ODDS) == 0) {
            return random.nextBoolean() ? 0 : span;
        }
        return random.nextLong((span >> 2 * random.nextInt(4)) + 1);
    }

    /**
     * Where a list's choices are: {@code sizeAt} holds its length above {@code minSize}; element {@code i} is
     * choices {@code [starts[i], starts[i + 1])}, the last one ends at {@code end}.
     */
    record ListSpan(int sizeAt, int minSize, int[] starts, int end) {
        int size() {
            return starts.length;
        }

        int elementEnd(int i) {
            return i + 1 < starts.length ? starts[i + 1] : end;
        }
    }

    /** The choices of one case and where its lists are among them. */
    record Recording(long[] choices, List<ListSpan> lists) {
        /** Shortlex: fewer choices, or as many and smaller at the first difference. Shrinking only moves down it. */
        boolean simplerThan(Recording other) {
            if (choices.length != other.choices.length) {
                return choices.length < other.choices.length;
            }
            return Arrays.compare(choices, other.choices) < 0;
        }
    }
}
