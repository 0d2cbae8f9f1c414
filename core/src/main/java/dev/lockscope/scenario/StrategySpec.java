package dev.lockscope.scenario;

import dev.lockscope.io.InputException;
import dev.lockscope.io.JsonDocuments;
import dev.lockscope.io.JsonFields;
import dev.lockscope.io.JsonFormat;
import dev.lockscope.io.JsonTree;
import dev.lockscope.io.JsonValue;
import dev.lockscope.model.Strategy;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;

/**
 * A broadcast strategy as a program: a JSON object in the script language's form, with the functions
 * {@code Broadcast(msg Message)} and, for an outbox strategy, {@code writeLoop(m *Member)}, compiled into
 * {@link StrategyOp}s that the room interprets, and shown as Go (docs/room-code.md, docs/scenario-format.md
 * "Strategy programs"). The five built-in strategies are such files ({@code /strategies/ID.json}, read by
 * {@link #builtin}); a room scenario may bring its own ({@code strategyFile}, or inline {@code strategyCode}).
 *
 * <p>Two specs are equal when their programs are (as JSON, whatever their layout): the program determines
 * everything else.
 *
 * @see StrategyCompiler the grammar and the checks
 */
public final class StrategySpec {
    /**
     * One compiled function: its code and the sizes of its frame.
     *
     * @param name the Go name of what it runs: {@code Room.Broadcast}, {@code Room.Broadcast.func1},
     *             {@code Member.writeLoop}
     * @param ops  the operations, shared by every goroutine that runs the function: the interpreter's to read, never
     *             to change (a list would cost a copy or an indirection per goroutine, and a broadcast may start
     *             thousands)
     */
    public record Function(String name, StrategyOp[] ops, int objSlots, int intSlots) {
        Function(String name, List<StrategyOp> code, int objSlots, int intSlots) {
            this(name, code.toArray(StrategyOp[]::new), objSlots, intSlots);
        }

        /** The operations, as a list. */
        public List<StrategyOp> code() {
            return List.of(ops);
        }
    }

    private static final Map<Strategy, StrategySpec> BUILTIN = loadBuiltins();

    private final String id;
    private final String description;
    private final JsonValue program;
    /** The program as compact JSON: what equality compares. */
    private final String canonical;
    private final List<String> lines;
    private final List<String> sites;
    private final Function broadcast;
    private final Function writeLoop;

    StrategySpec(String id, String description, JsonValue program, List<String> lines, List<String> sites,
                 Function broadcast, Function writeLoop) {
        this.id = id;
        this.description = description;
        this.program = program;
        this.canonical = json(program, false);
        this.lines = List.copyOf(lines);
        this.sites = Collections.unmodifiableList(new java.util.ArrayList<>(sites));
        this.broadcast = Objects.requireNonNull(broadcast, "broadcast");
        this.writeLoop = writeLoop;
    }

    /** Compiles a strategy file's text; {@code source} (its file name) names it in errors. */
    public static StrategySpec compile(String source, String text) throws InputException {
        return compile(source, "", JsonDocuments.parse(source, text, ScenarioJson.LIMITS));
    }

    /**
     * Compiles a program already read: a file's whole object ({@code path} empty), or a scenario's
     * {@code strategyCode} ({@code path} "strategyCode"), whose errors then name the scenario's lines and the fields
     * under {@code strategyCode}.
     */
    public static StrategySpec compile(String source, String path, JsonValue program) throws InputException {
        return new StrategyCompiler(JsonFields.of(source, path, program)).compile(program);
    }

    /** The built-in program of {@code strategy}, from {@code /strategies/ID.json}. */
    public static StrategySpec builtin(Strategy strategy) {
        return BUILTIN.get(strategy);
    }

    /** The strategy's id, its {@code strategy} field. */
    public String id() {
        return id;
    }

    /** Its {@code description} field: what the strategy does, in a sentence or two; empty when absent. */
    public String description() {
        return description;
    }

    /** The program as read, to be written back ({@code strategyCode} in the canonical form). */
    public JsonValue program() {
        return program;
    }

    /** The program as pretty JSON text: what a strategy file holds. */
    public String text() {
        return json(program, true);
    }

    /** The Go code the program stands for, {@code Broadcast} then {@code writeLoop}: what the lab shows. */
    public List<String> lines() {
        return lines;
    }

    /** For each line of {@link #lines()}, the label of the site a goroutine is at on it, or {@code null}. */
    public List<String> sites() {
        return sites;
    }

    public Function broadcast() {
        return broadcast;
    }

    /** The writer goroutine's program of a strategy that uses outboxes; {@code null} for the others. */
    public Function writeLoop() {
        return writeLoop;
    }

    /** Whether this is the program of a built-in strategy (the same text). */
    public boolean isBuiltin() {
        Strategy s = Strategy.ofId(id);
        return s != null && builtin(s).equals(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StrategySpec s && s.canonical.equals(canonical);
    }

    @Override
    public int hashCode() {
        return canonical.hashCode();
    }

    @Override
    public String toString() {
        return "strategy " + id;
    }

    private static Map<Strategy, StrategySpec> loadBuiltins() {
        Map<Strategy, StrategySpec> out = new EnumMap<>(Strategy.class);
        for (Strategy s : Strategy.values()) {
            String name = "/strategies/" + s.id() + ".json";
            try (InputStream in = StrategySpec.class.getResourceAsStream(name)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + name);
                }
                StrategySpec spec = compile(name.substring(1), new String(in.readAllBytes(), StandardCharsets.UTF_8));
                if (!spec.id.equals(s.id())) {
                    throw new IllegalStateException(name + " names strategy " + spec.id);
                }
                out.put(s, spec);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InputException e) {
                throw new IllegalStateException("built-in strategy does not compile: " + e.getMessage(), e);
            }
        }
        return Collections.unmodifiableMap(out);
    }

    private static String json(JsonValue value, boolean pretty) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = pretty ? JsonFormat.prettyGenerator(out)
                : JsonFormat.FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
            JsonTree.write(g, value);
        }
        return pretty ? out + "\n" : out.toString();
    }
}
