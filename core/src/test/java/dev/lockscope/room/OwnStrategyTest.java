package dev.lockscope.room;

import static dev.lockscope.run.Scenarios.room;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockscope.event.TraceEvent;
import dev.lockscope.io.InputException;
import dev.lockscope.model.Strategy;
import dev.lockscope.run.LockOps;
import dev.lockscope.run.Recorder;
import dev.lockscope.run.Simulation;
import dev.lockscope.scenario.RoomSpec;
import dev.lockscope.scenario.Scenario;
import dev.lockscope.scenario.ScenarioJson;
import dev.lockscope.scenario.StrategySpec;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A room scenario's own strategy program ({@code strategyFile}): read, run, switched to, written back. */
class OwnStrategyTest {
    static final String SNAPSHOT_FANOUT = OwnStrategyTestPrograms.SNAPSHOT_FANOUT;

    @TempDir
    Path dir;

    /** Members 20, 30 and 600 ms, a broadcast every 200 ms for 3 s, d (10 ms) joins at 1010. */
    private static Scenario example(Strategy strategy) {
        return room().member("a", 20).member("b", 30).member("c", 600).period(200).duration(3000)
                .strategy(strategy).join(1010, "d", 10).build();
    }

    private static List<TraceEvent> run(Scenario s) throws InputException {
        Recorder r = new Recorder();
        Simulation.run(s, r);
        return r.events;
    }

    private static Scenario withOwn(Scenario s, StrategySpec own) {
        return s.withBody(((RoomSpec) s.body()).withOwnStrategy(own));
    }

    @Test
    void aBuiltinsFileUnderAnotherNameRunsExactlyAsTheBuiltin() throws InputException {
        for (Strategy s : Strategy.values()) {
            String copy = StrategySpec.builtin(s).text().replace("\"strategy\": \"" + s.id() + "\"",
                    "\"strategy\": \"copy\"");
            Scenario builtin = example(s);
            assertThat(run(withOwn(builtin, StrategySpec.compile("copy.json", copy)))).as(s.id())
                    .isEqualTo(run(builtin));
        }
    }

    @Test
    void aSixthStrategyIsOneFileNamedByTheScenario() throws IOException, InputException {
        Files.writeString(dir.resolve("fanout.json"), SNAPSHOT_FANOUT);
        Path scenario = dir.resolve("room.json");
        Files.writeString(scenario, """
                {"name": "six", "durationMs": 3000, "strategyFile": "fanout.json", "broadcast": {"periodMs": 200},
                 "members": [{"name": "a", "latencyMs": 20}, {"name": "b", "latencyMs": 30},
                             {"name": "c", "latencyMs": 600}],
                 "events": [{"atMs": 1010, "join": {"name": "d", "latencyMs": 10}}]}
                """);
        Scenario s = ScenarioJson.read(scenario);
        assertThat(((RoomSpec) s.body()).strategyProgram().id()).isEqualTo("snapshot-fanout");

        List<TraceEvent> events = run(s);
        // The lock covers only the copy: Add never waits. 15 broadcasts (0 to 2800 ms): 6 before d joins reach
        // 3 members, 9 after it reach 4: 54 sends, each in its own goroutine Send(name).
        LockOps ops = LockOps.of(events);
        assertThat(ops.waits.get("Add")).containsExactly(0.0);
        assertThat(ops.maxHold("Broadcast")).isZero();
        List<TraceEvent.SendStart> sends = events.stream().filter(TraceEvent.SendStart.class::isInstance)
                .map(TraceEvent.SendStart.class::cast).toList();
        assertThat(sends).hasSize(54).allSatisfy(e -> assertThat(e.site().label())
                .isEqualTo("Room.Broadcast.func1: m.Send(msg)"));
        assertThat(events.stream().filter(TraceEvent.Spawn.class::isInstance).map(TraceEvent.Spawn.class::cast)
                .filter(e -> e.kind().equals("Send")).map(TraceEvent.Spawn::name).distinct())
                .containsExactly("Send(a)", "Send(b)", "Send(c)", "Send(d)");
    }

    @Test
    void setStrategyMayNameTheOwnProgramAndTheCanonicalFormCarriesItsCode() throws InputException {
        String json = """
                {"name": "switch", "durationMs": 1000, "strategyCode": %s, "broadcast": {"periodMs": 100},
                 "members": [{"name": "a", "latencyMs": 20}],
                 "events": [{"atMs": 250, "set": {"strategy": "sequential"}},
                            {"atMs": 550, "set": {"strategy": "snapshot-fanout"}}]}
                """.formatted(SNAPSHOT_FANOUT);
        Scenario s = ScenarioJson.read("switch.json", new StringReader(json));
        // Broadcasts at 0-200 and 600-900 start goroutines; 300-500 send from the Broadcast itself.
        List<String> sites = run(s).stream().filter(TraceEvent.SendStart.class::isInstance)
                .map(e -> ((TraceEvent.SendStart) e).site().label()).toList();
        assertThat(sites).containsExactly(
                "Room.Broadcast.func1: m.Send(msg)", "Room.Broadcast.func1: m.Send(msg)",
                "Room.Broadcast.func1: m.Send(msg)", "Room.Broadcast: m.Send(msg)", "Room.Broadcast: m.Send(msg)",
                "Room.Broadcast: m.Send(msg)", "Room.Broadcast.func1: m.Send(msg)", "Room.Broadcast.func1: m.Send(msg)",
                "Room.Broadcast.func1: m.Send(msg)", "Room.Broadcast.func1: m.Send(msg)");

        String canonical = ScenarioJson.toJson(s);
        assertThat(canonical).contains("\"lock\": \"go-rwmutex\",\n  \"strategyCode\": {\n    \"strategy\": "
                + "\"snapshot-fanout\",");
        assertThat(ScenarioJson.read("back.json", new StringReader(canonical))).isEqualTo(s);
    }

    private void assertError(String json, String message) throws IOException {
        Path scenario = dir.resolve("bad.json");
        Files.writeString(scenario, json);
        assertThatThrownBy(() -> ScenarioJson.read(scenario)).isInstanceOf(InputException.class)
                .hasMessage(message.replace("DIR", dir.toString()));
    }

    @Test
    void errorsNameTheFileLineAndField() throws IOException {
        assertError("{\"name\": \"x\", \"durationMs\": 1,\n \"strategyFile\": \"none.json\"}",
                "DIR/bad.json:2: strategyFile: no such file \"DIR/none.json\" (a strategy program, relative to the "
                + "scenario's folder)");
        Files.writeString(dir.resolve("fanout.json"), SNAPSHOT_FANOUT);
        assertError("{\"name\": \"x\", \"durationMs\": 1, \"strategy\": \"snapshot\",\n \"strategyFile\": \"fanout.json\"}",
                "DIR/bad.json:2: strategyFile: expected only one of strategy, strategyFile, strategyCode, but found "
                + "strategy and strategyFile");
        Files.writeString(dir.resolve("broken.json"), SNAPSHOT_FANOUT.replace("go m.Send(msg)", "go m.Sned(msg)"));
        assertThatThrownBy(() -> {
            Files.writeString(dir.resolve("b.json"), "{\"name\": \"x\", \"durationMs\": 1, \"strategyFile\": \"broken.json\"}");
            ScenarioJson.read(dir.resolve("b.json"));
        }).hasMessage(dir.resolve("broken.json") + ":9: funcs[0].steps[3].do[0]: unknown method m.Sned (m is a "
                + "*Member)");
        Files.writeString(dir.resolve("seq.json"), StrategySpec.builtin(Strategy.SEQUENTIAL).text());
        assertError("{\"name\": \"x\", \"durationMs\": 1,\n \"strategyFile\": \"seq.json\"}",
                "DIR/bad.json:2: strategyFile: strategy \"sequential\" is a built-in's name; give the program its "
                + "own in its \"strategy\" field");
        assertError("{\"name\": \"x\", \"durationMs\": 1, \"strategyFile\": \"fanout.json\",\n"
                + " \"events\": [{\"atMs\": 1, \"set\": {\"strategy\": \"fast\"}}]}",
                "DIR/bad.json:2: events[0].set.strategy: expected one of sequential, goroutine-per-send, "
                + "parallel-wait, snapshot, member-queue, snapshot-fanout, got \"fast\"");
        assertError("{\"name\": \"x\", \"durationMs\": 1,\n \"strategyCode\": {\"strategy\": \"x\",\n \"funcs\": "
                + "[{\"name\": \"main\"}]}}", "DIR/bad.json:3: strategyCode.funcs[0].name: expected \"Broadcast\" (the "
                + "first function), got \"main\"");
        assertError("{\"name\": \"x\", \"durationMs\": 1,\n \"strategyCode\": \"// strategy: x\"}",
                "DIR/bad.json:2: strategyCode: expected an object, got \"// strategy: x\"");
    }

    /**
     * A strategy may use anything of the script language, run by the same interpreter as a script: here a buffered
     * channel as a semaphore lets at most two sends run at once, and a WaitGroup holds the lock until all are done.
     */
    @Test
    void aStrategyProgramMayUseTheWholeScriptLanguage() throws InputException {
        StrategySpec bounded = StrategySpec.compile("bounded.json", """
                {"strategy": "bounded-fanout", "funcs": [{"name": "Broadcast", "params": ["msg Message"], "steps": [
                  "r.membersMx.RLock()",
                  "sem := make(chan struct{}, 2)",
                  "var wg sync.WaitGroup",
                  {"for": "_, m := range r.members", "do": [
                    "wg.Add(1)",
                    {"go": ["sem <- struct{}{}", "m.Send(msg)", "<-sem", "wg.Done()"]}]},
                  "wg.Wait()",
                  "r.membersMx.RUnlock()"]}]}
                """);
        Scenario s = withOwn(room().member("a", 100).member("b", 100).member("c", 100).period(1000).duration(500)
                .strategy(Strategy.SEQUENTIAL).build(), bounded);
        List<TraceEvent> events = run(s);
        // One broadcast at 0: a and b send at once, c when one of them is done, at 100 ms.
        assertThat(events.stream().filter(TraceEvent.SendStart.class::isInstance).map(TraceEvent.SendStart.class::cast)
                .map(e -> e.member() + "@" + e.time() / 1_000_000)).containsExactly("a@0", "b@0", "c@100");
        assertThat(LockOps.of(events).maxHold("Broadcast")).isEqualTo(200.0);
    }

    /**
     * A plain send to a full outbox waits, under the read lock: the article's stall, one channel later. slow's
     * writer takes 1 at 0 (a 1000 ms send), 2 fills its outbox of 1 at 100, and broadcast 3 (200) waits on the send
     * holding the read lock. a's Add at 250 waits for the write lock, and broadcasts 4.. behind Add, until the
     * writer takes 2 at 1000: Add waits 750 ms.
     */
    @Test
    void aBlockingSendToAFullOutboxStallsTheRoom() throws InputException {
        StrategySpec blocking = StrategySpec.compile("blocking.json", """
                {"strategy": "blocking-queue", "funcs": [
                  {"name": "Broadcast", "params": ["msg Message"], "steps": [
                    "r.membersMx.RLock()",
                    {"for": "_, m := range r.members", "do": ["m.outbox <- msg"]},
                    "r.membersMx.RUnlock()"]},
                  {"name": "writeLoop", "params": ["m *Member"], "steps": [
                    {"for": "msg := range m.outbox", "do": ["m.conn.Send(msg)"]}]}]}
                """);
        Scenario s = withOwn(room().member("slow", 1000).period(100).duration(1050).queueLimit(1)
                .strategy(Strategy.SEQUENTIAL).join(250, "a", 10).build(), blocking);
        List<TraceEvent> events = run(s);
        assertThat(events.stream().filter(TraceEvent.PrimWait.class::isInstance).map(TraceEvent.PrimWait.class::cast)
                .filter(w -> w.op() == dev.lockscope.model.WaitOp.CHAN_SEND).map(w -> w.time() / 1_000_000))
                .startsWith(200L);
        assertThat(LockOps.of(events).waits.get("Add")).containsExactly(750.0);
    }
}
