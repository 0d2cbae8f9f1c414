package dev.lockscope.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockscope.io.InputException;
import dev.lockscope.model.Command;
import dev.lockscope.model.DetectorConfig;
import dev.lockscope.model.LockKind;
import dev.lockscope.model.LockSemantics;
import dev.lockscope.model.Mode;
import dev.lockscope.model.Strategy;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
class ScenarioJsonTest {
    private static final long MS = 1_000_000L;

    /** The room example of docs/scenario-format.md, one field per line so that line numbers mean something. */
    static final String ROOM = """
            {
              "name": "demo",
              "kind": "room",
              "seed": 7,
              "durationMs": 60000,
              "lock": "go-rwmutex",
              "strategy": "sequential",
              "broadcast": {"periodMs": 500, "startMs": 0},
              "members": [
                {"name": "ann", "latencyMs": 20, "jitterMs": 5},
                {"name": "bob", "latencyMs": 2000}
              ],
              "events": [
                {"atMs": 10000, "join": {"name": "cy", "latencyMs": 40}},
                {"atMs": 20000, "leave": "ann"},
                {"atMs": 25000, "reload": "bob"},
                {"atMs": 30000, "set": {"member": "bob", "latencyMs": 30}},
                {"atMs": 40000, "set": {"strategy": "snapshot"}},
                {"atMs": 41000, "set": {"lock": "fair"}},
                {"atMs": 42000, "set": {"broadcastPeriodMs": 100}}
              ],
              "reload": {"afterNoUpdateMs": 5000},
              "queueLimit": 64,
              "detector": {"holdThresholdMs": 1000, "waitThresholdMs": 1000, "lockOrder": true}
            }
            """;

    static final String SCRIPT = """
            {
              "name": "abba",
              "kind": "script",
              "seed": 1,
              "durationMs": 500,
              "lock": "go-rwmutex",
              "detector": {"holdThresholdMs": 1000, "waitThresholdMs": 1000, "lockOrder": true},
              "locks": [{"name": "A", "kind": "mutex"}, {"name": "B", "kind": "rwmutex"}],
              "goroutines": [
                {"name": "g1", "startMs": 0, "steps": ["lock A", "sleep 10", "lock B", "unlock B", "unlock A"]}
              ],
              "events": [{"atMs": 100, "set": {"lock": "fair"}}]
            }
            """;

    static Scenario read(String json) throws InputException {
        return ScenarioJson.read("demo.json", new StringReader(json));
    }

    private static void assertError(String json, String message) {
        assertThatThrownBy(() -> read(json)).isInstanceOf(InputException.class).hasMessage(message);
    }

    @Test
    void readsTheRoomExample() throws InputException {
        Scenario s = read(ROOM);

        RoomSpec expectedRoom = new RoomSpec(Strategy.SEQUENTIAL, 500 * MS, 0,
                List.of(new MemberSpec("ann", 20 * MS, 5 * MS), new MemberSpec("bob", 2000 * MS, 0)),
                List.of(new TimedCommand(10_000 * MS, new Command.Join("cy", 40 * MS, 0)),
                        new TimedCommand(20_000 * MS, new Command.Leave("ann")),
                        new TimedCommand(25_000 * MS, new Command.Reload("bob")),
                        new TimedCommand(30_000 * MS,
                                new Command.SetMember("bob", OptionalLong.of(30 * MS), OptionalLong.empty())),
                        new TimedCommand(40_000 * MS, new Command.SetStrategy(Strategy.SNAPSHOT)),
                        new TimedCommand(41_000 * MS, new Command.SetLock(LockSemantics.FAIR)),
                        new TimedCommand(42_000 * MS, new Command.SetBroadcastPeriod(100 * MS))),
                5000 * MS, 64);
        assertThat(s).isEqualTo(new Scenario("demo", 7, 60_000 * MS, LockSemantics.GO_RWMUTEX,
                DetectorConfig.DEFAULTS, expectedRoom));
    }

    @Test
    void readsTheScriptExample() throws InputException {
        Scenario s = read(SCRIPT);

        ScriptSpec expected = new ScriptSpec(
                List.of(new ScriptSpec.LockSpec("A", LockKind.MUTEX), new ScriptSpec.LockSpec("B", LockKind.RWMUTEX)),
                List.of(new ScriptSpec.GoroutineSpec("g1", 0, List.of(
                        new ScriptSpec.LockStep("lock A", "A", Mode.WRITE, true),
                        new ScriptSpec.SleepStep("sleep 10", 10 * MS),
                        new ScriptSpec.LockStep("lock B", "B", Mode.WRITE, true),
                        new ScriptSpec.LockStep("unlock B", "B", Mode.WRITE, false),
                        new ScriptSpec.LockStep("unlock A", "A", Mode.WRITE, false)))),
                List.of(new TimedCommand(100 * MS, new Command.SetLock(LockSemantics.FAIR))));
        assertThat(s).isEqualTo(new Scenario("abba", 1, 500 * MS, LockSemantics.GO_RWMUTEX,
                DetectorConfig.DEFAULTS, expected));
        assertThat(s.kind()).isEqualTo("script");
    }

    @Test
    void scriptStepsTolerateWhitespaceAndReadLocks() throws InputException {
        Scenario s = read("""
                {"name": "x", "kind": "script", "durationMs": 1,
                 "locks": [{"name": "M", "kind": "rwmutex"}],
                 "goroutines": [{"name": "g", "steps": ["  rlock\\tM ", "runlock M", "sleep 0.25"]}]}
                """);

        List<ScriptSpec.Step> steps = ((ScriptSpec) s.body()).goroutines().getFirst().steps();
        assertThat(steps).containsExactly(
                new ScriptSpec.LockStep("  rlock\tM ", "M", Mode.READ, true),
                new ScriptSpec.LockStep("runlock M", "M", Mode.READ, false),
                new ScriptSpec.SleepStep("sleep 0.25", 250_000));
    }

    @Test
    void roomAndScriptRoundTripThroughCanonicalJson() throws InputException {
        for (String json : List.of(ROOM, SCRIPT)) {
            Scenario s = read(json);
            String canonical = ScenarioJson.toJson(s);

            assertThat(read(canonical)).isEqualTo(s);
            assertThat(ScenarioJson.toJson(read(canonical))).isEqualTo(canonical);
        }
    }

    @Test
    void fillsDefaultsAndWritesEveryFieldInOrder() throws InputException {
        Scenario s = read("{\"name\": \"x\", \"durationMs\": 0.5}");

        assertThat(ScenarioJson.toJson(s)).isEqualTo("""
                {
                  "name": "x",
                  "kind": "room",
                  "seed": 1,
                  "durationMs": 0.5,
                  "lock": "go-rwmutex",
                  "strategy": "sequential",
                  "broadcast": {
                    "periodMs": 500,
                    "startMs": 0
                  },
                  "members": [],
                  "events": [],
                  "reload": {
                    "afterNoUpdateMs": 0
                  },
                  "queueLimit": 64,
                  "detector": {
                    "holdThresholdMs": 1000,
                    "waitThresholdMs": 1000,
                    "lockOrder": true
                  }
                }
                """);
    }

    @Test
    void convertsFractionalMillisecondsExactly() throws InputException {
        Scenario s = read("{\"name\": \"x\", \"durationMs\": 1010.000001, \"broadcast\": {\"periodMs\": 1e1}}");

        assertThat(s.durationNs()).isEqualTo(1_010_000_001L);
        assertThat(((RoomSpec) s.body()).broadcastPeriodNs()).isEqualTo(10_000_000L);
        assertThat(ScenarioJson.toJson(s)).contains("\"durationMs\": 1010.000001,", "\"periodMs\": 10,");
    }

    @Test
    void setWithSeveralChangesExpandsInFixedOrder() throws InputException {
        Scenario s = read("""
                {"name": "x", "durationMs": 1, "events": [
                  {"atMs": 5, "set": {"broadcastPeriodMs": 1.5, "lock": "fair", "strategy": "snapshot",
                                      "jitterMs": 1, "member": "bob"}}]}
                """);

        assertThat(((RoomSpec) s.body()).events()).containsExactly(
                new TimedCommand(5 * MS, new Command.SetMember("bob", OptionalLong.empty(), OptionalLong.of(MS))),
                new TimedCommand(5 * MS, new Command.SetStrategy(Strategy.SNAPSHOT)),
                new TimedCommand(5 * MS, new Command.SetLock(LockSemantics.FAIR)),
                new TimedCommand(5 * MS, new Command.SetBroadcastPeriod(1_500_000)));
    }

    @Test
    void rejectsAnUnknownStrategyNamingLineAndPath() {
        assertError(ROOM.replace("\"sequential\"", "\"fast\""), "demo.json:7: strategy: expected one of sequential, "
                + "goroutine-per-send, parallel-wait, snapshot, member-queue, got \"fast\"");
    }

    @Test
    void rejectsAnUnknownMemberField() {
        assertError(ROOM.replace("\"bob\", \"latencyMs\": 2000", "\"bob\", \"latency\": 2000"),
                "demo.json:11: members[1].latency: unknown field \"latency\" (expected one of name, latencyMs, jitterMs)");
    }

    @Test
    void rejectsNegativeLatency() {
        assertError(ROOM.replace("\"latencyMs\": 2000", "\"latencyMs\": -5"),
                "demo.json:11: members[1].latencyMs: expected a number from 0 to 3600000 (milliseconds), got -5");
    }

    @Test
    void rejectsABadStrategyInsideASetEvent() {
        assertError(ROOM.replace("\"snapshot\"", "\"fast\""), "demo.json:18: events[4].set.strategy: expected one of "
                + "sequential, goroutine-per-send, parallel-wait, snapshot, member-queue, got \"fast\"");
    }

    @Test
    void reportsMalformedJsonWithTheParsersLine() {
        assertThatThrownBy(() -> read("{\n  \"name\": \"x\",\n  \"durationMs\": 1,\n}"))
                .isInstanceOf(InputException.class)
                .hasMessage("demo.json:4:1: unexpected \"}\": expected a field name (JSON allows no comma before \"}\")");
    }

    @Test
    void rejectsMissingAndOutOfRangeTopLevelFields() {
        assertError("{\"durationMs\": 1}", "demo.json:1: missing required field \"name\"");
        assertError("{\"name\": \"x\"}", "demo.json:1: missing required field \"durationMs\"");
        assertError("{\"name\": \"x\", \"durationMs\": 0}", "demo.json:1: durationMs: expected a number > 0 and at most 604800000 (milliseconds), got 0");
        assertError("{\"name\": \"x\", \"durationMs\": 1, \"seed\": 1.5}",
                "demo.json:1: seed: expected an integer, got 1.5");
        assertError("{\"name\": \"x\", \"durationMs\": 1, \"queueLimit\": 0}",
                "demo.json:1: queueLimit: expected an integer from 1 to 100000, got 0");
        assertError("{\"name\": \"x\", \"durationMs\": 1, \"broadcast\": {\"periodMs\": 0}}",
                "demo.json:1: broadcast.periodMs: expected a number from 1 to 604800000 (milliseconds), got 0");
        assertError("{\"name\": \"x\", \"durationMs\": 0.0000001}", "demo.json:1: durationMs: expected a whole "
                + "number of nanoseconds (at most 6 decimals), got 0.0000001");
        assertError("{\"name\": \"x\", \"durationMs\": 1e30}",
                "demo.json:1: durationMs: expected a number > 0 and at most 604800000 (milliseconds), got "
                        + "1000000000000000000000000000000");
        assertError("{\"name\": \"x\", \"durationMs\": 1, \"kind\": \"lesson\"}",
                "demo.json:1: kind: expected one of room, script, got \"lesson\"");
        assertError("[1]", "demo.json:1: expected an object, got an array");
    }

    @Test
    void rejectsDuplicateInitialMemberNames() {
        assertError(ROOM.replace("\"bob\", \"latencyMs\": 2000", "\"ann\", \"latencyMs\": 2000"),
                "demo.json:11: members[1].name: duplicate member name \"ann\"");
    }

    @Test
    void rejectsMalformedEvents() {
        String base = "{\"name\": \"x\", \"durationMs\": 1, \"events\": [%s]}";
        assertError(base.formatted("{\"atMs\": 1, \"leave\": \"a\", \"reload\": \"a\"}"),
                "demo.json:1: events[0].reload: expected only one of join, leave, reload, set, but found leave and reload");
        assertError(base.formatted("{\"atMs\": 1}"),
                "demo.json:1: events[0]: expected one of the fields join, leave, reload, set");
        assertError(base.formatted("{\"leave\": \"a\"}"), "demo.json:1: events[0]: missing required field \"atMs\"");
        assertError(base.formatted("{\"atMs\": 1, \"set\": {\"latencyMs\": 3}}"),
                "demo.json:1: events[0].set.latencyMs: expected \"member\" next to it");
        assertError(base.formatted("{\"atMs\": 1, \"set\": {\"member\": \"a\"}}"),
                "demo.json:1: events[0].set.member: expected latencyMs or jitterMs next to member");
        assertError(base.formatted("{\"atMs\": 1, \"set\": {}}"),
                "demo.json:1: events[0].set: expected at least one of member, strategy, lock, broadcastPeriodMs");
        assertError(base.formatted("{\"atMs\": 1, \"join\": {\"name\": \"a\"}}"),
                "demo.json:1: events[0].join: missing required field \"latencyMs\"");
        assertError(base.formatted("{\"atMs\": 1, \"set\": {\"lock\": \"fair\", \"lock\": \"fair\"}}"),
                "demo.json:1: events[0].set.lock: duplicate field \"lock\"");
    }

    @Test
    void rejectsFieldsOfTheOtherKind() {
        assertError("{\"name\": \"x\", \"kind\": \"script\", \"durationMs\": 1, \"strategy\": \"snapshot\"}",
                "demo.json:1: strategy: field \"strategy\" belongs to room scenarios, but this one is a script");
        assertError("{\"name\": \"x\", \"durationMs\": 1, \"locks\": []}",
                "demo.json:1: locks: field \"locks\" belongs to script scenarios, but this one is a room");
        assertError("{\"name\": \"x\", \"durationMs\": 1, \"colour\": 1}", "demo.json:1: colour: unknown field "
                + "\"colour\" (expected one of name, kind, seed, durationMs, lock, detector, events, strategy, "
                + "strategyFile, strategyCode, broadcast, members, reload, queueLimit)");
    }

    @Test
    void rejectsBadScriptSteps() {
        assertError(SCRIPT.replace("\"lock B\", \"unlock B\"", "\"lock C\", \"unlock B\""),
                "demo.json:10: goroutines[0].steps[2]: unknown lock \"C\" (declared: A, B)");
        assertError(SCRIPT.replace("\"lock A\", \"sleep 10\"", "\"rlock A\", \"sleep 10\""),
                "demo.json:10: goroutines[0].steps[0]: rlock needs an rwmutex, but A is a mutex");
        assertError(SCRIPT.replace("\"sleep 10\"", "\"Sleep 10\""),
                "demo.json:10: goroutines[0].steps[1]: expected a step such as \"lock X\", \"sleep MS\", \"ch <- v\", "
                        + "\"v := <-ch\", \"close(ch)\", \"wg.Wait()\", \"f(x)\", \"go f(x)\" or \"return\", got \"Sleep 10\"");
        assertError(SCRIPT.replace("\"sleep 10\"", "\"sleep -1\""),
                "demo.json:10: goroutines[0].steps[1]: sleep: expected a number from 0 to 604800000 "
                        + "(milliseconds), got -1");
        assertError(SCRIPT.replace("\"sleep 10\"", "\"sleep soon\""),
                "demo.json:10: goroutines[0].steps[1]: expected sleep MS with MS a number from 0 to 604800000 "
                        + "(milliseconds), got \"soon\"");
        assertError(SCRIPT.replace("\"startMs\": 0", "\"startMs\": -1"),
                "demo.json:10: goroutines[0].startMs: expected a number from 0 to 604800000 (milliseconds), got -1");
    }

    @Test
    void scriptsAllowOnlySetLockEvents() {
        assertError(SCRIPT.replace("{\"lock\": \"fair\"}", "{\"lock\": \"fair\", \"strategy\": \"snapshot\"}"),
                "demo.json:12: events[0].set.strategy: a script scenario allows only set.lock events");
        assertError(SCRIPT.replace("\"set\": {\"lock\": \"fair\"}", "\"leave\": \"a\""),
                "demo.json:12: events[0].leave: a script scenario allows only set.lock events");
    }

    @Test
    void enforcesTheLimits() {
        String longName = "n".repeat(10_001);
        assertError("{\"name\": \"" + longName + "\", \"durationMs\": 1}",
                "demo.json:1: name: string of 10001 characters is longer than 10000 (the limit)");

        String deep = "[".repeat(40) + "]".repeat(40);
        assertError("{\"name\": \"x\", \"durationMs\": 1, \"members\": " + deep + "}",
                "demo.json:1: members[0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0]"
                        + "[0][0][0][0][0]: nested deeper than 32 levels (the limit)");

        String many = "{\"name\": \"a\", \"latencyMs\": 1},".repeat(100_001);
        assertError("{\"name\": \"x\", \"durationMs\": 1, \"members\": [" + many.substring(0, many.length() - 1) + "]}",
                "demo.json:1: members: more than 100000 entries (the limit)");

        String huge = "{\"name\": \"x\", \"durationMs\": 1}" + " ".repeat(16 * 1024 * 1024);
        assertError(huge, "demo.json: file is larger than 16 MiB (the limit is 16777216 bytes)");
    }

    @Test
    void rejectsTrailingContent() {
        assertError("{\"name\": \"x\", \"durationMs\": 1}\n{}",
                "demo.json:2:1: unexpected text after the end of the JSON value");
    }

    @Test
    void readsFilesNamingThemAsGiven(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("room.json");
        Files.writeString(file, ROOM.replace("\"seed\": 7", "\"seed\": \"7\""));

        assertThatThrownBy(() -> ScenarioJson.read(file)).isInstanceOf(InputException.class)
                .hasMessage(file + ":4: seed: expected an integer, got \"7\"");
        assertThatThrownBy(() -> ScenarioJson.read(dir.resolve("missing.json"))).isInstanceOf(InputException.class)
                .hasMessage(dir.resolve("missing.json") + ": no such file");
    }
}
