package dev.lockscope.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockscope.event.TraceEvent;
import dev.lockscope.io.InputException;
import dev.lockscope.trace.TraceReader;
import dev.lockscope.trace.store.Track;
import dev.lockscope.tracker.LockscopeTracker;
import dev.lockscope.tracker.TrackedReentrantLock;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Attaching to a tracked Java program that serves its events: they fill the store live, and can be recorded. */
class AttachedRunTest {
    @TempDir
    Path dir;

    private static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30); // a bound, not a timing assertion
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited too long").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    @Test
    void aServingProgramsLockFillsTheStoreLiveAndTheRecordingKeepsIt() throws Exception {
        int port = LockscopeTracker.serve(0);
        TrackedReentrantLock ledger = new TrackedReentrantLock("ledger");
        AtomicBoolean go = new AtomicBoolean(true);
        List<Thread> workers = new ArrayList<>();
        AttachedRun attached = null;
        try {
            attached = AttachedRun.connect(port);
            for (int i = 1; i <= 2; i++) {
                workers.add(Thread.ofPlatform().name("worker-" + i).start(() -> {
                    while (go.get()) {
                        ledger.lock();
                        try {
                            Thread.sleep(2);
                        } catch (InterruptedException e) {
                            return;
                        } finally {
                            ledger.unlock();
                        }
                    }
                }));
            }
            AttachedRun run = attached;
            waitFor(() -> run.snapshot() != null && run.snapshot().store().view().intervalCount(Track.lockHolders(0)) > 5);
            int before = run.snapshot().store().view().intervalCount(Track.lockHolders(0));
            waitFor(() -> run.snapshot().store().view().intervalCount(Track.lockHolders(0)) > before + 5);
            assertThat(run.snapshot().header().producer()).isEqualTo("lockscope-jvm");
            assertThat(run.snapshot().connected()).isTrue();
            assertThat(run.nowNs()).isGreaterThanOrEqualTo(run.snapshot().lastEventNs());

            Path file = dir.resolve("attached.jsonl.gz");
            run.startRecording(file).get(30, TimeUnit.SECONDS);
            int recordedFrom = run.snapshot().store().size();
            waitFor(() -> run.snapshot().store().size() > recordedFrom + 20);
            go.set(false);
            for (Thread w : workers) {
                w.join();
            }
            run.close();
            waitFor(() -> !run.snapshot().connected());
            List<TraceEvent> recorded = new ArrayList<>();
            TraceReader.read(file, recorded::add);
            assertThat(recorded.size()).isGreaterThan(recordedFrom);
            assertThat(recorded).anyMatch(e -> e instanceof TraceEvent.LockCreated l && l.name().equals("ledger"));
        } finally {
            go.set(false);
            if (attached != null) {
                attached.close();
            }
            LockscopeTracker.stopServing();
        }
    }

    @Test
    void nothingServingIsOneLine() throws Exception {
        int free;
        try (ServerSocket s = new ServerSocket(0)) {
            free = s.getLocalPort();
        }
        int port = free;
        assertThatThrownBy(() -> AttachedRun.connect(port)).isInstanceOf(InputException.class)
                .hasMessageStartingWith("127.0.0.1:" + port + ": nothing serves a trace there");
        assertThatThrownBy(() -> AttachedRun.connect(70_000)).isInstanceOf(InputException.class)
                .hasMessage("attach: port: expected a port from 1 to 65535, got 70000");
    }
}
