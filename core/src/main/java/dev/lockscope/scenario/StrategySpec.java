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
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;

/**
 * A broadcast strategy as a program of the script language: a JSON object whose functions are a script's,
 * {@code Broadcast(msg Message)} and, for an outbox strategy, {@code writeLoop(m *Member)}, written against the
 * room's words ({@link #WORDS}: {@code r.membersMx}, {@code r.members}, {@code m.Send(msg)}, {@code m.outbox}, ...).
 * The room compiles it with the script compiler and runs it on the script interpreter, and the lab shows it as Go
 * (docs/room-code.md, docs/scenario-format.md "Strategy programs"). The five built-in strategies are such files
 * ({@code /strategies/ID.json}, read by {@link #builtin}); a room scenario may bring its own ({@code strategyFile},
 * or inline {@code strategyCode}).
 *
 * <p>Two specs are equal when their programs are (as JSON, whatever their layout): the program determines
 * everything else.
 *
 * @see StrategyReader the checks
 */
public final class StrategySpec {
    private static final GoType MESSAGE = GoType.world("Message");
    private static final GoType MEMBER = GoType.world("*Member");
    private static final GoType CONN = GoType.world("Conn");

    /**
     * The room's words: its lock {@code r.membersMx} and member list {@code r.members}; a member's network
     * {@code m.Send(msg)} (also {@code m.conn.Send(msg)}), its outbox {@code m.outbox} (a buffered channel of
     * messages, made by the room) and {@code m.Dropped(msg)}, which records a message the strategy did not deliver.
     */
    public static final Vocabulary WORDS = new Vocabulary(
            Map.of("r.membersMx", GoType.simple(GoType.Kind.RWMUTEX), "r.members", GoType.slice(MEMBER)),
            Map.of("Message", MESSAGE, "*Member", MEMBER, "Conn", CONN),
            Map.of("*Member.outbox", GoType.chan(MESSAGE, GoType.Dir.BOTH), "*Member.conn", CONN),
            Map.of("*Member.Send", List.of(MESSAGE), "Conn.Send", List.of(MESSAGE), "*Member.Dropped", List.of(MESSAGE)));

    private static final Map<Strategy, StrategySpec> BUILTIN = loadBuiltins();

    private final String id;
    private final String description;
    private final JsonValue program;
    /** The program as compact JSON: what equality compares. */
    private final String canonical;
    private final List<ScriptSpec.FuncSpec> funcs;

    StrategySpec(String id, String description, JsonValue program, List<ScriptSpec.FuncSpec> funcs) {
        this.id = id;
        this.description = description;
        this.program = program;
        this.canonical = json(program, false);
        this.funcs = List.copyOf(funcs);
    }

    /** Reads a strategy file's text; {@code source} (its file name) names it in errors. */
    public static StrategySpec compile(String source, String text) throws InputException {
        return compile(source, "", JsonDocuments.parse(source, text, ScenarioJson.LIMITS));
    }

    /**
     * Reads a program already parsed: a file's whole object ({@code path} empty), or a scenario's
     * {@code strategyCode} ({@code path} "strategyCode"), whose errors then name the scenario's lines and the fields
     * under {@code strategyCode}.
     */
    public static StrategySpec compile(String source, String path, JsonValue program) throws InputException {
        return new StrategyReader(JsonFields.of(source, path, program)).read(program);
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

    /** Its functions, read and checked: {@code Broadcast}, then {@code writeLoop} if it has one. */
    public List<ScriptSpec.FuncSpec> funcs() {
        return funcs;
    }

    /** Whether it has a {@code writeLoop}: whether its broadcasts put messages into outboxes. */
    public boolean hasWriteLoop() {
        return funcs.size() > 1;
    }

    /** Whether this is the program of a built-in strategy (the same program). */
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
