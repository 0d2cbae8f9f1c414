package dev.lockscope.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockscope.io.InputException;
import dev.lockscope.model.Mode;
import dev.lockscope.model.Site;
import dev.lockscope.model.Strategy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The strategy programs: the five built-in files, what they compile to, docs/room-code.md, and the errors. */
class StrategyProgramsTest {

    @Test
    void everyBuiltinIsAFileNamedByItsId() {
        for (Strategy s : Strategy.values()) {
            StrategySpec spec = StrategySpec.builtin(s);
            assertThat(spec.id()).isEqualTo(s.id());
            assertThat(spec.isBuiltin()).isTrue();
            assertThat(spec.description()).isNotBlank();
        }
    }

    @Test
    void sequentialCompilesToLockRangeSendUnlock() {
        StrategySpec spec = StrategySpec.builtin(Strategy.SEQUENTIAL);
        assertThat(spec.lines()).containsExactly(
                "func (r *Room) Broadcast(msg Message) {",
                "\tr.membersMx.RLock()",
                "\tfor _, m := range r.members {",
                "\t\tm.Send(msg)",
                "\t}",
                "\tr.membersMx.RUnlock()",
                "}");
        assertThat(spec.sites()).containsExactly(null, "Room.Broadcast: r.membersMx.RLock()", null,
                "Room.Broadcast: m.Send(msg)", null, "Room.Broadcast: r.membersMx.RUnlock()", null);
        // msg is slot 0, the list 1, m 2; the loop's position is int slot 0.
        assertThat(spec.broadcast().code()).containsExactly(
                new StrategyOp.Lock(Mode.READ, true, new Site("Broadcast", "Room.Broadcast: r.membersMx.RLock()")),
                new StrategyOp.Members(1),
                new StrategyOp.RangeStart(0),
                new StrategyOp.RangeNext(1, 0, 2, 6),
                new StrategyOp.Send(2, 0, new Site("Broadcast", "Room.Broadcast: m.Send(msg)")),
                new StrategyOp.Jump(3),
                new StrategyOp.Lock(Mode.READ, false, new Site("Broadcast", "Room.Broadcast: r.membersMx.RUnlock()")));
        assertThat(spec.writeLoop()).isNull();
    }

    @Test
    void aGoStatementIsAClosureWhoseSitesBelongToTheSendGoroutine() {
        StrategySpec spec = StrategySpec.builtin(Strategy.PARALLEL_WAIT);
        StrategyOp.Go go = spec.broadcast().code().stream().filter(StrategyOp.Go.class::isInstance)
                .map(StrategyOp.Go.class::cast).findFirst().orElseThrow();
        // defer wg.Done() runs after the send.
        assertThat(go.body().name()).isEqualTo("Room.Broadcast.func1");
        assertThat(go.body().code()).containsExactly(
                new StrategyOp.Send(3, 0, new Site("Send", "Room.Broadcast.func1: m.Send(msg)")),
                new StrategyOp.WgAdd(1, -1));
        assertThat(spec.sites()).contains("Room.Broadcast: wg.Wait()", "Room.Broadcast.func1: m.Send(msg)");
    }

    @Test
    void memberQueueHasAWriteLoopOverTheOutbox() {
        StrategySpec spec = StrategySpec.builtin(Strategy.MEMBER_QUEUE);
        assertThat(spec.writeLoop().name()).isEqualTo("Member.writeLoop");
        assertThat(spec.writeLoop().code()).containsExactly(
                new StrategyOp.OutboxNext(1, new Site("Writer", "Member.writeLoop: for msg := range m.outbox"), 3),
                new StrategyOp.Send(0, 1, new Site("Writer", "Member.writeLoop: m.conn.Send(msg)")),
                new StrategyOp.Jump(0));
    }

    /** docs/room-code.md shows each strategy's Go listing, with comments (the sites it names) added. */
    @Test
    void roomCodeDocShowsTheFiles() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "room-code.md"));
        for (Strategy s : Strategy.values()) {
            Matcher m = Pattern.compile("## `" + Pattern.quote(s.id()) + "`[^\\n]*\\n(?:[^`]|`(?!``go))*```go\\n(.*?)```",
                    Pattern.DOTALL).matcher(doc);
            assertThat(m.find()).as("a go block under ## `%s`", s.id()).isTrue();
            assertThat(code(Arrays.asList(m.group(1).split("\n")))).as(s.id())
                    .isEqualTo(code(StrategySpec.builtin(s).lines()));
        }
    }

    /** Lines without comments and trailing blanks, tabs as four spaces. */
    private static List<String> code(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            int c = l.indexOf("//");
            out.add((c >= 0 ? l.substring(0, c) : l).replace("\t", "    ").stripTrailing());
        }
        while (!out.isEmpty() && out.getLast().isEmpty()) {
            out.removeLast();
        }
        return out;
    }

    private static void assertError(String text, String message) {
        assertThatThrownBy(() -> StrategySpec.compile("mine.json", text)).isInstanceOf(InputException.class)
                .hasMessage(message);
    }

    /** A program of {@code Broadcast} with {@code steps} (JSON), and then {@code more} functions. */
    private static String program(String steps, String more) {
        return "{\"strategy\": \"mine\",\n \"funcs\": [{\"name\": \"Broadcast\", \"params\": [\"msg Message\"], "
                + "\"steps\": [\n" + steps + "]}" + more + "]}";
    }

    @Test
    void errorsNameTheFileLineAndField() {
        assertError("{\"funcs\": []}", "mine.json:1: missing required field \"strategy\"");
        assertError("{\"strategy\": \"Mine\"}", "mine.json:1: strategy: expected the strategy's id (lower-case "
                + "letters, digits and -), got \"Mine\"");
        assertError("{\"strategy\": \"mine\", \"funcs\": []}", "mine.json:1: funcs: expected Broadcast, and for a "
                + "strategy that uses outboxes writeLoop, got 0 functions");
        assertError(program("\"r.membersMx.RLock()\",\n{\"for\": \"_, m := range r.members\",\n \"do\": [\"m.Frob(msg)\"]}",
                ""), "mine.json:5: funcs[0].steps[1].do[0]: expected a statement of Broadcast: r.membersMx.RLock(), "
                + "ms := slices.Clone(r.members), m.Send(msg), go m.Send(msg), var wg sync.WaitGroup, wg.Add(1), "
                + "wg.Wait(), m.outbox <- msg, or a block: {\"for\": \"_, m := range r.members\", \"do\": [...]}, "
                + "{\"go\": [...]}; got \"m.Frob(msg)\"");
        assertError(program("\"x.Send(msg)\"", ""), "mine.json:3: funcs[0].steps[0]: unknown member \"x\"");
        assertError(program("\"var wg sync.WaitGroup\",\n\"wg.Send(msg)\"", ""),
                "mine.json:4: funcs[0].steps[1]: \"wg\" is a sync.WaitGroup, not a member");
        assertError(program("{\"for\": \"_, m := range r.members\", \"do\": [\"m.outbox <- msg\"]}", ""),
                "mine.json:3: funcs[0].steps[0].do[0]: m.outbox <- msg needs a writer: add the function writeLoop "
                + "after Broadcast");
        assertError(program("{\"for\": \"m := range r.members\"}", ""), "mine.json:3: funcs[0].steps[0].for: "
                + "expected \"_, m := range r.members\" or \"_, m := range ms\" (a copy of the list), got "
                + "\"m := range r.members\"");
        assertError(program("{\"go\": [\"wg.Done()\"]}", ""), "mine.json:3: funcs[0].steps[0].go[0]: unknown "
                + "sync.WaitGroup \"wg\"");
        assertError(program("", ",\n {\"name\": \"main\", \"steps\": []}"), "mine.json:4: funcs[1].name: expected "
                + "\"writeLoop\" (the second function, the writer of an outbox strategy), got \"main\"");
        assertError(program("", ",\n {\"name\": \"writeLoop\", \"params\": [\"m Member\"]}"),
                "mine.json:4: funcs[1].params: expected [\"m *Member\"] (what the room passes writeLoop)");
    }
}
