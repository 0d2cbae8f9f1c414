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

    /** docs/room-code.md shows each strategy's file, with comments (the sites it names) added. */
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
        assertThatThrownBy(() -> StrategySpec.compile("mine.go", text)).isInstanceOf(InputException.class)
                .hasMessage(message);
    }

    @Test
    void errorsNameTheFileAndLine() {
        assertError("func (r *Room) Broadcast(msg Message) {\n}\n",
                "mine.go:1: expected the header line \"// strategy: ID\"");
        assertError("// strategy: Mine\n", "mine.go:1: expected the header line \"// strategy: ID\" (ID: lower-case "
                + "letters, digits and -), got \"// strategy: Mine\"");
        assertError("// strategy: mine\nfunc (r *Room) Broadcast(msg Message) {\n\tr.membersMx.RLock()\n"
                + "\tfor _, m := range r.members {\n\t\tm.Frob(msg)\n\t}\n}\n",
                "mine.go:5: expected a statement of a strategy program: r.membersMx.RLock(), for _, m := range "
                + "r.members {, ms := slices.Clone(r.members), m.Send(msg), go m.Send(msg), var wg sync.WaitGroup, "
                + "wg.Add(1), go func() { defer wg.Done(); m.Send(msg) }(), wg.Wait(), m.outbox <- msg, or }; "
                + "got \"m.Frob(msg)\"");
        assertError("// strategy: mine\nfunc (r *Room) Broadcast(msg Message) {\n\tx.Send(msg)\n}\n",
                "mine.go:3: unknown member \"x\"");
        assertError("// strategy: mine\nfunc (r *Room) Broadcast(msg Message) {\n\tvar wg sync.WaitGroup\n"
                + "\twg.Send(msg)\n}\n", "mine.go:4: \"wg\" is a sync.WaitGroup, not a member");
        assertError("// strategy: mine\nfunc (r *Room) Broadcast(msg Message) {\n\tfor _, m := range r.members {\n"
                + "\t\tm.outbox <- msg\n\t}\n}\n",
                "mine.go:4: m.outbox <- msg needs a writer: add \"func (m *Member) writeLoop() {\" after Broadcast");
        assertError("// strategy: mine\nfunc (r *Room) Broadcast(msg Message) {\n\tr.membersMx.RLock()\n",
                "mine.go:4: expected \"}\" closing Room.Broadcast, got the end of the file");
        assertError("// strategy: mine\nfunc (r *Room) Broadcast(msg Message) {\n}\nfunc main() {\n}\n",
                "mine.go:4: expected \"func (m *Member) writeLoop() {\", got \"func main() {\"");
    }
}
