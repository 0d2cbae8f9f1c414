package dev.lockscope.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockscope.event.AlertKind;
import dev.lockscope.event.TraceEvent;
import dev.lockscope.io.InputException;
import dev.lockscope.model.Mode;
import dev.lockscope.model.Site;
import dev.lockscope.util.Millis;
import java.util.EnumMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SummaryJsonTest {

    static Summary sample() {
        TreeMap<String, Summary.OpStats> ops = new TreeMap<>();
        // Inserted out of order: the output must list ops by name.
        ops.put("Broadcast", new Summary.OpStats(new LatencySummary(2, 0.5, 1.25, 1.25, 0.875),
                new LatencySummary(1, 0.001, 0.001, 0.001, 0.001), 1, 0));
        ops.put("Add", new Summary.OpStats(new LatencySummary(3, 0, 1840, 1840, 613.333),
                new LatencySummary(3, 0, 0, 0, 0), 0, 0));
        EnumMap<AlertKind, Long> alerts = new EnumMap<>(AlertKind.class);
        alerts.put(AlertKind.DEADLOCK, 0L);
        alerts.put(AlertKind.GLOBAL_DEADLOCK, 0L);
        alerts.put(AlertKind.LEAK, 0L);
        alerts.put(AlertKind.PANIC, 0L);
        alerts.put(AlertKind.LONG_WAIT, 1L);
        alerts.put(AlertKind.LONG_HOLD, 12L);
        alerts.put(AlertKind.LOCK_ORDER, 0L);
        alerts.put(AlertKind.RECURSIVE, 0L);
        return new Summary("demo", 123456, 60000, ops,
                new Summary.Delivery(900, new LatencySummary(900, 20, 2000, 2010, 80), 0, 3), alerts,
                new Summary.Goroutines(17, 240));
    }

    @Test
    void writesTheFixedShape() {
        String expected = """
                {
                  "scenario": "demo",
                  "events": 123456,
                  "durationMs": 60000,
                  "ops": {
                    "Add": {
                      "waitMs": {
                        "count": 3,
                        "p50": 0,
                        "p99": 1840,
                        "max": 1840,
                        "mean": 613.333
                      },
                      "holdMs": {
                        "count": 3,
                        "p50": 0,
                        "p99": 0,
                        "max": 0,
                        "mean": 0
                      },
                      "waitingAtEnd": 0,
                      "holdingAtEnd": 0
                    },
                    "Broadcast": {
                      "waitMs": {
                        "count": 2,
                        "p50": 0.5,
                        "p99": 1.25,
                        "max": 1.25,
                        "mean": 0.875
                      },
                      "holdMs": {
                        "count": 1,
                        "p50": 0.001,
                        "p99": 0.001,
                        "max": 0.001,
                        "mean": 0.001
                      },
                      "waitingAtEnd": 1,
                      "holdingAtEnd": 0
                    }
                  },
                  "delivery": {
                    "count": 900,
                    "latencyMs": {
                      "count": 900,
                      "p50": 20,
                      "p99": 2000,
                      "max": 2010,
                      "mean": 80
                    },
                    "orderViolations": 0,
                    "dropped": 3
                  },
                  "alerts": {
                    "long-wait": 1,
                    "long-hold": 12,
                    "lock-order": 0,
                    "recursive": 0,
                    "deadlock": 0,
                    "global-deadlock": 0,
                    "leak": 0,
                    "panic": 0
                  },
                  "goroutines": {
                    "max": 17,
                    "total": 240
                  }
                }
                """;

        assertThat(SummaryJson.write(sample())).isEqualTo(expected);
    }

    @Test
    void noOpsIsAnEmptyObject() {
        Summary s = new SummaryAnalyzer("idle", 1_000_000).summary();

        assertThat(SummaryJson.write(s)).contains("\"ops\": {},");
    }

    @Test
    void largeAndTinyMillisecondsArePlainDecimals() {
        Summary s = new SummaryAnalyzer("long", 123_456_789_000_000L).summary();

        assertThat(SummaryJson.write(s)).contains("\"durationMs\": 123456789,");
        assertThat(Millis.plain(0.001).toString()).isEqualTo("0.001");
        assertThat(Millis.plain(1.0E7).toString()).isEqualTo("10000000");
    }

    @Test
    void roundTripsTheSample() throws InputException {
        Summary s = sample();

        assertThat(SummaryJson.read(SummaryJson.write(s))).isEqualTo(s);
    }

    @Test
    void roundTripsAnAnalyzedRun() throws InputException {
        SummaryAnalyzer analyzer = new SummaryAnalyzer("run", 2_000_000_000L);
        Site add = new Site("Add", "Room.Add: r.membersMx.Lock()");
        TraceEvent[] events = {
            new TraceEvent.Request(0, 1, 0, Mode.WRITE, add),
            new TraceEvent.Acquire(1_234_567, 1, 0, Mode.WRITE, add),
            new TraceEvent.Release(5_000_001, 1, 0, Mode.WRITE, add),
            new TraceEvent.Deliver(6_000_000, 2, "bob", 1, 333_333_333),
        };
        for (TraceEvent e : events) {
            analyzer.accept(e);
        }
        Summary s = analyzer.summary();

        Summary back = SummaryJson.read(SummaryJson.write(s));

        assertThat(back).isEqualTo(s);
        assertThat(back.ops().get("Add").waitMs().p50Ms()).isEqualTo(1.235);
        assertThat(back.delivery().latencyMs().meanMs()).isEqualTo(333.333);
    }

    @Test
    void acceptsFieldsInAnyOrder() throws InputException {
        String json = """
                {"goroutines": {"total": 2, "max": 1},
                 "alerts": {"deadlock": 1, "recursive": 0, "lock-order": 0, "long-hold": 0, "long-wait": 0,
                            "panic": 0, "leak": 0, "global-deadlock": 0},
                 "delivery": {"dropped": 0, "orderViolations": 0,
                              "latencyMs": {"mean": 0, "max": 0, "p99": 0, "p50": 0, "count": 0}, "count": 0},
                 "ops": {}, "durationMs": 1.5, "events": 7, "scenario": "x"}
                """;

        Summary s = SummaryJson.read(json);

        assertThat(s.durationMs()).isEqualTo(1.5);
        assertThat(s.alerts().get(AlertKind.DEADLOCK)).isEqualTo(1);
        assertThat(s.goroutines()).isEqualTo(new Summary.Goroutines(1, 2));
    }

    @Test
    void namesTheFieldThatIsWrong() {
        String missingP99 = SummaryJson.write(sample()).replace("\"p99\": 1840,\n", "");
        String unknownAlert = SummaryJson.write(sample()).replace("\"recursive\"", "\"recursion\"");
        String negative = SummaryJson.write(sample()).replace("\"total\": 240", "\"total\": -240");

        // The absence is noticed at the stats object's closing brace, line 12 once the p99 line is gone.
        assertThatThrownBy(() -> SummaryJson.read(missingP99)).isInstanceOf(InputException.class)
                .hasMessage("summary:12: ops.Add.waitMs.p99: missing");
        assertThatThrownBy(() -> SummaryJson.read(unknownAlert)).isInstanceOf(InputException.class)
                .hasMessageContaining("alerts.recursion: unknown alert kind");
        assertThatThrownBy(() -> SummaryJson.read(negative)).isInstanceOf(InputException.class)
                .hasMessageContaining("goroutines.total: expected an integer >= 0, got -240");
        assertThatThrownBy(() -> SummaryJson.read("{\"scenario\": ")).isInstanceOf(InputException.class);
        assertThatThrownBy(() -> SummaryJson.read("[]")).isInstanceOf(InputException.class)
                .hasMessageContaining("expected an object");
    }
}
