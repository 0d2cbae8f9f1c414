package dev.lockscope.lesson;

import dev.lockscope.event.AlertKind;
import dev.lockscope.event.EventSink;
import dev.lockscope.event.MemberChange;
import dev.lockscope.event.TraceEvent;
import dev.lockscope.model.Command;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Follows a run and brings up a lesson's steps in order, each when its trigger holds. It sees the run's events
 * (as a sink, on the simulation thread) and its clock ({@link #tick}); when a step comes up it applies the
 * step's commands through {@code apply} and tells the {@link Listener}. Steps come up one at a time and in
 * order: a later step's trigger is only watched once the earlier ones have come up, and a paused step waits for
 * {@link #next()}.
 *
 * <p>Not thread-safe: call it from the thread that drives the run.
 */
public final class LessonEngine implements EventSink {

    /** Told when a step comes up; {@code index} counts from 0. */
    @FunctionalInterface
    public interface Listener {
        void stepReached(int index, LessonStep step, long timeNs);
    }

    private final Lesson lesson;
    private final Consumer<Command> apply;
    private final Listener listener;
    /** Open requests: goroutine → (request time, operation). */
    private final Map<Integer, TraceEvent.Request> waiting = new LinkedHashMap<>();
    private final Map<String, Long> highestDelivered = new HashMap<>();
    /** What happened since the last step came up, so an event during a pause is not missed. */
    private final Set<AlertKind> alertsSinceStep = EnumSet.noneOf(AlertKind.class);
    private boolean reloadSinceStep;
    private boolean violationSinceStep;
    private int next;
    private long lastStepNs;
    private long now;
    private boolean paused;
    private boolean manualRequested;

    public LessonEngine(Lesson lesson, Consumer<Command> apply, Listener listener) {
        this.lesson = Objects.requireNonNull(lesson, "lesson");
        this.apply = Objects.requireNonNull(apply, "apply");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** The index of the next step to come up; equals the step count when all have. */
    public int nextStep() {
        return next;
    }

    /** Whether the last step that came up asked the run to pause and the presenter has not gone on yet. */
    public boolean isPaused() {
        return paused;
    }

    /** Whether the run should stop for the presenter: a pause, or a next step that only they can bring up. */
    public boolean awaitsPresenter() {
        return paused || (!isFinished() && lesson.steps().get(next).trigger() instanceof Trigger.Manual);
    }

    public boolean isFinished() {
        return next >= lesson.steps().size();
    }

    /**
     * The presenter goes on: ends a pause and, if the next step is {@link Trigger.Manual}, brings it up, so that
     * one press is one step on screen. Returns whether anything happened.
     */
    public boolean next() {
        boolean moved = paused;
        paused = false;
        if (!isFinished() && lesson.steps().get(next).trigger() instanceof Trigger.Manual) {
            manualRequested = true;
            moved = true;
        }
        checkSteps();
        return moved;
    }

    /** The run's clock reached {@code timeNs}: time-based triggers may hold now. */
    public void tick(long timeNs) {
        now = Math.max(now, timeNs);
        checkSteps();
    }

    /** When the next step is due by time alone, or {@link Long#MAX_VALUE}; lets a runner stop exactly there. */
    public long nextDueNs() {
        if (isFinished() || paused) {
            return Long.MAX_VALUE;
        }
        return switch (lesson.steps().get(next).trigger()) {
            case Trigger.At at -> at.atNs();
            case Trigger.After after -> lastStepNs + after.delayNs();
            case Trigger.WaitOver over -> waiting.values().stream()
                    .filter(r -> over.op().isEmpty() || over.op().get().equals(r.site().op()))
                    .mapToLong(r -> r.time() + over.overNs() + 1).min().orElse(Long.MAX_VALUE);
            default -> Long.MAX_VALUE;
        };
    }

    @Override
    public void accept(TraceEvent event) {
        now = Math.max(now, event.time());
        switch (event) {
            case TraceEvent.Request r -> waiting.put(r.g(), r);
            case TraceEvent.Acquire a -> waiting.remove(a.g());
            case TraceEvent.Exit x -> waiting.remove(x.g());
            case TraceEvent.Alert a -> alertsSinceStep.add(a.kind());
            case TraceEvent.MemberEvent m when m.change() == MemberChange.RELOAD -> reloadSinceStep = true;
            case TraceEvent.Deliver d -> {
                Long highest = highestDelivered.get(d.member());
                violationSinceStep |= highest != null && d.msg() < highest;
                if (highest == null || d.msg() > highest) {
                    highestDelivered.put(d.member(), d.msg());
                }
            }
            default -> { }
        }
        checkSteps();
    }

    private void checkSteps() {
        while (!isFinished() && !paused && holds(lesson.steps().get(next).trigger())) {
            LessonStep step = lesson.steps().get(next);
            int index = next++;
            lastStepNs = now;
            manualRequested = false;
            alertsSinceStep.clear();
            reloadSinceStep = false;
            violationSinceStep = false;
            paused = step.pause();
            step.actions().forEach(apply);
            listener.stepReached(index, step, now);
        }
    }

    /** Event triggers hold for anything that happened since the previous step came up, pauses included. */
    private boolean holds(Trigger trigger) {
        return switch (trigger) {
            case Trigger.At at -> now >= at.atNs();
            case Trigger.After after -> now >= lastStepNs + after.delayNs();
            case Trigger.OnAlert on -> alertsSinceStep.contains(on.kind());
            case Trigger.OnReload r -> reloadSinceStep;
            case Trigger.WaitOver over -> waiting.values().stream().anyMatch(r -> now - r.time() > over.overNs()
                    && (over.op().isEmpty() || over.op().get().equals(r.site().op())));
            case Trigger.OnOrderViolation o -> violationSinceStep;
            case Trigger.Manual m -> manualRequested;
        };
    }
}
