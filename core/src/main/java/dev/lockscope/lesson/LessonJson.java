package dev.lockscope.lesson;

import dev.lockscope.event.AlertKind;
import dev.lockscope.io.InputException;
import dev.lockscope.io.JsonDocuments;
import dev.lockscope.io.JsonFields;
import dev.lockscope.io.JsonTree;
import dev.lockscope.io.JsonValue;
import dev.lockscope.model.Command;
import dev.lockscope.scenario.CommandJson;
import dev.lockscope.scenario.Scenario;
import dev.lockscope.scenario.ScenarioJson;
import dev.lockscope.scenario.ScenarioSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Reads lesson files (docs/lessons.md); every problem is one {@link InputException} with file, line and field. */
public final class LessonJson {
    private static final JsonTree.Limits LIMITS = new JsonTree.Limits(32, 10_000, 10_000);
    private static final List<String> WHEN_FIELDS =
            List.of("atMs", "afterMs", "alert", "reload", "waitOverMs", "op", "orderViolation");

    private LessonJson() {}

    public static Lesson read(Path file) throws InputException {
        return read(file.toString(), JsonDocuments.readText(file, 1 << 20), file.toAbsolutePath().getParent());
    }

    /** Parses lesson text; a scenario given as a relative path is resolved against {@code dir}. */
    public static Lesson read(String source, String text, Path dir) throws InputException {
        JsonValue root = JsonDocuments.parse(source, text, LIMITS);
        JsonFields f = JsonFields.of(source, "", root);
        f.allowOnly(List.of("name", "summary", "scenario", "steps"));
        String name = f.nonEmptyString("name");
        String summary = f.has("summary") ? f.string("summary") : "";
        Scenario scenario = scenario(f, dir);
        List<JsonValue> items = f.array("steps");
        if (items.isEmpty()) {
            throw f.failAt("steps", "expected at least one step");
        }
        List<LessonStep> steps = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            steps.add(step(JsonFields.of(source, "steps[" + i + "]", items.get(i))));
        }
        return new Lesson(name, summary, scenario, steps);
    }

    private static Scenario scenario(JsonFields f, Path dir) throws InputException {
        JsonValue v = f.value("scenario").orElseThrow(() -> f.fail("missing field \"scenario\""));
        if (v instanceof JsonValue.Obj) {
            return ScenarioJson.fromTree(f.source(), f.pathOf("scenario"), v);
        }
        String ref = f.nonEmptyString("scenario");
        try {
            return ScenarioSource.load(ref, dir);
        } catch (InputException e) {
            throw f.failAt("scenario", "cannot load " + ref + ": " + e.getMessage());
        }
    }

    private static LessonStep step(JsonFields s) throws InputException {
        s.allowOnly(List.of("title", "caption", "when", "pause", "show", "do"));
        String title = s.nonEmptyString("title");
        String caption = s.string("caption");
        Trigger trigger = trigger(s);
        boolean pause = s.bool("pause", true); // each step waits for the presenter unless it says otherwise
        List<String> show = new ArrayList<>();
        List<JsonValue> names = s.array("show");
        for (int i = 0; i < names.size(); i++) {
            if (!(names.get(i) instanceof JsonValue.Str str) || str.value().isBlank()) {
                throw s.failAt("show", "expected a list of row names (a lock, a goroutine group such as Add or "
                        + "Send(eve), a member), got " + names.get(i).describe() + " at [" + i + "]");
            }
            show.add(str.value());
        }
        List<Command> actions = new ArrayList<>();
        List<JsonValue> items = s.array("do");
        for (int i = 0; i < items.size(); i++) {
            JsonFields c = JsonFields.of(s.source(), s.pathOf("do") + "[" + i + "]", items.get(i));
            c.allowOnly(CommandJson.VERBS);
            actions.addAll(CommandJson.read(c));
        }
        return new LessonStep(title, caption, trigger, pause, show, actions);
    }

    private static Trigger trigger(JsonFields s) throws InputException {
        JsonValue v = s.value("when").orElseThrow(() -> s.fail("missing field \"when\""));
        if (v instanceof JsonValue.Str str) {
            if (str.value().equals("manual")) {
                return new Trigger.Manual();
            }
            throw s.failAt("when", "expected \"manual\" or an object, got " + v.describe());
        }
        JsonFields w = JsonFields.of(s.source(), s.pathOf("when"), v);
        w.allowOnly(WHEN_FIELDS);
        List<String> present = w.names().stream().filter(n -> !n.equals("op")).toList();
        if (present.size() != 1) {
            throw w.fail("expected exactly one of atMs, afterMs, alert, reload, waitOverMs, orderViolation, got "
                    + (present.isEmpty() ? "none" : String.join(", ", present)));
        }
        if (w.has("op") && !present.getFirst().equals("waitOverMs")) {
            throw w.failAt("op", "\"op\" goes with waitOverMs only");
        }
        return switch (present.getFirst()) {
            case "atMs" -> new Trigger.At(w.requiredNanos("atMs", false));
            case "afterMs" -> new Trigger.After(w.requiredNanos("afterMs", false));
            case "alert" -> new Trigger.OnAlert(w.choice("alert", null, Arrays.asList(AlertKind.values()),
                    AlertKind::id));
            case "reload" -> {
                if (!w.bool("reload", false)) {
                    throw w.failAt("reload", "expected true");
                }
                yield new Trigger.OnReload();
            }
            case "orderViolation" -> {
                if (!w.bool("orderViolation", false)) {
                    throw w.failAt("orderViolation", "expected true");
                }
                yield new Trigger.OnOrderViolation();
            }
            default -> new Trigger.WaitOver(w.requiredNanos("waitOverMs", false),
                    w.has("op") ? Optional.of(w.nonEmptyString("op")) : Optional.empty());
        };
    }
}
