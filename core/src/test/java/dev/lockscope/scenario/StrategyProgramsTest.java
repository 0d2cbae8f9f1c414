package dev.lockscope.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockscope.io.InputException;
import dev.lockscope.model.Strategy;
import dev.lockscope.room.Room;
import dev.lockscope.script.ScriptCode;
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
    void sequentialIsShownAsGoWithTheSitesOfItsLines() {
        List<ScriptCode> code = Room.code(StrategySpec.builtin(Strategy.SEQUENTIAL));
        assertThat(code).hasSize(1);
        assertThat(code.getFirst().text()).isEqualTo("""
                func (r *Room) Broadcast(msg Message) {
                	r.membersMx.RLock()
                	for _, m := range r.members {
                		m.Send(msg)
                	}
                	r.membersMx.RUnlock()
                }
                """);
        assertThat(code.getFirst().sites()).containsExactly("Room.Broadcast: r.membersMx.RLock()",
                "Room.Broadcast: for _, m := range r.members", "Room.Broadcast: m.Send(msg)", null,
                "Room.Broadcast: r.membersMx.RUnlock()");
    }

    @Test
    void aGoStatementIsTheKthFuncLiteralsGoroutine() {
        assertThat(Room.code(StrategySpec.builtin(Strategy.GOROUTINE_PER_SEND)).getFirst().sites())
                .contains("Room.Broadcast.func1: m.Send(msg)");
        List<ScriptCode> wait = Room.code(StrategySpec.builtin(Strategy.PARALLEL_WAIT));
        assertThat(wait.getFirst().lines()).containsSubsequence("\t\tgo func() {", "\t\t\tdefer wg.Done()",
                "\t\t\tm.Send(msg)", "\t\t}()");
        assertThat(wait.getFirst().sites()).contains("Room.Broadcast: wg.Wait()", "Room.Broadcast.func1: m.Send(msg)",
                "Room.Broadcast.func1: defer wg.Done()");
    }

    @Test
    void memberQueueHasAWriteLoopOverTheOutbox() {
        List<ScriptCode> code = Room.code(StrategySpec.builtin(Strategy.MEMBER_QUEUE));
        assertThat(code).extracting(ScriptCode::signature).containsExactly("func (r *Room) Broadcast(msg Message) {",
                "func (m *Member) writeLoop() {");
        assertThat(code.get(1).sites()).containsExactly("Member.writeLoop: for msg := range m.outbox",
                "Member.writeLoop: m.conn.Send(msg)", null);
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
                    .isEqualTo(code(goLines(StrategySpec.builtin(s))));
        }
    }

    /** The Go the program stands for: each function's listing, a blank line between them. */
    private static List<String> goLines(StrategySpec spec) {
        List<String> out = new ArrayList<>();
        for (ScriptCode c : Room.code(spec)) {
            if (!out.isEmpty()) {
                out.add("");
            }
            out.addAll(Arrays.asList(c.text().split("\n")));
        }
        return out;
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
        assertError(program("", ",\n {\"name\": \"main\", \"steps\": []}"), "mine.json:4: funcs[1].name: expected "
                + "\"writeLoop\" (the second function, the writer of an outbox strategy), got \"main\"");
        assertError(program("", ",\n {\"name\": \"writeLoop\", \"params\": [\"m Member\"]}"),
                "mine.json:4: funcs[1].params: expected [\"m *Member\"] (what the room passes writeLoop)");
        assertError(program("{\"for\": \"_, m := range r.members\", \"do\": [\"m.outbox <- msg\"]}", ""),
                "mine.json:2: funcs: m.outbox <- msg needs a writer: add the function writeLoop after Broadcast");
    }

    /** The steps are read as a script's, against the room's words: the script reader's errors, in its words. */
    @Test
    void stepErrorsAreTheScriptReadersOverTheRoomsWords() {
        assertError(program("\"r.membersMx.RLock()\",\n{\"for\": \"_, m := range r.members\",\n \"do\": [\"m.Frob(msg)\"]}",
                ""), "mine.json:5: funcs[0].steps[1].do[0]: unknown method m.Frob (m is a *Member)");
        assertError(program("\"x.Send(msg)\"", ""), "mine.json:3: funcs[0].steps[0]: undefined: x");
        assertError(program("\"var wg sync.WaitGroup\",\n\"wg.Send(msg)\"", ""),
                "mine.json:4: funcs[0].steps[1]: unknown method wg.Send (wg is a *sync.WaitGroup)");
        assertError(program("{\"for\": \"m := range r.members\"}", ""), "mine.json:3: funcs[0].steps[0].for: "
                + "r.members is a []*Member, not a channel (declared: none)");
        assertError(program("{\"go\": [\"wg.Done()\"]}", ""), "mine.json:3: funcs[0].steps[0].go[0]: undefined: wg");
        assertError(program("\"r.members.RLock()\"", ""),
                "mine.json:3: funcs[0].steps[0]: r.members is a []*Member, not a lock (declared: r.membersMx)");
        assertError(program("{\"for\": \"_, m := range r.members\", \"do\": [\"m.Send(m)\"]}", ""),
                "mine.json:3: funcs[0].steps[0].do[0]: cannot use m (*Member) as Message value in argument to m.Send");
        assertError(program("\"ms := slices.Clone(r.membersMx)\"", ""),
                "mine.json:3: funcs[0].steps[0]: r.membersMx is a *sync.RWMutex, not a value");
    }
}
