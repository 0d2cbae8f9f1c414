package dev.lockscope.sim;

import dev.lockscope.event.TraceEvent;
import dev.lockscope.lock.LockClient;

/**
 * A simulated goroutine: a {@link Program} interpreted by the {@link Kernel}, never a Java thread. It runs
 * instructions until one blocks (a lock that is not granted, a sleep, a park, a custom step) or it exits; it is
 * resumed by a task the kernel schedules at the instant it becomes runnable.
 */
public final class Goroutine implements LockClient {
    private final Kernel kernel;
    private final int id;
    private final String name;
    private final String kind;
    private final Program program;
    private boolean parked;
    private boolean exited;
    private final Task resume = this::run;

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

    public boolean isParked() {
        return parked;
    }

    @Override
    public void wake() {
        kernel.schedule(kernel.now(), Priority.NORMAL, resume);
    }

    /** Makes a parked goroutine runnable; does nothing if it is not parked. */
    public void unpark() {
        if (parked) {
            parked = false;
            wake();
        }
    }

    void start() {
        wake();
    }

    private void run() {
        while (true) {
            Instruction next = program.next(this);
            switch (next) {
                case Instruction.Lock l -> {
                    if (!l.lock().lock(this, l.mode(), l.site())) {
                        return;
                    }
                }
                case Instruction.Unlock u -> u.lock().unlock(this, u.mode(), u.site());
                case Instruction.Sleep s -> {
                    kernel.emit(new TraceEvent.Sleep(kernel.now(), id, s.durationNs(), s.site()));
                    kernel.schedule(kernel.now() + s.durationNs(), Priority.NORMAL, resume);
                    return;
                }
                case Instruction.Custom c -> {
                    if (!c.start(this)) {
                        return;
                    }
                }
                case Instruction.Go g -> kernel.spawn(g.name(), g.kind(), id, g.program());
                case Instruction.Park p -> {
                    kernel.emit(new TraceEvent.Park(kernel.now(), id, p.site()));
                    parked = true;
                    return;
                }
                case Instruction.Exit e -> {
                    exited = true;
                    kernel.exited(this);
                    return;
                }
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
