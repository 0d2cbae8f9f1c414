package dev.lockscope.testing;

import java.util.List;

/** Generators the property tests share, and a readable form of the text they make. */
public final class Gens {
    private Gens() {
    }

    /** Strings of {@code minLength} to {@code maxLength} characters of {@code alphabet}; shrinks toward its first. */
    public static Gen<String> strings(String alphabet, int minLength, int maxLength) {
        List<Character> chars = alphabet.chars().mapToObj(c -> (char) c).toList();
        return s -> text(s.listOf(minLength, maxLength, t -> t.oneOf(chars)));
    }

    /**
     * Strings of any UTF-16 content up to {@code maxLength}: ASCII, any char at all (lone surrogates included), or
     * one of the awkward ones (NUL, newline, a lone high or low surrogate, a pair, non-ASCII, U+FFFF).
     */
    public static Gen<String> anyStrings(int maxLength) {
        List<Character> awkward = List.of('\0', '\n', '\uD800', '\uDFFF', '\uD83D', '\uDE00', 'é', '\uFFFF');
        return s -> text(s.listOf(0, maxLength, t -> switch (t.intBetween(0, 2)) {
            case 0 -> (char) t.intBetween(' ', '~');
            case 1 -> (char) t.intBetween(0, Character.MAX_VALUE);
            default -> t.oneOf(awkward);
        }));
    }

    /** Byte arrays of {@code minSize} to {@code maxSize} bytes of any value. */
    public static Gen<byte[]> bytes(int minSize, int maxSize) {
        return s -> {
            List<Integer> values = s.listOf(minSize, maxSize, t -> t.intBetween(Byte.MIN_VALUE, Byte.MAX_VALUE));
            byte[] out = new byte[values.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = values.get(i).byteValue();
            }
            return out;
        };
    }

    /** {@code text} in double quotes, with control characters, quotes and anything beyond ASCII escaped. */
    public static String quote(CharSequence text) {
        StringBuilder out = new StringBuilder("\"");
        text.chars().forEach(c -> {
            switch (c) {
                case '\n' -> out.append("\\n");
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < ' ' || c > '~') {
                        out.append(String.format("\\u%04x", c));
                    } else {
                        out.append((char) c);
                    }
                }
            }
        });
        return out.append('"').toString();
    }

    /** The bytes as {@link #quote quoted} text, one char per byte (ISO-8859-1). */
    public static String quote(byte[] bytes) {
        return quote(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    private static String text(List<Character> chars) {
        StringBuilder out = new StringBuilder(chars.size());
        chars.forEach(out::append);
        return out.toString();
    }
}
