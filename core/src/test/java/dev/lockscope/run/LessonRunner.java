package dev.lockscope.run;

import dev.lockscope.event.EventSink;
import dev.lockscope.event.TraceEvent;
import dev.lockscope.io.InputException;
import dev.lockscope.lesson.Lesson;
import dev.lockscope.lesson.LessonEngine;

/**
 * Runs a lesson headless and deterministically: the simulation driven by a {@link LessonDirector}, the same
 * stepping rule as a live lesson. A step's commands are applied between kernel steps, as live commands, so the
 * run stays replayable. A paused step, or a next step that waits for the presenter, stops
 * {@link #runToNextPause} until {@link #next()}.
 */
final class LessonRunner {
    private final Simulation sim;
    private final LessonDirector director;

    /**
     * @param sink     receives the run's events (the trace store, the analyzer...)
     * @param listener told of each step as it comes up
     */
    LessonRunner(Lesson lesson, EventSink sink, LessonEngine.Listener listener) throws InputException {
        LessonDirector lessonDirector = new LessonDirector(lesson, listener);
        this.director = lessonDirector;
        this.sim = Simulation.start(lesson.scenario(), new EventSink() {
            @Override
            public void accept(TraceEvent e) {
                sink.accept(e);
                lessonDirector.accept(e);
            }

            @Override
            public void finish() {
                sink.finish();
            }
        });
        director.afterAdvance(sim);
    }

    public Simulation simulation() {
        return sim;
    }

    /** Advances the run to {@code timeNs} or to the first pause on the way, whichever comes first. */
    public void runUntil(long timeNs) {
        long end = Math.min(timeNs, sim.durationNs());
        while (!director.awaitsPresenter() && !sim.isEnded()) {
            if (Math.min(sim.nextTime(), director.nextDueNs()) >= end) {
                sim.runUntil(end);
                director.afterAdvance(sim);
                return;
            }
            if (!director.step(sim)) {
                return;
            }
        }
    }

    /** Runs until the next pause or the end of the scenario. */
    public void runToNextPause() {
        runUntil(sim.durationNs());
    }

    /** The presenter goes on. */
    public boolean next() {
        return director.next(sim);
    }

    /** Whether the run waits for the presenter (a paused step, or a next step that needs Next). */
    public boolean awaitsPresenter() {
        return director.awaitsPresenter();
    }
}
