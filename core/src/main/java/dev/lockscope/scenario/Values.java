package dev.lockscope.scenario;

/** The values a script's variables and channels hold: {@code Long}, {@code String}, {@code Boolean}, {@link #STRUCT}, {@code null}. */
public final class Values {
    /** {@code struct{}{}}. */
    public static final Object STRUCT = new Object() {
        @Override
        public String toString() {
            return "struct{}{}";
        }
    };

    private Values() {}

    /** A value as Go would print it ({@code %v}). */
    public static String show(Object value) {
        return value == null ? "<nil>" : value.toString();
    }
}
