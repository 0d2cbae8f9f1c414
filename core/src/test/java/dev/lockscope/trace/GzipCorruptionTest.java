package dev.lockscope.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockscope.event.TraceEvent;
import dev.lockscope.io.InputException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damage to a gzip trace is corruption, not truncation (docs/trace-format.md, "Truncation and corruption"): a bit
 * flipped in {@code sample-traces/article.jsonl.gz} (the header, every 151st byte of the data, its last 64 bytes,
 * the trailer) changes nothing the reader uses (the gzip header's time and OS bytes, a bit the decoder ignores),
 * or is refused as corrupt, or, at the very end of the data, reads as a cut or a bad last line; it never gives
 * changed events. A file that is only cut short still recovers its complete lines.
 */
class GzipCorruptionTest {
    private static final Path ARTICLE = Path.of("..", "sample-traces", "article.jsonl.gz");
    private static byte[] original;
    private static List<TraceEvent> events;

    @TempDir
    Path dir;

    @BeforeAll
    static void readTheSample() throws Exception {
        original = Files.readAllBytes(ARTICLE);
        TraceSamples.Collector sink = new TraceSamples.Collector();
        TraceReader.read(ARTICLE, sink);
        events = sink.events;
        assertThat(events).hasSize(3298);
    }

    @Test
    void aFlippedBitIsCorruptionOrChangesNothing() throws Exception {
        Path file = dir.resolve("flipped.jsonl.gz");
        TreeMap<String, Integer> outcomes = new TreeMap<>();
        List<Integer> offsets = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            offsets.add(i); // the gzip header
        }
        for (int i = 10; i < original.length - 72; i += 151) {
            offsets.add(i); // the compressed data
        }
        for (int i = original.length - 72; i < original.length - 8; i++) {
            offsets.add(i); // its end, where damage may look like a cut
        }
        for (int i = original.length - 8; i < original.length; i++) {
            offsets.add(i); // the trailer: CRC-32 and length
        }
        for (int offset : offsets) {
            byte[] damaged = original.clone();
            damaged[offset] ^= (byte) (1 << (offset % 8));
            Files.write(file, damaged);
            TraceSamples.Collector sink = new TraceSamples.Collector();
            String outcome;
            try {
                ReadResult result = TraceReader.read(file, sink);
                if (result.truncated()) {
                    // Damage that makes the last block look longer than the file reads as a cut: gzip checks only
                    // at its end. What was recovered is still what was written.
                    assertThat(events).as("flip at %d", offset).startsWith(sink.events.toArray(TraceEvent[]::new));
                    outcome = "cut";
                } else {
                    assertThat(sink.events).as("flip at %d", offset).isEqualTo(events);
                    outcome = "unchanged";
                }
            } catch (InputException e) {
                if (offset < 2) { // no longer gzip's magic bytes: read as plain text, which is no trace
                    assertThat(e.getMessage()).as("flip at %d", offset).startsWith(file + ":1:");
                    outcome = "not gzip";
                } else if (!e.getMessage().contains("corrupt") && offset >= original.length - 72) {
                    // A damaged last line, and a stream that then looks cut: its line's error stands.
                    assertThat(e.line()).as("flip at %d", offset).isGreaterThan(3000);
                    outcome = "bad line";
                } else {
                    assertThat(e.getMessage()).as("flip at %d", offset).startsWith(file + ": corrupt compressed data ")
                            .endsWith("; the file is damaged, not cut off");
                    outcome = "corrupt";
                }
            }
            outcomes.merge(outcome + (offset < 10 ? " (header)" : offset >= original.length - 8 ? " (trailer)" : ""),
                    1, Integer::sum);
        }
        // The header's time, extra flags and OS bytes (4 to 9) are not checked by gzip; everything else is.
        assertThat(outcomes).containsEntry("not gzip (header)", 2).containsEntry("corrupt (header)", 2)
                .containsEntry("unchanged (header)", 6).containsEntry("corrupt (trailer)", 8)
                .doesNotContainKey("unchanged (trailer)").doesNotContainKey("cut (trailer)");
        System.out.println("bit flips in article.jsonl.gz: " + outcomes);
    }

    @Test
    void aChecksumMismatchNamesTheChecksum() throws Exception {
        byte[] damaged = original.clone();
        damaged[original.length - 8] ^= 1; // the first byte of the stored CRC-32
        Path file = dir.resolve("crc.jsonl.gz");
        Files.write(file, damaged);

        assertThatThrownBy(() -> TraceReader.read(file, e -> {})).isInstanceOf(InputException.class)
                .hasMessage(file + ": corrupt compressed data after line 3306: the data does not match its checksum "
                        + "(CRC-32); the file is damaged, not cut off");
    }

    @Test
    void aLineDamagedBeyondParsingIsReportedAsCorruption() throws Exception {
        byte[] damaged = original.clone();
        damaged[original.length / 2] ^= (byte) 0xff;
        Path file = dir.resolve("damaged.jsonl.gz");
        Files.write(file, damaged);

        // Line 1592 no longer parses; the rest of the stream is checked, and its checksum tells why.
        assertThatThrownBy(() -> TraceReader.read(file, e -> {})).isInstanceOf(InputException.class)
                .hasMessage(file + ": corrupt compressed data after line 1592: the data does not match its checksum "
                        + "(CRC-32); the file is damaged, not cut off");
    }

    @Test
    void invalidCompressedDataIsCorrupt() throws Exception {
        byte[] damaged = original.clone();
        for (int i = 100; i < 140; i++) {
            damaged[i] = (byte) 0xff;
        }
        Path file = dir.resolve("invalid.jsonl.gz");
        Files.write(file, damaged);

        assertThatThrownBy(() -> TraceReader.read(file, e -> {})).isInstanceOf(InputException.class)
                .hasMessageStartingWith(file + ": corrupt compressed data ")
                .hasMessageContaining(": invalid compressed data (");
    }

    @Test
    void bytesAfterTheGzipStreamAreCorrupt() throws Exception {
        Path file = dir.resolve("appended.jsonl.gz");
        Files.write(file, concat(original, new byte[] {'j', 'u', 'n', 'k'}));

        assertThatThrownBy(() -> TraceReader.read(file, e -> {})).isInstanceOf(InputException.class)
                .hasMessage(file + ": corrupt compressed data after line 3306: unexpected data after the end of the "
                        + "gzip stream, at byte " + original.length + "; the file is damaged, not cut off");
    }

    @Test
    void aSecondGzipMemberIsReadAsGunzipReadsIt() throws Exception {
        // Concatenated members are one stream to gunzip; here an empty member changes nothing.
        Path file = dir.resolve("two.jsonl.gz");
        Files.write(file, concat(original, gzip(new byte[0])));
        TraceSamples.Collector sink = new TraceSamples.Collector();

        ReadResult result = TraceReader.read(file, sink);

        assertThat(result.truncated()).isFalse();
        assertThat(sink.events).isEqualTo(events);
    }

    @Test
    void aFileCutShortIsStillTruncationNotCorruption() throws Exception {
        Path file = dir.resolve("cut.jsonl.gz");
        Files.write(file, java.util.Arrays.copyOf(original, original.length - 8)); // the trailer lost

        TraceSamples.Collector sink = new TraceSamples.Collector();
        ReadResult result = TraceReader.read(file, sink);

        assertThat(result.warning()).hasValue(file + ": compressed data ends early after line 3306; recovered "
                + "3298 events");
        assertThat(sink.events).isEqualTo(events);
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
