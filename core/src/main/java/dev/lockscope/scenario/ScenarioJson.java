package dev.lockscope.scenario;

import dev.lockscope.io.InputException;
import dev.lockscope.io.JsonDocuments;
import dev.lockscope.io.JsonFields;
import dev.lockscope.io.JsonFormat;
import dev.lockscope.io.JsonTree;
import dev.lockscope.io.JsonValue;
import dev.lockscope.model.DetectorConfig;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Path;
import java.util.List;
import tools.jackson.core.JsonGenerator;
/**
 * Reads and writes scenario files (docs/scenario-format.md).
 *
 * <p>Reading is strict: an unknown field, a wrong type, a value out of range or a limit exceeded is one
 * {@link InputException} naming the file, line, field path and what was expected. Limits: {@value #MAX_FILE_BYTES}
 * bytes per file, {@value #MAX_STRING} characters per string, nesting {@value #MAX_DEPTH} deep,
 * {@value #MAX_ENTRIES} entries per array.
 *
 * <p>Writing is canonical: every field, defaults included, in a fixed order, times as the shortest exact
 * millisecond decimal, so {@code read(toJson(s))} equals {@code s}.
 */
public final class ScenarioJson {
    public static final int MAX_FILE_BYTES = 16 * 1024 * 1024;
    public static final int MAX_STRING = 10_000;
    public static final int MAX_DEPTH = 32;
    public static final int MAX_ENTRIES = 100_000;

    static final JsonTree.Limits LIMITS = new JsonTree.Limits(MAX_DEPTH, MAX_STRING, MAX_ENTRIES);

    private ScenarioJson() {}

    /** Reads a scenario file; messages name the file as given. */
    public static Scenario read(Path file) throws InputException {
        String source = file.toString();
        JsonValue tree = JsonDocuments.parse(source, JsonDocuments.readText(file, MAX_FILE_BYTES), LIMITS);
        return ScenarioParser.parse(JsonFields.of(source, "", tree), file.toAbsolutePath().getParent());
    }

    /** Reads a scenario from {@code in}, which this method does not close; {@code sourceName} names it in messages. */
    public static Scenario read(String sourceName, Reader in) throws InputException {
        String text = readLimited(sourceName, in);
        return fromTree(sourceName, "", JsonDocuments.parse(sourceName, text, LIMITS));
    }

    /**
     * Builds a scenario from an already parsed tree, such as a trace header's {@code scenario} field.
     *
     * @param path where the scenario object sits, prefixed to every field path in messages ("" at the root)
     */
    public static Scenario fromTree(String sourceName, String path, JsonValue value) throws InputException {
        return ScenarioParser.parse(JsonFields.of(sourceName, path, value));
    }

    private static String readLimited(String source, Reader in) throws InputException {
        StringBuilder sb = new StringBuilder();
        char[] buf = new char[8192];
        try {
            int n;
            while ((n = in.read(buf)) >= 0) {
                sb.append(buf, 0, n);
                if (sb.length() > MAX_FILE_BYTES) {
                    throw tooLarge(source);
                }
            }
        } catch (CharacterCodingException e) {
            throw new InputException(source, 0, "", "not valid UTF-8 text");
        } catch (IOException e) {
            throw JsonDocuments.unreadable(source, e);
        }
        return sb.toString();
    }

    private static InputException tooLarge(String source) {
        return new InputException(source, 0, "", "file is larger than 16 MiB (the limit is "
                + MAX_FILE_BYTES + " bytes)");
    }

    /** The canonical pretty JSON of {@code s}, ending in a newline. */
    public static String toJson(Scenario s) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JsonFormat.prettyGenerator(out)) {
            write(g, s);
        }
        return out.append('\n').toString();
    }

    /** Writes {@code s} as one canonical JSON object at the generator's current position. */
    public static void write(JsonGenerator g, Scenario s) {
        g.writeStartObject();
        g.writeStringProperty("name", s.name());
        g.writeStringProperty("kind", s.kind());
        g.writeNumberProperty("seed", s.seed());
        CommandJson.writeMs(g, "durationMs", s.durationNs());
        g.writeStringProperty("lock", s.lock().id());
        switch (s.body()) {
            case RoomSpec room -> writeRoom(g, room, s.detector());
            case ScriptSpec script -> writeScript(g, script, s.detector());
        }
        g.writeEndObject();
    }

    private static void writeRoom(JsonGenerator g, RoomSpec room, DetectorConfig detector) {
        if (room.ownStrategy() != null) {
            g.writeName("strategyCode");
            JsonTree.write(g, room.ownStrategy().program());
        } else {
            g.writeStringProperty("strategy", room.strategy().id());
        }
        g.writeName("broadcast");
        g.writeStartObject();
        CommandJson.writeMs(g, "periodMs", room.broadcastPeriodNs());
        CommandJson.writeMs(g, "startMs", room.broadcastStartNs());
        g.writeEndObject();
        g.writeName("members");
        g.writeStartArray();
        for (MemberSpec m : room.members()) {
            CommandJson.writeMember(g, m);
        }
        g.writeEndArray();
        writeEvents(g, room.events());
        g.writeName("reload");
        g.writeStartObject();
        CommandJson.writeMs(g, "afterNoUpdateMs", room.reloadAfterNoUpdateNs());
        g.writeEndObject();
        g.writeNumberProperty("queueLimit", room.queueLimit());
        writeDetector(g, detector);
    }

    private static void writeScript(JsonGenerator g, ScriptSpec script, DetectorConfig detector) {
        writeDetector(g, detector);
        g.writeName("locks");
        g.writeStartArray();
        for (ScriptSpec.LockSpec l : script.locks()) {
            g.writeStartObject();
            g.writeStringProperty("name", l.name());
            g.writeStringProperty("kind", l.kind().id());
            g.writeEndObject();
        }
        g.writeEndArray();
        // The declarations of primitives, constants and functions are written only when a script has them, so that
        // a script of locks alone keeps the canonical form (and trace header) it always had.
        if (!script.chans().isEmpty()) {
            g.writeName("chans");
            g.writeStartArray();
            for (ScriptSpec.ChanSpec c : script.chans()) {
                g.writeStartObject();
                g.writeStringProperty("name", c.name());
                g.writeStringProperty("type", c.type().toString());
                g.writeNumberProperty("cap", c.cap());
                g.writeBooleanProperty("nil", c.nil());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        writeNames(g, "waitgroups", script.waitGroups());
        if (!script.conds().isEmpty()) {
            g.writeName("conds");
            g.writeStartArray();
            for (ScriptSpec.CondSpec c : script.conds()) {
                g.writeStartObject();
                g.writeStringProperty("name", c.name());
                g.writeStringProperty("lock", c.lock());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        writeNames(g, "onces", script.onces());
        if (!script.contexts().isEmpty()) {
            g.writeName("contexts");
            g.writeStartArray();
            for (ScriptSpec.ContextSpec c : script.contexts()) {
                g.writeStartObject();
                g.writeStringProperty("name", c.name());
                if (c.parent() != null) {
                    g.writeStringProperty("parent", c.parent());
                }
                if (c.timeoutNs() >= 0) {
                    CommandJson.writeMs(g, "timeoutMs", c.timeoutNs());
                }
                g.writeStringProperty("cancel", c.cancel());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        if (!script.consts().isEmpty()) {
            g.writeName("consts");
            g.writeStartObject();
            for (ScriptSpec.ConstSpec c : script.consts()) {
                switch (c.value()) {
                    case Boolean b -> g.writeBooleanProperty(c.name(), b);
                    case Long l -> g.writeNumberProperty(c.name(), l);
                    default -> g.writeStringProperty(c.name(), (String) c.value());
                }
            }
            g.writeEndObject();
        }
        if (!script.funcs().isEmpty()) {
            g.writeName("funcs");
            g.writeStartArray();
            for (ScriptSpec.FuncSpec f : script.funcs()) {
                g.writeStartObject();
                g.writeStringProperty("name", f.name());
                g.writeName("params");
                g.writeStartArray();
                for (ScriptSpec.ParamSpec p : f.params()) {
                    g.writeString(p.text());
                }
                g.writeEndArray();
                writeSteps(g, "steps", f.steps());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeName("goroutines");
        g.writeStartArray();
        for (ScriptSpec.GoroutineSpec gs : script.goroutines()) {
            g.writeStartObject();
            g.writeStringProperty("name", gs.name());
            CommandJson.writeMs(g, "startMs", gs.startNs());
            writeSteps(g, "steps", gs.steps());
            g.writeEndObject();
        }
        g.writeEndArray();
        writeEvents(g, script.events());
    }

    private static void writeNames(JsonGenerator g, String field, List<String> names) {
        if (names.isEmpty()) {
            return;
        }
        g.writeName(field);
        g.writeStartArray();
        for (String n : names) {
            g.writeStartObject();
            g.writeStringProperty("name", n);
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void writeSteps(JsonGenerator g, String field, List<ScriptSpec.Step> steps) {
        g.writeName(field);
        g.writeStartArray();
        for (ScriptSpec.Step step : steps) {
            writeStep(g, step);
        }
        g.writeEndArray();
    }

    /** A simple step as its text, a block as an object ({@code {"for": ..., "do": [...]}}, ...). */
    private static void writeStep(JsonGenerator g, ScriptSpec.Step step) {
        switch (step) {
            case ScriptSpec.LockStep l -> g.writeString(l.text());
            case ScriptSpec.SleepStep s -> g.writeString(s.text());
            case ScriptSpec.Simple s -> g.writeString(s.text());
            case ScriptSpec.ForStep f -> {
                g.writeStartObject();
                g.writeStringProperty("for", f.header());
                writeSteps(g, "do", f.body());
                g.writeEndObject();
            }
            case ScriptSpec.IfStep i -> {
                g.writeStartObject();
                g.writeStringProperty("if", i.cond());
                writeSteps(g, "then", i.then());
                if (!i.otherwise().isEmpty()) {
                    writeSteps(g, "else", i.otherwise());
                }
                g.writeEndObject();
            }
            case ScriptSpec.SelectStep s -> {
                g.writeStartObject();
                g.writeName("select");
                g.writeStartArray();
                for (ScriptSpec.SelectCase c : s.cases()) {
                    g.writeStartObject();
                    g.writeStringProperty("case", c.text());
                    writeSteps(g, "do", c.body());
                    g.writeEndObject();
                }
                if (s.otherwise() != null) {
                    g.writeStartObject();
                    writeSteps(g, "default", s.otherwise());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            case ScriptSpec.GoBlock b -> {
                g.writeStartObject();
                writeSteps(g, "go", b.body());
                g.writeEndObject();
            }
            case ScriptSpec.DeferBlock b -> {
                g.writeStartObject();
                writeSteps(g, "defer", b.body());
                g.writeEndObject();
            }
        }
    }

    private static void writeEvents(JsonGenerator g, List<TimedCommand> events) {
        g.writeName("events");
        g.writeStartArray();
        for (TimedCommand e : events) {
            g.writeStartObject();
            CommandJson.writeMs(g, "atMs", e.atNs());
            CommandJson.writeFields(g, e.command());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void writeDetector(JsonGenerator g, DetectorConfig d) {
        g.writeName("detector");
        g.writeStartObject();
        CommandJson.writeMs(g, "holdThresholdMs", d.holdThresholdNs());
        CommandJson.writeMs(g, "waitThresholdMs", d.waitThresholdNs());
        g.writeBooleanProperty("lockOrder", d.lockOrder());
        g.writeEndObject();
    }
}
