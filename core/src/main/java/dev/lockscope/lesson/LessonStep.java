package dev.lockscope.lesson;

import dev.lockscope.model.Command;
import java.util.List;
import java.util.Objects;

/**
 * One step of a lesson: when it comes up, its caption is shown, its commands are applied to the run (make a
 * member slow, switch the strategy), and, if {@code pause}, the run stops until the presenter goes on.
 */
public record LessonStep(String title, String caption, Trigger trigger, boolean pause, List<Command> actions) {
    public LessonStep {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(caption, "caption");
        Objects.requireNonNull(trigger, "trigger");
        actions = List.copyOf(actions);
    }
}
