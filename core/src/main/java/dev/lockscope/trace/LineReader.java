package dev.lockscope.trace;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.ZipException;

/**
 * Splits a byte stream into {@code \n}-terminated lines into one reused buffer, with a length limit. A gzip stream
 * that ends early or is corrupt ({@link EOFException}, {@link ZipException}) ends the input instead of failing
 * it: what was decoded so far stays usable, and {@link #streamBroken()} says so.
 */
final class LineReader {
    private final InputStream in;
    private final byte[] chunk = new byte[1 << 16];
    private int pos;
    private int limit;
    private boolean eof;
    private boolean streamBroken;

    private byte[] line = new byte[1 << 12];
    private int length;
    private boolean terminated;
    private int number;

    LineReader(InputStream in) {
        this.in = in;
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
     * @param maxLength longest line allowed, in bytes
     * @return false at the end of the input
     */
    boolean next(int maxLength) throws IOException, LineTooLongException {
        length = 0;
        terminated = false;
        while (true) {
            if (pos == limit && !fill()) {
                if (length == 0) {
                    return false;
                }
                number++;
                return true;
            }
            int start = pos;
            while (pos < limit && chunk[pos] != '\n') {
                pos++;
            }
            append(start, pos - start, maxLength);
            if (pos < limit) {
                pos++; // the newline
                terminated = true;
                number++;
                return true;
            }
        }
    }

    private void append(int start, int count, int maxLength) throws LineTooLongException {
        if ((long) length + count > maxLength) {
            number++;
            throw new LineTooLongException();
        }
        if (length + count > line.length) {
            line = Arrays.copyOf(line, Math.min(maxLength, Math.max(line.length * 2, length + count)));
        }
        System.arraycopy(chunk, start, line, length, count);
        length += count;
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        int n;
        try {
            n = in.read(chunk);
        } catch (EOFException | ZipException e) {
            streamBroken = true;
            n = -1;
        }
        if (n < 0) {
            eof = true;
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }

    byte[] bytes() {
        return line;
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

    /** Whether a compressed stream ended early or was corrupt. */
    boolean streamBroken() {
        return streamBroken;
    }
}
