package dev.lockscope.trace;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decompresses gzip (RFC 1952) and tells a file that was <b>cut off</b> from one that is <b>corrupt</b>, which
 * {@link java.util.zip.GZIPInputStream} does not: both end in an exception it does not distinguish, and it
 * silently ignores bytes after the last member.
 *
 * <ul>
 *   <li><b>Truncated</b>: the input ends inside a member (its header, its compressed data or its 8-byte
 *       trailer), as a recording does when its program dies: {@link EOFException}. Everything decoded so far
 *       is what was written (a sync-flushed recording decodes up to its last flush).</li>
 *   <li><b>Corrupt</b>: the compressed data is invalid, or a member's CRC-32 or length (ISIZE) does not match
 *       what it decoded, or bytes that are not a gzip member follow the last member: {@link Corrupt}. A gzip
 *       member is checked only at its end, so a corrupt file cannot say which of its lines are intact.</li>
 * </ul>
 *
 * Several members one after the other (what {@code cat a.gz b.gz} makes) decode as their concatenation, as
 * {@code gunzip} does; {@link #members()} says how many there were, and where each began.
 */
final class GzipInput extends InputStream {
    private static final int FHCRC = 2, FEXTRA = 4, FNAME = 8, FCOMMENT = 16, RESERVED = 0xE0;

    /** The compressed data is damaged: not a truncation. The message says what was wrong, for people. */
    static final class Corrupt extends IOException {
        private static final long serialVersionUID = 1L;

        Corrupt(String message) {
            super(message);
        }
    }

    private final InputStream in;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int limit;
    /** Compressed bytes before {@code buf[0]}. */
    private long bufStart;
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private final CRC32 headerCrc = new CRC32();
    private long memberBytes;
    private int members;
    private long memberStart;
    private long secondMemberStart = -1;
    private boolean inMember;
    private boolean done;
    private boolean corrupt;
    private final byte[] one = new byte[1];

    /** @param in the compressed bytes, from the first byte of the first member's header */
    GzipInput(InputStream in) {
        this.in = in;
    }

    /** Whether this stream has reported corrupt data. */
    boolean corrupt() {
        return corrupt;
    }

    /** Members begun so far. */
    int members() {
        return members;
    }

    /** The offset in the compressed input of the second member, or -1 if there is none. */
    long secondMemberStart() {
        return secondMemberStart;
    }

    @Override
    public int read() throws IOException {
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            return decode(b, off, len);
        } catch (Corrupt e) {
            corrupt = true;
            throw e;
        }
    }

    private int decode(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (!done) {
            if (!inMember) {
                startMember();
                continue;
            }
            int n = inflate(b, off, len);
            if (n > 0) {
                crc.update(b, off, n);
                memberBytes += n;
                return n;
            }
            if (inflater.finished()) {
                endMember();
            } else if (inflater.needsDictionary()) {
                throw new Corrupt("invalid compressed data (a preset dictionary, which gzip never uses)");
            } else if (inflater.needsInput()) {
                if (!fill()) {
                    throw new EOFException("compressed data ends early");
                }
                inflater.setInput(buf, pos, limit - pos);
            }
        }
        return -1;
    }

    private int inflate(byte[] b, int off, int len) throws Corrupt {
        try {
            return inflater.inflate(b, off, len);
        } catch (DataFormatException e) {
            throw new Corrupt("invalid compressed data" + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"));
        }
    }

    /** Reads a member header; the caller has seen at least its first byte, or is at the very start. */
    private void startMember() throws IOException {
        memberStart = bufStart + pos;
        if (++members == 2) {
            secondMemberStart = memberStart;
        }
        headerCrc.reset();
        if (headerByte() != 0x1f || headerByte() != 0x8b) {
            throw new Corrupt("not a gzip member at byte " + memberStart);
        }
        int method = headerByte();
        if (method != 8) {
            throw new Corrupt("unknown compression method " + method + " (gzip uses 8, deflate)");
        }
        int flags = headerByte();
        if ((flags & RESERVED) != 0) {
            throw new Corrupt("reserved gzip header flags set (" + flags + ")");
        }
        for (int i = 0; i < 6; i++) {
            headerByte(); // modification time, extra flags, operating system
        }
        if ((flags & FEXTRA) != 0) {
            int length = headerByte() | headerByte() << 8;
            for (int i = 0; i < length; i++) {
                headerByte();
            }
        }
        if ((flags & FNAME) != 0) {
            while (headerByte() != 0) {
                // the original file name, zero-terminated
            }
        }
        if ((flags & FCOMMENT) != 0) {
            while (headerByte() != 0) {
                // a comment, zero-terminated
            }
        }
        if ((flags & FHCRC) != 0) {
            int expected = (int) headerCrc.getValue() & 0xFFFF;
            int stored = rawByte() | rawByte() << 8;
            if (stored != expected) {
                throw new Corrupt("the gzip header's checksum does not match");
            }
        }
        inflater.reset();
        crc.reset();
        memberBytes = 0;
        inMember = true;
        inflater.setInput(buf, pos, limit - pos);
    }

    /** Checks the member's trailer, then looks at what follows: the end, or another member. */
    private void endMember() throws IOException {
        pos = limit - inflater.getRemaining();
        inMember = false;
        long storedCrc = word();
        long storedSize = word();
        if (storedCrc != crc.getValue()) {
            throw new Corrupt("the data does not match its checksum (CRC-32)");
        }
        if (storedSize != (memberBytes & 0xFFFF_FFFFL)) {
            throw new Corrupt("the data does not match its length (ISIZE)");
        }
        if (pos == limit && !fill()) {
            done = true;
            return;
        }
        if ((buf[pos] & 0xFF) != 0x1f) {
            throw new Corrupt("unexpected data after the end of the gzip stream, at byte " + (bufStart + pos));
        }
    }

    private long word() throws IOException {
        return rawByte() | (long) rawByte() << 8 | (long) rawByte() << 16 | (long) rawByte() << 24;
    }

    private int headerByte() throws IOException {
        int b = rawByte();
        headerCrc.update(b);
        return b;
    }

    private int rawByte() throws IOException {
        if (pos == limit && !fill()) {
            throw new EOFException("compressed data ends early");
        }
        return buf[pos++] & 0xFF;
    }

    /** Reads more compressed input into the empty buffer; false at the end of the input. */
    private boolean fill() throws IOException {
        bufStart += limit;
        pos = 0;
        limit = 0;
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) {
            return false;
        }
        limit = n;
        return true;
    }

    @Override
    public void close() throws IOException {
        inflater.end();
        in.close();
    }
}
