package dev.lockscope.real;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.detect.StreamDetectors;
import dev.lockscope.event.AlertKind;
import dev.lockscope.event.TraceEvent;
import dev.lockscope.model.DetectorConfig;
import dev.lockscope.trace.TraceReader;
import dev.lockscope.tracker.LockscopeTracker;
import dev.lockscope.tracker.TrackedReentrantLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM thread that ends holding a tracked lock: its trace has the thread's {@code exit} and no release, and
 * Lockscope, reading it, names the thread as an exited holder to whoever waits for the lock (docs/intervals.md,
 * docs/detectors.md).
 */
@Timeout(30)
class JavaThreadExitTest {
    @TempDir
    Path dir;

    @Test
    void aWaiterIsBlockedByTheThreadThatExitedHoldingTheLock() throws Exception {
        Path trace = dir.resolve("exited.jsonl");
        TrackedReentrantLock lock = new TrackedReentrantLock("ds");
        LockscopeTracker.record(trace);
        Thread holder;
        try {
            holder = Thread.ofPlatform().name("holder").start(lock::lock);
            holder.join();
            String exit = "\"e\":\"exit\",\"g\":" + holder.threadId() + "}";
            while (!new String(Files.readAllBytes(trace), StandardCharsets.UTF_8).contains(exit)) {
                Thread.sleep(1); // the writer notices the end within about 50 ms; the class timeout bounds this
            }
            assertThat(lock.tryLock(1, TimeUnit.MILLISECONDS)).as("the dead thread still owns it").isFalse();
        } finally {
            LockscopeTracker.stopRecording();
        }

        List<TraceEvent> events = new ArrayList<>();
        // A wait raises its alert as soon as it lasts: the trace's end comes after the 1 ms try.
        TraceReader.read(trace, new StreamDetectors(new DetectorConfig(DetectorConfig.DEFAULT_THRESHOLD_NS, 0, true), events::add));
        int g = (int) holder.threadId();
        assertThat(events).filteredOn(e -> e instanceof TraceEvent.Exit x && x.g() == g).hasSize(1);
        assertThat(events).noneMatch(e -> e instanceof TraceEvent.Release);
        assertThat(events).filteredOn(e -> e instanceof TraceEvent.Alert a && a.kind() == AlertKind.LONG_WAIT)
                .singleElement()
                .satisfies(a -> assertThat(((TraceEvent.Alert) a).report())
                        .contains("holder (g" + g + "), which exited at ").contains(" still holding ds (Lock)"));
    }
}
