package dev.lockscope.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.testing.Gen;
import dev.lockscope.testing.Gens;
import dev.lockscope.testing.Property;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link CompactJson}'s word-at-a-time readers must accept and read exactly what a byte-by-byte reading does. */
class CompactJsonTest {

    /** Digits and the bytes that may follow a number, so that runs of every length up to 20 come up. */
    private static final Gen<String> NUMBERISH = s -> Gens.strings("0123456789", 0, 20).from(s)
            + Gens.strings("0123456789,}.eE\"x/:\u00e9\n", 0, 12).from(s);

    /** A line of {@code text} less its last {@code cut} bytes, {@code lead} bytes into a buffer, digits after it. */
    record Case(String text, int lead, int cut, int slack) {}

    @Test
    void integersReadAsByteByByte() {
        Property.forAll(s -> new Case(NUMBERISH.from(s), s.intBetween(0, 40), s.intBetween(0, 20), s.intBetween(0, 24)))
                .tries(3000)
                .describedBy(c -> "Case[text=" + Gens.quote(c.text()) + ", lead=" + c.lead() + ", cut=" + c.cut()
                        + ", slack=" + c.slack() + "]")
                .check(CompactJsonTest::integersReadAsByteByByte);
    }

    @Test
    void integersAtTheEdgesReadAsByteByByte() {
        for (String text : List.of("", "0", "00", "9223372036854775807", "9223372036854775808", "9".repeat(20),
                "1".repeat(20) + "\n\u00e9".repeat(6), ",", "\u00e9")) {
            for (int lead : new int[] {0, 40}) {
                for (int cut : new int[] {0, 1, 20}) {
                    integersReadAsByteByByte(new Case(text, lead, cut, 0));
                    integersReadAsByteByByte(new Case(text, lead, cut, 24));
                }
            }
        }
    }

    private static void integersReadAsByteByByte(Case c) {
        String text = c.text();
        int lead = c.lead();
        int slack = c.slack();
        byte[] line = text.getBytes(StandardCharsets.UTF_8);
        int length = Math.max(0, line.length - c.cut());
        // The line sits at an offset in a larger buffer whose bytes after it are digits: they must not be read.
        byte[] buf = new byte[lead + line.length + slack];
        Arrays.fill(buf, (byte) '7');
        System.arraycopy(line, 0, buf, lead, line.length);

        CompactJson fast = new CompactJson();
        fast.reset(buf, lead, length);
        long v = fast.integer();
        CompactJson slow = new CompactJson();
        slow.reset(buf, lead, length);
        long expected = slow.integerByBytes();

        assertThat(v).as("%s (of %d bytes)", text, length).isEqualTo(expected);
        if (v != CompactJson.FAIL) {
            assertThat(fast.atEnd()).isEqualTo(slow.atEnd());
            assertThat(fast.peek()).isEqualTo(slow.peek());
            assertThat(v).isEqualTo(Long.parseLong(new String(buf, lead, length, StandardCharsets.UTF_8)
                    .replaceAll("(?s)^([0-9]+).*$", "$1")));
        }
    }

    @Test
    void everyKindIsReadWholeAndNothingElse() {
        for (LineKind kind : LineKind.values()) {
            for (String tail : new String[] {"\",\"g\":1}", "\"}", "\""}) {
                assertThat(kindOf("\"" + kind.id + tail)).isEqualTo(kind);
            }
            assertThat(kindOf("\"" + kind.id)).isNull(); // no closing quote on the line
            assertThat(kindOf("\"" + kind.id + "x\"")).isNull();
            assertThat(kindOf("\"x" + kind.id + "\"")).isNull();
        }
        assertThat(kindOf("\"\"")).isNull();
        assertThat(kindOf("\"spawn\\\"\"")).isNull();
    }

    private static LineKind kindOf(String text) {
        byte[] line = text.getBytes(StandardCharsets.UTF_8);
        byte[] buf = Arrays.copyOf(line, line.length + 16);
        Arrays.fill(buf, line.length, buf.length, (byte) '"');
        CompactJson j = new CompactJson();
        j.reset(buf, 0, line.length);
        LineKind kind = j.lineKind();
        if (kind != null) {
            assertThat(j.peek()).isEqualTo(line.length > kind.id.length() + 2 ? line[kind.id.length() + 2] : 0);
        }
        return kind;
    }
}
