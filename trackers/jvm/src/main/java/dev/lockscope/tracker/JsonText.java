package dev.lockscope.tracker;

/** Appends JSON string literals: the only JSON escaping the tracker needs (its other values are integers). */
final class JsonText {
    /**
     * Longest string written, in chars. Thread names and labels come from the program and may be anything; the
     * format's readers refuse strings over 10,000 characters, and nobody reads a 1,000-character thread name.
     */
    static final int MAX_CHARS = 1000;

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonText() {
    }

    /** Appends {@code s} quoted and escaped, cut to {@link #MAX_CHARS} chars (never inside a surrogate pair). */
    static StringBuilder quote(StringBuilder out, String s) {
        int end = Math.min(s.length(), MAX_CHARS);
        if (end < s.length() && Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        out.append('"');
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                    } else if (Character.isSurrogate(c) && !isPaired(s, i, end)) {
                        out.append('\ufffd'); // a lone surrogate has no UTF-8 form
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }

    /** Whether the surrogate at {@code i} is half of a well-formed pair within {@code [0, end)}. */
    private static boolean isPaired(String s, int i, int end) {
        char c = s.charAt(i);
        return Character.isHighSurrogate(c)
                ? i + 1 < end && Character.isLowSurrogate(s.charAt(i + 1))
                : i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
