package dev.lockscope.lesson;

import dev.lockscope.event.EventSink;
import dev.lockscope.event.TraceEvent;
import dev.lockscope.io.InputException;
import dev.lockscope.run.Simulation;
import dev.lockscope.scenario.Command;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a lesson headless and deterministically: the simulation with a {@link LessonEngine} watching it. A
 * step's commands are applied between kernel steps, as live commands, so the run stays replayable. A paused
 * step, or a next step that waits for the presenter, stops {@link #runToNextPause} until {@link #next()}.
 */
public final class LessonRunner {
    private final Simulation sim;
    private final LessonEngine engine;
    private final List<Command> pending = new ArrayList<>();

    /**
     * @param sink     receives the run's events (the trace store, the analyzer...)
     * @param listener told of each step as it comes up
     */
    public LessonRunner(Lesson lesson, EventSink sink, LessonEngine.Listener listener) throws InputException {
        LessonEngine lessonEngine = new LessonEngine(lesson, pending::add, listener);
        this.engine = lessonEngine;
        this.sim = Simulation.start(lesson.scenario(), new EventSink() {
            @Override
            public void accept(TraceEvent e) {
                sink.accept(e);
                lessonEngine.accept(e);
            }

            @Override
            public void finish() {
                sink.finish();
            }
        });
        engine.tick(0);
        applyPending();
    }

    public Simulation simulation() {
        return sim;
    }

    public LessonEngine engine() {
        return engine;
    }

    /** Advances the run to {@code timeNs} or to the first pause on the way, whichever comes first. */
    public void runUntil(long timeNs) {
        long end = Math.min(timeNs, sim.durationNs());
        while (!engine.awaitsPresenter() && !sim.isEnded()) {
            long due = Math.min(sim.nextTime(), engine.nextDueNs());
            if (due >= end) {
                sim.runUntil(end);
                engine.tick(end);
                applyPending();
                return;
            }
            if (engine.nextDueNs() < sim.nextTime()) {
                sim.runUntil(due);
                engine.tick(due);
            } else if (!sim.step()) {
                return;
            } else {
                engine.tick(sim.now());
            }
            applyPending();
        }
    }

    /** Runs until the next pause or the end of the scenario. */
    public void runToNextPause() {
        runUntil(sim.durationNs());
    }

    /** The presenter goes on (see {@link LessonEngine#next()}). */
    public boolean next() {
        boolean moved = engine.next();
        applyPending();
        return moved;
    }

    private void applyPending() {
        for (Command c : pending) {
            sim.applyLive(c);
        }
        pending.clear();
    }
}
