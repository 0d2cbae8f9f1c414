package dev.lockscope.scenario;

import dev.lockscope.io.InputException;
import dev.lockscope.io.JsonFields;
import dev.lockscope.io.JsonValue;
import dev.lockscope.io.Quote;
import dev.lockscope.model.Command;
import dev.lockscope.model.DetectorConfig;
import dev.lockscope.model.LockSemantics;
import dev.lockscope.model.Strategy;
import dev.lockscope.io.JsonDocuments;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
/**
 * Turns a located JSON tree into a {@link Scenario}, checking every field (docs/scenario-format.md). Stateless
 * apart from the source name used in messages.
 */
final class ScenarioParser {
    private static final List<String> COMMON = List.of("name", "kind", "seed", "durationMs", "lock", "detector", "events");
    private static final List<String> ROOM_ONLY = List.of("strategy", "strategyFile", "strategyCode", "broadcast",
            "members", "reload", "queueLimit");
    private static final List<String> SCRIPT_ONLY = List.of("locks", "chans", "waitgroups", "conds", "onces",
            "contexts", "consts", "funcs", "goroutines");
    private static final List<String> ROOM = Stream.concat(COMMON.stream(), ROOM_ONLY.stream()).toList();
    private static final List<String> SCRIPT = Stream.concat(COMMON.stream(), SCRIPT_ONLY.stream()).toList();
    private static final List<String> EVENT_FIELDS =
            Stream.concat(Stream.of("atMs"), CommandJson.VERBS.stream()).toList();

    private ScenarioParser() {}

    static Scenario parse(JsonFields root) throws InputException {
        return parse(root, null);
    }

    /** @param dir the folder of the scenario file, for a relative {@code strategyFile}; null: the working directory */
    static Scenario parse(JsonFields root, Path dir) throws InputException {
        String kind = root.choice("kind", "room", List.of("room", "script"), k -> k);
        boolean room = kind.equals("room");
        checkFields(root, room);
        String name = root.nonEmptyString("name");
        long seed = root.integer("seed", Scenario.DEFAULT_SEED, Long.MIN_VALUE);
        long durationNs = root.requiredNanos("durationMs", Ranges.DURATION, Ranges.DURATION.expected());
        LockSemantics lock = root.choice("lock", LockSemantics.GO_RWMUTEX, List.of(LockSemantics.values()),
                LockSemantics::id);
        DetectorConfig detector = detector(root);
        ScenarioBody body = room ? room(root, dir) : script(root);
        return new Scenario(name, seed, durationNs, lock, detector, body);
    }

    private static void checkFields(JsonFields root, boolean room) throws InputException {
        List<String> others = room ? SCRIPT_ONLY : ROOM_ONLY;
        for (String field : root.names()) {
            if (others.contains(field)) {
                throw root.failAt(field, "field " + Quote.of(field) + " belongs to " + (room ? "script" : "room")
                        + " scenarios, but this one is a " + (room ? "room" : "script"));
            }
        }
        root.allowOnly(room ? ROOM : SCRIPT);
    }

    private static DetectorConfig detector(JsonFields root) throws InputException {
        var d = root.object("detector");
        if (d.isEmpty()) {
            return DetectorConfig.DEFAULTS;
        }
        JsonFields f = d.get();
        f.allowOnly(List.of("holdThresholdMs", "waitThresholdMs", "lockOrder"));
        return new DetectorConfig(ms(f, "holdThresholdMs", DetectorConfig.DEFAULT_THRESHOLD_NS, Ranges.THRESHOLD),
                ms(f, "waitThresholdMs", DetectorConfig.DEFAULT_THRESHOLD_NS, Ranges.THRESHOLD),
                f.bool("lockOrder", true));
    }

    private static RoomSpec room(JsonFields root, Path dir) throws InputException {
        Strategy strategy = root.choice("strategy", Strategy.SEQUENTIAL, List.of(Strategy.values()), Strategy::id);
        StrategySpec own = ownStrategy(root, dir);
        long periodNs = RoomSpec.DEFAULT_PERIOD_NS;
        long startNs = 0;
        var broadcast = root.object("broadcast");
        if (broadcast.isPresent()) {
            JsonFields b = broadcast.get();
            b.allowOnly(List.of("periodMs", "startMs"));
            periodNs = ms(b, "periodMs", periodNs, Ranges.PERIOD);
            startNs = ms(b, "startMs", 0, Ranges.TIME);
        }
        long reloadNs = 0;
        var reload = root.object("reload");
        if (reload.isPresent()) {
            reload.get().allowOnly(List.of("afterNoUpdateMs"));
            reloadNs = ms(reload.get(), "afterNoUpdateMs", 0, Ranges.RELOAD);
        }
        long queueLimit = root.integer("queueLimit", RoomSpec.DEFAULT_QUEUE_LIMIT, 1, Ranges.MAX_QUEUE_LIMIT);
        List<String> strategies = new ArrayList<>(CommandJson.BUILTIN_STRATEGIES);
        if (own != null) {
            strategies.add(own.id()); // as RoomSpec.strategyIds() will say
        }
        return new RoomSpec(strategy, periodNs, startNs, members(root), events(root, strategies), reloadNs,
                (int) queueLimit, own);
    }

    /**
     * The room's own strategy program: {@code strategyFile} (relative to the scenario's folder), or
     * {@code strategyCode} (the same program inline, as the canonical form writes it); null when neither is given.
     */
    private static StrategySpec ownStrategy(JsonFields root, Path dir) throws InputException {
        List<String> given = Stream.of("strategy", "strategyFile", "strategyCode").filter(root::has).toList();
        if (given.size() > 1) {
            throw root.failAt(given.get(1), "expected only one of strategy, strategyFile, strategyCode, but found "
                    + given.get(0) + " and " + given.get(1));
        }
        StrategySpec own;
        if (root.has("strategyFile")) {
            String name = root.nonEmptyString("strategyFile");
            Path file;
            try {
                file = dir == null ? Path.of(name) : dir.resolve(name);
            } catch (InvalidPathException e) {
                throw root.failAt("strategyFile", "not a valid file name: " + Quote.of(name));
            }
            if (!Files.isRegularFile(file)) {
                throw root.failAt("strategyFile", "no such file " + Quote.of(file.toString())
                        + " (a strategy program, relative to the scenario's folder)");
            }
            // Errors in the program name its own file and line.
            own = StrategySpec.compile(file.toString(), JsonDocuments.readText(file, ScenarioJson.MAX_STRING));
        } else if (root.has("strategyCode")) {
            // The program inline: its errors name the scenario's lines and the fields under strategyCode.
            own = StrategySpec.compile(root.source(), root.pathOf("strategyCode"),
                    root.value("strategyCode").orElseThrow());
        } else {
            return null;
        }
        if (Strategy.ofId(own.id()) != null) {
            throw root.failAt(given.get(0), "strategy " + Quote.of(own.id()) + " is a built-in's name; give the "
                    + "program its own in its \"strategy\" field");
        }
        return own;
    }

    private static List<MemberSpec> members(JsonFields root) throws InputException {
        List<MemberSpec> members = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<JsonValue> items = root.array("members");
        if (items.size() > Ranges.MAX_MEMBERS) {
            throw root.failAt("members", "expected at most " + Ranges.MAX_MEMBERS + " members at the start, got "
                    + items.size());
        }
        for (int i = 0; i < items.size(); i++) {
            JsonFields m = JsonFields.of(root.source(), root.pathOf("members") + "[" + i + "]", items.get(i));
            MemberSpec member = CommandJson.readMember(m);
            if (!names.add(member.name())) {
                throw m.failAt("name", "duplicate member name " + Quote.of(member.name()));
            }
            members.add(member);
        }
        return members;
    }

    /** @param strategies the ids {@code set.strategy} may name; null in a script, which allows only set.lock */
    private static List<TimedCommand> events(JsonFields root, List<String> strategies) throws InputException {
        boolean script = strategies == null;
        List<TimedCommand> events = new ArrayList<>();
        List<JsonValue> items = root.array("events");
        for (int i = 0; i < items.size(); i++) {
            JsonFields e = JsonFields.of(root.source(), root.pathOf("events") + "[" + i + "]", items.get(i));
            e.allowOnly(EVENT_FIELDS);
            long atNs = e.requiredNanos("atMs", Ranges.TIME, Ranges.TIME.expected());
            for (Command c : CommandJson.read(e, script ? CommandJson.BUILTIN_STRATEGIES : strategies)) {
                if (script && !(c instanceof Command.SetLock)) {
                    throw notInScript(e, c);
                }
                events.add(new TimedCommand(atNs, c));
            }
        }
        return events;
    }

    /** A millisecond field in its range, in nanoseconds; {@code fallback} when absent. */
    private static long ms(JsonFields f, String name, long fallback, Ranges.Ms range) throws InputException {
        return f.nanos(name, fallback, range, range.expected());
    }

    private static InputException notInScript(JsonFields event, Command c) {
        String field = switch (c) {
            case Command.Join j -> "join";
            case Command.Leave l -> "leave";
            case Command.Reload r -> "reload";
            case Command.SetMember s -> "set.member";
            case Command.SetStrategy s -> "set.strategy";
            case Command.SetBroadcastPeriod s -> "set.broadcastPeriodMs";
            case Command.SetLock s -> "set.lock";
        };
        int line = event.value(field.startsWith("set") ? "set" : field).map(JsonValue::line).orElse(event.line());
        return new InputException(event.source(), line, event.pathOf(field),
                "a script scenario allows only set.lock events");
    }

    private static ScriptSpec script(JsonFields root) throws InputException {
        return ScriptReader.read(root, events(root, null));
    }
}
