package dev.lockscope.run;

import dev.lockscope.event.TraceEvent;
import dev.lockscope.lesson.Lesson;
import dev.lockscope.lesson.LessonEngine;
import dev.lockscope.model.Command;
import java.util.ArrayList;
import java.util.List;

/**
 * A lesson driving a simulation: watches the run's events and clock through a {@link LessonEngine}, moves the
 * clock to each instant a step falls due, applies a step's commands between kernel steps (as recorded live
 * commands, so the run stays replayable), and says when the run must wait for the presenter. The one stepping
 * rule for lessons, used by {@link LiveRun} (live, paced) and {@code LessonRunner} (headless). Confined to the
 * thread that runs the simulation.
 */
public final class LessonDirector {
    private final Lesson lesson;
    private final LessonEngine engine;
    private final List<Command> pending = new ArrayList<>();
    private int reached = -1;
    private long reachedAtNs;

    LessonDirector(Lesson lesson) {
        this(lesson, (index, step, time) -> {});
    }

    /** @param listener told of each step as it comes up */
    public LessonDirector(Lesson lesson, LessonEngine.Listener listener) {
        this.lesson = lesson;
        this.engine = new LessonEngine(lesson, pending::add, (index, step, time) -> {
            reached = index;
            reachedAtNs = time;
            listener.stepReached(index, step, time);
        });
    }

    /** Feeds one of the run's events to the lesson's triggers. */
    public void accept(TraceEvent event) {
        engine.accept(event);
    }

    /** After the run moved (or at its start): time triggers, then the steps' commands. */
    public void afterAdvance(Simulation sim) {
        engine.tick(sim.now());
        applyPending(sim);
    }

    /**
     * Moves the run once: to the instant the next step falls due, if that comes before the next task, so that
     * the step comes up exactly then; otherwise one kernel step. Then the lesson looks at the new state.
     * Returns false, without moving, when the simulation has nothing left to run.
     */
    public boolean step(Simulation sim) {
        long due = engine.nextDueNs();
        if (due < sim.nextTime()) {
            sim.runUntil(due);
        } else if (!sim.step()) {
            return false;
        }
        afterAdvance(sim);
        return true;
    }

    /** The presenter pressed Next. */
    public boolean next(Simulation sim) {
        boolean moved = engine.next();
        applyPending(sim);
        return moved;
    }

    private void applyPending(Simulation sim) {
        if (pending.isEmpty()) {
            return;
        }
        List<Command> commands = List.copyOf(pending);
        pending.clear();
        for (Command c : commands) {
            if (!sim.isEnded()) {
                sim.applyLive(c);
            }
        }
    }

    public boolean awaitsPresenter() {
        return engine.awaitsPresenter();
    }

    /** When the next step is due by time alone; the run must not pace past it. */
    public long nextDueNs() {
        return engine.nextDueNs();
    }

    int reached() {
        return reached;
    }

    LessonState state() {
        return new LessonState(lesson, reached, reachedAtNs, engine.awaitsPresenter());
    }
}
