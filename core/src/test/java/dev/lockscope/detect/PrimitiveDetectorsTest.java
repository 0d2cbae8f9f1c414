package dev.lockscope.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.event.AlertKind;
import dev.lockscope.event.TraceEvent;
import dev.lockscope.run.Recorder;
import dev.lockscope.run.Simulation;
import dev.lockscope.scenario.Scenario;
import dev.lockscope.scenario.ScenarioJson;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * long-wait, leak, global-deadlock and panic on scripts of channels and sync primitives, with hand-worked instants;
 * and the same alerts from the events alone.
 */
class PrimitiveDetectorsTest {

    private static Recorder run(String json) throws Exception {
        Scenario s = ScenarioJson.read("t.json", new StringReader(json));
        Recorder r = new Recorder();
        Simulation.run(s, r);
        // Over the events stripped of their alerts, the stream detectors raise exactly the same alerts.
        List<TraceEvent> recomputed = new ArrayList<>();
        StreamDetectors detect = new StreamDetectors(s.detector(), recomputed::add);
        r.events.stream().filter(e -> !(e instanceof TraceEvent.Alert)).forEach(detect::accept);
        assertThat(recomputed).as("alerts from the events alone").isEqualTo(r.events);
        return r;
    }

    private static List<String> alerts(Recorder r) {
        return r.of(TraceEvent.Alert.class).map(a -> a.time() / 1_000_000 + " " + a.kind().id() + ": " + a.summary())
                .toList();
    }

    private static TraceEvent.Alert alert(Recorder r, AlertKind kind) {
        return r.of(TraceEvent.Alert.class).filter(a -> a.kind() == kind).findFirst().orElseThrow();
    }

    private static final String HEAD = "{\"name\": \"t\", \"kind\": \"script\", \"durationMs\": 5000,\n";

    @Test
    void aSenderLeftAloneOnAnUnbufferedChannelLeaks() throws Exception {
        // main gives up after 100 ms; the worker sends at 200 ms to nobody.
        Recorder r = run(HEAD + """
                 "funcs": [{"name": "worker", "params": ["ch chan int"],
                            "steps": ["time.Sleep(200 * time.Millisecond)", "ch <- 1"]}],
                 "goroutines": [{"name": "main", "steps": [
                    "ch := make(chan int)",
                    "go worker(ch)",
                    {"select": [{"case": "v := <-ch"}, {"case": "<-time.After(100 * time.Millisecond)", "do": ["return"]}]}
                 ]}]}
                """);

        assertThat(alerts(r)).containsExactly(
                "200 global-deadlock: all goroutines are asleep - deadlock! (1 goroutine)",
                "200 leak: worker#1 is blocked forever in chan send on main.ch: nobody can receive from main.ch or close it",
                "1200 long-wait: worker#1 has been blocked 1000 ms in chan send on main.ch, and nobody can complete it");
        assertThat(alert(r, AlertKind.LEAK).report()).isEqualTo("""
                LEAK: a goroutine is blocked forever
                worker#1 (g2) is blocked in chan send on main.ch at worker #2: ch <- 1, since 200 ms
                  nobody can complete it: no goroutine that may still receive from main.ch or close it is alive, and \
                no timer is pending
                It will never run again; its goroutine and what it holds stay (Go reports nothing until no goroutine \
                at all can run).""");
        assertThat(alert(r, AlertKind.GLOBAL_DEADLOCK).report()).isEqualTo("""
                fatal error: all goroutines are asleep - deadlock!

                goroutine 2 [chan send]:
                worker#1 at worker #2: ch <- 1, since 200 ms, on main.ch""");
    }

    @Test
    void aWaitGroupThatNeverReachesZeroLeaksItsWaiter() throws Exception {
        // Add(2) but one worker: when it is done at 10 ms, nobody may call Done any more.
        Recorder r = run(HEAD + """
                 "waitgroups": [{"name": "wg"}],
                 "funcs": [{"name": "worker", "params": ["wg *sync.WaitGroup"], "steps": ["defer wg.Done()", "sleep 10"]}],
                 "goroutines": [{"name": "main", "steps": ["wg.Add(2)", "go worker(&wg)", "wg.Wait()"]},
                                {"name": "server", "steps": ["sleep 3000"]}]}
                """);

        assertThat(alerts(r)).containsExactly(
                "10 leak: main is blocked forever in sync.WaitGroup.Wait on wg: nobody can call wg.Done or .Add",
                "1000 long-wait: main has been blocked 1000 ms in sync.WaitGroup.Wait on wg, and nobody can complete it",
                "3000 global-deadlock: all goroutines are asleep - deadlock! (1 goroutine)");
    }

    @Test
    void aLongWaitOnAChannelNamesWhoCouldCompleteItAndWhatItIsDoing() throws Exception {
        Recorder r = run(HEAD + """
                 "chans": [{"name": "ch"}],
                 "goroutines": [{"name": "rx", "steps": ["<-ch"]},
                                {"name": "tx", "steps": ["sleep 1500", "ch <- 1"]}]}
                """);

        assertThat(alerts(r)).containsExactly("1000 long-wait: rx has been blocked 1000 ms in chan receive on ch, behind tx");
        assertThat(alert(r, AlertKind.LONG_WAIT).report()).isEqualTo("""
                POTENTIAL STALL: a goroutine blocked longer than 1000 ms
                rx (g1) has been blocked 1000 ms in chan receive on ch at rx #1: <-ch
                  could be completed by tx (g2), now sleeping for 1000 ms so far (of 1500 ms)""");
    }

    @Test
    void aPendingTimerKeepsAWaitAliveAndBlockedWaitersLeakInChains() throws Exception {
        // a waits on ch1, which only b can send on; b waits on ch2, which nobody reaches: both are stuck from 0 ms.
        // c waits on a select with a 3 s timer: not a leak while the timer is pending; when it fires and c is done,
        // nothing is left to run: Go's checkdead.
        Recorder r = run(HEAD + """
                 "chans": [{"name": "ch1"}, {"name": "ch2"}, {"name": "ch3"}],
                 "goroutines": [{"name": "a", "steps": ["<-ch1"]},
                                {"name": "b", "steps": ["<-ch2", "ch1 <- 1"]},
                                {"name": "c", "steps": [{"select": [{"case": "<-ch3"},
                                                                    {"case": "<-time.After(3 * time.Second)"}]}]}]}
                """);

        assertThat(alerts(r)).containsExactly(
                "0 leak: a is blocked forever in chan receive on ch1: who could send on ch1 or close it is blocked forever too",
                "0 leak: b is blocked forever in chan receive on ch2: nobody can send on ch2 or close it",
                "1000 long-wait: a has been blocked 1000 ms in chan receive on ch1, behind b",
                "1000 long-wait: b has been blocked 1000 ms in chan receive on ch2, and nobody can complete it",
                "1000 long-wait: c has been blocked 1000 ms in select on ch3, time.After, until a pending timer fires",
                "3000 global-deadlock: all goroutines are asleep - deadlock! (2 goroutines)");
    }

    @Test
    void aSignalThatNeverComesLeaksTheCondWaiter() throws Exception {
        Recorder r = run(HEAD + """
                 "locks": [{"name": "mu", "kind": "mutex"}], "conds": [{"name": "c", "lock": "mu"}],
                 "goroutines": [{"name": "w", "steps": ["mu.Lock()", "c.Wait()", "mu.Unlock()"]},
                                {"name": "s", "startMs": 5, "steps": ["mu.Lock()", "mu.Unlock()"]}]}
                """);

        // s, to start at 5 ms, locks and unlocks but never signals: it is no one who could complete the wait, so the
        // leak is known at once; when s is done, nothing can run.
        assertThat(alerts(r)).containsExactly(
                "0 leak: w is blocked forever in sync.Cond.Wait on c: nobody can call c.Signal or .Broadcast",
                "5 global-deadlock: all goroutines are asleep - deadlock! (1 goroutine)",
                "1000 long-wait: w has been blocked 1000 ms in sync.Cond.Wait on c, and nobody can complete it");
    }

    @Test
    void aPanicIsReported() throws Exception {
        Recorder r = run(HEAD + """
                 "chans": [{"name": "ch"}],
                 "goroutines": [{"name": "g", "steps": ["close(ch)", "ch <- 1"]}]}
                """);

        assertThat(alerts(r)).containsExactly("0 panic: g panicked: send on closed channel");
        assertThat(alert(r, AlertKind.PANIC).report()).isEqualTo("""
                panic: send on closed channel

                goroutine 1 [running]:
                g (g1) at g #2: ch <- 1
                Its deferred calls run, then it exits. Go would end the whole program here; Lockscope lets the other \
                goroutines go on.""");
    }

    @Test
    void aTimerThatFiresIntoAnAbandonedTimeAfterIsNoGoroutineOfTheDump() throws Exception {
        // main's select takes ch at 0 ms; its time.After timer still fires at 10 ms, into that channel's buffer, as
        // goroutine 0 (the runtime's timer). main waits on block, which nobody may send on, from 0 ms: a leak at
        // once; at 10 ms no timer is left. The dump and the alert's goroutines are main alone: an id 0 there would
        // also make the trace unreadable (goroutine ids in an alert are >= 1).
        Recorder r = run(HEAD + """
                 "chans": [{"name": "ch", "cap": 1}, {"name": "block"}],
                 "goroutines": [{"name": "main", "steps": [
                    "ch <- 1",
                    {"select": [{"case": "<-ch"}, {"case": "<-time.After(10 * time.Millisecond)"}]},
                    "<-block"]}]}
                """);

        assertThat(alerts(r)).containsExactly(
                "0 leak: main is blocked forever in chan receive on block: nobody can send on block or close it",
                "10 global-deadlock: all goroutines are asleep - deadlock! (1 goroutine)",
                "1000 long-wait: main has been blocked 1000 ms in chan receive on block, and nobody can complete it");
        TraceEvent.Alert dead = alert(r, AlertKind.GLOBAL_DEADLOCK);
        assertThat(dead.goroutines()).containsExactly(1);
        assertThat(dead.report()).isEqualTo("""
                fatal error: all goroutines are asleep - deadlock!

                goroutine 1 [chan receive]:
                main at main #6: <-block, since 0 ms, on block""");
    }

    @Test
    void aHandOffInTimeRaisesNothing() throws Exception {
        Recorder r = run(HEAD + """
                 "chans": [{"name": "ch"}], "waitgroups": [{"name": "wg"}],
                 "goroutines": [{"name": "rx", "steps": ["<-ch", "wg.Done()"]},
                                {"name": "tx", "steps": ["wg.Add(1)", "sleep 500", "ch <- 1", "wg.Wait()"]}]}
                """);

        assertThat(alerts(r)).isEmpty();
    }
}
