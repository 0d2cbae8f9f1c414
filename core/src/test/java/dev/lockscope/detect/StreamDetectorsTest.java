package dev.lockscope.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.event.AlertKind;
import dev.lockscope.event.EventSink;
import dev.lockscope.event.TraceEvent;
import dev.lockscope.model.DetectorConfig;
import dev.lockscope.model.Mode;
import dev.lockscope.model.Site;
import dev.lockscope.trace.TraceFile;
import dev.lockscope.trace.TraceReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The detectors over a recorded stream raise exactly what they raised inside the simulation. */
class StreamDetectorsTest {

    static Stream<Path> samples() throws Exception {
        return Files.list(Path.of("..", "sample-traces")).filter(f -> f.toString().endsWith(".jsonl.gz")).sorted();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void recomputedAlertsAreTheSimulationsAlerts(Path trace) throws Exception {
        TraceFile.Header header = TraceReader.readHeader(trace);
        List<TraceEvent> recorded = new ArrayList<>();
        TraceReader.read(trace, recorded::add);
        List<TraceEvent> recomputed = new ArrayList<>();
        EventSink detect = new StreamDetectors(header.scenario().orElseThrow().detector(), recomputed::add);

        recorded.stream().filter(e -> !(e instanceof TraceEvent.Alert)).forEach(detect::accept);

        assertThat(recomputed).isEqualTo(recorded);
    }

    @Test
    void theComparisonIsNotVacuous() throws Exception {
        List<TraceEvent> article = new ArrayList<>();
        TraceReader.read(Path.of("..", "sample-traces", "article.jsonl.gz"), article::add);

        assertThat(article).filteredOn(e -> e instanceof TraceEvent.Alert).hasSizeGreaterThan(10);
    }

    @Test
    void aCheckDueAtTheEndDoesNotRunAndNoneRunsPastACutOffStream() {
        Site lock = new Site("main", "main: mu.Lock()");
        Site wait = new Site("worker", "worker: mu.Lock()");
        List<TraceEvent> out = new ArrayList<>();
        StreamDetectors detect = new StreamDetectors(new DetectorConfig(10, 10, true), out::add);

        detect.accept(new TraceEvent.Spawn(0, 1, "main", "main", 0));
        detect.accept(new TraceEvent.Spawn(0, 2, "worker", "worker", 0));
        detect.accept(new TraceEvent.Acquire(0, 1, 0, Mode.WRITE, lock));
        detect.accept(new TraceEvent.Request(5, 2, 0, Mode.WRITE, wait));
        detect.accept(new TraceEvent.Blocked(5, 2, 0, List.of(1)));
        // The hold's check is due at 10 and the wait's at 15; an event at 12 runs the first only.
        detect.accept(new TraceEvent.Sleep(12, 1, 100, lock));

        assertThat(out).filteredOn(e -> e instanceof TraceEvent.Alert).singleElement()
                .satisfies(a -> {
                    assertThat(((TraceEvent.Alert) a).kind()).isEqualTo(AlertKind.LONG_HOLD);
                    assertThat(a.time()).isEqualTo(10);
                });
        assertThat(out.indexOf(out.stream().filter(e -> e instanceof TraceEvent.Alert).findFirst().orElseThrow()))
                .as("the alert comes before the event at 12").isEqualTo(5);

        detect.accept(new TraceEvent.End(15)); // the wait's check is due at 15: not before the end
        assertThat(out).filteredOn(e -> e instanceof TraceEvent.Alert).hasSize(1);
    }

    @Test
    void aWaitWhoseBlockersEmptyAndFillAgainAlertsOnce() {
        // A real program's tracker reports [x], then [] when x lets go, then [y] when y takes the lock first.
        Site site = new Site("w", "w: mu.Lock()");
        List<TraceEvent> out = new ArrayList<>();
        StreamDetectors detect = new StreamDetectors(new DetectorConfig(1_000, 10, true), out::add);
        detect.accept(new TraceEvent.Request(0, 3, 0, Mode.WRITE, site));
        detect.accept(new TraceEvent.Blocked(0, 3, 0, List.of(1)));
        detect.accept(new TraceEvent.Blocked(4, 3, 0, List.of()));
        detect.accept(new TraceEvent.Blocked(4, 3, 0, List.of(2)));
        detect.accept(new TraceEvent.Acquire(30, 3, 0, Mode.WRITE, site));
        detect.accept(new TraceEvent.End(40));

        assertThat(out).filteredOn(e -> e instanceof TraceEvent.Alert a && a.kind() == AlertKind.LONG_WAIT)
                .singleElement().extracting(TraceEvent::time).isEqualTo(10L);
    }

    @Test
    void alertsInTheInputAreReplacedByTheDetectorsOwn() {
        List<TraceEvent> out = new ArrayList<>();
        StreamDetectors detect = new StreamDetectors(DetectorConfig.DEFAULTS, out::add);

        detect.accept(new TraceEvent.Alert(0, AlertKind.DEADLOCK, "s", "r", List.of(), List.of()));
        detect.accept(new TraceEvent.End(1));

        assertThat(out).containsExactly(new TraceEvent.End(1));
    }
}
