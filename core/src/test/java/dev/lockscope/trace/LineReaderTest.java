package dev.lockscope.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
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

    @Property(tries = 500)
    void splitsLikeTheObviousWayWhateverTheBufferAndReadSizes(@ForAll("text") byte[] input,
            @ForAll @IntRange(min = 1, max = 40) int bufferSize, @ForAll @IntRange(min = 0, max = 60) int max,
            @ForAll @IntRange(min = 1, max = 50) int readSize) throws IOException {
        assertThat(actual(input, bufferSize, max, readSize)).isEqualTo(expected(input, max));
    }

    @Provide
    Arbitrary<byte[]> text() {
        // Newlines, and bytes one bit away from one (the word-at-a-time search must not take them for one).
        return Arbitraries.of('a', 'b', '\n', '\n', '{', (char) ('\n' ^ 1), (char) 0x8a).list().ofMaxSize(200)
                .map(chars -> {
                    byte[] b = new byte[chars.size()];
                    for (int i = 0; i < b.length; i++) {
                        b[i] = (byte) chars.get(i).charValue();
                    }
                    return b;
                });
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
