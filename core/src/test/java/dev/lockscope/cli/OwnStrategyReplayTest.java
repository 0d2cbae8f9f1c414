package dev.lockscope.cli;

import static dev.lockscope.cli.CliTest.cli;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trace of a room with its own strategy program carries the program in its header (the canonical form's
 * {@code strategyCode}, an object on the header's one line), so the trace re-runs without the program's file.
 */
class OwnStrategyReplayTest {
    @TempDir
    Path dir;

    @Test
    void theHeaderCarriesTheProgramAndTheReRunIsIdentical() throws IOException {
        Files.writeString(dir.resolve("fanout.json"), dev.lockscope.room.OwnStrategyTestPrograms.SNAPSHOT_FANOUT);
        Path scenario = dir.resolve("six.json");
        Files.writeString(scenario, """
                {"name": "six", "durationMs": 1000, "strategyFile": "fanout.json", "broadcast": {"periodMs": 200},
                 "members": [{"name": "a", "latencyMs": 20}, {"name": "b", "latencyMs": 600}]}
                """);
        Path trace = dir.resolve("six.jsonl");
        assertThat(cli("run", scenario.toString(), "--out", trace.toString()).code()).isZero();
        Files.delete(dir.resolve("fanout.json"));

        List<String> lines = Files.readAllLines(trace, StandardCharsets.UTF_8);
        assertThat(lines.getFirst()).contains("\"strategyCode\":{\"strategy\":\"snapshot-fanout\",");
        CliTest.Result verify = cli("replay", trace.toString(), "--verify");
        assertThat(verify.code()).isZero();
        assertThat(verify.out()).contains("identical");
    }
}
