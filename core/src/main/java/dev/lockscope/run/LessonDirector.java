package dev.lockscope.run;

import dev.lockscope.event.TraceEvent;
import dev.lockscope.lesson.Lesson;
import dev.lockscope.lesson.LessonEngine;
import dev.lockscope.scenario.Command;
import java.util.ArrayList;
import java.util.List;

/**
 * A lesson inside a {@link LiveRun}: watches the run's events and clock through a {@link LessonEngine}, applies
 * a step's commands between kernel steps (as recorded live commands), and says when the run must wait for the
 * presenter. Run thread only.
 */
final class LessonDirector {
    private final Lesson lesson;
    private final LessonEngine engine;
    private final List<Command> pending = new ArrayList<>();
    private int reached = -1;
    private long reachedAtNs;

    LessonDirector(Lesson lesson) {
        this.lesson = lesson;
        this.engine = new LessonEngine(lesson, pending::add, (index, step, time) -> {
            reached = index;
            reachedAtNs = time;
        });
    }

    void accept(TraceEvent event) {
        engine.accept(event);
    }

    /** After the run moved (or at its start): time triggers, then the steps' commands. */
    void afterAdvance(Simulation sim) {
        engine.tick(sim.now());
        applyPending(sim);
    }

    /** The presenter pressed Next. */
    boolean next(Simulation sim) {
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

    boolean awaitsPresenter() {
        return engine.awaitsPresenter();
    }

    /** When the next step is due by time alone; the run must not pace past it. */
    long nextDueNs() {
        return engine.nextDueNs();
    }

    int reached() {
        return reached;
    }

    LessonState state() {
        return new LessonState(lesson, reached, reachedAtNs, engine.awaitsPresenter());
    }
}
