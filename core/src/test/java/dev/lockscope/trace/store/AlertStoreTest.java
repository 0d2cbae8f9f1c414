package dev.lockscope.trace.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.event.AlertKind;
import dev.lockscope.event.TraceEvent;
import dev.lockscope.testing.Gens;
import dev.lockscope.testing.Property;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Alerts are stored compressed; whatever the text, {@link TraceView#event} gives each one back equal. */
class AlertStoreTest {
    /** Reports like a stalled room's: long, repetitive, a few numbers changing. */
    static TraceEvent.Alert alert(int i) {
        StringBuilder report = new StringBuilder("POTENTIAL STALL: a lock awaited longer than 1000 ms\n");
        for (int w = 0; w < 8; w++) {
            report.append("  Reload(m").append(w).append(") (g").append(i + w).append(") Lock, waiting ")
                    .append(500 * i + w).append(".632 ms\n");
        }
        return new TraceEvent.Alert(i * 1_000L, i % 3 == 0 ? AlertKind.LONG_HOLD : AlertKind.LONG_WAIT,
                "Broadcast#" + i + " has waited 1000 ms for membersMx (RLock)", report.toString(),
                List.of(i + 1, i + 2), List.of(0));
    }

    @Test
    void everyAlertComesBackEqualBeforeAndAfterItsBlockIsCompressed() {
        TraceStore store = new TraceStore();
        List<TraceEvent> events = new ArrayList<>();
        for (int i = 0; i < 3 * AlertStore.BLOCK + 5; i++) {
            events.add(new TraceEvent.Exit(i * 1_000L, 1));
            events.add(alert(i));
            TraceView before = store.view();
            store.accept(events.get(2 * i));
            store.accept(events.get(2 * i + 1));
            TraceView after = store.view();
            assertThat(after.event(2 * i + 1)).isEqualTo(events.get(2 * i + 1)); // pending or just compressed
            assertThat(before.size()).isEqualTo(2 * i);
        }
        TraceView view = store.view();
        for (int row = 0; row < view.size(); row++) {
            assertThat(view.event(row)).as("row %d", row).isEqualTo(events.get(row));
            assertThat(view.type(row)).isEqualTo(EventType.of(events.get(row)));
            assertThat(view.goroutine(row)).isEqualTo(row % 2 == 0 ? 1 : -1);
        }
    }

    @TempDir
    Path dir;

    /** Compressed blocks go to a byte column that pages: a long run's alerts leave the heap, and read back equal. */
    @Test
    void compressedBlocksArePagedAndReadBackEqual() {
        ChunkSpill spill = new ChunkSpill(dir);
        AlertStore alerts = new AlertStore(spill);
        int n = 40 * AlertStore.BLOCK + 3;
        for (int i = 0; i < n; i++) {
            alerts.add(alert(i));
        }
        assertThat(spill.chunks()).as("full chunks of deflated alerts mapped").isPositive();
        for (int i = 0; i < n; i++) {
            assertThat(alerts.get(i, i * 1_000L)).isEqualTo(alert(i));
        }
    }

    @Test
    void alertsTakeAFractionOfTheirText() {
        AlertStore alerts = new AlertStore();
        for (int i = 0; i < 10 * AlertStore.BLOCK; i++) {
            alerts.add(alert(i));
        }
        // Not a size assertion on the compressor: only that nothing of the text is kept as objects.
        for (int i = 0; i < 10 * AlertStore.BLOCK; i++) {
            assertThat(alerts.get(i, i * 1_000L)).isEqualTo(alert(i));
        }
        assertThat(alerts.size()).isEqualTo(10 * AlertStore.BLOCK);
    }

    @Test
    void anyStringsComeBackTheSame() {
        Property.forAll(s -> s.listOf(1, 70, Gens.anyStrings(255))).tries(50)
                .describedBy(texts -> texts.stream().map(Gens::quote).toList().toString())
                .check(AlertStoreTest::anyStringsComeBackTheSame);
    }

    @Test
    void edgeStringsComeBackTheSame() {
        anyStringsComeBackTheSame(List.of(""));
        anyStringsComeBackTheSame(List.of("", "\0", "\uD800", "\uDFFF\uD800", "\n\n", "\uFFFF", "x".repeat(255)));
        anyStringsComeBackTheSame(Collections.nCopies(70, ""));
    }

    private static void anyStringsComeBackTheSame(List<String> texts) {
        // Any UTF-16 content: lone surrogates, NULs, non-ASCII; enough alerts to fill blocks.
        AlertStore alerts = new AlertStore();
        List<TraceEvent.Alert> stored = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            TraceEvent.Alert a = new TraceEvent.Alert(i, AlertKind.values()[i % AlertKind.values().length], text,
                    text + "\n" + texts.get(texts.size() - 1 - i), List.of(i + 1), List.of());
            stored.add(a);
            alerts.add(a);
        }
        for (int i = 0; i < stored.size(); i++) {
            TraceEvent.Alert back = alerts.get(i, i);
            assertThat(back).isEqualTo(stored.get(i));
            assertThat(back.summary()).isEqualTo(stored.get(i).summary());
            assertThat(back.report()).isEqualTo(stored.get(i).report());
        }
    }

    @Test
    void aReaderSeesEveryPublishedAlertWhileTheWriterCompressesBlocks() throws Exception {
        int n = 40 * AlertStore.BLOCK;
        TraceStore store = new TraceStore();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try {
                for (int i = 0; i < n; i++) {
                    store.accept(alert(i));
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "writer");
        writer.start();
        int seen = 0;
        while (seen < n && failure.get() == null) {
            TraceView view = store.view();
            for (int row = seen; row < view.size(); row++) {
                assertThat(view.event(row)).isEqualTo(alert(row));
            }
            if (view.size() > 0) {
                assertThat(view.event(view.size() / 2)).isEqualTo(alert(view.size() / 2)); // an older block
            }
            seen = view.size();
        }
        writer.join();
        assertThat(failure.get()).isNull();
        assertThat(seen).isEqualTo(n);
    }
}
