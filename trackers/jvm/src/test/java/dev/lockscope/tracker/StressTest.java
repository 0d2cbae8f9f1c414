package dev.lockscope.tracker;

import static dev.lockscope.tracker.Recordings.record;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.tracker.Recordings.Worker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Threads hammer a mutex and a read-write lock with every kind of acquisition (seeded, so a failure replays the
 * same choices); the gzip trace must pair every event and never show overlapping write holds.
 */
@Timeout(60)
class StressTest {
    private static final int THREADS = 4;
    private static final int OPS = 1500;

    @TempDir
    Path dir;

    @AfterEach
    void stop() throws Exception {
        LockscopeTracker.stopRecording();
    }

    @Test
    void everyAcquireIsRequestedAndReleasedAndWriteHoldsNeverOverlap() throws Exception {
        TrackedReentrantLock mutex = new TrackedReentrantLock("mutex");
        TrackedReentrantReadWriteLock rw = new TrackedReentrantReadWriteLock("rw");
        AtomicInteger granted = new AtomicInteger();
        List<Worker> workers = new ArrayList<>();
        Trace trace = record(dir, "stress.jsonl.gz", () -> {
            for (int i = 0; i < THREADS; i++) {
                Random random = new Random(42 + i);
                workers.add(Recordings.start("stress-" + i, () -> {
                    for (int op = 0; op < OPS; op++) {
                        granted.addAndGet(oneOperation(random.nextInt(6), mutex, rw));
                    }
                }));
            }
            for (Worker worker : workers) {
                worker.join();
            }
        });

        assertThat(trace.checkLockDiscipline()).isEqualTo(granted.get());
        long releases = trace.events().stream().filter(l -> l.is("release")).count();
        assertThat(releases).isEqualTo(granted.get());
        assertThat(trace.hasEnd()).isTrue();
    }

    /** Performs one seeded operation; returns the outermost acquisitions it made (each released before return). */
    private static int oneOperation(int kind, TrackedReentrantLock mutex, TrackedReentrantReadWriteLock rw)
            throws InterruptedException {
        switch (kind) {
            case 0 -> {
                mutex.lock();
                mutex.lock(); // a re-entry: not recorded
                mutex.unlock();
                mutex.unlock();
                return 1;
            }
            case 1 -> {
                if (!mutex.tryLock()) {
                    return 0;
                }
                mutex.unlock();
                return 1;
            }
            case 2 -> {
                if (!mutex.tryLock(100, TimeUnit.MICROSECONDS)) {
                    return 0;
                }
                mutex.unlock();
                return 1;
            }
            case 3 -> {
                rw.readLock().lockInterruptibly();
                rw.readLock().unlock();
                return 1;
            }
            case 4 -> {
                rw.writeLock().lock();
                rw.readLock().lock(); // downgrade: a second hold, of the read view
                rw.writeLock().unlock();
                rw.readLock().unlock();
                return 2;
            }
            default -> {
                if (!rw.readLock().tryLock(100, TimeUnit.MICROSECONDS)) {
                    return 0;
                }
                rw.readLock().unlock();
                return 1;
            }
        }
    }
}
