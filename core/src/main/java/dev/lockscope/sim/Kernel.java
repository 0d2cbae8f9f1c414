package dev.lockscope.sim;

import dev.lockscope.event.EventSink;
import dev.lockscope.event.TraceEvent;
import dev.lockscope.lock.LockHost;
import dev.lockscope.lock.TrackedLock;
import dev.lockscope.model.LockKind;
import dev.lockscope.model.LockSemantics;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The deterministic event loop: a virtual clock, a queue of tasks ordered by (time, {@link Priority}, FIFO
 * sequence), and the goroutines and locks it drives.
 *
 * <p><b>Time.</b> Virtual nanoseconds. Time moves only when nothing is runnable at the current instant: a
 * {@link #step()} pops the first task, moves the clock to its time and runs it. The clock never runs
 * backwards. Lock operations and spawning take zero time.
 *
 * <p><b>Determinism.</b> Ties at one instant resolve by priority, then by the order tasks were scheduled; the
 * only randomness is {@link #random()}, seeded by the run. So the same inputs give the same events.
 *
 * <p><b>Events</b> go to the sink in the order they happen. An event emitted while the sink is handling
 * another (a detector raising an alert) is delivered after it, never nested inside it. The kernel keeps no
 * history: memory depends on what is alive, not on how long the run has been.
 *
 * <p>Not thread-safe: one thread drives a kernel.
 */
public final class Kernel implements LockHost {
    private final TaskQueue queue = new TaskQueue();
    private final EventSink sink;
    private final ArrayDeque<TraceEvent> undelivered = new ArrayDeque<>();
    private final SplittableRandom random;
    private boolean delivering;
    private long now;
    private long steps;
    private int lastGoroutineId;
    private int lastLockId = -1;
    private int alive;

    public Kernel(long seed, EventSink sink) {
        this.random = new SplittableRandom(seed);
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    @Override
    public long now() {
        return now;
    }

    /** Tasks run so far; a live command records it so a replay can apply the command at the same point. */
    public long steps() {
        return steps;
    }

    /** The run's only source of randomness (SplittableRandom: the same sequence on every JVM for a seed). */
    public SplittableRandom random() {
        return random;
    }

    /** Goroutines started and not yet exited. */
    public int aliveGoroutines() {
        return alive;
    }

    @Override
    public void emit(TraceEvent event) {
        if (delivering) {
            undelivered.add(event);
            return;
        }
        delivering = true;
        try {
            sink.accept(event);
            TraceEvent e;
            while ((e = undelivered.poll()) != null) {
                sink.accept(e);
            }
        } finally {
            delivering = false;
        }
    }

    /** Runs {@code task} at virtual time {@code time}, which must not be in the past. */
    public void schedule(long time, Priority priority, Task task) {
        if (time < now) {
            throw new IllegalArgumentException("cannot schedule in the past: " + time + " < " + now);
        }
        queue.add(time, priority, task);
    }

    /** Starts a goroutine; it first runs later in the current instant. */
    public Goroutine spawn(String name, String kind, int parent, Program program) {
        Goroutine g = new Goroutine(this, ++lastGoroutineId, name, kind, program);
        alive++;
        emit(new TraceEvent.Spawn(now, g.id(), name, kind, parent));
        g.start();
        return g;
    }

    /** Creates a tracked lock; its {@code LockCreated} event is emitted now. */
    public TrackedLock newLock(String name, LockKind kind, LockSemantics semantics) {
        return new TrackedLock(++lastLockId, name, kind, semantics, this);
    }

    public boolean hasNext() {
        return !queue.isEmpty();
    }

    /** Time of the next task, or {@link Long#MAX_VALUE} when there is none. */
    public long nextTime() {
        return queue.isEmpty() ? Long.MAX_VALUE : queue.peekTime();
    }

    /** Runs the first task. */
    public void step() {
        if (queue.isEmpty()) {
            throw new IllegalStateException("no task to run");
        }
        long t = queue.peekTime();
        assert t >= now : "clock would run backwards";
        now = t;
        Task task = queue.poll();
        steps++;
        task.run();
    }

    /** Runs every task scheduled before {@code endExclusive}, then moves the clock there. */
    public void runUntil(long endExclusive) {
        while (!queue.isEmpty() && queue.peekTime() < endExclusive) {
            step();
        }
        advanceTo(Math.max(now, endExclusive));
    }

    /** Moves the clock forward to {@code time} without running anything; no task may be due before it. */
    public void advanceTo(long time) {
        if (time < now) {
            throw new IllegalArgumentException("clock cannot run backwards: " + time + " < " + now);
        }
        if (!queue.isEmpty() && queue.peekTime() < time) {
            throw new IllegalStateException("a task is due at " + queue.peekTime() + ", before " + time);
        }
        now = time;
    }

    void exited(Goroutine g) {
        alive--;
        emit(new TraceEvent.Exit(now, g.id()));
    }
}
