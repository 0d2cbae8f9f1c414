package dev.lockscope.run;

import dev.lockscope.lesson.Lesson;
import dev.lockscope.lesson.LessonStep;
import java.util.Optional;

/**
 * Where a lesson stands in a live run, as published in {@link LiveRun.Snapshot}.
 *
 * @param reached           the index of the latest step that came up, or -1 before the first
 * @param reachedAtNs       the virtual time it came up at
 * @param awaitingPresenter whether the run waits for Next (a pause, or a next step only the presenter brings up)
 */
public record LessonState(Lesson lesson, int reached, long reachedAtNs, boolean awaitingPresenter) {

    /** The step on screen, if any. */
    public Optional<LessonStep> current() {
        return reached < 0 ? Optional.empty() : Optional.of(lesson.steps().get(reached));
    }

    public boolean isLast() {
        return reached == lesson.steps().size() - 1;
    }
}
