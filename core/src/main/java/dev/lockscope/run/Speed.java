package dev.lockscope.run;

/**
 * How fast a live run's virtual time goes against the wall clock: {@code factor} virtual seconds per wall
 * second, from {@value #MIN} to {@value #MAX_FACTOR}, or {@link #MAX}: as fast as the machine runs.
 */
public record Speed(double factor) {
    public static final double MIN = 0.1;
    public static final double MAX_FACTOR = 100;
    /** As fast as possible. */
    public static final Speed MAX = new Speed(Double.POSITIVE_INFINITY);
    public static final Speed REAL_TIME = new Speed(1);

    public Speed {
        if (!(factor == Double.POSITIVE_INFINITY || (factor >= MIN && factor <= MAX_FACTOR))) {
            throw new IllegalArgumentException("speed must be in " + MIN + ".." + MAX_FACTOR + " or max: " + factor);
        }
    }

    public static Speed of(double factor) {
        return new Speed(factor);
    }

    public boolean isMax() {
        return factor == Double.POSITIVE_INFINITY;
    }

    /** "0.1×", "2×", "max". */
    @Override
    public String toString() {
        if (isMax()) {
            return "max";
        }
        return (factor == Math.rint(factor) ? String.valueOf((long) factor) : String.valueOf(factor)) + "×";
    }
}
