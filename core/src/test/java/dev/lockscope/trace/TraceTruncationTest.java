package dev.lockscope.trace;

import static dev.lockscope.trace.TraceSamples.events;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.event.TraceEvent;
import dev.lockscope.io.InputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceTruncationTest {
    @TempDir
    Path dir;

    @Test
    void warnsWithLineAndCountWhenCutMidEvent() throws Exception {
        Path full = dir.resolve("full.jsonl");
        TraceSamples.writeAtomic(full, events());
        List<String> lines = Files.readAllLines(full);
        Path cut = dir.resolve("trace.jsonl");
        // header, spawn, lock, then half of the site line
        Files.writeString(cut, String.join("\n", lines.subList(0, 3)) + "\n" + lines.get(3).substring(0, 20));
        TraceSamples.Collector sink = new TraceSamples.Collector();

        ReadResult result = TraceReader.read(cut, sink);

        assertThat(result.truncated()).isTrue();
        assertThat(result.events()).isEqualTo(2);
        assertThat(result.warning()).hasValue(cut + ": file ends mid-event at line 4; recovered 2 events");
        assertThat(sink.events).isEqualTo(events().subList(0, 2));
        assertThat(sink.finished).isTrue();
    }

    @Test
    void warnsWhenARecordingHasNoEndEvent() throws Exception {
        Path file = dir.resolve("trace.jsonl");
        TraceSamples.writeAtomic(file, events().subList(0, 2));

        ReadResult result = TraceReader.read(file, e -> {});

        assertThat(result.truncated()).isTrue();
        assertThat(result.warning()).hasValue(file + ": no end event after line 3 (recording cut off?); recovered 2 events");
    }

    @Test
    void plainFileCutAtEveryByteLoadsItsCompleteLines() throws Exception {
        Path full = dir.resolve("full.jsonl");
        TraceSamples.writeAtomic(full, events());
        byte[] bytes = Files.readAllBytes(full);
        int headerEnd = indexOf(bytes, (byte) '\n', 0);
        Path cut = dir.resolve("cut.jsonl");

        // Every byte of the event lines; inside the header, which can only fail, a sample keeps the test fast.
        for (int length = 0; length < bytes.length; length += length < headerEnd - 1 ? Math.min(17, headerEnd - 1 - length) : 1) {
            Files.write(cut, Arrays.copyOf(bytes, length));
            TraceSamples.Collector sink = new TraceSamples.Collector();
            try {
                ReadResult result = TraceReader.read(cut, sink);
                int expected = completeEvents(bytes, length);
                assertThat(length).as("a cut header is an error").isGreaterThanOrEqualTo(headerEnd);
                assertThat(sink.events).as("cut at %d", length).isEqualTo(events().subList(0, expected));
                assertThat(result.truncated()).as("cut at %d", length).isEqualTo(length < bytes.length - 1);
            } catch (InputException e) {
                assertThat(length).as("only a cut header fails: %s", e.getMessage()).isLessThan(headerEnd);
            }
        }
    }

    @Test
    void gzipFileCutAtEveryByteLoadsAPrefixOrFailsCleanly() throws Exception {
        Path full = dir.resolve("full.jsonl.gz");
        TraceSamples.writeAtomic(full, events());
        byte[] bytes = Files.readAllBytes(full);
        Path cut = dir.resolve("cut.jsonl.gz");
        int recovered = 0;

        for (int length = 0; length < bytes.length; length++) {
            Files.write(cut, Arrays.copyOf(bytes, length));
            TraceSamples.Collector sink = new TraceSamples.Collector();
            try {
                ReadResult result = TraceReader.read(cut, sink);
                assertThat(sink.events).as("cut at %d", length).isEqualTo(events().subList(0, sink.events.size()));
                assertThat(result.truncated()).as("cut at %d", length).isTrue();
                recovered = Math.max(recovered, sink.events.size());
            } catch (InputException e) {
                assertThat(sink.events).isEmpty(); // only the header can be lost
            }
        }
        // Losing only the 8-byte trailer keeps every event.
        assertThat(recovered).isEqualTo(events().size());
    }

    @Test
    void gzipRecordingWithoutFinishIsReadableUpToItsLastFlush() throws Exception {
        Path file = dir.resolve("live.jsonl.gz");
        List<TraceEvent> all = events();
        TraceWriter w = TraceWriter.recording(file, TraceSamples.scenario());
        all.forEach(w::accept);
        // No finish: as if the process died. The events of the last instants were flushed when time moved on.
        TraceSamples.Collector sink = new TraceSamples.Collector();

        ReadResult result = TraceReader.read(file, sink);

        int beforeLastInstant = all.size() - 1; // everything but the end event, at the last instant
        assertThat(sink.events).isEqualTo(all.subList(0, beforeLastInstant));
        assertThat(result.truncated()).isTrue();
        assertThat(result.warning()).hasValueSatisfying(s -> assertThat(s).contains("compressed data ends early"));
        w.close();
    }

    /** Events on lines that are complete within {@code length} bytes: a newline, or the whole line without it. */
    private static int completeEvents(byte[] bytes, int length) {
        int count = 0;
        int start = indexOf(bytes, (byte) '\n', 0) + 1;
        while (start < bytes.length) {
            int end = indexOf(bytes, (byte) '\n', start);
            if (end > length) {
                break;
            }
            String line = new String(bytes, start, end - start, StandardCharsets.UTF_8);
            if (!line.contains("\"e\":\"site\"")) {
                count++;
            }
            start = end + 1;
        }
        return count;
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return bytes.length;
    }

}
