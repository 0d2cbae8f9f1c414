package dev.lockscope.io;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Decodes the bytes of a text file strictly as UTF-8; the first byte that is not UTF-8 is one
 * {@link InputException} naming its line and column ({@code s.json:3:9: not valid UTF-8: byte 0xE9 ...}), where
 * Java would only say "Input length = 1".
 */
public final class Utf8Text {
    private Utf8Text() {}

    public static String decode(String source, byte[] bytes) throws InputException {
        if (bytes.length >= 2 && ((bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xfe
                || (bytes[0] & 0xff) == 0xfe && (bytes[1] & 0xff) == 0xff)) {
            throw new InputException(source, 1, "", "not valid UTF-8: the file is UTF-16 (it starts with a UTF-16 "
                    + "byte order mark); save it as UTF-8");
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw notUtf8(source, out.flip(), bytes[in.position()]);
        }
        return out.flip().toString();
    }

    /** The error for the bad byte {@code bad}, which follows the text {@code before}. */
    private static InputException notUtf8(String source, CharBuffer before, byte bad) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < before.limit(); i++) {
            if (before.get(i) == '\n') {
                line++;
                column = 1;
            } else if (!Character.isLowSurrogate(before.get(i))) {
                column++;
            }
        }
        int b = bad & 0xff;
        // A lead byte (11xxxxxx, as UTF-8 uses them) whose next bytes do not continue it, or a byte no character
        // starts with (a continuation byte 10xxxxxx, or one UTF-8 never uses).
        boolean lead = b >= 0xc2 && b <= 0xf4;
        return new InputException(source, line, column, "", String.format(Locale.ROOT, "not valid UTF-8: byte 0x%02X "
                + (lead ? "starts a character that the next byte does not continue" : "cannot start a character")
                + " (Lockscope reads UTF-8 text)", b));
    }
}
