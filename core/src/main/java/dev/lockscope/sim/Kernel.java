package dev.lockscope.sim;

import dev.lockscope.event.EventSink;
import dev.lockscope.event.TraceEvent;
import dev.lockscope.lock.LockHost;
import dev.lockscope.lock.TrackedLock;
import dev.lockscope.model.LockKind;
import dev.lockscope.model.LockSemantics;
import dev.lockscope.model.PrimKind;
import dev.lockscope.model.Site;
import dev.lockscope.prim.AfterFunc;
import dev.lockscope.prim.Cancellable;
import dev.lockscope.prim.Chan;
import dev.lockscope.prim.Cond;
import dev.lockscope.prim.Context;
import dev.lockscope.prim.Once;
import dev.lockscope.prim.Prim;
import dev.lockscope.prim.PrimHost;
import dev.lockscope.prim.WaitGroup;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The deterministic event loop: a virtual clock, a queue of tasks ordered by (time, {@link Priority}, FIFO
 * sequence), and the goroutines, locks and other synchronisation primitives it drives.
 *
 * <p><b>Time.</b> Virtual nanoseconds. Time moves only when nothing is runnable at the current instant: a
 * {@link #step()} pops the first task, moves the clock to its time and runs it. The clock never runs
 * backwards. Lock and primitive operations and spawning take zero time.
 *
 * <p><b>Determinism.</b> Ties at one instant resolve by priority, then by the order tasks were scheduled; the
 * only randomness is {@link #random()}, seeded by the run. So the same inputs give the same events.
 *
 * <p><b>Objects.</b> Locks and primitives share one id space, from 0, in order of creation.
 *
 * <p><b>Go's deadlock check.</b> In a run that has made any primitive, the kernel records an {@code Asleep} event
 * when, after a step, goroutines are alive but no task other than a detector check is pending: no goroutine can
 * run and no timer is pending (runtime/proc.go, {@code checkdead}). A timer that was stopped no longer counts. Runs
 * of locks alone never record it, so their traces stay what they were (docs/primitives.md).
 *
 * <p><b>Events</b> go to the sink in the order they happen. An event emitted while the sink is handling
 * another (a detector raising an alert) is delivered after it, never nested inside it. The kernel keeps no
 * history: memory depends on what is alive, not on how long the run has been.
 *
 * <p>Not thread-safe: one thread drives a kernel.
 */
public final class Kernel implements LockHost, PrimHost {
    private final TaskQueue queue = new TaskQueue();
    private final EventSink sink;
    private final ArrayDeque<TraceEvent> undelivered = new ArrayDeque<>();
    private final SplittableRandom random;
    private boolean delivering;
    private long now;
    private long steps;
    private int lastGoroutineId;
    private int lastObjectId = -1;
    private int alive;
    /** Whether any primitive was made: only then does the kernel check for Go's global deadlock. */
    private boolean primsUsed;
    /** Cancelled timers still in the queue. */
    private int cancelledTimers;
    /** Detector checks ({@link Priority#LATE}) in the queue: they do not count as pending work for checkdead. */
    private int lateTasks;
    /** An Asleep event was recorded and nothing was scheduled since. */
    private boolean asleep;

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
    @Override
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
        if (priority == Priority.LATE) {
            lateTasks++;
            queue.add(time, priority, () -> {
                lateTasks--;
                task.run();
            });
        } else {
            queue.add(time, priority, task);
            asleep = false;
        }
    }

    @Override
    public Cancellable timer(long time, Runnable task) {
        TimerTask t = new TimerTask(task);
        schedule(time, Priority.NORMAL, t);
        return t;
    }

    /** Starts a goroutine; it first runs later in the current instant. */
    public Goroutine spawn(String name, String kind, int parent, Program program) {
        Goroutine g = new Goroutine(this, ++lastGoroutineId, name, kind, program);
        alive++;
        emit(new TraceEvent.Spawn(now, g.id(), name, kind, parent));
        if (primsUsed) { // a program can reach only primitives that exist; a room makes none
            program.reach(g);
        }
        g.start();
        return g;
    }

    /**
     * Starts a goroutine at {@code time} (the world's, parent 0). Until then it counts, for the primitives its
     * program may reach, as a pending timer: a wait on them may still be completed (docs/primitives.md).
     */
    public void spawnAt(long time, String name, String kind, Program program) {
        List<Prim> reaches = reachOf(program);
        if (reaches.isEmpty()) {
            schedule(time, Priority.NORMAL, () -> spawn(name, kind, 0, program));
        } else {
            Prim.startLater(this, time, reaches, () -> spawn(name, kind, 0, program));
        }
    }

    private static List<Prim> reachOf(Program program) {
        List<Prim> reaches = new ArrayList<>();
        program.reach((prim, access) -> {
            if (!reaches.contains(prim)) {
                reaches.add(prim);
            }
        });
        return reaches;
    }

    /** Creates a tracked lock; its {@code LockCreated} event is emitted now. */
    public TrackedLock newLock(String name, LockKind kind, LockSemantics semantics) {
        return new TrackedLock(++lastObjectId, name, kind, semantics, this);
    }

    /** {@code make(chan T, cap)}; {@code zero} is T's zero value. */
    public Chan newChan(String name, int cap, Object zero) {
        primsUsed = true;
        return new Chan(++lastObjectId, name, cap, zero, this);
    }

    /**
     * {@code context.WithCancel(parent)} ({@code timeoutNs < 0}) or {@code WithTimeout(parent, timeoutNs)}, made
     * by goroutine {@code g} (0: the world, at its start) at {@code site}; {@code parent} null is
     * {@code context.Background()}.
     */
    public Context newContext(String name, Context parent, long timeoutNs, int g, Site site) {
        primsUsed = true;
        return new Context(++lastObjectId, name, parent, timeoutNs, g, site, this);
    }

    /** {@code var wg sync.WaitGroup}. */
    public WaitGroup newWaitGroup(String name) {
        primsUsed = true;
        return new WaitGroup(++lastObjectId, name, this);
    }

    /** {@code sync.NewCond(lock)}. */
    public Cond newCond(String name, TrackedLock lock) {
        primsUsed = true;
        return new Cond(++lastObjectId, name, lock, this);
    }

    /** {@code var once sync.Once}. */
    public Once newOnce(String name) {
        primsUsed = true;
        return new Once(++lastObjectId, name, this);
    }

    /**
     * {@code time.NewTimer(d)} or {@code time.After(d)} ({@link PrimKind#TIMER}), or {@code time.NewTicker(d)}
     * ({@link PrimKind#TICKER}): the timer's channel, armed by goroutine {@code g} at {@code site}.
     */
    public Chan newTimer(String name, PrimKind kind, long durationNs, int g, Site site) {
        primsUsed = true;
        return Chan.timer(++lastObjectId, name, kind, durationNs, g, site, this);
    }

    /**
     * {@code time.AfterFunc(d, f)}, armed by goroutine {@code g} at {@code site}: when it fires, {@code f} starts
     * as a goroutine of kind {@code fKind} with parent 0 (the runtime starts it).
     */
    public AfterFunc afterFunc(String name, long delayNs, String fKind, Program f, int g, Site site) {
        primsUsed = true;
        int[] started = {0};
        return new AfterFunc(++lastObjectId, name, delayNs, reachOf(f),
                () -> spawn(fKind + "#" + ++started[0], fKind, 0, f), g, site, this);
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
        if (primsUsed) {
            checkAsleep();
        }
    }

    /** runtime/proc.go checkdead: goroutines alive, and nothing pending but detector checks. */
    private void checkAsleep() {
        if (!asleep && alive > 0 && queue.size() - lateTasks - cancelledTimers == 0) {
            asleep = true;
            emit(new TraceEvent.Asleep(now));
        }
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

    /** The run uses primitives: from now on the kernel checks for Go's global deadlock. */
    void usesPrims() {
        primsUsed = true;
    }

    void exited(Goroutine g) {
        alive--;
        emit(new TraceEvent.Exit(now, g.id()));
    }

    /** A timer's task: called off, it stays in the queue but no longer counts as pending, and does nothing. */
    private final class TimerTask implements Task, Cancellable {
        private final Runnable body;
        private boolean ran;
        private boolean cancelled;

        TimerTask(Runnable body) {
            this.body = body;
        }

        @Override
        public void run() {
            ran = true;
            if (cancelled) {
                cancelledTimers--;
                return;
            }
            body.run();
        }

        @Override
        public void cancel() {
            if (!ran && !cancelled) {
                cancelled = true;
                cancelledTimers++;
            }
        }
    }
}
