package dev.lockscope.trace.store;

import dev.lockscope.event.AlertKind;
import dev.lockscope.event.TraceEvent;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The alerts of a trace, compressed in blocks. A stalled room raises an alert every twenty events or so, each
 * with about a kilobyte of report that mostly repeats the alerts before it (the same waiters, a few numbers
 * later): {@value #BLOCK} consecutive alerts deflated together take about 55 bytes each, against about 1.1 KB as
 * objects; reading one inflates its block (about 120 KB of text), well under a millisecond. An alert is given back equal to the one stored: same kind, strings, goroutines and locks.
 *
 * <p><b>Storage.</b> Alert {@code i} is entry {@code i % BLOCK} of block {@code i / BLOCK}. A block is the
 * concatenated encodings of its alerts (kind, goroutines, locks, summary, report; strings as their UTF-16 units,
 * so that any string, even one with a lone surrogate, comes back the same), deflated without a header. The block
 * being filled is an array of the alert objects; when it is full, its deflated bytes go to a byte column that pages
 * like the store's (so a run's alerts do not grow the heap), and its slot says where they are.
 *
 * <p><b>Threads.</b> One writer. An open block's array is published in its slot (release write) before its
 * first alert's row, and each alert is written into it before its row is published; the array is never changed
 * afterwards, so a reader that got it (acquire read) may keep reading it after the slot holds the deflated
 * block. Decoding allocates its own inflater, so readers share nothing mutable.
 */
final class AlertStore {
    /** Alerts per compressed block: enough for the deflater to find the repeats, few enough to inflate quickly. */
    static final int BLOCK = 128;
    private static final AlertKind[] KINDS = AlertKind.values();

    /**
     * Per block: its {@code TraceEvent.Alert[]} while it is filled, then where its deflated bytes are in
     * {@link #deflated} (a {@link Stored}), or the bytes themselves once that column is full.
     */
    private final ObjectVector<Object> blocks = new ObjectVector<>();
    /** The deflated blocks one after another, in chunks that page like the store's columns. */
    private final ByteVector deflated;

    /** Where a full block's deflated bytes are. */
    private record Stored(int start, int length) {}

    AlertStore() {
        this(null);
    }

    /** @param spill where full chunks of deflated alerts go, or null to keep them on the heap */
    AlertStore(ChunkSpill spill) {
        deflated = new ByteVector(EventTable.CHUNK_SHIFT, spill);
    }
    private TraceEvent.Alert[] open; // writer only: the block being filled
    private int size;

    /** Stores {@code alert}; its index. Writer only. */
    int add(TraceEvent.Alert alert) {
        int i = size;
        if (i % BLOCK == 0) {
            open = new TraceEvent.Alert[BLOCK];
            blocks.add(open); // release: the array is visible before any of its alerts' rows
        }
        open[i % BLOCK] = alert;
        size = i + 1;
        if (size % BLOCK == 0) {
            byte[] bytes = deflate(encode(open));
            int start = deflated.size();
            if (start > Integer.MAX_VALUE - bytes.length) {
                blocks.set(i / BLOCK, bytes); // 2 GiB of deflated alerts: the rest stay on the heap
            } else {
                for (byte b : bytes) {
                    deflated.add(b);
                }
                blocks.set(i / BLOCK, new Stored(start, bytes.length)); // release: after its bytes
            }
            open = null;
        }
        return i;
    }

    /** Alert {@code i} (an index from a published row), rebuilt; any thread. */
    TraceEvent.Alert get(int i, long time) {
        return switch (blocks.get(i / BLOCK)) {
            case TraceEvent.Alert[] alerts -> alerts[i % BLOCK];
            case Stored stored -> decode(read(stored), i % BLOCK, time);
            case byte[] bytes -> decode(bytes, i % BLOCK, time);
            default -> throw new IllegalStateException("alert " + i + " is not stored");
        };
    }

    int size() {
        return size;
    }

    private byte[] read(Stored stored) {
        byte[] bytes = new byte[stored.length()];
        for (int j = 0; j < bytes.length; j++) {
            bytes[j] = deflated.get(stored.start() + j);
        }
        return bytes;
    }

    private static byte[] encode(TraceEvent.Alert[] alerts) {
        Encoder out = new Encoder();
        for (TraceEvent.Alert a : alerts) {
            out.alert(a);
        }
        return out.bytes();
    }

    private static byte[] deflate(byte[] raw) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        try {
            deflater.setInput(raw);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 8 + 64);
            byte[] buffer = new byte[4096];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static TraceEvent.Alert decode(byte[] block, int entry, long time) {
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(block);
            ByteArrayOutputStream out = new ByteArrayOutputStream(block.length * 16);
            byte[] buffer = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IllegalStateException("truncated alert block");
                }
                out.write(buffer, 0, n);
            }
            Decoder in = new Decoder(out.toByteArray());
            for (int i = 0; i < entry; i++) {
                in.skip(); // entries have no fixed length
            }
            return in.alert(time);
        } catch (DataFormatException e) {
            throw new IllegalStateException("corrupt alert block", e);
        } finally {
            inflater.end();
        }
    }

    /** Writes alerts as varints and UTF-16 units. */
    private static final class Encoder {
        private byte[] bytes = new byte[BLOCK * 1024];
        private int length;

        void alert(TraceEvent.Alert a) {
            varint(a.kind().ordinal());
            ints(a.goroutines());
            ints(a.locks());
            string(a.summary());
            string(a.report());
        }

        byte[] bytes() {
            return Arrays.copyOf(bytes, length);
        }

        private void ints(List<Integer> values) {
            varint(values.size());
            for (int v : values) {
                varint(v);
            }
        }

        /** Each UTF-16 unit as a varint: one byte for ASCII, which is what reports are made of. */
        private void string(String s) {
            varint(s.length());
            for (int i = 0; i < s.length(); i++) {
                varint(s.charAt(i));
            }
        }

        private void varint(int v) {
            if (length + 5 > bytes.length) {
                bytes = Arrays.copyOf(bytes, bytes.length * 2);
            }
            while ((v & ~0x7F) != 0) {
                bytes[length++] = (byte) (v & 0x7F | 0x80);
                v >>>= 7;
            }
            bytes[length++] = (byte) v;
        }
    }

    /** Reads what {@link Encoder} wrote. */
    private static final class Decoder {
        private final byte[] bytes;
        private int pos;

        Decoder(byte[] bytes) {
            this.bytes = bytes;
        }

        TraceEvent.Alert alert(long time) {
            AlertKind kind = KINDS[varint()];
            List<Integer> goroutines = ints();
            List<Integer> locks = ints();
            String summary = string();
            String report = string();
            return new TraceEvent.Alert(time, kind, summary, report, goroutines, locks);
        }

        /** Moves past one alert without building it. */
        void skip() {
            varint();
            for (int lists = 0; lists < 2; lists++) {
                for (int n = varint(); n > 0; n--) {
                    varint();
                }
            }
            for (int strings = 0; strings < 2; strings++) {
                for (int n = varint(); n > 0; n--) {
                    varint();
                }
            }
        }

        private List<Integer> ints() {
            int n = varint();
            List<Integer> values = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                values.add(varint());
            }
            return values;
        }

        private String string() {
            char[] chars = new char[varint()];
            for (int i = 0; i < chars.length; i++) {
                chars[i] = (char) varint();
            }
            return new String(chars);
        }

        private int varint() {
            int v = 0;
            for (int shift = 0; ; shift += 7) {
                byte b = bytes[pos++];
                v |= (b & 0x7F) << shift;
                if (b >= 0) {
                    return v;
                }
            }
        }
    }
}
