package dev.lockscope.tracker;

import static dev.lockscope.tracker.Recordings.awaitTrue;
import static dev.lockscope.tracker.Recordings.start;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.tracker.Recordings.Worker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Threads that end get an {@code exit} in a file recording, written while the recording runs (the writer's
 * periodic check), not only at its end. The waits poll for the line to appear; the class timeout bounds them.
 */
@Timeout(30)
class ThreadExitTest {
    @TempDir
    Path dir;

    @AfterEach
    void stop() throws Exception {
        LockscopeTracker.stopRecording();
    }

    @Test
    void aThreadThatLocksAndEndsGetsAnExitAfterItsLastEventWhileTheRecordingRuns() throws Exception {
        Path file = dir.resolve("t.jsonl");
        TrackedReentrantLock lock = new TrackedReentrantLock("mu");
        LockscopeTracker.record(file);
        Worker worker = start("worker-1", () -> {
            lock.lock();
            lock.unlock();
        });
        worker.join();
        awaitTrue(() -> written(file).contains(exitLine(worker.g())));
        lock.lock(); // the test's thread, after the worker's exit
        lock.unlock();
        LockscopeTracker.stopRecording();

        Trace trace = Trace.read(file).checkWellFormed();
        long me = Thread.currentThread().threadId();
        assertThat(trace.eventsOf(worker.g())).map(Trace.Line::e)
                .containsExactly("spawn", "request", "acquire", "release", "exit");
        assertThat(trace.eventsOf(me)).map(Trace.Line::e).as("alive: no exit")
                .containsExactly("spawn", "request", "acquire", "release");
        List<Trace.Line> events = trace.events();
        assertThat(events.indexOf(trace.eventsOf(worker.g()).getLast()))
                .as("the exit is in time order among the other events, before the end")
                .isLessThan(events.indexOf(trace.eventsOf(me).getFirst()));
        assertThat(trace.hasEnd()).isTrue();
    }

    @Test
    void aThreadThatEndsHoldingALockGetsAnExitAndItsHoldHasNoRelease() throws Exception {
        Path file = dir.resolve("t.jsonl");
        TrackedReentrantLock lock = new TrackedReentrantLock("mu");
        LockscopeTracker.record(file);
        Worker holder = start("holder", lock::lock);
        holder.join();
        awaitTrue(() -> written(file).contains(exitLine(holder.g())));
        // The JDK keeps the lock owned by the dead thread: a waiter is blocked by it, and gives up.
        assertThat(lock.tryLock(1, TimeUnit.MILLISECONDS)).isFalse();
        LockscopeTracker.stopRecording();

        Trace trace = Trace.read(file).checkWellFormed();
        long me = Thread.currentThread().threadId();
        assertThat(trace.eventsOf(holder.g())).map(Trace.Line::e).containsExactly("spawn", "request", "acquire", "exit");
        List<Trace.Line> mine = trace.eventsOf(me);
        assertThat(mine).map(Trace.Line::e).containsExactly("spawn", "request", "blocked");
        assertThat(mine.getLast().by()).as("named, not spawned again (checkWellFormed)").containsExactly(holder.g());
        assertThat(mine.getFirst().t()).isGreaterThanOrEqualTo(trace.eventsOf(holder.g()).getLast().t());
    }

    @Test
    void aThreadThatEndsJustBeforeTheRecordingStopsHasItsExitBeforeTheEnd() throws Exception {
        TrackedReentrantLock lock = new TrackedReentrantLock("mu");
        Worker[] worker = new Worker[1];
        Trace trace = Recordings.record(dir, "t.jsonl", () -> {
            worker[0] = start("worker-1", () -> {
                lock.lock();
                lock.unlock();
            });
            worker[0].join();
        });

        assertThat(trace.eventsOf(worker[0].g())).map(Trace.Line::e)
                .containsExactly("spawn", "request", "acquire", "release", "exit");
        assertThat(trace.lines().getLast().is("end")).isTrue();
    }

    static String exitLine(long g) {
        return "\"e\":\"exit\",\"g\":" + g + "}";
    }

    /** What the file holds now (the writer appends to it meanwhile). */
    private static String written(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
