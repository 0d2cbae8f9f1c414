package dev.lockscope.prim;

import dev.lockscope.event.TraceEvent;
import dev.lockscope.lock.TrackedLock;
import dev.lockscope.model.Mode;
import dev.lockscope.model.Site;
import dev.lockscope.sim.Goroutine;
import dev.lockscope.sim.Instruction;
import dev.lockscope.sim.Kernel;
import dev.lockscope.sim.Priority;
import dev.lockscope.sim.Program;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A kernel and goroutines written as lists of steps, for the primitives' unit tests: each goroutine logs the
 * outcome of each primitive operation ("@10 recv 1 true"), and {@link #lines} shows the run's primitive events as
 * short text with times in ms, so that tests state hand-computed instants directly.
 */
final class Kit {
    final List<TraceEvent> events = new ArrayList<>();
    final Kernel kernel;
    private final Map<Integer, String> names = new HashMap<>();

    Kit() {
        this(1);
    }

    Kit(long seed) {
        kernel = new Kernel(seed, events::add);
    }

    static long ns(double ms) {
        return Math.round(ms * 1_000_000);
    }

    static Site site(String label) {
        return new Site("t", label);
    }

    /** A step of a test goroutine. */
    @FunctionalInterface
    interface Step {
        Instruction next(Proc p);
    }

    /** A goroutine's steps and what its primitive operations gave back. */
    final class Proc implements Program {
        final String name;
        final List<Step> steps = new ArrayList<>();
        final List<String> log = new ArrayList<>();
        final List<Object[]> reach = new ArrayList<>();
        Goroutine self;
        private int pc;
        private String pending;
        private boolean panicked;

        Proc(String name, Step... steps) {
            this.name = name;
            this.steps.addAll(List.of(steps));
        }

        Proc reaching(Prim prim, Access... accesses) {
            for (Access a : accesses) {
                reach.add(new Object[] {prim, a});
            }
            return this;
        }

        @Override
        public Instruction next(Goroutine g) {
            self = g;
            if (pending != null) {
                log.add("@" + kernel.now() / 1_000_000 + " " + pending + " " + g.received() + " " + g.ok()
                        + (g.chosen() >= 0 ? " case" + g.chosen() : ""));
                pending = null;
            }
            if (panicked || pc >= steps.size()) {
                return Instruction.Exit.INSTANCE;
            }
            Instruction i = steps.get(pc++).next(this);
            if (i instanceof Instruction.Prim p) {
                pending = p.step().getClass().getSimpleName().toLowerCase();
            }
            return i;
        }

        @Override
        public void reach(Reach r) {
            for (Object[] x : reach) {
                r.add((Prim) x[0], (Access) x[1]);
            }
        }

        @Override
        public boolean panicked(Goroutine g, String goMessage) {
            log.add("@" + kernel.now() / 1_000_000 + " panic " + goMessage);
            pending = null;
            panicked = true;
            return true;
        }
    }

    Proc go(String name, double atMs, Step... steps) {
        Proc p = new Proc(name, steps);
        // Deferred: the test adds the goroutine's reach after this returns.
        kernel.schedule(0, Priority.COMMAND, () -> kernel.spawnAt(ns(atMs), name, name, p));
        return p;
    }

    void run(double untilMs) {
        kernel.runUntil(ns(untilMs));
    }

    // ---- steps ----

    static Step send(Chan c, Object v) {
        return p -> new Instruction.Prim(new PrimStep.Send(c, v, site("send")));
    }

    static Step recv(Chan c) {
        return p -> new Instruction.Prim(new PrimStep.Recv(c, site("recv")));
    }

    static Step close(Chan c) {
        return p -> new Instruction.Prim(new PrimStep.Close(c, site("close")));
    }

    static Step sleep(double ms) {
        return p -> new Instruction.Sleep(ns(ms), site("sleep"));
    }

    static Step select(boolean hasDefault, Select.Case... cases) {
        return p -> new Instruction.Prim(new PrimStep.SelectStep(List.of(cases), hasDefault, site("select")));
    }

    static Select.Case recvCase(Chan c) {
        return new Select.Case(c, false, null, site("case <-"));
    }

    static Select.Case sendCase(Chan c, Object v) {
        return new Select.Case(c, true, v, site("case <-"));
    }

    static Step add(WaitGroup wg, long delta) {
        return p -> new Instruction.Prim(new PrimStep.Add(wg, delta, false, site("add")));
    }

    static Step done(WaitGroup wg) {
        return p -> new Instruction.Prim(new PrimStep.Add(wg, -1, true, site("done")));
    }

    static Step await(WaitGroup wg) {
        return p -> new Instruction.Prim(new PrimStep.Wait(wg, site("wait")));
    }

    static Step lock(TrackedLock l) {
        return p -> new Instruction.Lock(l, Mode.WRITE, site("lock"));
    }

    static Step unlock(TrackedLock l) {
        return p -> new Instruction.Unlock(l, Mode.WRITE, site("unlock"));
    }

    static Step condWait(Cond c) {
        return p -> new Instruction.Prim(new PrimStep.CondWait(c, site("cond.Wait")));
    }

    static Step signal(Cond c, boolean all) {
        return p -> new Instruction.Prim(new PrimStep.Notify(c, all, site("signal")));
    }

    /** {@code once.Do(f)}: runs {@code f} when the Once says so, then ends it. */
    static Step onceDo(Once once, Step... f) {
        return p -> onceStart(p, once, f);
    }

    private static Instruction onceStart(Proc p, Once once, Step[] f) {
        // The step after OnceDo decides, from the register, whether f and OnceEnd run.
        p.steps.add(p.pc, q -> {
            if (q.self.ok()) {
                List<Step> body = new ArrayList<>(List.of(f));
                body.add(r -> new Instruction.Prim(new PrimStep.OnceEnd(once, site("once end"))));
                q.steps.addAll(q.pc, body);
            }
            return new Instruction.Sleep(0, site("after once"));
        });
        return new Instruction.Prim(new PrimStep.OnceDo(once, site("once.Do")));
    }

    static Step cancel(Context c) {
        return p -> new Instruction.Prim(new PrimStep.Cancel(c, site("cancel")));
    }

    static Step stop(Prim timer) {
        return p -> new Instruction.Prim(new PrimStep.Stop(timer, site("stop")));
    }

    // ---- what happened ----

    /** The primitive events (and spawns and exits of test goroutines), one line each: "10 g2 act recv ch 0". */
    List<String> lines() {
        Map<Integer, String> goroutines = new HashMap<>();
        List<String> out = new ArrayList<>();
        for (TraceEvent e : events) {
            String t = Long.toString(e.time() / 1_000_000);
            switch (e) {
                case TraceEvent.Spawn s -> goroutines.put(s.g(), s.name());
                case TraceEvent.PrimCreated p -> names.put(p.prim(), p.name());
                case TraceEvent.LockCreated l -> names.put(l.lock(), l.name());
                case TraceEvent.PrimWait w -> out.add(t + " " + who(goroutines, w.g()) + " wait " + w.op().id() + " "
                        + w.prims().stream().map(names::get).toList());
                case TraceEvent.Wake w -> out.add(t + " " + who(goroutines, w.g()) + " wake " + names.get(w.prim()));
                case TraceEvent.Act a -> out.add(t + " " + who(goroutines, a.g()) + " " + a.op().id() + " "
                        + names.get(a.prim()) + " " + a.n());
                case TraceEvent.Blocked b -> out.add(t + " " + who(goroutines, b.g()) + " blocked by "
                        + b.blockers().stream().map(g -> who(goroutines, g)).toList());
                case TraceEvent.Panic p -> out.add(t + " " + who(goroutines, p.g()) + " panic " + p.text());
                case TraceEvent.Asleep a -> out.add(t + " asleep");
                default -> { }
            }
        }
        return out;
    }

    private static String who(Map<Integer, String> goroutines, int g) {
        return g == 0 ? "runtime" : goroutines.getOrDefault(g, "g" + g);
    }
}
