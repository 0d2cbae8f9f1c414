package dev.lockscope.io;

/**
 * Renders user-supplied text for one-line error messages: quoted like JSON, control characters escaped, and cut
 * short so that a 10,000-character string cannot flood a dialog.
 */
public final class Quote {
    /** Longest piece of user text an error message repeats. */
    static final int MAX_SHOWN = 60;

    private Quote() {}

    /** {@code text} in double quotes, escaped and shortened. */
    public static String of(String text) {
        StringBuilder sb = new StringBuilder(Math.min(text.length(), MAX_SHOWN) + 8).append('"');
        int shown = Math.min(text.length(), MAX_SHOWN);
        for (int i = 0; i < shown; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
        if (text.length() > MAX_SHOWN) {
            sb.append("...");
        }
        return sb.toString();
    }

    /** {@code text} unquoted, shortened the same way. */
    public static String shorten(String text) {
        return text.length() <= MAX_SHOWN ? text : text.substring(0, MAX_SHOWN) + "...";
    }
}
