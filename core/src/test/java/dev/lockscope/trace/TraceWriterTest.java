package dev.lockscope.trace;

import static dev.lockscope.trace.TraceSamples.events;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockscope.event.TraceEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceWriterTest {
    @TempDir
    Path dir;

    private List<Path> files() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void atomicWriterLeavesTheOldFileUntilFinish() throws Exception {
        Path target = dir.resolve("trace.jsonl");
        Files.writeString(target, "old");
        TraceWriter w = TraceWriter.atomic(target, TraceSamples.scenario());
        events().forEach(w::accept);
        w.flush();

        assertThat(Files.readString(target)).isEqualTo("old");
        assertThat(files()).hasSize(2); // the target and a hidden temporary file beside it

        w.finish();

        assertThat(files()).containsExactly(target);
        TraceSamples.Collector sink = new TraceSamples.Collector();
        TraceReader.read(target, sink);
        assertThat(sink.events).isEqualTo(events());
    }

    @Test
    void writerKilledBeforeFinishLeavesTheOldFileIntact() throws Exception {
        Path target = dir.resolve("trace.jsonl.gz");
        Files.writeString(target, "old");
        TraceWriter w = TraceWriter.atomic(target, TraceSamples.scenario());
        events().forEach(w::accept);
        w.flush();
        // The process dies here: no finish, no close.

        assertThat(Files.readString(target)).isEqualTo("old");
        w.close();
    }

    @Test
    void closingWithoutFinishAbandonsTheTemporaryFile() throws Exception {
        Path target = dir.resolve("trace.jsonl");
        Files.writeString(target, "old");

        try (TraceWriter w = TraceWriter.atomic(target, TraceSamples.scenario())) {
            events().forEach(w::accept);
        }

        assertThat(files()).containsExactly(target);
        assertThat(Files.readString(target)).isEqualTo("old");
    }

    @Test
    void atomicWriterCreatesANewFile() throws Exception {
        Path target = dir.resolve("new.jsonl");

        TraceSamples.writeAtomic(target, events());

        assertThat(files()).containsExactly(target);
    }

    @Test
    void recordingFlushesEachInstantWhenTimeMovesOn() throws Exception {
        Path target = dir.resolve("live.jsonl");
        List<TraceEvent> all = events();
        try (TraceWriter w = TraceWriter.recording(target, TraceSamples.scenario())) {
            // The first five events are at t=0; the sixth (t=5) pushes them out.
            all.subList(0, 6).forEach(w::accept);
            TraceSamples.Collector sink = new TraceSamples.Collector();

            ReadResult result = TraceReader.read(target, sink);

            assertThat(sink.events).isEqualTo(all.subList(0, 5));
            assertThat(result.truncated()).isTrue();
            w.flush();
            assertThat(TraceReader.read(target, e -> {}).events()).isEqualTo(6);
            all.subList(6, all.size()).forEach(w::accept);
            w.finish();
        }
        TraceSamples.Collector sink = new TraceSamples.Collector();
        assertThat(TraceReader.read(target, sink).truncated()).isFalse();
        assertThat(sink.events).isEqualTo(all);
    }

    @Test
    void refusesEventsAfterFinish() throws Exception {
        TraceWriter w = TraceWriter.atomic(dir.resolve("t.jsonl"), TraceSamples.scenario());
        w.finish();

        assertThatThrownBy(() -> w.accept(new TraceEvent.End(0))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theWriterStopsBeforeTheReadersLimitAndLeavesNoFile() throws Exception {
        Path target = dir.resolve("trace.jsonl.gz");
        Files.writeString(target, "old");
        TraceWriter w = TraceWriter.atomic(target, TraceFile.Header.simulated(TraceSamples.scenario()), 3);
        events().subList(0, 3).forEach(w::accept);

        assertThatThrownBy(() -> w.accept(events().get(3))).isInstanceOf(java.io.UncheckedIOException.class)
                .cause().isInstanceOf(TraceTooLongException.class)
                .hasMessage("cannot write " + target + ": the trace would hold more than 3 events, the most a trace "
                        + "may hold (reached at 0 ms)");
        assertThat(files()).containsExactly(target); // the temporary file is gone
        assertThat(Files.readString(target)).isEqualTo("old");
    }

    @Test
    void theWritersLimitIsTheReadersLimit() {
        assertThat(TraceLimits.DEFAULTS.maxEvents()).isEqualTo(TraceFile.MAX_EVENTS).isEqualTo(200_000_000L);
    }
}
