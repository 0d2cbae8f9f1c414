package dev.lockscope.sim;

import dev.lockscope.event.TraceEvent;
import dev.lockscope.lock.GoPanic;
import dev.lockscope.model.Site;
import dev.lockscope.prim.Access;
import dev.lockscope.prim.Party;
import dev.lockscope.prim.Prim;
import dev.lockscope.prim.Reach;
import java.util.ArrayList;
import java.util.List;

/**
 * A simulated goroutine: a {@link Program} interpreted by the {@link Kernel}, never a Java thread. It runs
 * instructions until one blocks (a lock that is not granted, a primitive operation that waits, a sleep, a park, a
 * custom step) or it exits; it is resumed by a task the kernel schedules at the instant it becomes runnable.
 *
 * <p><b>Registers.</b> A primitive operation leaves its outcome here ({@link #received()}, {@link #ok()},
 * {@link #chosen()}) for the program to read when it is asked for its next instruction.
 *
 * <p><b>Panics.</b> An operation that panics in Go (a send on a closed channel, a negative WaitGroup counter, an
 * unlock of an unlocked mutex) is recorded as a {@code Panic} event; the program then runs its deferred calls, if
 * it has any ({@link Program#panicked}), and the goroutine exits. Go would end the whole program there; Lockscope
 * lets the other goroutines go on, so that the timeline shows what they were doing (docs/primitives.md).
 */
public final class Goroutine implements Task, Party, Reach {
    private final Kernel kernel;
    private final int id;
    private final String name;
    private final String kind;
    private final Program program;
    private boolean exited;
    /** Made on first use: a room's goroutines, millions of them, never touch a primitive. */
    private Registers regs;

    /** What primitive operations gave back, and what the goroutine reaches. */
    private static final class Registers {
        Object received;
        boolean ok;
        int chosen = -1;
        String panic;
        Site panicSite;
        /** The primitives this goroutine was registered as reaching, to unregister when it exits. */
        List<Object> reaches;
    }

    private Registers regs() {
        Registers r = regs;
        if (r == null) {
            r = regs = new Registers();
        }
        return r;
    }

    Goroutine(Kernel kernel, int id, String name, String kind, Program program) {
        this.kernel = kernel;
        this.id = id;
        this.name = name;
        this.kind = kind;
        this.program = program;
    }

    @Override
    public int id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String kind() {
        return kind;
    }

    public Kernel kernel() {
        return kernel;
    }

    public boolean isExited() {
        return exited;
    }

    /** The value the last primitive operation received ({@code null} if it received none). */
    public Object received() {
        return regs == null ? null : regs.received;
    }

    /** The last operation's {@code ok}: a receive's (false: closed), a Stop's, once.Do's "run f". */
    public boolean ok() {
        return regs != null && regs.ok;
    }

    /** The select case that ran last, or -1 (its default, or not a select). */
    public int chosen() {
        return regs == null ? -1 : regs.chosen;
    }

    @Override
    public void complete(Object value, boolean okValue, int chosenCase) {
        Registers r = regs();
        r.received = value;
        r.ok = okValue;
        r.chosen = chosenCase;
    }

    @Override
    public void fail(String goMessage, Site site) {
        Registers r = regs();
        r.panic = goMessage;
        r.panicSite = site;
    }

    /** {@link Reach}: the kernel registers what the program declares at the start, as {@link #reach}. */
    @Override
    public void add(Prim prim, Access access) {
        reach(prim, access);
    }

    /**
     * From now until it exits, this goroutine may make {@code access} to {@code prim} (a primitive it has just
     * made, or been handed): see {@link Program#reach}.
     */
    public void reach(Prim prim, Access access) {
        if (exited) {
            return;
        }
        Registers r = regs();
        if (r.reaches == null) {
            r.reaches = new ArrayList<>(4);
        }
        r.reaches.add(prim);
        r.reaches.add(access);
        prim.addReach(id, access);
    }

    @Override
    public void wake() {
        kernel.schedule(kernel.now(), Priority.NORMAL, this);
    }

    void start() {
        wake();
    }

    /**
     * {@link Task}: the goroutine is its own resume task, so that a goroutine is one object (a room starts millions):
     * runs instructions until one blocks or the goroutine exits. Only the kernel schedules it.
     */
    @Override
    public void run() {
        if (regs != null && regs.panic != null) {
            String message = regs.panic;
            regs.panic = null;
            if (!panicking(message, regs.panicSite)) {
                return;
            }
        }
        while (true) {
            Instruction next = program.next(this);
            switch (next) {
                case Instruction.Lock l -> {
                    if (!l.lock().lock(this, l.mode(), l.site())) {
                        return;
                    }
                }
                case Instruction.Unlock u -> {
                    if (!unlock(u)) {
                        return;
                    }
                }
                case Instruction.Sleep s -> {
                    kernel.emit(new TraceEvent.Sleep(kernel.now(), id, s.durationNs(), s.site()));
                    kernel.schedule(kernel.now() + s.durationNs(), Priority.NORMAL, this);
                    return;
                }
                case Instruction.Custom c -> {
                    if (!c.start(this)) {
                        return;
                    }
                }
                case Instruction.Go g -> kernel.spawn(g.name(), g.kind(), id, g.program());
                case Instruction.Prim p -> {
                    if (!prim(p)) {
                        return;
                    }
                }
                case Instruction.Exit e -> {
                    exit();
                    return;
                }
            }
        }
    }

    // Apart from run(), so that the loop the room runs millions of times stays small (and its callees inlined).

    /** An unlock; false if it panicked and the goroutine exited. */
    private boolean unlock(Instruction.Unlock u) {
        try {
            u.lock().unlock(this, u.mode(), u.site());
            return true;
        } catch (GoPanic e) {
            return panicking(e.getMessage(), u.site());
        }
    }

    /** A primitive operation; false if the goroutine now waits, or panicked and exited. */
    private boolean prim(Instruction.Prim p) {
        kernel.usesPrims(); // a nil channel makes no primitive, but its wait is one
        try {
            return p.step().perform(this, kernel);
        } catch (GoPanic e) {
            return panicking(e.getMessage(), p.step().site());
        }
    }

    /** Records a panic; returns whether the program goes on (to its deferred calls), else the goroutine exits. */
    private boolean panicking(String message, Site site) {
        kernel.emit(new TraceEvent.Panic(kernel.now(), id, message, site));
        if (program.panicked(this, message)) {
            return true;
        }
        exit();
        return false;
    }

    private void exit() {
        exited = true;
        kernel.exited(this);
        if (regs != null && regs.reaches != null) {
            List<Object> r = regs.reaches;
            regs.reaches = null;
            for (int i = 0; i < r.size(); i += 2) {
                ((Prim) r.get(i)).removeReach(id, (Access) r.get(i + 1));
            }
        }
    }

    /**
     * Continues a goroutine suspended by a {@link Instruction.Custom} step, inside the current task: the task
     * that completes the step calls this last, so the goroutine's next steps happen at the same point of the
     * instant as the completion.
     */
    public void resumeNow() {
        run();
    }

    @Override
    public String toString() {
        return name + " (g" + id + ")";
    }
}
