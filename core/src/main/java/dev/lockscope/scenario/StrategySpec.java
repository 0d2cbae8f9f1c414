package dev.lockscope.scenario;

import dev.lockscope.io.InputException;
import dev.lockscope.model.Strategy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A broadcast strategy as a program: Go text ({@code func (r *Room) Broadcast(msg Message)}, and for an outbox
 * strategy {@code func (m *Member) writeLoop()}), compiled into {@link StrategyOp}s that the room interprets
 * (docs/room-code.md, docs/scenario-format.md "Strategy programs"). The five built-in strategies are such files
 * ({@code /strategies/ID.go}, read by {@link #builtin}); a room scenario may bring its own ({@code strategyFile}).
 *
 * <p>Two specs are equal when their id and text are: the text determines everything else.
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
    private final String text;
    private final List<String> lines;
    private final List<String> sites;
    private final Function broadcast;
    private final Function writeLoop;

    StrategySpec(String id, String description, String text, List<String> lines, List<String> sites,
                 Function broadcast, Function writeLoop) {
        this.id = id;
        this.description = description;
        this.text = text;
        this.lines = List.copyOf(lines);
        this.sites = Collections.unmodifiableList(new java.util.ArrayList<>(sites));
        this.broadcast = Objects.requireNonNull(broadcast, "broadcast");
        this.writeLoop = writeLoop;
    }

    /** Compiles strategy text; {@code source} names it in errors ({@code room.go}, {@code room.json: strategyCode}). */
    public static StrategySpec compile(String source, String text) throws InputException {
        return new StrategyCompiler(source, text).compile();
    }

    /** The built-in program of {@code strategy}, from {@code /strategies/ID.go}. */
    public static StrategySpec builtin(Strategy strategy) {
        return BUILTIN.get(strategy);
    }

    /** The strategy's id, from its {@code // strategy: ID} line. */
    public String id() {
        return id;
    }

    /** The comment lines after the id line, joined: what the strategy does, in a sentence or two. */
    public String description() {
        return description;
    }

    /** The whole file as read. */
    public String text() {
        return text;
    }

    /** The Go code, from the first {@code func} line to the last line that is not blank: what the lab shows. */
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
        return o instanceof StrategySpec s && s.id.equals(id) && s.text.equals(text);
    }

    @Override
    public int hashCode() {
        return id.hashCode() * 31 + text.hashCode();
    }

    @Override
    public String toString() {
        return "strategy " + id;
    }

    private static Map<Strategy, StrategySpec> loadBuiltins() {
        Map<Strategy, StrategySpec> out = new EnumMap<>(Strategy.class);
        for (Strategy s : Strategy.values()) {
            String name = "/strategies/" + s.id() + ".go";
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
}
