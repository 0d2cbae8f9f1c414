package dev.lockscope.script;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.analysis.Summary;
import dev.lockscope.analysis.SummaryAnalyzer;
import dev.lockscope.event.TraceEvent;
import dev.lockscope.run.Recorder;
import dev.lockscope.run.Simulation;
import dev.lockscope.scenario.Scenario;
import dev.lockscope.scenario.ScenarioJson;
import dev.lockscope.util.Millis;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The hand-computed scenarios that tools/go-harness also runs on the real Go runtime (its README has the
 * computations and the comparison). Virtual time is exact, so Lockscope's figures must equal the hand figures
 * exactly: every wait per site, each goroutine's exit time, the goroutines blocked at the end, and the summary's
 * per-operation counts.
 */
class GoHarnessHandScenariosTest {

    private static final Path DIR = Path.of("..", "tools", "go-harness", "scenarios");

    /** What a run did, per site and per goroutine, read from its events. */
    private record Figures(Map<String, List<Double>> waits, Map<String, String> blockedAtEnd,
                           Map<String, Double> exits, Summary summary) {}

    private static Figures run(String file) throws Exception {
        Scenario scenario = ScenarioJson.read(DIR.resolve(file));
        Recorder recorder = new Recorder();
        Simulation.run(scenario, recorder);
        SummaryAnalyzer analyzer = new SummaryAnalyzer(scenario.name(), scenario.durationNs());
        recorder.events.forEach(analyzer::accept);

        Map<Integer, String> names = new HashMap<>();
        Map<String, long[]> open = new LinkedHashMap<>(); // "g" or "g/lock" -> {start}; label kept alongside
        Map<String, String> openSite = new HashMap<>();
        Map<String, List<Double>> waits = new LinkedHashMap<>();
        Map<String, Double> exits = new LinkedHashMap<>();
        for (TraceEvent e : recorder.events) {
            switch (e) {
                case TraceEvent.Spawn s -> names.put(s.g(), s.name());
                case TraceEvent.Exit x -> exits.put(names.get(x.g()), Millis.rounded(x.time()));
                case TraceEvent.Request r -> {
                    open.put(r.g() + "/" + r.lock(), new long[] {r.time()});
                    openSite.put(r.g() + "/" + r.lock(), r.site().label());
                }
                case TraceEvent.Acquire a -> close(open, openSite, waits, a.g() + "/" + a.lock(), a.time());
                case TraceEvent.PrimWait w -> {
                    open.put(String.valueOf(w.g()), new long[] {w.time()});
                    openSite.put(String.valueOf(w.g()), w.site().label());
                }
                case TraceEvent.Wake w -> close(open, openSite, waits, String.valueOf(w.g()), w.time());
                default -> {
                }
            }
        }
        Map<String, String> blocked = new LinkedHashMap<>();
        open.keySet().forEach(key -> blocked.put(names.get(Integer.parseInt(key.split("/")[0])), openSite.get(key)));
        return new Figures(waits, blocked, exits, analyzer.summary());
    }

    private static void close(Map<String, long[]> open, Map<String, String> openSite, Map<String, List<Double>> waits,
                              String key, long end) {
        long[] start = open.remove(key);
        if (start != null) {
            waits.computeIfAbsent(openSite.remove(key), k -> new ArrayList<>()).add(Millis.rounded(end - start[0]));
        }
    }

    @Test
    void unbufferedHandOffTheSenderWaitsForTheReceiver() throws Exception {
        // sender: ch <- 1 at 0 finds no receiver and parks; receiver sleeps 100, then takes the value directly:
        // the sender waits 100 ms; the receiver finds a waiting sender and does not wait.
        Figures f = run("script-handoff.json");
        assertThat(f.waits()).containsExactly(Map.entry("sender #1: ch <- 1", List.of(100.0)));
        assertThat(f.exits()).containsExactlyInAnyOrderEntriesOf(Map.of("sender", 100.0, "receiver", 100.0));
        assertThat(f.blockedAtEnd()).isEmpty();
        assertThat(f.summary().ops()).containsOnlyKeys("sender");
    }

    @Test
    void fullBufferedChannelTheThirdSendWaitsForTheFirstReceive() throws Exception {
        // cap 2: sends 1 and 2 fill the buffer at 0; send 3 parks until the consumer, after sleeping 50, receives
        // the head (and send 3's value enters the tail): 50 ms. The consumer's three receives never wait.
        Figures f = run("script-full-buffer.json");
        assertThat(f.waits()).containsExactly(Map.entry("producer #3: ch <- 3", List.of(50.0)));
        assertThat(f.exits()).containsExactlyInAnyOrderEntriesOf(Map.of("producer", 50.0, "consumer", 50.0));
        assertThat(f.summary().ops()).containsOnlyKeys("producer");
    }

    @Test
    void selectWithATimerTheTimerWinsAndTheLateSenderStaysBlocked() throws Exception {
        // The select parks on ch and a 30 ms timer; the timer fires first: a wait of 30. The feeder sends on the
        // unbuffered ch at 80, when nobody receives any more: it is blocked at the end (waitingAtEnd 1).
        Figures f = run("script-select-timer.json");
        assertThat(f.waits()).containsExactly(Map.entry("waiter #1: select {", List.of(30.0)));
        assertThat(f.exits()).containsExactly(Map.entry("waiter", 30.0));
        assertThat(f.blockedAtEnd()).containsExactly(Map.entry("feeder", "feeder #2: ch <- 1"));
        assertThat(f.summary().ops().get("feeder").waitingAtEnd()).isEqualTo(1);
        assertThat(f.summary().ops().get("waiter").waitMs().count()).isEqualTo(1);
    }

    @Test
    void waitGroupWaitReturnsWhenTheLastWorkerIsDone() throws Exception {
        // Add(3) at 0; workers call Done after 10, 20 and 40 ms; Wait returns at the last Done: 40 ms.
        Figures f = run("script-waitgroup.json");
        assertThat(f.waits()).containsExactly(Map.entry("main #2: wg.Wait()", List.of(40.0)));
        assertThat(f.exits()).containsExactlyInAnyOrderEntriesOf(
                Map.of("w10", 10.0, "w20", 20.0, "w40", 40.0, "main", 40.0));
        assertThat(f.summary().goroutines()).isEqualTo(new Summary.Goroutines(4, 4));
    }

    @Test
    void mutexTheSecondLockerWaitsForTheFirstsRelease() throws Exception {
        // first holds A from 0 to 60; second requests at 10 and acquires at 60 (wait 50), holds until 70.
        Figures f = run("script-mutex.json");
        assertThat(f.waits()).containsExactly(Map.entry("first #1: lock A", List.of(0.0)),
                Map.entry("second #1: A.Lock()", List.of(50.0)));
        assertThat(f.exits()).containsExactlyInAnyOrderEntriesOf(Map.of("first", 60.0, "second", 70.0));
        assertThat(f.summary().ops().get("first").holdMs().maxMs()).isEqualTo(60.0);
        assertThat(f.summary().ops().get("second").holdMs().maxMs()).isEqualTo(10.0);
    }

    @Test
    void aNilChannelSwitchesOffItsCaseAndMergeEndsWhenBothAreNil() throws Exception {
        // main sends 1 on a (merge takes it at 0: main waits 0) and 2 on b (merge waits in its select, 0 ms), closes
        // a and sleeps 5; merge sets a to nil and waits on b alone until 5, when main sends 3 and closes b.
        Figures f = run("script-nil-case.json");
        assertThat(f.waits()).containsExactly(Map.entry("main #4: a <- 1", List.of(0.0)),
                Map.entry("merge #3: select {", List.of(0.0, 5.0)));
        assertThat(f.exits()).containsExactlyInAnyOrderEntriesOf(Map.of("main", 5.0, "merge#1", 5.0));
        assertThat(f.blockedAtEnd()).isEmpty();
    }

    @Test
    void timerResetAndStopResultsAndATickersNewPeriod() throws Exception {
        // The 10 ms timer fires at 10 while main sleeps; Stop at 20 is false, the value is drained; Reset(30) fires at
        // 50: a wait of 30. Reset(5) is false (fired), Stop true (pending). The ticker ticks at 60 (wait 10), is reset
        // to 3 ms: 63 and 66 (waits 3, 3); main exits at 66.
        Figures f = run("script-timer-reset.json");
        assertThat(f.waits()).containsExactly(Map.entry("main #8: <-t.C", List.of(30.0)),
                Map.entry("main #18: <-tk.C", List.of(10.0)), Map.entry("main #20: <-tk.C", List.of(3.0)),
                Map.entry("main #21: <-tk.C", List.of(3.0)));
        assertThat(f.exits()).containsExactly(Map.entry("main", 66.0));
    }

    @Test
    void breakAndContinueTheProducerSendsOneAndThreeAndTheConsumerSkipsASleep() throws Exception {
        // producer: n 1 parks at 0 (the consumer has not run yet) and is taken at 0: wait 0; n 2 is skipped; n 3
        // waits for the consumer's next receive at 10: wait 10; n 4 breaks: close, exit at 10.
        // consumer: 1 at 0 breaks out of the select (no sleep 1), sleeps 10; 3 at 10, sleep 1 + 10; closed at 21.
        // counter: i 0, 2, 3 sleep 5 (1 continues, 4 breaks): exit at 15.
        Figures f = run("script-break-continue.json");
        assertThat(f.waits()).containsExactly(Map.entry("producer #10: ch <- n", List.of(0.0, 10.0)));
        assertThat(f.exits()).containsExactlyInAnyOrderEntriesOf(
                Map.of("producer", 10.0, "consumer", 21.0, "counter", 15.0));
        assertThat(f.blockedAtEnd()).isEmpty();
    }
}
