package dev.lockscope.bench;

import dev.lockscope.tracker.LockscopeTracker;
import dev.lockscope.tracker.TrackedReentrantLock;
import dev.lockscope.tracker.TrackedReentrantReadWriteLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the JVM tracking locks cost: one uncontended lock/unlock pair (one thread) of the JDK's
 * {@code ReentrantLock} and {@code ReentrantReadWriteLock} read and write locks ({@code *Plain}), against their
 * tracked drop-ins ({@code *Tracked}) with {@code recording} = {@code off} (no stream open: one volatile read
 * per call) or {@code file} (recording to a plain trace file in the temporary directory, restarted every
 * iteration so that the file stays a few hundred megabytes; each pair writes a request, an acquire and a
 * release line, and takes two stack walks).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TrackerBenchmark {
    /** The JDK's locks. */
    @State(Scope.Thread)
    public static class Plain {
        final ReentrantLock mutex = new ReentrantLock();
        final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
    }

    /** The tracked locks, with or without a recording. */
    @State(Scope.Thread)
    public static class Tracked {
        @Param({"off", "file"})
        public String recording;

        final TrackedReentrantLock mutex = new TrackedReentrantLock("mutex");
        final TrackedReentrantReadWriteLock rw = new TrackedReentrantReadWriteLock("rw");
        private Path file;

        @Setup(Level.Iteration)
        public void start() throws IOException {
            if (recording.equals("file")) {
                file = Files.createTempFile("tracker-benchmark", ".jsonl");
                LockscopeTracker.record(file);
            }
        }

        @TearDown(Level.Iteration)
        public void stop() throws IOException {
            if (file != null) {
                LockscopeTracker.stopRecording();
                Files.delete(file);
                file = null;
            }
        }
    }

    @Benchmark
    public void mutexPlain(Plain locks) {
        locks.mutex.lock();
        locks.mutex.unlock();
    }

    @Benchmark
    public void mutexTracked(Tracked locks) {
        locks.mutex.lock();
        locks.mutex.unlock();
    }

    @Benchmark
    public void readPlain(Plain locks) {
        locks.rw.readLock().lock();
        locks.rw.readLock().unlock();
    }

    @Benchmark
    public void readTracked(Tracked locks) {
        locks.rw.readLock().lock();
        locks.rw.readLock().unlock();
    }

    @Benchmark
    public void writePlain(Plain locks) {
        locks.rw.writeLock().lock();
        locks.rw.writeLock().unlock();
    }

    @Benchmark
    public void writeTracked(Tracked locks) {
        locks.rw.writeLock().lock();
        locks.rw.writeLock().unlock();
    }
}
