package dev.lockscope.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockscope.io.InputException;
import dev.lockscope.model.Command;
import dev.lockscope.model.DetectorConfig;
import dev.lockscope.model.LockKind;
import dev.lockscope.model.LockSemantics;
import dev.lockscope.model.Strategy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
class BuiltinScenariosTest {
    private static final long MS = 1_000_000L;

    @Test
    void listsEveryBuiltinWithADescription() {
        assertThat(BuiltinScenarios.names()).containsExactly("article", "fixed-snapshot", "hand-example", "big-room",
                "reader-starvation", "abba", "lock-order", "recursive-rlock");
        assertThat(BuiltinScenarios.list()).allSatisfy(e -> assertThat(e.description()).isNotBlank());
    }

    @Test
    void everyBuiltinLoadsUnderItsOwnName() {
        for (String name : BuiltinScenarios.names()) {
            assertThat(BuiltinScenarios.byName(name)).hasValueSatisfying(s -> assertThat(s.name()).isEqualTo(name));
        }
    }

    @Test
    void unknownNamesAndPathsAreEmpty() {
        assertThat(BuiltinScenarios.byName("nope")).isEmpty();
        assertThat(BuiltinScenarios.byName("../scenarios/article")).isEmpty();
        assertThat(BuiltinScenarios.byName("index")).isEmpty();
    }

    @Test
    void articleTellsTheBlogPostsStory() throws Exception {
        Scenario s = BuiltinScenarios.byName("article").orElseThrow();
        assertThat(((RoomSpec) s.body()).strategy()).isEqualTo(Strategy.SEQUENTIAL);
        dev.lockscope.run.Recorder r = new dev.lockscope.run.Recorder();
        dev.lockscope.run.Simulation.run(s, r);
        dev.lockscope.run.LockOps ops = dev.lockscope.run.LockOps.of(r.events);
        // The slow member joins at 5 s without waiting: nothing held the lock long yet.
        assertThat(ops.waits.get("Add").getFirst()).isZero();
        // eve's client hears nothing for 1.5 s and reloads; her Remove waits behind the long broadcasts, every
        // later broadcast waits behind it, the others hear nothing either and reload too: it feeds itself.
        long reloads = r.of(dev.lockscope.event.TraceEvent.MemberEvent.class)
                .filter(e -> e.change() == dev.lockscope.event.MemberChange.RELOAD).count();
        assertThat(reloads).isGreaterThan(20);
        assertThat(r.of(dev.lockscope.event.TraceEvent.MemberEvent.class)
                .filter(e -> e.change() == dev.lockscope.event.MemberChange.RELOAD).findFirst().orElseThrow())
                .extracting(dev.lockscope.event.TraceEvent.MemberEvent::member, dev.lockscope.event.TraceEvent::time)
                .containsExactly("eve", 6_500 * MS);
        assertThat(r.of(dev.lockscope.event.TraceEvent.MemberEvent.class)
                .filter(e -> e.change() == dev.lockscope.event.MemberChange.RELOAD).map(e -> e.member()).distinct())
                .contains("ann", "bob", "cy", "dee", "eve");
        assertThat(ops.waits.get("Remove").stream().mapToDouble(Double::doubleValue).average().orElseThrow())
                .isGreaterThan(1000);
    }

    @Test
    void theSnapshotFixEndsTheStall() throws Exception {
        dev.lockscope.run.Recorder r = new dev.lockscope.run.Recorder();
        dev.lockscope.run.Simulation.run(BuiltinScenarios.byName("fixed-snapshot").orElseThrow(), r);
        dev.lockscope.run.LockOps ops = dev.lockscope.run.LockOps.of(r.events);
        assertThat(ops.maxWait("Add")).isZero();
        assertThat(ops.maxWait("Broadcast")).isZero();
        // Only eve, slower than her own client's patience, still reloads; the others never wait.
        assertThat(r.of(dev.lockscope.event.TraceEvent.MemberEvent.class)
                .filter(e -> e.change() == dev.lockscope.event.MemberChange.RELOAD).map(e -> e.member()).distinct())
                .containsExactly("eve");
    }

    @Test
    void fixedSnapshotDiffersFromArticleOnlyInStrategyAndName() {
        Scenario article = BuiltinScenarios.byName("article").orElseThrow();
        Scenario fixed = BuiltinScenarios.byName("fixed-snapshot").orElseThrow();

        assertThat(fixed).isEqualTo(new Scenario("fixed-snapshot", article.seed(), article.durationNs(),
                article.lock(), article.detector(), ((RoomSpec) article.body()).withStrategy(Strategy.SNAPSHOT)));
    }

    @Test
    void handExampleMatchesItsDescription() {
        Scenario s = BuiltinScenarios.byName("hand-example").orElseThrow();

        assertThat(s).isEqualTo(new Scenario("hand-example", 1, 5000 * MS, LockSemantics.GO_RWMUTEX,
                DetectorConfig.DEFAULTS, new RoomSpec(Strategy.SEQUENTIAL, 200 * MS, 0,
                List.of(new MemberSpec("a", 20 * MS, 0), new MemberSpec("b", 30 * MS, 0),
                        new MemberSpec("c", 600 * MS, 0)),
                List.of(new TimedCommand(1010 * MS, new Command.Join("d", 10 * MS, 0))), 0, 64)));
    }

    @Test
    void bigRoomHas500FastMembers() {
        Scenario s = BuiltinScenarios.byName("big-room").orElseThrow();
        RoomSpec room = (RoomSpec) s.body();

        assertThat(room.members()).hasSize(500);
        assertThat(room.members().get(0)).isEqualTo(new MemberSpec("m000", MS, 0));
        assertThat(room.members().get(499)).isEqualTo(new MemberSpec("m499", MS, 0));
        assertThat(room.strategy()).isEqualTo(Strategy.GOROUTINE_PER_SEND);
        assertThat(room.broadcastPeriodNs()).isEqualTo(10 * MS);
        assertThat(s.durationNs()).isEqualTo(120_000 * MS);
        assertThat(room.events()).isEmpty();
        assertThat(room.reloadAfterNoUpdateNs()).isZero();
    }

    @Test
    void readerStarvationUsesAReaderPreferringLock() {
        Scenario s = BuiltinScenarios.byName("reader-starvation").orElseThrow();
        RoomSpec room = (RoomSpec) s.body();

        assertThat(s.lock()).isEqualTo(LockSemantics.READER_PREFERRING);
        assertThat(room.broadcastPeriodNs()).isEqualTo(100 * MS);
        assertThat(room.members()).extracting(MemberSpec::latencyNs).containsExactly(150 * MS, 150 * MS);
        assertThat(room.events()).extracting(TimedCommand::atNs).containsExactly(1000 * MS, 2000 * MS);
    }

    @Test
    void scriptsHaveTheDocumentedShapes() {
        ScriptSpec abba = (ScriptSpec) BuiltinScenarios.byName("abba").orElseThrow().body();
        ScriptSpec order = (ScriptSpec) BuiltinScenarios.byName("lock-order").orElseThrow().body();
        ScriptSpec recursive = (ScriptSpec) BuiltinScenarios.byName("recursive-rlock").orElseThrow().body();

        assertThat(abba.goroutines()).extracting(ScriptSpec.GoroutineSpec::startNs).containsExactly(0L, 0L);
        assertThat(order.goroutines()).extracting(ScriptSpec.GoroutineSpec::startNs).containsExactly(0L, 100 * MS);
        assertThat(order.goroutines().get(1).steps()).isEqualTo(abba.goroutines().get(1).steps());
        assertThat(abba.goroutines().get(1).steps()).extracting(ScriptSpec.Step::text)
                .containsExactly("lock B", "sleep 10", "lock A", "unlock A", "unlock B");
        assertThat(recursive.locks()).containsExactly(new ScriptSpec.LockSpec("M", LockKind.RWMUTEX));
        assertThat(recursive.goroutines().get(0).steps()).extracting(ScriptSpec.Step::text)
                .containsExactly("rlock M", "sleep 10", "rlock M", "runlock M", "runlock M");
        assertThat(recursive.goroutines().get(1).startNs()).isEqualTo(5 * MS);
    }

    @Test
    void sourceLoadsFilesFirstThenBuiltins(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("article");
        Files.writeString(file, "{\"name\": \"mine\", \"durationMs\": 1}");

        assertThat(ScenarioSource.load(file.toString()).name()).isEqualTo("mine");
        assertThat(ScenarioSource.load("article").name()).isEqualTo("article");
        assertThatThrownBy(() -> ScenarioSource.load("nope.json")).isInstanceOf(InputException.class)
                .hasMessage("unknown scenario nope.json: not a file and not a built-in (built-ins: article, "
                        + "fixed-snapshot, hand-example, big-room, reader-starvation, abba, lock-order, recursive-rlock)");
    }
}
