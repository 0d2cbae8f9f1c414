package dev.lockscope.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockscope.testing.Gen;
import dev.lockscope.testing.Gens;
import dev.lockscope.testing.Property;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineReaderTest {
    /** A line as read: its text, whether it had its newline, its number. */
    record Line(String text, boolean terminated, int number) {}

    /** The lines, or "too long" at a line number: what {@link LineReader} should give, found the obvious way. */
    private static List<Object> expected(byte[] input, int max) {
        List<Object> out = new ArrayList<>();
        int start = 0;
        int number = 0;
        while (start < input.length) {
            int end = start;
            while (end < input.length && input[end] != '\n') {
                end++;
            }
            number++;
            if (end - start > max) {
                out.add("too long at " + number);
                return out;
            }
            out.add(new Line(new String(input, start, end - start, java.nio.charset.StandardCharsets.ISO_8859_1),
                    end < input.length, number));
            start = end + 1;
        }
        return out;
    }

    private static List<Object> actual(byte[] input, int bufferSize, int max, int readSize) throws IOException {
        LineReader lines = new LineReader(new Trickle(input, readSize), bufferSize);
        List<Object> out = new ArrayList<>();
        try {
            while (lines.next(max)) {
                out.add(new Line(new String(lines.bytes(), lines.offset(), lines.length(),
                        java.nio.charset.StandardCharsets.ISO_8859_1), lines.terminated(), lines.number()));
            }
        } catch (LineReader.LineTooLongException e) {
            out.add("too long at " + lines.number());
        }
        return out;
    }

    /** Newlines, and bytes one bit away from one (the word-at-a-time search must not take them for one). */
    private static final Gen<byte[]> TEXT = s -> {
        List<Character> chars = s.listOf(0, 200, t -> t.oneOf(List.of('a', 'b', '\n', '\n', '{', (char) ('\n' ^ 1),
                (char) 0x8a)));
        byte[] b = new byte[chars.size()];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) chars.get(i).charValue();
        }
        return b;
    };

    record Case(byte[] input, int bufferSize, int max, int readSize) {}

    @Test
    void splitsLikeTheObviousWayWhateverTheBufferAndReadSizes() {
        Property.forAll(s -> new Case(TEXT.from(s), s.intBetween(1, 40), s.intBetween(0, 60), s.intBetween(1, 50)))
                .tries(500)
                .describedBy(c -> "Case[input=" + Gens.quote(c.input()) + ", bufferSize=" + c.bufferSize() + ", max="
                        + c.max() + ", readSize=" + c.readSize() + "]")
                .check(LineReaderTest::splitsLikeTheObviousWay);
    }

    @Test
    void splitsLikeTheObviousWayAtTheEdges() throws IOException {
        for (String text : List.of("", "\n", "\n\n\n", "a", "a\n", "\u000b\u008a{", "ab\nab\n".repeat(25),
                "a".repeat(200))) {
            byte[] input = text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            for (int max : new int[] {0, 1, 60}) {
                splitsLikeTheObviousWay(new Case(input, 1, max, 1));
                splitsLikeTheObviousWay(new Case(input, 40, max, 50));
                splitsLikeTheObviousWay(new Case(input, 1, max, 50));
                splitsLikeTheObviousWay(new Case(input, 40, max, 1));
            }
        }
    }

    private static void splitsLikeTheObviousWay(Case c) throws IOException {
        assertThat(actual(c.input(), c.bufferSize(), c.max(), c.readSize())).isEqualTo(expected(c.input(), c.max()));
    }

    @Test
    void findsTheNewlineAtEveryPositionOfAWord() {
        for (int at = 0; at < 20; at++) {
            byte[] b = new byte[20];
            Arrays.fill(b, (byte) ('\n' + 1));
            b[at] = '\n';
            assertThat(LineReader.indexOfNewline(b, 0, 20)).isEqualTo(at);
            assertThat(LineReader.indexOfNewline(b, at + 1, 20)).isEqualTo(-1);
        }
    }

    @Test
    void aLineLongerThanTheLimitFailsEvenWithoutItsNewline() {
        byte[] input = "ok\nthis line is too long".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        LineReader lines = new LineReader(new ByteArrayInputStream(input), 4);
        assertThatThrownBy(() -> {
            while (lines.next(10)) {
                // the first line is fine
            }
        }).isInstanceOf(LineReader.LineTooLongException.class);
        assertThat(lines.number()).isEqualTo(2);
    }

    /** An input that gives at most {@code step} bytes per read, as a decompressor may. */
    private static final class Trickle extends InputStream {
        private final byte[] data;
        private final int step;
        private int pos;

        Trickle(byte[] data, int step) {
            this.data = data;
            this.step = step;
        }

        @Override
        public int read() {
            return pos < data.length ? data[pos++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            if (pos == data.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, step), data.length - pos);
            System.arraycopy(data, pos, b, off, n);
            pos += n;
            return n;
        }
    }
}
