package dev.lockscope.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockscope.event.TraceEvent;
import dev.lockscope.io.InputException;
import dev.lockscope.model.PrimKind;
import dev.lockscope.model.PrimOp;
import dev.lockscope.model.Site;
import dev.lockscope.model.WaitOp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The events of channels and sync primitives, new in format version 3: written, read back, refused in version 2. */
class TraceVersion3Test {
    private static final Site SEND = new Site("main", "main #2: ch <- 1");
    private static final Site SELECT = new Site("main", "main #3: select {");
    private static final TraceFile.Header V3 = new TraceFile.Header(3, TraceFile.TOOL, "test", Optional.empty(),
            Optional.empty());
    private static final String HEADER_V3 = "{\"format\":\"lockscope-trace\",\"version\":3,\"tool\":\"t\",\"producer\":\"test\"}";
    private static final String HEADER_V2 = HEADER_V3.replace("\"version\":3", "\"version\":2");

    @TempDir
    Path dir;

    static List<TraceEvent> events() {
        return List.of(
                new TraceEvent.Spawn(0, 1, "main", "main", 0),
                new TraceEvent.Spawn(0, 7, "sender", "sender", 1),
                new TraceEvent.PrimCreated(0, 0, "ch", PrimKind.CHAN, 2),
                new TraceEvent.PrimCreated(0, 1, "after", PrimKind.TIMER, 1),
                new TraceEvent.Act(0, 0, 1, PrimOp.ARM, 5_000_000_000L, SELECT),
                new TraceEvent.Act(1, 1, 0, PrimOp.SEND, 1, SEND),
                new TraceEvent.PrimWait(2, 1, WaitOp.SELECT, List.of(0, 1), SELECT),
                new TraceEvent.Blocked(2, 1, 0, List.of(0, 7)),
                new TraceEvent.Act(3, 1, 0, PrimOp.DONE, -1, SEND),
                new TraceEvent.Wake(4, 1, 1),
                new TraceEvent.PrimWait(5, 1, WaitOp.CHAN_RECV, List.of(), SEND),
                new TraceEvent.Panic(6, 1, "send on closed channel", SEND),
                new TraceEvent.Asleep(7),
                new TraceEvent.End(8));
    }

    @Test
    void everyNewEventRoundTripsInTheDocumentedLines() throws Exception {
        Path file = dir.resolve("v3.jsonl");
        try (TraceWriter w = TraceWriter.atomic(file, V3)) {
            events().forEach(w::accept);
            w.finish();
        }

        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines.getFirst()).startsWith("{\"format\":\"lockscope-trace\",\"version\":3,");
        assertThat(lines.subList(3, lines.size())).containsExactly(
                "{\"t\":0,\"e\":\"prim\",\"prim\":0,\"name\":\"ch\",\"kind\":\"chan\",\"cap\":2}",
                "{\"t\":0,\"e\":\"prim\",\"prim\":1,\"name\":\"after\",\"kind\":\"timer\",\"cap\":1}",
                "{\"t\":0,\"e\":\"site\",\"site\":0,\"op\":\"main\",\"label\":\"main #3: select {\"}",
                "{\"t\":0,\"e\":\"act\",\"g\":0,\"prim\":1,\"op\":\"arm\",\"n\":5000000000,\"site\":0}",
                "{\"t\":1,\"e\":\"site\",\"site\":1,\"op\":\"main\",\"label\":\"main #2: ch <- 1\"}",
                "{\"t\":1,\"e\":\"act\",\"g\":1,\"prim\":0,\"op\":\"send\",\"n\":1,\"site\":1}",
                "{\"t\":2,\"e\":\"wait\",\"g\":1,\"op\":\"select\",\"prims\":[0,1],\"site\":0}",
                "{\"t\":2,\"e\":\"blocked\",\"g\":1,\"lock\":0,\"by\":[0,7]}",
                "{\"t\":3,\"e\":\"act\",\"g\":1,\"prim\":0,\"op\":\"done\",\"n\":-1,\"site\":1}",
                "{\"t\":4,\"e\":\"wake\",\"g\":1,\"prim\":1}",
                "{\"t\":5,\"e\":\"wait\",\"g\":1,\"op\":\"chan-recv\",\"prims\":[],\"site\":1}",
                "{\"t\":6,\"e\":\"panic\",\"g\":1,\"text\":\"send on closed channel\",\"site\":1}",
                "{\"t\":7,\"e\":\"asleep\"}",
                "{\"t\":8,\"e\":\"end\"}");
        TraceSamples.Collector sink = new TraceSamples.Collector();
        TraceReader.read(file, sink);
        assertThat(sink.events).isEqualTo(events());
    }

    @Test
    void anyKeyOrderAndSpacingReadTheSame() throws Exception {
        Path file = dir.resolve("shuffled.jsonl");
        Files.writeString(file, HEADER_V3 + "\n"
                + "{\"t\":0,\"e\":\"spawn\",\"g\":2,\"name\":\"g\",\"kind\":\"g\",\"parent\":0}\n"
                + "{\"t\":0,\"e\":\"spawn\",\"g\":4,\"name\":\"h\",\"kind\":\"h\",\"parent\":0}\n"
                + "{\"e\":\"prim\",\"cap\":0,\"kind\":\"waitgroup\",\"name\":\"wg\",\"prim\":3,\"t\":0}\n"
                + "{\"t\":0,\"e\":\"site\",\"site\":0,\"op\":\"g\",\"label\":\"wg.Wait()\"}\n"
                + "{ \"site\": 0, \"prims\": [ 3 ], \"op\": \"wg-wait\", \"g\": 2, \"e\": \"wait\", \"t\": 1 }\n"
                + "{\"n\":0,\"op\":\"add\",\"site\":0,\"prim\":3,\"g\":4,\"e\":\"act\",\"t\":2}\n"
                + "{\"t\":3,\"e\":\"end\"}\n");
        TraceSamples.Collector sink = new TraceSamples.Collector();
        TraceReader.read(file, sink);

        Site site = new Site("g", "wg.Wait()");
        assertThat(sink.events).containsExactly(
                new TraceEvent.Spawn(0, 2, "g", "g", 0),
                new TraceEvent.Spawn(0, 4, "h", "h", 0),
                new TraceEvent.PrimCreated(0, 3, "wg", PrimKind.WAITGROUP, 0),
                new TraceEvent.PrimWait(1, 2, WaitOp.WG_WAIT, List.of(3), site),
                new TraceEvent.Act(2, 4, 3, PrimOp.ADD, 0, site),
                new TraceEvent.End(3));
    }

    @Test
    void aVersion2TraceHoldsNoEventOfVersion3() throws Exception {
        Path file = dir.resolve("v2.jsonl");
        Files.writeString(file, HEADER_V2 + "\n{\"t\":0,\"e\":\"asleep\"}\n");
        assertThatThrownBy(() -> TraceReader.read(file, e -> {})).isInstanceOf(InputException.class)
                .hasMessage(file + ":2: e: \"asleep\" events need format version 3, but this trace is version 2");

        Files.writeString(file, HEADER_V2 + "\n{\"t\":0,\"e\":\"blocked\",\"g\":1,\"lock\":0,\"by\":[0]}\n");
        assertThatThrownBy(() -> TraceReader.read(file, e -> {})).isInstanceOf(InputException.class)
                .hasMessage(file + ":2: by[0]: expected an integer >= 1 (0, a pending timer, needs format version 3), got 0");
    }

    @Test
    void badFieldsOfTheNewEventsAreNamed() throws Exception {
        Path file = dir.resolve("bad.jsonl");
        String site = "{\"t\":0,\"e\":\"site\",\"site\":0,\"op\":\"g\",\"label\":\"x\"}\n";
        Files.writeString(file, HEADER_V3 + "\n" + site + "{\"t\":0,\"e\":\"wait\",\"g\":0,\"op\":\"select\",\"prims\":[],\"site\":0}\n");
        assertThatThrownBy(() -> TraceReader.read(file, e -> {})).hasMessage(file
                + ":3: g: expected an integer >= 1 that fits an int, got 0");

        Files.writeString(file, HEADER_V3 + "\n" + site + "{\"t\":0,\"e\":\"act\",\"g\":1,\"prim\":0,\"op\":\"push\",\"n\":0,\"site\":0}\n");
        assertThatThrownBy(() -> TraceReader.read(file, e -> {})).hasMessage(file
                + ":3: op: expected one of send, recv, send-sync, recv-sync, recv-closed, close, add, done, signal, "
                + "broadcast, do, do-end, cancel, arm, stop, got \"push\"");

        Files.writeString(file, HEADER_V3 + "\n{\"t\":0,\"e\":\"prim\",\"prim\":0,\"name\":\"x\",\"kind\":\"pipe\",\"cap\":0}\n");
        assertThatThrownBy(() -> TraceReader.read(file, e -> {})).hasMessage(file
                + ":2: kind: expected one of chan, timer, ticker, context, waitgroup, cond, once, afterfunc, got \"pipe\"");

        Files.writeString(file, HEADER_V3 + "\n{\"t\":0,\"e\":\"wake\",\"g\":1}\n");
        assertThatThrownBy(() -> TraceReader.read(file, e -> {})).hasMessage(file
                + ":2: prim: missing required field \"prim\" of \"wake\" events");
    }

    @Test
    void scriptsOfLocksAloneStayVersion2AndRoomsAreVersion3() {
        // A room's strategy programs may use primitives at any moment (parallel-wait's WaitGroup, the lab's switch).
        assertThat(TraceFile.Header.simulated(TraceSamples.scenario()).version()).isEqualTo(3);
        assertThat(TraceFile.Header.simulated(dev.lockscope.scenario.BuiltinScenarios.byName("abba").orElseThrow())
                .version()).isEqualTo(2);
        assertThat(TraceFile.VERSION).isEqualTo(3);
    }
}
