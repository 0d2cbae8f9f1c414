package dev.lockscope.lesson;

import dev.lockscope.scenario.Scenario;
import java.util.List;
import java.util.Objects;

/** A scenario plus a script of steps that tell its story (docs/lessons.md). */
public record Lesson(String name, String summary, Scenario scenario, List<LessonStep> steps) {
    public Lesson {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(scenario, "scenario");
        steps = List.copyOf(steps);
    }
}
