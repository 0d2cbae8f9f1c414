package dev.lockscope.scenario;

import dev.lockscope.io.InputException;
import dev.lockscope.io.JsonFields;
import dev.lockscope.io.JsonValue;
import dev.lockscope.io.Quote;
import dev.lockscope.model.Command;
import dev.lockscope.model.DetectorConfig;
import dev.lockscope.model.LockKind;
import dev.lockscope.model.LockSemantics;
import dev.lockscope.model.Strategy;
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
    private static final List<String> ROOM_ONLY = List.of("strategy", "broadcast", "members", "reload", "queueLimit");
    private static final List<String> SCRIPT_ONLY = List.of("locks", "goroutines");
    private static final List<String> ROOM = Stream.concat(COMMON.stream(), ROOM_ONLY.stream()).toList();
    private static final List<String> SCRIPT = Stream.concat(COMMON.stream(), SCRIPT_ONLY.stream()).toList();
    private static final List<String> EVENT_FIELDS =
            Stream.concat(Stream.of("atMs"), CommandJson.VERBS.stream()).toList();

    private ScenarioParser() {}

    static Scenario parse(JsonFields root) throws InputException {
        String kind = root.choice("kind", "room", List.of("room", "script"), k -> k);
        boolean room = kind.equals("room");
        checkFields(root, room);
        String name = root.nonEmptyString("name");
        long seed = root.integer("seed", Scenario.DEFAULT_SEED, Long.MIN_VALUE);
        long durationNs = root.requiredNanos("durationMs", true);
        LockSemantics lock = root.choice("lock", LockSemantics.GO_RWMUTEX, List.of(LockSemantics.values()),
                LockSemantics::id);
        DetectorConfig detector = detector(root);
        ScenarioBody body = room ? room(root) : script(root);
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
        return new DetectorConfig(f.nanos("holdThresholdMs", DetectorConfig.DEFAULT_THRESHOLD_NS, false),
                f.nanos("waitThresholdMs", DetectorConfig.DEFAULT_THRESHOLD_NS, false),
                f.bool("lockOrder", true));
    }

    private static RoomSpec room(JsonFields root) throws InputException {
        Strategy strategy = root.choice("strategy", Strategy.SEQUENTIAL, List.of(Strategy.values()), Strategy::id);
        long periodNs = RoomSpec.DEFAULT_PERIOD_NS;
        long startNs = 0;
        var broadcast = root.object("broadcast");
        if (broadcast.isPresent()) {
            JsonFields b = broadcast.get();
            b.allowOnly(List.of("periodMs", "startMs"));
            periodNs = b.nanos("periodMs", periodNs, true);
            startNs = b.nanos("startMs", 0, false);
        }
        long reloadNs = 0;
        var reload = root.object("reload");
        if (reload.isPresent()) {
            reload.get().allowOnly(List.of("afterNoUpdateMs"));
            reloadNs = reload.get().nanos("afterNoUpdateMs", 0, false);
        }
        long queueLimit = root.integer("queueLimit", RoomSpec.DEFAULT_QUEUE_LIMIT, 1);
        if (queueLimit > Integer.MAX_VALUE) {
            throw root.failAt("queueLimit", "expected an integer <= " + Integer.MAX_VALUE + ", got " + queueLimit);
        }
        return new RoomSpec(strategy, periodNs, startNs, members(root), events(root, false), reloadNs,
                (int) queueLimit);
    }

    private static List<MemberSpec> members(JsonFields root) throws InputException {
        List<MemberSpec> members = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<JsonValue> items = root.array("members");
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

    private static List<TimedCommand> events(JsonFields root, boolean script) throws InputException {
        List<TimedCommand> events = new ArrayList<>();
        List<JsonValue> items = root.array("events");
        for (int i = 0; i < items.size(); i++) {
            JsonFields e = JsonFields.of(root.source(), root.pathOf("events") + "[" + i + "]", items.get(i));
            e.allowOnly(EVENT_FIELDS);
            long atNs = e.requiredNanos("atMs", false);
            for (Command c : CommandJson.read(e)) {
                if (script && !(c instanceof Command.SetLock)) {
                    throw notInScript(e, c);
                }
                events.add(new TimedCommand(atNs, c));
            }
        }
        return events;
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
        Map<String, LockKind> kinds = new LinkedHashMap<>();
        List<ScriptSpec.LockSpec> locks = new ArrayList<>();
        List<JsonValue> lockItems = root.array("locks");
        for (int i = 0; i < lockItems.size(); i++) {
            JsonFields l = JsonFields.of(root.source(), root.pathOf("locks") + "[" + i + "]", lockItems.get(i));
            l.allowOnly(List.of("name", "kind"));
            String name = l.nonEmptyString("name");
            LockKind kind = l.choice("kind", null, List.of(LockKind.values()), LockKind::id);
            if (kind == null) {
                throw l.fail("missing required field \"kind\"");
            }
            if (kinds.putIfAbsent(name, kind) != null) {
                throw l.failAt("name", "duplicate lock name " + Quote.of(name));
            }
            locks.add(new ScriptSpec.LockSpec(name, kind));
        }
        ScriptSteps steps = new ScriptSteps(root.source(), kinds);
        List<ScriptSpec.GoroutineSpec> goroutines = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<JsonValue> items = root.array("goroutines");
        for (int i = 0; i < items.size(); i++) {
            JsonFields g = JsonFields.of(root.source(), root.pathOf("goroutines") + "[" + i + "]", items.get(i));
            g.allowOnly(List.of("name", "startMs", "steps"));
            String name = g.nonEmptyString("name");
            if (!names.add(name)) {
                throw g.failAt("name", "duplicate goroutine name " + Quote.of(name));
            }
            goroutines.add(new ScriptSpec.GoroutineSpec(name, g.nanos("startMs", 0, false), steps(g, steps)));
        }
        ScriptSpec script = new ScriptSpec(locks, goroutines, events(root, true));
        var problem = ScriptCheck.check(script);
        if (problem.isPresent()) {
            // The step's own line: the items were checked to be objects with step strings just above.
            JsonFields g = JsonFields.of(root.source(), "", items.get(problem.get().goroutine()));
            int line = g.array("steps").get(problem.get().step()).line();
            throw new InputException(root.source(), line, root.pathOf(problem.get().field()), problem.get().message());
        }
        return script;
    }

    private static List<ScriptSpec.Step> steps(JsonFields g, ScriptSteps parser) throws InputException {
        List<ScriptSpec.Step> steps = new ArrayList<>();
        List<JsonValue> items = g.array("steps");
        for (int j = 0; j < items.size(); j++) {
            String path = g.pathOf("steps") + "[" + j + "]";
            JsonValue v = items.get(j);
            if (!(v instanceof JsonValue.Str s)) {
                throw new InputException(g.source(), v.line(), path, "expected a step string, got " + v.describe());
            }
            steps.add(parser.parse(s.value(), path, v.line()));
        }
        return steps;
    }
}
