package dev.lockscope.jfr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockscope.analysis.Summary;
import dev.lockscope.analysis.SummaryAnalyzer;
import dev.lockscope.detect.StreamDetectors;
import dev.lockscope.event.AlertKind;
import dev.lockscope.event.TraceEvent;
import dev.lockscope.io.InputException;
import dev.lockscope.model.DetectorConfig;
import dev.lockscope.trace.Imports;
import dev.lockscope.trace.TraceFile;
import dev.lockscope.trace.TraceReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import jdk.jfr.Recording;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real JFR recording, made in the test with a 0 ms threshold, of threads that contend on a
 * {@code synchronized} block: the holder sleeps 300 ms inside it while two others wait to enter.
 */
class JfrImporterTest {
    @TempDir
    static Path dir;
    static Path recording;

    /** The monitor the threads contend on; its class names the lock. */
    static final class Ledger {
        synchronized void post(long sleepMs) throws InterruptedException {
            Thread.sleep(sleepMs);
        }
    }

    @BeforeAll
    static void record() throws Exception {
        recording = dir.resolve("contended.jfr");
        Ledger ledger = new Ledger();
        CountDownLatch holding = new CountDownLatch(1);
        try (Recording r = new Recording()) {
            r.enable("jdk.JavaMonitorEnter").withThreshold(Duration.ZERO).withStackTrace();
            r.start();
            Thread holder = Thread.ofPlatform().name("holder").start(() -> {
                synchronized (ledger) {
                    holding.countDown();
                    try {
                        Thread.sleep(300);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
            holding.await();
            List<Thread> waiters = new ArrayList<>();
            for (int i = 1; i <= 2; i++) {
                waiters.add(Thread.ofPlatform().name("poster-" + i).start(() -> {
                    try {
                        ledger.post(10);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
            }
            holder.join();
            for (Thread w : waiters) {
                w.join();
            }
            r.stop();
            r.dump(recording);
        }
    }

    @Test
    void contendedMonitorEntersBecomeWaitsOnANamedLockBlockedByTheOwner() throws Exception {
        List<TraceEvent> events = new ArrayList<>();
        Imports.read(new JfrImporter(recording), events::add);

        List<TraceEvent.Request> posts = events.stream().filter(e -> e instanceof TraceEvent.Request r
                && r.site().op().startsWith("poster-")).map(TraceEvent.Request.class::cast).toList();
        assertThat(posts).hasSizeGreaterThanOrEqualTo(2);
        assertThat(events).filteredOn(e -> e instanceof TraceEvent.LockCreated)
                .anySatisfy(e -> assertThat(((TraceEvent.LockCreated) e).name()).startsWith("JfrImporterTest$Ledger@"));
        assertThat(posts.getFirst().site().label()).startsWith("JfrImporterTest$Ledger.post");
        // Each poster waited for most of the holder's 300 ms, blocked by the holder (JFR's previous owner).
        int holder = events.stream().filter(e -> e instanceof TraceEvent.Spawn s && s.name().equals("holder"))
                .mapToInt(e -> ((TraceEvent.Spawn) e).g()).findFirst().orElseThrow();
        assertThat(events).filteredOn(e -> e instanceof TraceEvent.Blocked)
                .anySatisfy(e -> assertThat(((TraceEvent.Blocked) e).blockers()).containsExactly(holder));
        SummaryAnalyzer summary = new SummaryAnalyzer("jfr", OptionalLong.empty());
        events.forEach(summary::accept);
        Summary.OpStats first = summary.summary().ops().get("poster-1");
        assertThat(first.waitMs().count()).isEqualTo(1);
        assertThat(first.waitMs().maxMs()).isGreaterThan(150);
    }

    @Test
    void theImportedTraceReadsBackAndTheDetectorsRunOnIt() throws Exception {
        Path trace = dir.resolve("contended.jsonl.gz");
        Imports.write(new JfrImporter(recording), trace);

        TraceFile.Header header = TraceReader.readHeader(trace);
        assertThat(header.producer()).isEqualTo("lockscope-jfr");
        assertThat(header.name(trace)).isEqualTo("contended");
        List<TraceEvent> read = new ArrayList<>();
        TraceReader.read(trace, new StreamDetectors(new DetectorConfig(1_000_000_000L, 100_000_000L, true), read::add));
        assertThat(read).filteredOn(e -> e instanceof TraceEvent.Alert a && a.kind() == AlertKind.LONG_WAIT)
                .isNotEmpty().allSatisfy(a -> assertThat(((TraceEvent.Alert) a).report()).contains("blocked by holder"));
    }

    @Test
    void notARecordingIsOneLine() throws Exception {
        Path bogus = dir.resolve("bogus.jfr");
        Files.writeString(bogus, "hello");

        assertThatThrownBy(() -> Imports.read(new JfrImporter(bogus), e -> {})).isInstanceOf(InputException.class)
                .hasMessage(bogus + ": not a JFR recording (it does not start with FLR)");
        assertThat(JfrImporter.kindOf("pool-1-thread-3")).isEqualTo("pool-1-thread");
    }
}
