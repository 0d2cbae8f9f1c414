package dev.lockscope.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** {@link CompactJson}'s word-at-a-time readers must accept and read exactly what a byte-by-byte reading does. */
class CompactJsonTest {

    /** Digits and the bytes that may follow a number, so that runs of every length up to 20 come up. */
    @Provide
    Arbitrary<String> numberish() {
        return Arbitraries.strings().withChars("0123456789").ofMinLength(0).ofMaxLength(20)
                .flatMap(digits -> Arbitraries.strings().withChars("0123456789,}.eE\"x/:\u00e9\n").ofMaxLength(12)
                        .map(rest -> digits + rest));
    }

    @Property(tries = 3000)
    void integersReadAsByteByByte(@ForAll("numberish") String text, @ForAll @IntRange(max = 40) int lead,
                                  @ForAll @IntRange(max = 20) int cut, @ForAll @IntRange(max = 24) int slack) {
        byte[] line = text.getBytes(StandardCharsets.UTF_8);
        int length = Math.max(0, line.length - cut);
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
