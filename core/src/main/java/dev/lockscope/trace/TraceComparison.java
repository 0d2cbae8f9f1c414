package dev.lockscope.trace;

import dev.lockscope.event.EventSink;
import dev.lockscope.event.TraceEvent;
import dev.lockscope.io.InputException;
import dev.lockscope.io.JsonFormat;
import dev.lockscope.io.JsonTree;
import dev.lockscope.io.JsonValue;
import dev.lockscope.io.Quote;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;

/**
 * Compares a trace file with the trace a re-run writes, byte for byte, as the re-run writes it: the re-run's
 * events go through a {@link TraceWriter} (the same header and line writer as a saved trace) into a stream that
 * checks each byte against the file's next byte (after decompression), so nothing is stored and memory does not
 * grow with the trace. The comparison stops the re-run at the first difference and says where it is: a header
 * field, a line (with both lines), bytes after the last line, or the gzip container (this Lockscope writes one
 * gzip member; a second one is a difference even when it adds no bytes).
 *
 * <p>The file must be readable as a trace ({@link TraceReader} checks it first): this class only compares.
 */
public final class TraceComparison {
    /** Longest line shown in a difference, in characters: a line may be up to 16 MiB. */
    private static final int SHOWN = 2_000;

    private TraceComparison() {}

    /** A re-run, writing its events into a sink and finishing it (a re-run stopped early does not finish it). */
    @FunctionalInterface
    public interface Rerun {
        void into(EventSink sink) throws InputException;
    }

    /**
     * What the comparison found.
     *
     * @param events     the events the re-run wrote before it ended or was stopped
     * @param lines      the lines found identical, header included
     * @param difference the first difference, if any
     */
    public record Outcome(long events, long lines, Optional<Difference> difference) {
        public Outcome {
            Objects.requireNonNull(difference, "difference");
        }
    }

    /** The first place where the file and the re-run differ; {@link #describe} says it for people. */
    public sealed interface Difference {
        /** One or more lines for the user: where, and both sides. */
        String describe();

        /** A field of the header line; {@code field} is its path ({@code scenario.durationMs}). */
        record HeaderField(String field, String file, String rerun) implements Difference {
            @Override
            public String describe() {
                return "in the header (line 1), field " + field + ": file " + file + ", re-run " + rerun;
            }
        }

        /** The header lines hold the same fields but are written differently (spacing, key order, number form). */
        record HeaderBytes(String file, String rerun) implements Difference {
            @Override
            public String describe() {
                return "in the header (line 1): the same fields, written differently\n  file:   " + file
                        + "\n  re-run: " + rerun;
            }
        }

        /** An event or site line. */
        record Line(long line, String file, String rerun) implements Difference {
            @Override
            public String describe() {
                return "at line " + line + ":\n  file:   " + file + "\n  re-run: " + rerun;
            }
        }

        /** The file goes on after the re-run's last line, {@code lines}: {@code extra} is what follows. */
        record FileLonger(long lines, long extraBytes, String extra) implements Difference {
            @Override
            public String describe() {
                return "after line " + lines + ", the re-run's last: the file has " + extraBytes + " more byte"
                        + (extraBytes == 1 ? "" : "s") + ": " + extra;
            }
        }

        /** The file ends after {@code lines} lines; the re-run goes on with {@code rerun}. */
        record RerunLonger(long lines, String rerun) implements Difference {
            @Override
            public String describe() {
                return "the file ends after line " + lines + "; the re-run goes on:\n  re-run: " + rerun;
            }
        }

        /** The gzip file holds more than one member (this Lockscope writes one). */
        record GzipMembers(int members, long secondAt) implements Difference {
            @Override
            public String describe() {
                return "in the gzip container: the file holds " + members + " gzip members (the second starts at "
                        + "byte " + secondAt + "); this Lockscope writes one";
            }
        }
    }

    /**
     * Runs {@code rerun} into a trace writer of {@code header} whose lines are compared with {@code file}'s.
     *
     * @throws InputException if the file cannot be read, or the re-run refuses its input
     */
    public static Outcome compare(Path file, TraceFile.Header header, Rerun rerun) throws InputException {
        String source = file.toString();
        try (InputStream in = TraceReader.open(file)) {
            Comparing comparing = new Comparing(in);
            long[] events = {0};
            boolean[] finished = {false};
            try {
                TraceWriter writer = TraceWriter.to(comparing, "the re-run", header);
                rerun.into(new EventSink() {
                    @Override
                    public void accept(TraceEvent event) {
                        events[0]++;
                        writer.accept(event);
                    }

                    @Override
                    public void finish() {
                        finished[0] = true;
                        writer.finish();
                    }
                });
                if (finished[0]) {
                    comparing.close(); // the re-run ended: whatever the file has left is a difference
                } // else it was stopped before its end: what it wrote so far compared equal
            } catch (Stop stop) {
                // the first difference is known
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            Optional<Difference> difference = Optional.ofNullable(comparing.difference);
            if (difference.isEmpty() && finished[0] && in instanceof GzipInput gz && gz.members() > 1) {
                difference = Optional.of(new Difference.GzipMembers(gz.members(), gz.secondMemberStart()));
            }
            return new Outcome(events[0], comparing.sameLines, difference);
        } catch (GzipInput.Corrupt e) {
            throw new InputException(source, 0, "", "corrupt compressed data: " + e.getMessage()
                    + "; the file is damaged, not cut off");
        } catch (IOException e) {
            throw TraceReader.unreadable(source, e);
        }
    }

    /** Stops the re-run once the first difference is known. */
    private static final class Stop extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stop() {
            super(null, null, false, false);
        }
    }

    /**
     * The re-run's bytes, compared with the file's as they come. Keeps the current line's bytes so far (equal on
     * both sides) to show the whole line when they differ, and then the rest of each side's line.
     */
    private static final class Comparing extends OutputStream {
        private final InputStream file;
        private final byte[] buf = new byte[1 << 16];
        private int pos;
        private int limit;
        private boolean fileEnded;
        /** The 1-based number of the line being compared. */
        long line = 1;
        /** Lines found equal so far. */
        long sameLines;
        /** The current line's bytes before the position compared; at most {@link #SHOWN} are kept. */
        private final ByteArrayOutputStream sameSoFar = new ByteArrayOutputStream();
        private long sameLength;
        Difference difference;
        /** After a difference inside a line: the re-run's rest of that line, until its newline. */
        private ByteArrayOutputStream rerunRest;
        private byte[] fileLine;
        private boolean fileLineEnded;

        Comparing(InputStream file) {
            this.file = file;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (rerunRest != null) {
                takeRerunRest(b, off, len);
                return;
            }
            while (len > 0) {
                if (pos == limit && !fill()) {
                    // The file ends here; the re-run goes on.
                    rerunRest = new ByteArrayOutputStream();
                    fileLine = null;
                    takeRerunRest(b, off, len);
                    return;
                }
                int n = Math.min(len, limit - pos);
                int m = Arrays.mismatch(b, off, off + n, buf, pos, pos + n);
                int same = m < 0 ? n : m;
                track(b, off, same);
                pos += same;
                off += same;
                len -= same;
                if (m >= 0) {
                    differ();
                    takeRerunRest(b, off, len);
                    return;
                }
            }
        }

        /** The bytes {@code b[off, off + n)}, equal in both: counts lines and keeps the current one's start. */
        private void track(byte[] b, int off, int n) {
            int from = off;
            for (int i = off; i < off + n; i++) {
                if (b[i] == '\n') {
                    line++;
                    sameLines++;
                    sameSoFar.reset();
                    sameLength = 0;
                    from = i + 1;
                }
            }
            int keep = (int) Math.min(off + n - from, Math.max(0, SHOWN - sameLength));
            sameSoFar.write(b, from, keep);
            sameLength += off + n - from;
        }

        /** The file's byte at {@code pos} differs from the re-run's next: reads the rest of the file's line. */
        private void differ() throws IOException {
            ByteArrayOutputStream rest = new ByteArrayOutputStream();
            fileLineEnded = false;
            while (!fileLineEnded && (pos < limit || fill())) {
                int nl = LineReader.indexOfNewline(buf, pos, limit);
                int end = nl < 0 ? limit : nl;
                rest.write(buf, pos, Math.min(end - pos, Math.max(0, SHOWN - rest.size())));
                pos = nl < 0 ? limit : nl + 1;
                fileLineEnded = nl >= 0;
            }
            fileLine = rest.toByteArray();
            rerunRest = new ByteArrayOutputStream();
        }

        /** Collects the re-run's rest of the differing line; once it is complete, records the difference and stops. */
        private void takeRerunRest(byte[] b, int off, int len) {
            int nl = LineReader.indexOfNewline(b, off, off + len);
            int end = nl < 0 ? off + len : nl;
            rerunRest.write(b, off, Math.min(end - off, Math.max(0, SHOWN - rerunRest.size())));
            if (nl >= 0) {
                record();
                throw new Stop();
            }
        }

        /** The re-run ended: a difference being collected is complete; else the file must end here too. */
        @Override
        public void close() throws IOException {
            if (difference != null) {
                return;
            }
            if (rerunRest != null) {
                record();
                return;
            }
            ByteArrayOutputStream extra = new ByteArrayOutputStream();
            long extraBytes = 0;
            while (pos < limit || fill()) {
                extra.write(buf, pos, Math.min(limit - pos, Math.max(0, 200 - extra.size())));
                extraBytes += limit - pos;
                pos = limit;
            }
            if (extraBytes > 0) {
                difference = new Difference.FileLonger(line - 1, extraBytes,
                        Quote.of(new String(extra.toByteArray(), StandardCharsets.UTF_8)) + (extraBytes > 200 ? "..." : ""));
            }
        }

        private void record() {
            String prefix = sameSoFar.toString(StandardCharsets.UTF_8);
            String rerun = shown(prefix + rerunRest.toString(StandardCharsets.UTF_8), sameLength + rerunRest.size());
            if (fileLine == null) {
                difference = new Difference.RerunLonger(line - 1, rerun);
            } else {
                String fileText = shown(prefix + new String(fileLine, StandardCharsets.UTF_8),
                        sameLength + fileLine.length);
                difference = line == 1 ? header(fileText, rerun) : new Difference.Line(line, fileText, rerun);
            }
        }

        private static String shown(String text, long length) {
            return length > SHOWN ? text.substring(0, Math.min(text.length(), SHOWN)) + "... (" + length + " bytes)"
                    : text;
        }

        private boolean fill() throws IOException {
            if (fileEnded) {
                return false;
            }
            pos = 0;
            limit = 0;
            int n = file.read(buf, 0, buf.length);
            if (n < 0) {
                fileEnded = true;
                return false;
            }
            limit = n;
            return true;
        }
    }

    /** The header lines differ: the first field that does, or the fact that only their bytes do. */
    private static Difference header(String file, String rerun) {
        try {
            Optional<Difference> field = firstDifference("", tree(file), tree(rerun));
            return field.orElse(new Difference.HeaderBytes(file, rerun));
        } catch (InputException e) {
            return new Difference.HeaderBytes(file, rerun); // shown whole when it cannot be read as fields
        }
    }

    private static JsonValue tree(String line) throws InputException {
        try (JsonParser p = JsonFormat.FACTORY.createParser(ObjectReadContext.empty(),
                line.getBytes(StandardCharsets.UTF_8))) {
            return JsonTree.readDocument("header", p, new JsonTree.Limits(64, Integer.MAX_VALUE, Integer.MAX_VALUE), 1);
        } catch (JacksonException e) {
            throw JsonTree.malformed("header", 1, e);
        }
    }

    private static Optional<Difference> firstDifference(String path, JsonValue file, JsonValue rerun) {
        if (file instanceof JsonValue.Obj f && rerun instanceof JsonValue.Obj r) {
            Iterator<Map.Entry<String, JsonValue>> fi = f.fields().entrySet().iterator();
            Iterator<Map.Entry<String, JsonValue>> ri = r.fields().entrySet().iterator();
            while (fi.hasNext() || ri.hasNext()) {
                Map.Entry<String, JsonValue> fe = fi.hasNext() ? fi.next() : null;
                Map.Entry<String, JsonValue> re = ri.hasNext() ? ri.next() : null;
                if (fe == null || re == null || !fe.getKey().equals(re.getKey())) {
                    String name = fe != null ? fe.getKey() : re.getKey();
                    return Optional.of(new Difference.HeaderField(join(path, name),
                            fe == null ? "(nothing)" : "field " + Quote.of(fe.getKey()),
                            re == null ? "(nothing)" : "field " + Quote.of(re.getKey())));
                }
                Optional<Difference> inner = firstDifference(join(path, fe.getKey()), fe.getValue(), re.getValue());
                if (inner.isPresent()) {
                    return inner;
                }
            }
            return Optional.empty();
        }
        if (file instanceof JsonValue.Arr f && rerun instanceof JsonValue.Arr r) {
            List<JsonValue> fa = f.items();
            List<JsonValue> ra = r.items();
            for (int i = 0; i < Math.max(fa.size(), ra.size()); i++) {
                if (i >= fa.size() || i >= ra.size()) {
                    return Optional.of(new Difference.HeaderField(path, fa.size() + " items", ra.size() + " items"));
                }
                Optional<Difference> inner = firstDifference(path + "[" + i + "]", fa.get(i), ra.get(i));
                if (inner.isPresent()) {
                    return inner;
                }
            }
            return Optional.empty();
        }
        boolean same = file instanceof JsonValue.Num f && rerun instanceof JsonValue.Num r
                ? f.value().compareTo(r.value()) == 0
                : file.describe().equals(rerun.describe()) && file.getClass() == rerun.getClass();
        return same ? Optional.empty() : Optional.of(new Difference.HeaderField(path, file.describe(), rerun.describe()));
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
