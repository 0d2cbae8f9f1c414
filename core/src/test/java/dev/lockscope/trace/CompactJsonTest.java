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

    /** String text, mostly plain, with the bytes that end or spoil a string, so that runs of every length come up. */
    private static final Gen<String> STRINGISH = s -> Gens.strings("abcm0(S)", 0, 24).from(s)
            + Gens.strings("ab\"\\\n\u007f\u00e9\t", 0, 3).from(s) + Gens.strings("ab\"", 0, 6).from(s);

    @Test
    void stringsReadAsByteByByte() {
        Property.forAll(s -> new Case(STRINGISH.from(s), s.intBetween(0, 40), s.intBetween(0, 20), s.intBetween(0, 24)))
                .tries(3000)
                .describedBy(c -> "Case[text=" + Gens.quote(c.text()) + ", lead=" + c.lead() + ", cut=" + c.cut()
                        + ", slack=" + c.slack() + "]")
                .check(CompactJsonTest::stringsReadAsByteByByte);
    }

    @Test
    void stringsAtTheEdgesReadAsByteByByte() {
        for (String text : List.of("", "m", "m001\"", "1234567\"", "12345678\"", "123456789abcdef\"",
                "123456789abcdefg\"", "123456789abcdefgh\"", "123456789abcdefgh".repeat(3) + "\"", "ab\\\"",
                "a\u00e9\"", "a\u007f\"", "abc\tdef\"", "12345678\n\"")) {
            for (int lead : new int[] {0, 40}) {
                for (int cut : new int[] {0, 1, 20}) {
                    stringsReadAsByteByByte(new Case(text, lead, cut, 0));
                    stringsReadAsByteByByte(new Case(text, lead, cut, 24));
                }
            }
        }
    }

    private static void stringsReadAsByteByByte(Case c) {
        byte[] line = ("\"" + c.text()).getBytes(StandardCharsets.UTF_8);
        int length = Math.max(0, line.length - c.cut());
        // The line sits at an offset in a larger buffer whose bytes after it are plain text and a quote: they
        // must not be read.
        byte[] buf = new byte[c.lead() + line.length + c.slack()];
        Arrays.fill(buf, (byte) 'x');
        if (c.slack() > 0) {
            buf[buf.length - 1] = '"';
        }
        System.arraycopy(line, 0, buf, c.lead(), line.length);
        CompactJson fast = new CompactJson();
        CompactJson slow = new CompactJson();
        for (int max : new int[] {3, 9, 16, 10_000}) {
            fast.reset(buf, c.lead(), length);
            String v = fast.string(max);
            slow.reset(buf, c.lead(), length);
            String expected = slow.take('"') ? slow.stringByBytes(c.lead() + 1, max) : null;
            assertThat(v).as("%s (of %d bytes, max %d)", Gens.quote(c.text()), length, max).isEqualTo(expected);
            if (v != null) {
                assertThat(fast.atEnd()).isEqualTo(slow.atEnd());
                assertThat(fast.peek()).isEqualTo(slow.peek());
                fast.reset(buf, c.lead(), length);
                assertThat(fast.string(max)).isSameAs(v); // the second reading finds the first one's string
            }
        }
    }

    @Test
    void equalStringsAreOneStringAndOthersAreNot() {
        CompactJson j = new CompactJson();
        List<String> texts = List.of("m000", "m001", "Send(m000)", "Send(m001)", "", "a-name-longer-than-16-bytes-0",
                "a-name-longer-than-16-bytes-1", "12345678", "123456789abcdefg");
        for (int round = 0; round < 3; round++) {
            for (String text : texts) {
                byte[] buf = Arrays.copyOf(("\"" + text + "\"").getBytes(StandardCharsets.US_ASCII), text.length() + 20);
                j.reset(buf, 0, text.length() + 2);
                String s = j.string(10_000);
                assertThat(s).isEqualTo(text);
                j.reset(buf, 0, text.length() + 2);
                assertThat(j.string(10_000)).isSameAs(s);
            }
        }
    }

    @Test
    void theCachesHashIsStringHashCode() {
        Property.forAll(s -> Gens.strings(" !azAZ09~(){}", 0, 16).from(s))
                .tries(2000)
                .describedBy(Gens::quote)
                .check(text -> {
                    byte[] bytes = Arrays.copyOf(text.getBytes(StandardCharsets.US_ASCII), 16);
                    long w0 = 0;
                    long w1 = 0;
                    for (int i = 0; i < 8; i++) {
                        w0 |= (bytes[i] & 0xFFL) << 8 * i;
                        w1 |= (bytes[8 + i] & 0xFFL) << 8 * i;
                    }
                    assertThat(CompactJson.hash(w0, w1, text.length())).isEqualTo(text.hashCode());
                });
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
