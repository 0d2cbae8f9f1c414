package dev.lockscope.derive;

import dev.lockscope.event.EventSink;
import dev.lockscope.event.TraceEvent;
import dev.lockscope.interval.IntervalKind;
import dev.lockscope.interval.IntervalTracker;
import dev.lockscope.io.InputException;
import dev.lockscope.model.DetectorConfig;
import dev.lockscope.model.LockKind;
import dev.lockscope.model.LockSemantics;
import dev.lockscope.model.Mode;
import dev.lockscope.scenario.Scenario;
import dev.lockscope.scenario.ScriptSpec;
import dev.lockscope.util.Millis;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Makes a lock script from any trace (a real program's, an import, a simulation): each goroutine becomes a script
 * goroutine that starts when it first appeared and performs the same lock operations in the same order, with the
 * time it spent on its own between them (everything but waiting for a lock) as sleeps. Running the script
 * re-creates the waits from the contention itself, so every what-if of the lab applies to a real program: another
 * lock policy, a shorter hold (edit a sleep), a different start (docs/derive.md).
 *
 * <p><b>Rule.</b> For each goroutine, a cursor starts at its first event. A {@code request} at {@code t} adds
 * {@code sleep (t - cursor)} and {@code lock}/{@code rlock}; its {@code acquire} moves the cursor to the acquire (the
 * wait is what the simulation re-creates); a {@code release} at {@code t} adds {@code sleep (t - cursor)} and
 * {@code unlock}/{@code runlock} and moves the cursor to {@code t}. Which hold a release ends is the one interval
 * rule's decision ({@link IntervalTracker}); a release that ends no hold is left out (the script could not run it).
 * Other events (sends, sleeps, spawns) only count as time.
 *
 * <p>Lock and goroutine names are kept where the script syntax allows (no spaces: they become {@code _}) and made
 * unique. Memory follows the number of lock operations; a trace with more than {@value #MAX_STEPS} steps for one
 * goroutine is refused, as the scenario format would refuse the file.
 */
public final class ScenarioDeriver implements EventSink, IntervalTracker.Listener {
    static final int MAX_STEPS = 100_000;

    private final String source;
    private final LockSemantics policy;
    private final Map<Integer, String> lockNames = new LinkedHashMap<>();
    private final Map<Integer, LockKind> lockKinds = new HashMap<>();
    private final Map<Integer, Track> goroutines = new LinkedHashMap<>();
    private final IntervalTracker holds = new IntervalTracker(this);
    /** The trace's goroutine ids and their names in the last derived script. */
    private final Map<Integer, String> scriptNames = new LinkedHashMap<>();
    private long lastTime;
    private InputException failure;

    /** One goroutine being derived. */
    private static final class Track {
        final String name;
        final long start;
        long cursor;
        final List<Op> ops = new ArrayList<>();

        Track(String name, long start) {
            this.name = name;
            this.start = start;
            this.cursor = start;
        }
    }

    /** A step: sleep {@code sleepNs}, then an operation on a lock (unless {@code lock} is -1: just a sleep). */
    private record Op(long sleepNs, int lock, Mode mode, boolean acquire) {}

    /**
     * @param source the trace's name, for messages
     * @param policy the read-write locks' policy in the script: a simulated trace's own, Go's for a Go program
     */
    public ScenarioDeriver(String source, LockSemantics policy) {
        this.source = source;
        this.policy = policy;
    }

    @Override
    public void accept(TraceEvent event) {
        if (failure != null) {
            return;
        }
        lastTime = event.time();
        switch (event) {
            case TraceEvent.Spawn s -> goroutines.putIfAbsent(s.g(), new Track(s.name(), s.time()));
            case TraceEvent.LockCreated l -> {
                lockNames.putIfAbsent(l.lock(), l.name());
                lockKinds.putIfAbsent(l.lock(), l.kind());
            }
            case TraceEvent.Request r -> add(track(r.g(), r.time()), r.time(), r.lock(), r.mode(), true);
            case TraceEvent.Acquire a -> {
                track(a.g(), a.time()).cursor = a.time();
                lockKinds.putIfAbsent(a.lock(), LockKind.MUTEX);
                holds.acquire(a.time(), a.g(), a.lock(), a.mode() == Mode.READ, IntervalTracker.NONE);
            }
            case TraceEvent.Release r -> holds.release(r.time(), r.g(), r.lock(), r.mode() == Mode.READ,
                    IntervalTracker.NONE);
            default -> { }
        }
    }

    private Track track(int g, long t) {
        return goroutines.computeIfAbsent(g, id -> new Track("g" + id, t));
    }

    private void add(Track t, long at, int lock, Mode mode, boolean acquire) {
        if (t.ops.size() >= MAX_STEPS) {
            failure = new InputException(source, 0, "", "goroutine " + t.name + " has more than " + MAX_STEPS
                    + " lock operations, more than a script may hold");
            return;
        }
        t.ops.add(new Op(Math.max(0, at - t.cursor), lock, mode, acquire));
        lockKinds.putIfAbsent(lock, mode == Mode.READ ? LockKind.RWMUTEX : LockKind.MUTEX);
        if (mode == Mode.READ) {
            lockKinds.put(lock, LockKind.RWMUTEX); // a read lock needs an rwmutex whatever the first use said
        }
    }

    @Override
    public void opened(IntervalKind kind, int g, int lock, long start, long plannedEnd, int tag) {}

    /** A hold ended: the goroutine's unlock, after the time it held the lock. */
    @Override
    public void closed(IntervalKind kind, int g, int lock, long start, long end, int startTag, int endTag) {
        if (kind.isHold()) {
            Track t = track(g, end);
            add(t, end, lock, kind == IntervalKind.HOLD_READ ? Mode.READ : Mode.WRITE, false);
            t.cursor = end;
        }
    }

    /**
     * The derived scenario, named {@code name}, running until a second after the trace's last event.
     *
     * @throws InputException if the trace is too large for a script, or has no lock operation at all
     */
    public Scenario scenario(String name) throws InputException {
        if (failure != null) {
            throw failure;
        }
        Map<Integer, String> locks = uniqueLockNames();
        List<ScriptSpec.LockSpec> lockSpecs = new ArrayList<>();
        locks.forEach((id, lockName) -> lockSpecs.add(new ScriptSpec.LockSpec(lockName, lockKinds.get(id))));
        List<ScriptSpec.GoroutineSpec> specs = new ArrayList<>();
        Set<String> names = new HashSet<>();
        scriptNames.clear();
        for (Map.Entry<Integer, Track> e : goroutines.entrySet()) {
            Track t = e.getValue();
            if (t.ops.isEmpty()) {
                continue;
            }
            String goroutine = unique(names, scriptName(t.name), e.getKey());
            scriptNames.put(e.getKey(), goroutine);
            specs.add(new ScriptSpec.GoroutineSpec(goroutine, t.start, steps(t, locks)));
        }
        if (specs.isEmpty()) {
            throw new InputException(source, 0, "", "the trace has no lock operation to make a scenario from");
        }
        long duration = lastTime + 1_000_000_000L;
        return new Scenario(name, Scenario.DEFAULT_SEED, duration, policy, DetectorConfig.DEFAULTS,
                new ScriptSpec(lockSpecs, specs, List.of()));
    }

    /** For the last {@link #scenario}: each traced goroutine's id and the name of the script goroutine made from it. */
    public Map<Integer, String> scriptNames() {
        return Map.copyOf(scriptNames);
    }

    private List<ScriptSpec.Step> steps(Track t, Map<Integer, String> locks) {
        List<ScriptSpec.Step> steps = new ArrayList<>(t.ops.size() * 2);
        for (Op op : t.ops) {
            if (op.sleepNs() > 0) {
                steps.add(new ScriptSpec.SleepStep("sleep " + Millis.exact(op.sleepNs()), op.sleepNs()));
            }
            boolean read = op.mode() == Mode.READ;
            String verb = op.acquire() ? (read ? "rlock" : "lock") : (read ? "runlock" : "unlock");
            String lock = locks.get(op.lock());
            steps.add(new ScriptSpec.LockStep(verb + " " + lock, lock, op.mode(), op.acquire()));
        }
        return steps;
    }

    private Map<Integer, String> uniqueLockNames() {
        Map<Integer, String> out = new LinkedHashMap<>();
        Set<String> used = new HashSet<>();
        for (int id : lockKinds.keySet().stream().sorted().toList()) {
            out.put(id, unique(used, scriptName(lockNames.getOrDefault(id, "lock" + id)), id));
        }
        return out;
    }

    private static String scriptName(String name) {
        String s = name.strip().replaceAll("\\s+", "_");
        return s.isEmpty() ? "_" : s;
    }

    private static String unique(Set<String> used, String name, int id) {
        String candidate = name;
        if (!used.add(candidate)) {
            candidate = name + "#" + id;
            for (int n = 2; !used.add(candidate); n++) {
                candidate = name + "#" + id + "." + n;
            }
        }
        return candidate;
    }
}
