package dev.lockscope.trace;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Splits a byte stream into {@code \n}-terminated lines, with a length limit. A line is handed out in place, as
 * {@link #offset()} and {@link #length()} within {@link #bytes()}, a large buffer the input is read into: no
 * copy per line. A line that straddles the end of the buffer is moved to its front before more input is read,
 * and the buffer grows (up to the limit) only for a line longer than itself.
 *
 * <p>A compressed stream that ends early ({@link EOFException}: a file cut off) ends the input instead of failing
 * it: what was decoded so far stays usable, and {@link #streamBroken()} says so. Any other failure, corrupt data
 * included ({@link GzipInput.Corrupt}), propagates.
 */
final class LineReader {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101_0101_0101_0101L;
    private static final long HIGHS = 0x8080_8080_8080_8080L;
    private static final long NEWLINES = ONES * '\n';

    private final InputStream in;
    private byte[] buf;
    private int pos; // the first byte not handed out yet
    private int limit; // the end of the input in buf
    private boolean eof;
    private boolean streamBroken;

    private int start;
    private int length;
    private boolean terminated;
    private int number;

    LineReader(InputStream in) {
        this(in, 1 << 18);
    }

    /** @param bufferSize the initial buffer; small sizes let tests exercise lines that straddle refills */
    LineReader(InputStream in, int bufferSize) {
        this.in = in;
        this.buf = new byte[bufferSize];
    }

    /** Thrown when a line is longer than the caller's limit; carries nothing but the fact. */
    static final class LineTooLongException extends Exception {
        private static final long serialVersionUID = 1L;

        LineTooLongException() {
            super(null, null, false, false);
        }
    }

    /**
     * Reads the next line (without its {@code \n}).
     *
     * @param maxLength longest line allowed, in bytes; a longer one fails as soon as that many bytes are seen
     * @return false at the end of the input
     */
    boolean next(int maxLength) throws IOException, LineTooLongException {
        terminated = false;
        int scanned = pos; // bytes before this were searched for the newline already
        while (true) {
            int newline = indexOfNewline(buf, scanned, limit);
            if (newline >= 0) {
                return take(newline - pos, newline + 1, true, maxLength);
            }
            if (limit - pos > maxLength) {
                number++;
                throw new LineTooLongException();
            }
            scanned = limit - pos; // relative to pos, which fill() moves to 0
            if (!fill(maxLength)) {
                return limit > pos && take(limit - pos, limit, false, maxLength);
            }
        }
    }

    private boolean take(int lineLength, int next, boolean withNewline, int maxLength) throws LineTooLongException {
        number++;
        if (lineLength > maxLength) {
            throw new LineTooLongException();
        }
        start = pos;
        length = lineLength;
        terminated = withNewline;
        pos = next;
        return true;
    }

    /**
     * Moves the unfinished line to the front of the buffer (growing it if the line fills it) and reads more input
     * after it; false at the end of the input.
     */
    private boolean fill(int maxLength) throws IOException {
        if (eof) {
            return false;
        }
        int kept = limit - pos;
        if (kept == buf.length) {
            buf = Arrays.copyOf(buf, (int) Math.min((long) maxLength + 1, 2L * buf.length));
        } else if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, kept);
        }
        pos = 0;
        limit = kept;
        int n;
        try {
            n = in.read(buf, limit, buf.length - limit);
        } catch (EOFException e) {
            streamBroken = true;
            n = -1;
        }
        if (n < 0) {
            eof = true;
            return false;
        }
        limit += n;
        return true;
    }

    /**
     * The position of the first {@code \n} in [from, to), or -1: eight bytes at a time (the "has a zero byte"
     * test on the bytes XOR the newline; its lowest flagged byte is always a real match), the tail one by one.
     */
    static int indexOfNewline(byte[] b, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long x = (long) LONGS.get(b, i) ^ NEWLINES;
            long found = (x - ONES) & ~x & HIGHS;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** The buffer holding the current line, at {@link #offset()}; valid until the next call of {@link #next}. */
    byte[] bytes() {
        return buf;
    }

    int offset() {
        return start;
    }

    int length() {
        return length;
    }

    /** Whether the current line ended with {@code \n}; false only for a last line the file cuts off. */
    boolean terminated() {
        return terminated;
    }

    /** The 1-based number of the current line. */
    int number() {
        return number;
    }

    /** Whether a compressed stream ended early (was cut off). */
    boolean streamBroken() {
        return streamBroken;
    }
}
