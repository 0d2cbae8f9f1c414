package dev.lockscope.testing;

import dev.lockscope.testing.Source.ListSpan;
import dev.lockscope.testing.Source.Recording;

/**
 * Turns a failing case into a simpler one that fails the same way, by replaying smaller choices: first by
 * removing runs of list elements (halves, quarters, ... single ones), then by lowering each choice (to 0, else by
 * binary search for the smallest that still fails). A candidate is kept only if it fails with the same exception
 * class and its choices are {@linkplain Recording#simplerThan simpler}, so shrinking ends; a budget of runs bounds
 * it too.
 */
final class Shrinker<T> {
    /** The most runs of the check one shrink may take. */
    static final int MAX_RUNS = 2000;

    private final Gen<T> gen;
    private final Check<? super T> check;
    private int runs;
    private int steps;

    Shrinker(Gen<T> gen, Check<? super T> check) {
        this.gen = gen;
        this.check = check;
    }

    /** The outcome of generating from {@code source} and checking the value; fails iff the check threw. */
    record Outcome<T>(Recording recording, T value, Throwable failure) {
        boolean failed() {
            return failure != null;
        }
    }

    static <T> Outcome<T> run(Gen<T> gen, Check<? super T> check, Source source) {
        T value = gen.from(source);
        Recording recording = source.recording();
        try {
            check.accept(value);
            return new Outcome<>(recording, value, null);
        } catch (OutOfMemoryError e) {
            throw e;
        } catch (Throwable t) {
            return new Outcome<>(recording, value, t);
        }
    }

    /** How many simpler cases were kept. */
    int steps() {
        return steps;
    }

    /** How many times the check ran while shrinking. */
    int runs() {
        return runs;
    }

    Outcome<T> shrink(Outcome<T> failing) {
        Outcome<T> best = failing;
        while (runs < MAX_RUNS) {
            Outcome<T> next = lowerChoices(removeElements(best));
            if (next == best) {
                return best;
            }
            best = next;
        }
        return best;
    }

    /** Removes runs of elements from the recorded lists while the case still fails. */
    private Outcome<T> removeElements(Outcome<T> start) {
        Outcome<T> best = start;
        boolean removed = true;
        while (removed && runs < MAX_RUNS) {
            removed = false;
            search:
            for (ListSpan list : best.recording().lists()) {
                for (int n = Integer.highestOneBit(Math.max(1, list.size() - list.minSize())); n >= 1; n /= 2) {
                    // Aligned runs, last first: the end of a list is the likeliest to be spare.
                    for (int from = list.size() - n; from >= 0 && list.size() - n >= list.minSize(); from -= n) {
                        Outcome<T> candidate = tryChoices(best, without(best.recording().choices(), list, from, n));
                        if (candidate != null) {
                            best = candidate;
                            removed = true;
                            break search; // the spans moved: start again from the new recording
                        }
                    }
                }
            }
        }
        return best;
    }

    /** The choices with elements {@code [from, from + n)} of {@code list} removed and its length lowered by n. */
    private static long[] without(long[] choices, ListSpan list, int from, int n) {
        int cutFrom = list.starts()[from];
        int cutTo = list.elementEnd(from + n - 1);
        long[] out = new long[choices.length - (cutTo - cutFrom)];
        System.arraycopy(choices, 0, out, 0, cutFrom);
        System.arraycopy(choices, cutTo, out, cutFrom, choices.length - cutTo);
        out[list.sizeAt()] -= n;
        return out;
    }

    /** Lowers each choice, front to back, to the smallest value found at which the case still fails. */
    private Outcome<T> lowerChoices(Outcome<T> start) {
        Outcome<T> best = start;
        for (int i = 0; i < best.recording().choices().length && runs < MAX_RUNS; i++) {
            long[] choices = best.recording().choices();
            if (choices[i] == 0) {
                continue;
            }
            Outcome<T> zero = tryChoices(best, with(choices, i, 0));
            if (zero != null) {
                best = zero;
                continue;
            }
            long lo = 1; // 0 passes
            long hi = choices[i]; // fails
            while (lo < hi && runs < MAX_RUNS) {
                long mid = lo + (hi - lo) / 2;
                Outcome<T> candidate = tryChoices(best, with(best.recording().choices(), i, mid));
                if (candidate != null) {
                    best = candidate;
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
        }
        return best;
    }

    private static long[] with(long[] choices, int i, long value) {
        long[] out = choices.clone();
        out[i] = value;
        return out;
    }

    /** The replayed case if it fails like {@code best} and is simpler, else null. */
    private Outcome<T> tryChoices(Outcome<T> best, long[] choices) {
        runs++;
        Outcome<T> candidate = run(gen, check, Source.replaying(choices));
        boolean keep = candidate.failed() && candidate.failure().getClass() == best.failure().getClass()
                && candidate.recording().simplerThan(best.recording());
        if (keep) {
            steps++;
            return candidate;
        }
        return null;
    }
}
