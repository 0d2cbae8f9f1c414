package dev.lockscope.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockscope.analysis.SummaryJson;
import dev.lockscope.cli.Main;
import dev.lockscope.io.InputException;
import dev.lockscope.model.Strategy;
import dev.lockscope.scenario.RoomSpec;
import dev.lockscope.scenario.ScenarioJson;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepTest {
    @TempDir
    Path dir;

    private static final String GRID = """
            {
              "name": "eve",
              "scenario": "article",
              "durationMs": 20000,
              "seeds": [7, 8],
              "grid": {
                "latencyMs:eve": [0, 1800],
                "strategy": ["sequential", "snapshot", "member-queue"]
              }
            }
            """;

    @Test
    void cellsAreTheCartesianProductWithTheLastAxisFastest() throws Exception {
        SweepSpec spec = SweepJson.read("s.json", GRID, dir);
        assertThat(spec.cellCount()).isEqualTo(6);
        assertThat(spec.runCount()).isEqualTo(12);
        assertThat(spec.cells()).extracting(c -> c.settings().stream().map(Setting::value).toList()).containsExactly(
                List.of("0", "sequential"), List.of("0", "snapshot"), List.of("0", "member-queue"),
                List.of("1800", "sequential"), List.of("1800", "snapshot"), List.of("1800", "member-queue"));
        // latencyMs:eve reaches eve's join event, since eve is not an initial member.
        var scenario = spec.cells().get(1).scenario(spec.base(), 8);
        assertThat(((RoomSpec) scenario.body()).events().getFirst().command())
                .isEqualTo(new dev.lockscope.model.Command.Join("eve", 0, 100_000_000L));
        assertThat(((RoomSpec) scenario.body()).strategy()).isEqualTo(Strategy.SNAPSHOT);
        assertThat(scenario.seed()).isEqualTo(8);
        assertThat(scenario.durationNs()).isEqualTo(20_000_000_000L);
    }

    @Test
    void eachRowEqualsLockscopeRunOnTheSameCell() throws Exception {
        SweepSpec spec = SweepJson.read("s.json", GRID, dir);
        List<SweepRow> rows = new SweepRunner(2).run(spec, done -> { });
        for (int i : new int[] {0, 3, 5, 10}) {
            SweepRow row = rows.get(i);
            Path file = dir.resolve("cell" + i + ".json");
            Files.writeString(file, ScenarioJson.toJson(row.cell().scenario(spec.base(), row.seed())));
            StringWriter out = new StringWriter();
            int code = Main.execute(new String[] {"run", file.toString(), "--json"}, new PrintWriter(out),
                    new PrintWriter(new StringWriter()));
            assertThat(code).isZero();
            assertThat(SummaryJson.write(row.summary())).isEqualTo(out.toString());
        }
    }

    @Test
    void resultsDoNotDependOnTheNumberOfThreads() throws Exception {
        SweepSpec spec = SweepJson.read("s.json", GRID, dir);
        assertThat(SweepCsv.write(spec, new SweepRunner(1).run(spec, d -> { })))
                .isEqualTo(SweepCsv.write(spec, new SweepRunner(3).run(spec, d -> { })));
    }

    @Test
    void theStallShowsInTheCsv() throws Exception {
        SweepSpec spec = SweepJson.read("s.json", GRID, dir);
        List<String> lines = SweepCsv.write(spec, new SweepRunner(2).run(spec, d -> { })).lines().toList();
        List<String> header = List.of(lines.getFirst().split(","));
        int remove = header.indexOf("remove_wait_p99_ms");
        // Slow eve, sequential: the reloads' Removes wait behind the long broadcasts; snapshot: never.
        String sequentialSlow = lines.get(1 + 2 * 3);
        String snapshotSlow = lines.get(1 + 2 * 4);
        assertThat(Double.parseDouble(sequentialSlow.split(",", -1)[remove])).isGreaterThan(1000);
        assertThat(snapshotSlow.split(",", -1)[remove]).isIn("", "0");
        assertThat(header.subList(0, 5)).containsExactly("cell", "seed", "latencyMs:eve", "strategy", "events");
    }

    @Test
    void errorsNameLineAndField() {
        assertThatThrownBy(() -> SweepJson.read("s.json", GRID.replace("\"snapshot\"", "\"fastest\""), dir))
                .isInstanceOf(InputException.class)
                .hasMessage("s.json:8: grid.strategy[1]: expected one of sequential, goroutine-per-send, "
                        + "parallel-wait, snapshot, member-queue, got \"fastest\"");
        assertThatThrownBy(() -> SweepJson.read("s.json", GRID.replace("latencyMs:eve", "latencyMs:zed"), dir))
                .isInstanceOf(InputException.class)
                .hasMessageStartingWith("s.json:7: grid.latencyMs:zed: expected latencyMs:NAME");
        assertThatThrownBy(() -> SweepJson.read("s.json", GRID.replace("[0, 1800]", "[0, -1]"), dir))
                .isInstanceOf(InputException.class)
                .hasMessage("s.json:7: grid.latencyMs:eve[1]: expected a number from 0 to 3600000 (milliseconds), got -1");
    }

    @Test
    void csvQuotesCellsThatNeedIt() {
        assertThat(SweepCsv.quote("a,b")).isEqualTo("\"a,b\"");
        assertThat(SweepCsv.quote("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(SweepCsv.quote("plain")).isEqualTo("plain");
    }
}
