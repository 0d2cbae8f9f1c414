package dev.lockscope.lesson;

import dev.lockscope.model.Command;
import java.util.List;
import java.util.Objects;

/**
 * One step of a lesson: when it comes up, its caption is shown, its commands are applied to the run (make a
 * member slow, switch the strategy), and, if {@code pause}, the run stops until the presenter goes on.
 *
 * @param show the timeline rows the step talks about, by name (a lock such as {@code membersMx}, a goroutine group
 *             such as {@code Add} or {@code Send(eve)}, a member such as {@code eve}): a presenting view scrolls
 *             them into view and highlights them; may be empty
 */
public record LessonStep(String title, String caption, Trigger trigger, boolean pause, List<String> show,
                         List<Command> actions) {
    public LessonStep {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(caption, "caption");
        Objects.requireNonNull(trigger, "trigger");
        show = List.copyOf(show);
        actions = List.copyOf(actions);
    }
}
