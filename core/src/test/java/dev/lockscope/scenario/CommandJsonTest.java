package dev.lockscope.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockscope.io.InputException;
import dev.lockscope.io.JsonFields;
import dev.lockscope.io.JsonFormat;
import dev.lockscope.io.JsonTree;
import dev.lockscope.model.Command;
import dev.lockscope.model.LockSemantics;
import dev.lockscope.model.Strategy;
import java.io.StringWriter;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
class CommandJsonTest {

    private static String write(Command c) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JsonFormat.FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
            CommandJson.write(g, c);
        }
        return out.toString();
    }

    private static List<Command> read(String json) throws InputException {
        try (JsonParser p = JsonFormat.FACTORY.createParser(ObjectReadContext.empty(), json)) {
            var tree = JsonTree.readDocument("cmd", p, new JsonTree.Limits(8, 100, 100), 1);
            return CommandJson.read(JsonFields.of("cmd", "command", tree));
        }
    }

    @Test
    void writesEachCommandCompactly() {
        assertThat(write(new Command.Join("eve", 1_800_000_000L, 100_000_000L)))
                .isEqualTo("{\"join\":{\"name\":\"eve\",\"latencyMs\":1800,\"jitterMs\":100}}");
        assertThat(write(new Command.Leave("ann"))).isEqualTo("{\"leave\":\"ann\"}");
        assertThat(write(new Command.Reload("bob"))).isEqualTo("{\"reload\":\"bob\"}");
        assertThat(write(new Command.SetMember("bob", OptionalLong.of(30_000_000L), OptionalLong.empty())))
                .isEqualTo("{\"set\":{\"member\":\"bob\",\"latencyMs\":30}}");
        assertThat(write(new Command.SetStrategy(Strategy.MEMBER_QUEUE)))
                .isEqualTo("{\"set\":{\"strategy\":\"member-queue\"}}");
        assertThat(write(new Command.SetLock(LockSemantics.READER_PREFERRING)))
                .isEqualTo("{\"set\":{\"lock\":\"reader-preferring\"}}");
        assertThat(write(new Command.SetBroadcastPeriod(1))).isEqualTo("{\"set\":{\"broadcastPeriodMs\":0.000001}}");
    }

    @Test
    void everyCommandRoundTrips() throws InputException {
        List<Command> all = List.of(new Command.Join("eve", 1_800_000_000L, 1),
                new Command.Leave("ann"), new Command.Reload("bob"),
                new Command.SetMember("bob", OptionalLong.of(0), OptionalLong.of(2_500_000L)),
                new Command.SetMember("cy", OptionalLong.empty(), OptionalLong.of(7)),
                new Command.SetStrategy(Strategy.PARALLEL_WAIT), new Command.SetLock(LockSemantics.FAIR),
                new Command.SetBroadcastPeriod(123_456_789L));
        for (Command c : all) {
            assertThat(read(write(c))).containsExactly(c);
        }
    }

    @Test
    void readOneRefusesASetWithSeveralChanges() throws InputException {
        try (JsonParser p = JsonFormat.FACTORY.createParser(ObjectReadContext.empty(),
                "{\"set\":{\"lock\":\"fair\",\"strategy\":\"snapshot\"}}")) {
            var fields = JsonFields.of("t.jsonl", "command",
                    JsonTree.readDocument("t.jsonl", p, new JsonTree.Limits(8, 100, 100), 5));

            assertThatThrownBy(() -> CommandJson.readOne(fields, CommandJson.BUILTIN_STRATEGIES)).isInstanceOf(InputException.class)
                    .hasMessage("t.jsonl:5: command.set: expected a single change, got 2");
        }
    }
}
