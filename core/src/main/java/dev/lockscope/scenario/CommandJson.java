package dev.lockscope.scenario;

import dev.lockscope.io.InputException;
import dev.lockscope.io.JsonFields;
import dev.lockscope.model.Command;
import dev.lockscope.model.LockSemantics;
import dev.lockscope.model.Strategy;
import dev.lockscope.util.Millis;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import tools.jackson.core.JsonGenerator;
/**
 * The JSON form of a {@link Command}, shared by scenario {@code events} and trace {@code command} events: an object
 * with exactly one of {@code join}, {@code leave}, {@code reload}, {@code set}. One {@code set} may carry several
 * changes, which expand in the fixed order member, strategy, lock, broadcastPeriodMs; writing always puts one
 * command in one object, so reading what was written gives the same commands back.
 */
public final class CommandJson {
    /** The fields that name a command. */
    public static final List<String> VERBS = List.of("join", "leave", "reload", "set");
    /** The ids of the built-in strategies, in their order. */
    public static final List<String> BUILTIN_STRATEGIES = java.util.Arrays.stream(Strategy.values()).map(Strategy::id).toList();

    static final List<String> MEMBER_FIELDS = List.of("name", "latencyMs", "jitterMs");
    private static final List<String> SET_FIELDS =
            List.of("member", "latencyMs", "jitterMs", "strategy", "lock", "broadcastPeriodMs");

    private CommandJson() {}

    /** Writes {@code command} as a complete object, such as {@code {"leave":"ann"}}. */
    public static void write(JsonGenerator g, Command command) {
        g.writeStartObject();
        writeFields(g, command);
        g.writeEndObject();
    }

    /** Writes the command's verb field into the object the generator is in (scenario events add {@code atMs}). */
    static void writeFields(JsonGenerator g, Command command) {
        switch (command) {
            case Command.Join j -> {
                g.writeName("join");
                writeMember(g, new MemberSpec(j.member(), j.latencyNs(), j.jitterNs()));
            }
            case Command.Leave l -> g.writeStringProperty("leave", l.member());
            case Command.Reload r -> g.writeStringProperty("reload", r.member());
            case Command.SetMember s -> {
                g.writeName("set");
                g.writeStartObject();
                g.writeStringProperty("member", s.member());
                if (s.latencyNs().isPresent()) {
                    writeMs(g, "latencyMs", s.latencyNs().getAsLong());
                }
                if (s.jitterNs().isPresent()) {
                    writeMs(g, "jitterMs", s.jitterNs().getAsLong());
                }
                g.writeEndObject();
            }
            case Command.SetStrategy s -> writeSet(g, "strategy", s.id());
            case Command.SetLock s -> writeSet(g, "lock", s.semantics().id());
            case Command.SetBroadcastPeriod s -> {
                g.writeName("set");
                g.writeStartObject();
                writeMs(g, "broadcastPeriodMs", s.periodNs());
                g.writeEndObject();
            }
        }
    }

    private static void writeSet(JsonGenerator g, String name, String value) {
        g.writeName("set");
        g.writeStartObject();
        g.writeStringProperty(name, value);
        g.writeEndObject();
    }

    static void writeMember(JsonGenerator g, MemberSpec m) {
        g.writeStartObject();
        g.writeStringProperty("name", m.name());
        writeMs(g, "latencyMs", m.latencyNs());
        writeMs(g, "jitterMs", m.jitterNs());
        g.writeEndObject();
    }

    /** Writes a nanosecond time as a millisecond number, shortest exact form. */
    static void writeMs(JsonGenerator g, String name, long nanos) {
        g.writeName(name);
        g.writeNumber(Millis.exact(nanos));
    }

    /**
     * Reads the one command verb of {@code f}; other fields of {@code f} are the caller's to check.
     *
     * @return one command, or several for a {@code set} with several changes, in expansion order
     */
    public static List<Command> read(JsonFields f) throws InputException {
        return read(f, BUILTIN_STRATEGIES);
    }

    /**
     * Like {@link #read}, with {@code set.strategy} one of {@code strategies} (the built-ins and a scenario's own
     * program).
     */
    static List<Command> read(JsonFields f, List<String> strategies) throws InputException {
        String verb = null;
        for (String name : f.names()) {
            if (VERBS.contains(name)) {
                if (verb != null) {
                    throw f.failAt(name, "expected only one of join, leave, reload, set, but found "
                            + verb + " and " + name);
                }
                verb = name;
            }
        }
        if (verb == null) {
            throw f.fail("expected one of the fields join, leave, reload, set");
        }
        return switch (verb) {
            case "join" -> {
                MemberSpec m = readMember(JsonFields.of(f.source(), f.pathOf("join"), f.value("join").orElseThrow()));
                yield List.of(new Command.Join(m.name(), m.latencyNs(), m.jitterNs()));
            }
            case "leave" -> List.of(new Command.Leave(f.nonEmptyString("leave")));
            case "reload" -> List.of(new Command.Reload(f.nonEmptyString("reload")));
            default -> readSet(JsonFields.of(f.source(), f.pathOf("set"), f.value("set").orElseThrow()), strategies);
        };
    }

    /**
     * Like {@link #read} for a place that holds exactly one command, such as a trace's command event, with
     * {@code set.strategy} one of {@code strategies} (the scenario's: {@link RoomSpec#strategyIds()}).
     */
    public static Command readOne(JsonFields f, List<String> strategies) throws InputException {
        List<Command> commands = read(f, strategies);
        if (commands.size() != 1) {
            throw f.failAt("set", "expected a single change, got " + commands.size());
        }
        return commands.getFirst();
    }

    /** A member object: {@code name}, {@code latencyMs} required, {@code jitterMs} default 0. */
    static MemberSpec readMember(JsonFields m) throws InputException {
        m.allowOnly(MEMBER_FIELDS);
        return new MemberSpec(m.nonEmptyString("name"),
                m.requiredNanos("latencyMs", Ranges.LATENCY, Ranges.LATENCY.expected()),
                m.nanos("jitterMs", 0, Ranges.LATENCY, Ranges.LATENCY.expected()));
    }

    private static List<Command> readSet(JsonFields s, List<String> strategies) throws InputException {
        s.allowOnly(SET_FIELDS);
        List<Command> out = new ArrayList<>();
        boolean network = s.has("latencyMs") || s.has("jitterMs");
        if (s.has("member")) {
            if (!network) {
                throw s.failAt("member", "expected latencyMs or jitterMs next to member");
            }
            out.add(new Command.SetMember(s.nonEmptyString("member"), optionalNanos(s, "latencyMs"),
                    optionalNanos(s, "jitterMs")));
        } else if (network) {
            throw s.failAt(s.has("latencyMs") ? "latencyMs" : "jitterMs", "expected \"member\" next to it");
        }
        if (s.has("strategy")) {
            out.add(new Command.SetStrategy(s.choice("strategy", null, strategies, id -> id)));
        }
        if (s.has("lock")) {
            out.add(new Command.SetLock(s.choice("lock", null, List.of(LockSemantics.values()), LockSemantics::id)));
        }
        if (s.has("broadcastPeriodMs")) {
            out.add(new Command.SetBroadcastPeriod(s.requiredNanos("broadcastPeriodMs", Ranges.PERIOD,
                    Ranges.PERIOD.expected())));
        }
        if (out.isEmpty()) {
            throw s.fail("expected at least one of member, strategy, lock, broadcastPeriodMs");
        }
        return out;
    }

    private static OptionalLong optionalNanos(JsonFields s, String name) throws InputException {
        return s.has(name) ? OptionalLong.of(s.requiredNanos(name, Ranges.LATENCY, Ranges.LATENCY.expected()))
                : OptionalLong.empty();
    }
}
