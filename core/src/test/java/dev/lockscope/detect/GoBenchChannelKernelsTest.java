package dev.lockscope.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.event.AlertKind;
import dev.lockscope.event.TraceEvent;
import dev.lockscope.event.TraceEvent.Alert;
import dev.lockscope.run.Recorder;
import dev.lockscope.run.Simulation;
import dev.lockscope.scenario.Scenario;
import dev.lockscope.scenario.ScenarioJson;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * GoBench's blocking kernels that need channels, {@code select}, {@code WaitGroup}, {@code Cond} or contexts
 * (timmyyuan/gobench, {@code gobench/goker/blocking}), as scripts in {@code src/test/resources/gobench/}; the
 * README there maps each kernel to its script. Each test lists every alert the run raises, in order, as
 * "time kind: summary" (times in whole ms), worked out by hand from docs/detectors.md: a goroutine blocked on
 * primitives that nobody alive (and no timer) can release raises {@code leak} at the end of the instant it
 * becomes so; the run's {@code global-deadlock} comes when no goroutine can run and no timer is pending; each
 * stuck wait and each hold of a stuck goroutine crosses the 1000 ms threshold once (every run lasts 3000 ms).
 * Then it checks the report of the alert that names the bug. Each run is also replayed through
 * {@link StreamDetectors} over its events alone, which must raise the same alerts.
 *
 * <p>Goroutine ids are 1-based in start order.
 */
class GoBenchChannelKernelsTest {
    /** How many kernels this class tests: the README's second table lists the same ones. */
    static final int KERNELS = 45;

    // ---- a goroutine sends (or receives) on a channel that its partner has abandoned ----

    @Test
    void moby4395() throws Exception {
        // Go returns the channel; the test drops it. The goroutine's send can never be received.
        Recorder r = run("moby4395");
        assertThat(alerts(r)).containsExactly(
                "0 global-deadlock: all goroutines are asleep - deadlock! (1 goroutine)",
                "0 leak: Go.func1#1 is blocked forever in chan send on Go.ch: nobody can receive from Go.ch or close it",
                "1000 long-wait: Go.func1#1 has been blocked 1000 ms in chan send on Go.ch, and nobody can complete it");
        assertThat(only(r, AlertKind.LEAK).report()).contains(
                "Go.func1#1 (g2) is blocked in chan send on Go.ch at Go #3: send ch, since 0 ms",
                "no goroutine that may still receive from Go.ch or close it is alive, and no timer is pending");
    }

    @Test
    void moby33293() throws Exception {
        // containerWait sends before it returns the channel, so its own caller can never receive.
        Recorder r = run("moby33293");
        assertThat(alerts(r)).containsExactly(
                "0 global-deadlock: all goroutines are asleep - deadlock! (1 goroutine)",
                "0 leak: TestMoby33293.func1#1 is blocked forever in chan send on containerWait.errC: nobody can "
                        + "receive from containerWait.errC or close it",
                "1000 long-wait: TestMoby33293.func1#1 has been blocked 1000 ms in chan send on containerWait.errC, "
                        + "and nobody can complete it");
    }

    @Test
    void grpc660() throws Exception {
        // The helper's stop is received first (0 ms) and doCloseLoopUnary returns; the call's goroutine sends done
        // at 1 ms to nobody. While doCloseLoopUnary lives the send is not yet a leak: it might receive.
        Recorder r = run("grpc660");
        assertThat(alerts(r)).containsExactly(
                "1 global-deadlock: all goroutines are asleep - deadlock! (1 goroutine)",
                "1 leak: doCloseLoopUnary.func1#1 is blocked forever in chan send on doCloseLoopUnary.done: nobody "
                        + "can receive from doCloseLoopUnary.done or close it",
                "1001 long-wait: doCloseLoopUnary.func1#1 has been blocked 1000 ms in chan send on "
                        + "doCloseLoopUnary.done, and nobody can complete it");
    }

    @Test
    void kubernetes5316() throws Exception {
        // finishRequest's select takes time.After(1 ms) and returns; fn fails at 2 ms and sends on errCh.
        Recorder r = run("kubernetes5316");
        assertThat(alerts(r)).containsExactly(
                "2 global-deadlock: all goroutines are asleep - deadlock! (1 goroutine)",
                "2 leak: finishRequest.func1#1 is blocked forever in chan send on finishRequest.errCh: nobody can "
                        + "receive from finishRequest.errCh or close it",
                "1002 long-wait: finishRequest.func1#1 has been blocked 1000 ms in chan send on finishRequest.errCh, "
                        + "and nobody can complete it");
        assertThat(only(r, AlertKind.LEAK).report()).contains(
                "finishRequest.func1#1 (g3) is blocked in chan send on finishRequest.errCh at finishRequest #6: "
                        + "send errCh, since 2 ms");
    }

    @Test
    void moby33781() throws Exception {
        // At 50 ns the probe interval is up and the helper sends stop; monitor starts a probe, whose select takes
        // stop and returns; the probe's goroutine then sends its result to nobody. The run keeps the kernel's
        // nanoseconds: the alerts come at 50 ns (shown as 0 ms) and at 1000 ms and 50 ns.
        Recorder r = run("moby33781");
        assertThat(alerts(r)).containsExactly(
                "0 global-deadlock: all goroutines are asleep - deadlock! (1 goroutine)",
                "0 leak: monitor.func1#1 is blocked forever in chan send on monitor.results: nobody can receive from "
                        + "monitor.results or close it",
                "1000 long-wait: monitor.func1#1 has been blocked 1000 ms in chan send on monitor.results, and nobody "
                        + "can complete it");
        assertThat(only(r, AlertKind.LEAK).time()).isEqualTo(50);
        assertThat(only(r, AlertKind.LONG_WAIT).time()).isEqualTo(1_000_000_050L);
    }

    @Test
    void etcd6857() throws Exception {
        // Stop's stop <- is received by run (0 ms), which closes done and returns; Status asks at 1 ms.
        Recorder r = run("etcd6857");
        assertThat(alerts(r)).containsExactly(
                "1 global-deadlock: all goroutines are asleep - deadlock! (1 goroutine)",
                "1 leak: Status#1 is blocked forever in chan send on status: nobody can receive from status or close it",
                "1001 long-wait: Status#1 has been blocked 1000 ms in chan send on status, and nobody can complete it");
    }

    @Test
    void kubernetes25331() throws Exception {
        // run receives Stop's error, cancels, and sends its result: nobody ever receives from resultChan.
        Recorder r = run("kubernetes25331");
        assertThat(alerts(r)).containsExactly(
                "0 global-deadlock: all goroutines are asleep - deadlock! (1 goroutine)",
                "0 leak: run#1 is blocked forever in chan send on resultChan: nobody can receive from resultChan or "
                        + "close it",
                "1000 long-wait: run#1 has been blocked 1000 ms in chan send on resultChan, and nobody can complete it");
    }

    @Test
    void kubernetes38669() throws Exception {
        // process sends the first initial event on the unbuffered result channel; the test only calls Stop.
        Recorder r = run("kubernetes38669");
        assertThat(alerts(r)).containsExactly(
                "0 global-deadlock: all goroutines are asleep - deadlock! (1 goroutine)",
                "0 leak: process#1 is blocked forever in chan send on result: nobody can receive from result or "
                        + "close it",
                "1000 long-wait: process#1 has been blocked 1000 ms in chan send on result, and nobody can complete it");
    }

    @Test
    void cockroach18101() throws Exception {
        // restore takes the first span (0 ms) and waits for the cancellation; splitAndScatter fills the 6 slots
        // and blocks on its 8th send at 0 ms. Not a leak while restore lives: it could still receive. The helper
        // cancels at 1 ms, restore returns, and the sender is left alone.
        Recorder r = run("cockroach18101");
        assertThat(alerts(r)).containsExactly(
                "1 global-deadlock: all goroutines are asleep - deadlock! (1 goroutine)",
                "1 leak: restore.func1#1 is blocked forever in chan send on restore.readyForImportCh: nobody can "
                        + "receive from restore.readyForImportCh or close it",
                "1000 long-wait: restore.func1#1 has been blocked 1000 ms in chan send on restore.readyForImportCh, "
                        + "and nobody can complete it");
        assertThat(only(r, AlertKind.LEAK).report()).contains(
                "at splitAndScatter #2: readyForImportCh <- i != 0, since 0 ms");
    }

    @Test
    void cockroach35073() throws Exception {
        // 16 pushes fill dataChan; the blocked pusher's 17th blocks, then the test's own Push after wg.Wait: the
        // outbox's run returned without reading. Both leaks are known at 0 ms (nobody ever receives); the leaks
        // are listed in goroutine order, the long waits in the order the waits began.
        Recorder r = run("cockroach35073");
        assertThat(alerts(r)).containsExactly(
                "0 global-deadlock: all goroutines are asleep - deadlock! (2 goroutines)",
                "0 leak: TestCockroach35073 is blocked forever in chan send on dataChan: nobody can receive from "
                        + "dataChan or close it",
                "0 leak: TestCockroach35073.func1#1 is blocked forever in chan send on dataChan: nobody can receive "
                        + "from dataChan or close it",
                "1000 long-wait: TestCockroach35073.func1#1 has been blocked 1000 ms in chan send on dataChan, and "
                        + "nobody can complete it",
                "1000 long-wait: TestCockroach35073 has been blocked 1000 ms in chan send on dataChan, and nobody can "
                        + "complete it");
    }

    @Test
    void cockroach24808() throws Exception {
        // The test fills the compactor's one slot; Start sends again before starting the worker that drains it.
        // Go's own checkdead fires here too: the test goroutine is the only one.
        Recorder r = run("cockroach24808");
        assertThat(alerts(r)).containsExactly(
                "0 global-deadlock: all goroutines are asleep - deadlock! (1 goroutine)",
                "0 leak: TestCockroach24808 is blocked forever in chan send on ch: nobody can receive from ch or close it",
                "1000 long-wait: TestCockroach24808 has been blocked 1000 ms in chan send on ch, and nobody can complete it");
        assertThat(only(r, AlertKind.GLOBAL_DEADLOCK).report()).isEqualTo("""
                fatal error: all goroutines are asleep - deadlock!

                goroutine 1 [chan send]:
                TestCockroach24808 at Start #1: ch <- struct{}{}, since 0 ms, on ch""");
    }

    @Test
    void grpc1424() throws Exception {
        // lbWatcher's range ends when DialContext closes addrCh, and it returns without closing doneChan.
        Recorder r = run("grpc1424");
        assertThat(alerts(r)).containsExactly(
                "0 global-deadlock: all goroutines are asleep - deadlock! (1 goroutine)",
                "0 leak: DialContext.func1#1 is blocked forever in chan receive on DialContext.func1.doneChan: nobody "
                        + "can send on DialContext.func1.doneChan or close it",
                "1000 long-wait: DialContext.func1#1 has been blocked 1000 ms in chan receive on "
                        + "DialContext.func1.doneChan, and nobody can complete it");
    }

    @Test
    void grpc1275() throws Exception {
        // Nobody may ever send on recv, so the reader's leak is known at once, while the test still waits for its
        // 300 ns timer; when that fires and the test returns, nothing can run.
        Recorder r = run("grpc1275");
        assertThat(alerts(r)).containsExactly(
                "0 leak: testInflightStreamClosing.func1#1 is blocked forever in select on recv: nobody can complete "
                        + "a case of the select (on recv)",
                "0 global-deadlock: all goroutines are asleep - deadlock! (1 goroutine)",
                "1000 long-wait: testInflightStreamClosing.func1#1 has been blocked 1000 ms in select on recv, and "
                        + "nobody can complete it");
        assertThat(only(r, AlertKind.GLOBAL_DEADLOCK).time()).isEqualTo(300);
    }

    @Test
    void cockroach35931() throws Exception {
        // The test fills left's one slot; cancel pushes to each pending receiver, left first. Go's own checkdead
        // fires too: the test goroutine is the only one.
        Recorder r = run("cockroach35931");
        assertThat(alerts(r)).containsExactly(
                "0 global-deadlock: all goroutines are asleep - deadlock! (1 goroutine)",
                "0 leak: TestCockroach35931 is blocked forever in chan send on left: nobody can receive from left or "
                        + "close it",
                "1000 long-wait: TestCockroach35931 has been blocked 1000 ms in chan send on left, and nobody can "
                        + "complete it");
    }

    @Test
    void moby21233() throws Exception {
        // The consumer takes the first progress and quits; Release closes releaseChan and waits on running; the
        // watcher, told to finish, writes its last progress to nobody, so it never closes running. Each is named as
        // the other's possible completer (testTransfer may close progressChan, after Release), and both are stuck.
        Recorder r = run("moby21233");
        assertThat(alerts(r)).containsExactly(
                "0 global-deadlock: all goroutines are asleep - deadlock! (2 goroutines)",
                "0 leak: testTransfer#1 is blocked forever in chan receive on running: who could send on running or "
                        + "close it is blocked forever too",
                "0 leak: Watch.func1#1 is blocked forever in chan send on progressChan: who could receive from "
                        + "progressChan or close it is blocked forever too",
                "1000 long-wait: testTransfer#1 has been blocked 1000 ms in chan receive on running, behind Watch.func1#1",
                "1000 long-wait: Watch.func1#1 has been blocked 1000 ms in chan send on progressChan, behind "
                        + "testTransfer#1");
    }

    @Test
    void kubernetes70277() throws Exception {
        // WaitFor returns at the first tick (1 ms); the test waits on stopCh, which only its own deferred close
        // would close: a leak at once. The poller ticks on until its 20 s timer, so no global deadlock comes in
        // the run (nor in Go, before 20 s).
        Recorder r = run("kubernetes70277");
        assertThat(alerts(r)).containsExactly(
                "1 leak: TestKubernetes70277 is blocked forever in chan receive on stopCh: nobody can send on stopCh or "
                        + "close it",
                "1001 long-wait: TestKubernetes70277 has been blocked 1000 ms in chan receive on stopCh, and nobody can "
                        + "complete it");
    }

    // ---- contexts and condition variables nobody wakes ----

    @Test
    void cockroach13197() throws Exception {
        // begin makes a cancellable context and never cancels it: no goroutine may.
        Recorder r = run("cockroach13197");
        assertThat(alerts(r)).containsExactly(
                "0 global-deadlock: all goroutines are asleep - deadlock! (1 goroutine)",
                "0 leak: awaitDone#1 is blocked forever in chan receive on begin.ctx: nobody can cancel begin.ctx "
                        + "(or a parent of it)",
                "1000 long-wait: awaitDone#1 has been blocked 1000 ms in chan receive on begin.ctx, and nobody can "
                        + "complete it");
        assertThat(only(r, AlertKind.LEAK).report()).contains(
                "no goroutine that may still cancel begin.ctx (or a parent of it) is alive");
    }

    @Test
    void moby29733() throws Exception {
        // waitActive waits on the Cond; nothing ever signals it, so testActive's <-done never returns either.
        Recorder r = run("moby29733");
        assertThat(alerts(r)).containsExactly(
                "0 global-deadlock: all goroutines are asleep - deadlock! (2 goroutines)",
                "0 leak: TestMoby29733 is blocked forever in chan receive on testActive.done: who could send on "
                        + "testActive.done or close it is blocked forever too",
                "0 leak: testActive.func1#1 is blocked forever in sync.Cond.Wait on activateWait: nobody can call "
                        + "activateWait.Signal or .Broadcast",
                "1000 long-wait: TestMoby29733 has been blocked 1000 ms in chan receive on testActive.done, behind "
                        + "testActive.func1#1",
                "1000 long-wait: testActive.func1#1 has been blocked 1000 ms in sync.Cond.Wait on activateWait, and "
                        + "nobody can complete it");
        assertThat(alerts(r, AlertKind.LEAK).getFirst().report()).contains(
                "could be completed by testActive.func1#1 (g2), which has been blocked 0 ms in sync.Cond.Wait on "
                        + "activateWait at waitActive #3: activateWait.Wait()");
    }

    @Test
    void moby30408() throws Exception {
        // The same shape as moby29733, with one testActive: the Cond waiter and the test behind it.
        Recorder r = run("moby30408");
        assertThat(alerts(r)).containsExactly(
                "0 global-deadlock: all goroutines are asleep - deadlock! (2 goroutines)",
                "0 leak: TestMoby30408 is blocked forever in chan receive on testActive.done: who could send on "
                        + "testActive.done or close it is blocked forever too",
                "0 leak: testActive.func1#1 is blocked forever in sync.Cond.Wait on activateWait: nobody can call "
                        + "activateWait.Signal or .Broadcast",
                "1000 long-wait: TestMoby30408 has been blocked 1000 ms in chan receive on testActive.done, behind "
                        + "testActive.func1#1",
                "1000 long-wait: testActive.func1#1 has been blocked 1000 ms in sync.Cond.Wait on activateWait, and "
                        + "nobody can complete it");
    }

    @Test
    void cockroach10790() throws Exception {
        // beginCmds takes ch1 (0 ms); the cancel (1 ms) wins its second select, which starts drain; drain waits on
        // ch1, whose sender is done with it. Not a leak while sendChans lives (it may send on ch1, by its code);
        // at 2 ms it sees the cancellation and returns.
        Recorder r = run("cockroach10790");
        assertThat(alerts(r)).containsExactly(
                "2 global-deadlock: all goroutines are asleep - deadlock! (1 goroutine)",
                "2 leak: drain#1 is blocked forever in chan receive on ch1: nobody can send on ch1 or close it",
                "1001 long-wait: drain#1 has been blocked 1000 ms in chan receive on ch1, and nobody can complete it");
        assertThat(only(r, AlertKind.LEAK).report()).contains("drain#1 (g5) is blocked in chan receive on ch1 at "
                + "drain #1: <-ch1, since 1 ms");
    }

    @Test
    void syncthing5795() throws Exception {
        // The dispatcher loop's ClusterConfig calls Close, whose Once closes closed and waits for
        // dispatcherLoopStopped, which only the loop's own deferred close would close; the test waits on it too.
        // Each is named as the other's possible completer (the test started the loop's closure, so by its code it
        // may close the channel: the over-approximation of docs/primitives.md), and both are blocked forever.
        Recorder r = run("syncthing5795");
        assertThat(alerts(r)).containsExactly(
                "0 global-deadlock: all goroutines are asleep - deadlock! (2 goroutines)",
                "0 leak: TestSyncthing5795 is blocked forever in chan receive on dispatcherLoopStopped: who could send "
                        + "on dispatcherLoopStopped or close it is blocked forever too",
                "0 leak: Start.func1#1 is blocked forever in chan receive on dispatcherLoopStopped: who could send on "
                        + "dispatcherLoopStopped or close it is blocked forever too",
                "1000 long-wait: Start.func1#1 has been blocked 1000 ms in chan receive on dispatcherLoopStopped, "
                        + "behind TestSyncthing5795",
                "1000 long-wait: TestSyncthing5795 has been blocked 1000 ms in chan receive on dispatcherLoopStopped, "
                        + "behind Start.func1#1");
        assertThat(alerts(r, AlertKind.LEAK).get(1).report()).contains(
                "Start.func1#1 (g3) is blocked in chan receive on dispatcherLoopStopped at internalClose #2: "
                        + "<-dispatcherLoopStopped, since 0 ms");
    }

    @Test
    void kubernetes58107() throws Exception {
        // queueWorker read-locks workerLock and waits on queueCond (0 ms); the helper's signals came before and are
        // lost, and it has exited: the Cond wait is a leak at once. Sync's Lock (1 ms) waits for the read hold;
        // the other worker's RLock (2 ms) waits for the pending writer. The long waits name the chain, down to the
        // Cond wait under the read lock.
        Recorder r = run("kubernetes58107");
        assertThat(alerts(r)).containsExactly(
                "0 leak: queueWorker#1 is blocked forever in sync.Cond.Wait on queueCond: nobody can call "
                        + "queueCond.Signal or .Broadcast",
                "2 global-deadlock: all goroutines are asleep - deadlock! (3 goroutines)",
                "1000 long-hold: queueWorker#1 has held workerLock (RLock) for 1000 ms; 2 waiting behind it",
                "1000 long-wait: queueWorker#1 has been blocked 1000 ms in sync.Cond.Wait on queueCond, and nobody can "
                        + "complete it",
                "1001 long-wait: Sync#1 has waited 1000 ms for workerLock (Lock), behind queueWorker#1",
                "1002 long-wait: missingUsageQueueWorker#1 has waited 1000 ms for workerLock (RLock), behind pending "
                        + "writer Sync#1 ← queueWorker#1");
        assertThat(alerts(r, AlertKind.LONG_WAIT).get(2).report()).contains(
                "blocked by the pending writer Sync#1 (g3)",
                "blocked by queueWorker#1 (g4), holding workerLock (RLock) for 1002 ms, taken at queueWorker #1: "
                        + "workerLock.RLock()",
                "which has been blocked 1002 ms in sync.Cond.Wait on queueCond at queueWorker #5: queueCond.Wait()");
    }

    // ---- a lock and a channel in one cycle ----

    @Test
    void etcd7492() throws Exception {
        // The first Authenticate's token is taken by run (0 ms). The second locks at 0.5 ms and is preempted for
        // 1 ms; run's tick (1 ms) asks for the lock behind it, the third Authenticate (0.8 ms) already queued
        // first. At 1.5 ms the second sends into the empty slot and unlocks; the third gets the lock and its send
        // finds the slot full, while run, the only receiver, waits for that lock. The test's wg.Wait leaks with it.
        // The keeper's ticker keeps firing, so no global deadlock (nor in Go). The send's possible completers are
        // run#1 and the test goroutine, which started run (by its code it may receive: the over-approximation).
        Recorder r = run("etcd7492");
        assertThat(alerts(r)).containsExactly(
                "1 leak: TestEtcd7492 is blocked forever in sync.WaitGroup.Wait on wg: who could call wg.Done or .Add "
                        + "is blocked forever too",
                "1 leak: TestEtcd7492.func3#1 is blocked forever in chan send on addSimpleTokenCh: who could receive "
                        + "from addSimpleTokenCh or close it is blocked forever too",
                "1000 long-wait: TestEtcd7492 has been blocked 1000 ms in sync.WaitGroup.Wait on wg, behind "
                        + "TestEtcd7492.func3#1",
                "1001 long-wait: run#1 has waited 1000 ms for simpleTokensMu (Lock), behind TestEtcd7492.func3#1 ← "
                        + "TestEtcd7492 and 1 other",
                "1001 long-hold: TestEtcd7492.func3#1 has held simpleTokensMu (Lock) for 1000 ms; 1 waiting behind it",
                "1001 long-wait: TestEtcd7492.func3#1 has been blocked 1000 ms in chan send on addSimpleTokenCh, behind "
                        + "TestEtcd7492, run#1");
        assertThat(alerts(r, AlertKind.LEAK).get(1).time()).isEqualTo(1_500_000L);
        assertThat(alerts(r, AlertKind.LEAK).get(1).report()).contains(
                "could be completed by run#1 (g2), which has waited 0.5 ms for simpleTokensMu (Lock) at "
                        + "deleteTokenFunc #1: simpleTokensMu.Lock()",
                "blocked by TestEtcd7492.func3#1 (g5) (already shown above)");
    }

    @Test
    void kubernetes10182() throws Exception {
        // SetPodStatus#1 locks and sends; the status goroutine receives it (0 ms) and asks for the lock, queued
        // behind SetPodStatus#2, which gets the lock at #1's unlock and sends while holding it. The cycle runs
        // through a channel, so the lock-only deadlock detector stays silent: the leak names it, with the chain.
        Recorder r = run("kubernetes10182");
        assertThat(alerts(r)).containsExactly(
                "0 global-deadlock: all goroutines are asleep - deadlock! (2 goroutines)",
                "0 leak: SetPodStatus#2 is blocked forever in chan send on podStatusChannel: who could receive from "
                        + "podStatusChannel or close it is blocked forever too",
                "1000 long-wait: Start.func1#1 has waited 1000 ms for podStatusesLock (Lock), behind SetPodStatus#2 "
                        + "← Start.func1#1",
                "1000 long-hold: SetPodStatus#2 has held podStatusesLock (Lock) for 1000 ms; 1 waiting behind it",
                "1000 long-wait: SetPodStatus#2 has been blocked 1000 ms in chan send on podStatusChannel, behind "
                        + "Start.func1#1");
        assertThat(only(r, AlertKind.LEAK).report()).contains(
                "could be completed by Start.func1#1 (g5), which has waited 0 ms for podStatusesLock (Lock) at "
                        + "DeletePodStatus #1: podStatusesLock.Lock()",
                "blocked by SetPodStatus#2 (g4), holding podStatusesLock (Lock) for 0 ms, taken at SetPodStatus #1: "
                        + "podStatusesLock.Lock()",
                "could be completed by Start.func1#1 (g5) (already shown above)");
        assertThat(only(r, AlertKind.LEAK).goroutines()).containsExactly(4, 5);
    }

    @Test
    void etcd6873() throws Exception {
        // stop locks mu, closes updatec and waits for donec (0 ms); the coalescing goroutine, 1 ms into its pass,
        // asks for mu. The leak is known then: the only one who could close donec waits for stop's lock.
        Recorder r = run("etcd6873");
        assertThat(alerts(r)).containsExactly(
                "1 global-deadlock: all goroutines are asleep - deadlock! (2 goroutines)",
                "1 leak: stop#1 is blocked forever in chan receive on donec: who could send on donec or close it is "
                        + "blocked forever too",
                "1000 long-hold: stop#1 has held mu (Lock) for 1000 ms; 1 waiting behind it",
                "1000 long-wait: stop#1 has been blocked 1000 ms in chan receive on donec, behind "
                        + "newWatchBroadcasts.func1#1",
                "1001 long-wait: newWatchBroadcasts.func1#1 has waited 1000 ms for mu (Lock), behind stop#1 ← "
                        + "newWatchBroadcasts.func1#1");
        assertThat(only(r, AlertKind.LEAK).report()).contains(
                "could be completed by newWatchBroadcasts.func1#1 (g2), which has waited 0 ms for mu (Lock) at "
                        + "coalesce #1: lock mu",
                "blocked by stop#1 (g3), holding mu (Lock) for 1 ms, taken at stop #1: lock mu");
        assertThat(alerts(r, AlertKind.DEADLOCK)).isEmpty();
    }

    @Test
    void kubernetes1321() throws Exception {
        // Watch registers (0 ms); distribute (1 ms) takes muxLock and globalMtx and sends to the watcher; the
        // watcher's Stop (2 ms) needs muxLock to close result: the leak is certain then.
        Recorder r = run("kubernetes1321");
        assertThat(alerts(r)).containsExactly(
                "2 global-deadlock: all goroutines are asleep - deadlock! (2 goroutines)",
                "2 leak: loop#1 is blocked forever in chan send on result: who could receive from result or close it "
                        + "is blocked forever too",
                "1001 long-hold: loop#1 has held muxLock (Lock) for 1000 ms; 1 waiting behind it",
                "1001 long-hold: loop#1 has held globalMtx (Lock) for 1000 ms",
                "1001 long-wait: loop#1 has been blocked 1000 ms in chan send on result, behind testMuxWatcherClose#1",
                "1002 long-wait: testMuxWatcherClose#1 has waited 1000 ms for muxLock (Lock), behind loop#1 ← "
                        + "testMuxWatcherClose#1");
        assertThat(only(r, AlertKind.LEAK).report()).contains(
                "could be completed by testMuxWatcherClose#1 (g2), which has waited 0 ms for muxLock (Lock) at "
                        + "stopWatching #1: lock muxLock",
                "blocked by loop#1 (g3), holding muxLock (Lock) for 1 ms, taken at distribute #1: lock muxLock");
    }

    // ---- the kernels added second: mixed lock-and-channel cycles, Once, Cond, contexts, loops of goroutines ----

    @Test
    void grpc1460() throws Exception {
        // keepalive takes mu and, with no active stream, waits on awakenKeepalive; NewStream's non-blocking
        // send needs mu first. The leak is certain at 0 ms: the only sender waits for keepalive's lock.
        Recorder r = run("grpc1460");
        assertThat(alerts(r)).containsExactly(
                "0 global-deadlock: all goroutines are asleep - deadlock! (2 goroutines)",
                "0 leak: keepalive#1 is blocked forever in chan receive on awakenKeepalive: who could send on "
                        + "awakenKeepalive or close it is blocked forever too",
                "1000 long-hold: keepalive#1 has held mu (Lock) for 1000 ms; 1 waiting behind it",
                "1000 long-wait: keepalive#1 has been blocked 1000 ms in chan receive on awakenKeepalive, "
                        + "behind NewStream#1",
                "1000 long-wait: NewStream#1 has waited 1000 ms for mu (Lock), behind keepalive#1 ← "
                        + "NewStream#1");
        assertThat(only(r, AlertKind.LEAK).report()).contains(
                "could be completed by NewStream#1 (g3), which has waited 0 ms for mu (Lock) at NewStream #1: mu.Lock()",
                "blocked by keepalive#1 (g2), holding mu (Lock) for 0 ms, taken at keepalive #1: mu.Lock()");
    }

    @Test
    void moby25384() throws Exception {
        // init adds 2 to the group but waits inside its loop, after starting only the first plugin's goroutine,
        // whose Done leaves the count at 1: nobody else can call Done.
        Recorder r = run("moby25384");
        assertThat(alerts(r)).containsExactly(
                "0 global-deadlock: all goroutines are asleep - deadlock! (1 goroutine)",
                "0 leak: init#1 is blocked forever in sync.WaitGroup.Wait on init.group: nobody can call "
                        + "init.group.Done or .Add",
                "1000 long-wait: init#1 has been blocked 1000 ms in sync.WaitGroup.Wait on init.group, and "
                        + "nobody can complete it");
    }

    @Test
    void kubernetes6632() throws Exception {
        // WriteFrame (0 ms) takes writeLock and sends on resetChan, which nobody reads; the helper's
        // closeChan <- true (1 ms) sends monitor to take writeLock to close resetChan: certain then.
        Recorder r = run("kubernetes6632");
        assertThat(alerts(r)).containsExactly(
                "1 global-deadlock: all goroutines are asleep - deadlock! (2 goroutines)",
                "1 leak: WriteFrame#1 is blocked forever in chan send on resetChan: who could receive from "
                        + "resetChan or close it is blocked forever too",
                "1000 long-hold: WriteFrame#1 has held writeLock (Lock) for 1000 ms; 1 waiting behind it",
                "1000 long-wait: WriteFrame#1 has been blocked 1000 ms in chan send on resetChan, behind "
                        + "monitor#1",
                "1001 long-wait: monitor#1 has waited 1000 ms for writeLock (Lock), behind WriteFrame#1 ← "
                        + "monitor#1");
    }

    @Test
    void kubernetes26980() throws Exception {
        // pop takes the listener's lock (pending notifications: 1) and waits on stopCh; the test waits for
        // the goroutine that wants the lock, and stopCh closes only by the test's defer: a cycle of three.
        Recorder r = run("kubernetes26980");
        assertThat(alerts(r)).containsExactly(
                "0 global-deadlock: all goroutines are asleep - deadlock! (3 goroutines)",
                "0 leak: TestKubernetes26980 is blocked forever in chan receive on "
                        + "TestKubernetes26980.resultCh: who could send on TestKubernetes26980.resultCh or close it is "
                        + "blocked forever too",
                "0 leak: pop#1 is blocked forever in select on TestKubernetes26980.stopCh: who could complete "
                        + "a case of the select (on TestKubernetes26980.stopCh) is blocked forever too",
                "1000 long-wait: TestKubernetes26980 has been blocked 1000 ms in chan receive on "
                        + "TestKubernetes26980.resultCh, behind TestKubernetes26980.func1#1",
                "1000 long-hold: pop#1 has held lock (Lock) for 1000 ms; 1 waiting behind it",
                "1000 long-wait: pop#1 has been blocked 1000 ms in select on TestKubernetes26980.stopCh, "
                        + "behind TestKubernetes26980",
                "1000 long-wait: TestKubernetes26980.func1#1 has waited 1000 ms for lock (Lock), behind pop#1 "
                        + "← TestKubernetes26980 ← TestKubernetes26980.func1#1");
    }

    @Test
    void grpc1353() throws Exception {
        // The first update is received (0 ms); lbWatcher spends 1 ms on it while watchAddrUpdates re-locks rr.mu
        // and sends the second; lbWatcher's down (1 ms) then waits for rr.mu. The helper waits on HelpCh,
        // closed only after the 100 updates.
        Recorder r = run("grpc1353");
        assertThat(alerts(r)).containsExactly(
                "1 global-deadlock: all goroutines are asleep - deadlock! (3 goroutines)",
                "1 leak: Start.func1#1 is blocked forever in chan send on addrCh: who could receive from "
                        + "addrCh or close it is blocked forever too",
                "1 leak: TestGrpc1353.func1#1 is blocked forever in chan receive on HelpCh: who could send on "
                        + "HelpCh or close it is blocked forever too",
                "1000 long-wait: TestGrpc1353.func1#1 has been blocked 1000 ms in chan receive on HelpCh, "
                        + "behind Start.func1#1",
                "1000 long-hold: Start.func1#1 has held rrMu (Lock) for 1000 ms; 1 waiting behind it",
                "1000 long-wait: Start.func1#1 has been blocked 1000 ms in chan send on addrCh, behind "
                        + "lbWatcher#1, TestGrpc1353.func1#1",
                "1001 long-hold: lbWatcher#1 has held ac1Mu (Lock) for 1000 ms",
                "1001 long-wait: lbWatcher#1 has waited 1000 ms for rrMu (Lock), behind Start.func1#1 ← "
                        + "lbWatcher#1 and 1 other");
    }

    @Test
    void etcd7902() throws Exception {
        // Go 1.19's range variable is shared, so every release closure sees i == 2 and nobody closes nextc: the
        // first client to reach release waits on nextc holding mu, the two others wait for mu, doRounds for all.
        Recorder r = run("etcd7902");
        assertThat(alerts(r)).containsExactly(
                "0 global-deadlock: all goroutines are asleep - deadlock! (4 goroutines)",
                "0 leak: runElectionFunc#1 is blocked forever in sync.WaitGroup.Wait on runElectionFunc.wg: "
                        + "who could call runElectionFunc.wg.Done or .Add is blocked forever too",
                "0 leak: runElectionFunc.func1#1 is blocked forever in chan receive on runElectionFunc.nextc: "
                        + "who could send on runElectionFunc.nextc or close it is blocked forever too",
                "1000 long-wait: runElectionFunc#1 has been blocked 1000 ms in sync.WaitGroup.Wait on "
                        + "runElectionFunc.wg, behind runElectionFunc.func1#1, runElectionFunc.func1#2, "
                        + "runElectionFunc.func1#3",
                "1000 long-hold: runElectionFunc.func1#1 has held runElectionFunc.mu (Lock) for 1000 ms; 2 "
                        + "waiting behind it",
                "1000 long-wait: runElectionFunc.func1#1 has been blocked 1000 ms in chan receive on "
                        + "runElectionFunc.nextc, behind runElectionFunc#1, runElectionFunc.func1#2, "
                        + "runElectionFunc.func1#3",
                "1000 long-wait: runElectionFunc.func1#2 has waited 1000 ms for runElectionFunc.mu (Lock), "
                        + "behind runElectionFunc.func1#1 ← runElectionFunc#1 and 2 others",
                "1000 long-wait: runElectionFunc.func1#3 has waited 1000 ms for runElectionFunc.mu (Lock), "
                        + "behind runElectionFunc.func1#1 ← runElectionFunc#1 and 2 others");
        assertThat(alerts(r, AlertKind.LEAK).get(1).report()).contains(
                "runElectionFunc.func1#1 (g3) is blocked in chan receive on runElectionFunc.nextc at runElectionFunc "
                        + "#19: <-nextc");
    }

    @Test
    void serving2137() throws Exception {
        // The test holds lock0 and lock1; the second request (1 ms) takes the active slot and waits for lock1 in
        // its thunk; the test released lock0 and waits for the first request's result, which (2 ms) waits
        // for the active slot: certain at 2 ms.
        Recorder r = run("serving2137");
        assertThat(alerts(r)).containsExactly(
                "2 global-deadlock: all goroutines are asleep - deadlock! (3 goroutines)",
                "2 leak: TestServing2137 is blocked forever in chan receive on accepted0: who could send on "
                        + "accepted0 or close it is blocked forever too",
                "2 leak: concurrentRequest.func1#1 is blocked forever in chan send on activeRequests: who "
                        + "could receive from activeRequests or close it is blocked forever too",
                "1000 long-hold: TestServing2137 has held lock1 (Lock) for 1000 ms; 1 waiting behind it",
                "1000 long-wait: TestServing2137 has been blocked 1000 ms in chan receive on accepted0, "
                        + "behind concurrentRequest.func1#1",
                "1001 long-wait: concurrentRequest.func1#2 has waited 1000 ms for lock1 (Lock), behind "
                        + "TestServing2137 ← concurrentRequest.func1#1",
                "1002 long-wait: concurrentRequest.func1#1 has been blocked 1000 ms in chan send on "
                        + "activeRequests, behind TestServing2137, concurrentRequest.func1#2");
    }

    @Test
    void istio16224() throws Exception {
        // Run receives Create's event and its handler takes the test's lock before the test does (as in Go, where
        // Run is only started when the test blocks in its send), then sends on done; the test waits for the lock.
        Recorder r = run("istio16224");
        assertThat(alerts(r)).containsExactly(
                "0 global-deadlock: all goroutines are asleep - deadlock! (2 goroutines)",
                "0 leak: Run#1 is blocked forever in chan send on done: who could receive from done or close "
                        + "it is blocked forever too",
                "1000 long-hold: Run#1 has held lock (Lock) for 1000 ms; 1 waiting behind it",
                "1000 long-wait: Run#1 has been blocked 1000 ms in chan send on done, behind TestIstio16224",
                "1000 long-wait: TestIstio16224 has waited 1000 ms for lock (Lock), behind Run#1 ← "
                        + "TestIstio16224");
    }

    @Test
    void istio17860() throws Exception {
        // Run receives the first epoch's status (0 ms), finds no active epoch and returns; the second Restart
        // (10 ns) starts epoch 2, whose runWait sends to nobody. Certain when the test returns (200 ns).
        Recorder r = run("istio17860");
        assertThat(alerts(r)).containsExactly(
                "0 global-deadlock: all goroutines are asleep - deadlock! (1 goroutine)",
                "0 leak: runWait#2 is blocked forever in chan send on statusCh: nobody can receive from "
                        + "statusCh or close it",
                "1000 long-wait: runWait#2 has been blocked 1000 ms in chan send on statusCh, and nobody can "
                        + "complete it");
        assertThat(only(r, AlertKind.LEAK).time()).isEqualTo(200);
    }

    @Test
    void istio18454() throws Exception {
        // The processor's select (seed 11) takes an event at 0: it makes the 1 ns timer and starts the event loop,
        // which takes the timer's tick at 1 ns. The next event (2 ns) resets: Stop says false, the tick is gone,
        // and <-timer.C waits for a value that was already taken, with the timer stopped: a leak at 2 ns. The
        // processor queues one more reset (4 ns), then takes ctx.Done (6 ns) and returns: Go's global deadlock.
        Recorder r = run("istio18454");
        assertThat(alerts(r)).containsExactly(
                "0 leak: TestIstio18454.func1.func1#1 is blocked forever in chan receive on "
                        + "TestIstio18454.func1.timer: nobody can send on TestIstio18454.func1.timer or close it",
                "0 global-deadlock: all goroutines are asleep - deadlock! (1 goroutine)",
                "1000 long-wait: TestIstio18454.func1.func1#1 has been blocked 1000 ms in chan receive on "
                        + "TestIstio18454.func1.timer, and nobody can complete it");
        assertThat(only(r, AlertKind.LEAK).time()).isEqualTo(2);
        assertThat(only(r, AlertKind.LEAK).report()).contains("at TestIstio18454 #26: <-timer.C");
    }

    @Test
    void cockroach1462() throws Exception {
        // The transport's worker sends its first event (0 ms) before the consumer starts; Stop (1 ms) closes
        // stopper, and the consumer's select (seed 1) takes stopper, not the waiting event: the worker never
        // gets back to its loop's check, and Stop waits for it.
        Recorder r = run("cockroach1462");
        assertThat(alerts(r)).containsExactly(
                "1 global-deadlock: all goroutines are asleep - deadlock! (2 goroutines)",
                "1 leak: TestCockroach1462 is blocked forever in sync.WaitGroup.Wait on stop: who could call "
                        + "stop.Done or .Add is blocked forever too",
                "1 leak: start.func1#1 is blocked forever in chan send on Events: who could receive from "
                        + "Events or close it is blocked forever too",
                "1000 long-wait: start.func1#1 has been blocked 1000 ms in chan send on Events, behind "
                        + "TestCockroach1462",
                "1001 long-wait: TestCockroach1462 has been blocked 1000 ms in sync.WaitGroup.Wait on stop, "
                        + "behind start.func1#1");
    }

    @Test
    void cockroach1055() throws Exception {
        // Each worker's StartTask adds a task to its stopper's drain group that nobody finishes; Quiesce of the
        // first stopper then waits for it holding mu0; the workers wait for stoppers that Stop never closes.
        Recorder r = run("cockroach1055");
        assertThat(alerts(r)).containsExactly(
                "0 global-deadlock: all goroutines are asleep - deadlock! (5 goroutines)",
                "0 leak: TestCockroach1055 is blocked forever in chan receive on TestCockroach1055.done: who "
                        + "could send on TestCockroach1055.done or close it is blocked forever too",
                "0 leak: TestCockroach1055.func1#1 is blocked forever in chan receive on stopper0: who could "
                        + "send on stopper0 or close it is blocked forever too",
                "0 leak: TestCockroach1055.func2#1 is blocked forever in chan receive on stopper1: who could "
                        + "send on stopper1 or close it is blocked forever too",
                "0 leak: TestCockroach1055.func3#1 is blocked forever in chan receive on stopper2: who could "
                        + "send on stopper2 or close it is blocked forever too",
                "0 leak: TestCockroach1055.func4#1 is blocked forever in sync.WaitGroup.Wait on drain0: who "
                        + "could call drain0.Done or .Add is blocked forever too",
                "1000 long-wait: TestCockroach1055 has been blocked 1000 ms in chan receive on "
                        + "TestCockroach1055.done, behind TestCockroach1055.func4#1",
                "1000 long-wait: TestCockroach1055.func1#1 has been blocked 1000 ms in chan receive on "
                        + "stopper0, behind TestCockroach1055, TestCockroach1055.func4#1",
                "1000 long-wait: TestCockroach1055.func2#1 has been blocked 1000 ms in chan receive on "
                        + "stopper1, behind TestCockroach1055, TestCockroach1055.func4#1",
                "1000 long-wait: TestCockroach1055.func3#1 has been blocked 1000 ms in chan receive on "
                        + "stopper2, behind TestCockroach1055, TestCockroach1055.func4#1",
                "1000 long-hold: TestCockroach1055.func4#1 has held mu0 (Lock) for 1000 ms",
                "1000 long-wait: TestCockroach1055.func4#1 has been blocked 1000 ms in sync.WaitGroup.Wait on "
                        + "drain0, behind TestCockroach1055, TestCockroach1055.func1#1");
    }

    @Test
    void cockroach13755() throws Exception {
        // The rows are never closed: awaitDone waits for a cancel that nobody can call.
        Recorder r = run("cockroach13755");
        assertThat(alerts(r)).containsExactly(
                "0 global-deadlock: all goroutines are asleep - deadlock! (1 goroutine)",
                "0 leak: awaitDone#1 is blocked forever in chan receive on initContextClose.ctx: nobody can "
                        + "cancel initContextClose.ctx (or a parent of it)",
                "1000 long-wait: awaitDone#1 has been blocked 1000 ms in chan receive on "
                        + "initContextClose.ctx, and nobody can complete it");
    }

    @Test
    void cockroach25456() throws Exception {
        // process waits for the stopper to quiesce; only the test could stop it, and the test is the waiter.
        Recorder r = run("cockroach25456");
        assertThat(alerts(r)).containsExactly(
                "0 global-deadlock: all goroutines are asleep - deadlock! (1 goroutine)",
                "0 leak: TestCockroach25456 is blocked forever in chan receive on quiescer: nobody can send "
                        + "on quiescer or close it",
                "1000 long-wait: TestCockroach25456 has been blocked 1000 ms in chan receive on quiescer, and "
                        + "nobody can complete it");
    }

    @Test
    void moby27782() throws Exception {
        // The container's Reset closes the log watcher (100 ns); the follower (300 ns) takes closeNotifier,
        // not the event, and waits in Remove for a broadcast; the event reader (300 ns) holds a MODIFY event,
        // which it never broadcasts for, and sends it to nobody.
        Recorder r = run("moby27782");
        assertThat(alerts(r)).containsExactly(
                "0 global-deadlock: all goroutines are asleep - deadlock! (2 goroutines)",
                "0 leak: readLogs#1 is blocked forever in sync.Cond.Wait on cv: who could call cv.Signal or "
                        + ".Broadcast is blocked forever too",
                "0 leak: readEvents#1 is blocked forever in select on Events, done: who could complete a case "
                        + "of the select (on Events, done) is blocked forever too",
                "1000 long-wait: readLogs#1 has been blocked 1000 ms in sync.Cond.Wait on cv, behind "
                        + "readEvents#1",
                "1000 long-wait: readEvents#1 has been blocked 1000 ms in select on Events, done, behind "
                        + "readLogs#1");
        assertThat(alerts(r, AlertKind.LEAK).getFirst().report()).contains(
                "readLogs#1 (g3) is blocked in sync.Cond.Wait on cv at Remove #7: cv.Wait()",
                "could be completed by readEvents#1 (g4), which has been blocked 0 ms in select on Events, done");
    }

    @Test
    void hugo5379() throws Exception {
        // The first renderer runs contentInit's f; the content goroutine takes contentInitMu and, through the
        // shortcode's WordCount, waits for contentInit. At 1 ms the context times out, the first renderer takes
        // plainInit's f and waits for contentInitMu; the content goroutine and the second renderer wait for
        // plainInit. Lock waits raise no leak; the deadlock detector (locks only) stays silent.
        Recorder r = run("hugo5379");
        assertThat(alerts(r)).containsExactly(
                "1 global-deadlock: all goroutines are asleep - deadlock! (4 goroutines)",
                "1 leak: TestHugo5379 is blocked forever in sync.WaitGroup.Wait on renderPages.wg: who could "
                        + "call renderPages.wg.Done or .Add is blocked forever too",
                "1 leak: pageRenderer#2 is blocked forever in sync.Once.Do on plainInit: who could finish the "
                        + "f of plainInit.Do is blocked forever too",
                "1 leak: initContentOnce.func1#1 is blocked forever in sync.Once.Do on plainInit: who could "
                        + "finish the f of plainInit.Do is blocked forever too",
                "1000 long-wait: TestHugo5379 has been blocked 1000 ms in sync.WaitGroup.Wait on "
                        + "renderPages.wg, behind pageRenderer#1, pageRenderer#2",
                "1000 long-hold: initContentOnce.func1#1 has held contentInitMu (Lock) for 1000 ms; 1 waiting "
                        + "behind it",
                "1001 long-wait: pageRenderer#1 has waited 1000 ms for contentInitMu (Lock), behind "
                        + "initContentOnce.func1#1 ← pageRenderer#1",
                "1001 long-wait: pageRenderer#2 has been blocked 1000 ms in sync.Once.Do on plainInit, behind "
                        + "pageRenderer#1",
                "1001 long-wait: initContentOnce.func1#1 has been blocked 1000 ms in sync.Once.Do on "
                        + "plainInit, behind pageRenderer#1");
        assertThat(alerts(r, AlertKind.LEAK).getFirst().report()).contains(
                "could be completed by pageRenderer#1 (g2), which has waited 0 ms for contentInitMu (Lock) at "
                        + "initPlainOnce #2: contentInitMu.Lock()",
                "blocked by initContentOnce.func1#1 (g4), holding contentInitMu (Lock) for 1 ms, taken at "
                        + "initContentOnce #5: contentInitMu.Lock()",
                "which has been blocked 0 ms in sync.Once.Do on plainInit at initPlain #1: plainInit.Do(initPlainOnce)");
        assertThat(alerts(r, AlertKind.DEADLOCK)).isEmpty();
    }

    @Test
    void moby28462() throws Exception {
        // The monitor chose its select's default (0 ms) and is preempted before its probe takes the lock (1 ms);
        // StateChanged (0 ms) takes the lock and sends on stop, which the monitor no longer reads.
        Recorder r = run("moby28462");
        assertThat(alerts(r)).containsExactly(
                "1 global-deadlock: all goroutines are asleep - deadlock! (2 goroutines)",
                "1 leak: StateChanged#1 is blocked forever in chan send on stop: who could receive from stop "
                        + "or close it is blocked forever too",
                "1000 long-hold: StateChanged#1 has held mu (Lock) for 1000 ms; 1 waiting behind it",
                "1000 long-wait: StateChanged#1 has been blocked 1000 ms in chan send on stop, behind "
                        + "monitor#1",
                "1001 long-wait: monitor#1 has waited 1000 ms for mu (Lock), behind StateChanged#1 ← "
                        + "monitor#1");
    }

    @Test
    void cockroach2448() throws Exception {
        // processRaft receives the state loop's event (0 ms); the state loop's select has nothing ready and
        // sends the next event, while processRaft's callback sends to the state loop: each waits for the other.
        Recorder r = run("cockroach2448");
        assertThat(alerts(r)).containsExactly(
                "0 global-deadlock: all goroutines are asleep - deadlock! (2 goroutines)",
                "0 leak: processRaft#1 is blocked forever in select on callbackChan, Done: who could complete "
                        + "a case of the select (on callbackChan, Done) is blocked forever too",
                "0 leak: start#1 is blocked forever in select on Events, Done: who could complete a case of "
                        + "the select (on Events, Done) is blocked forever too",
                "1000 long-wait: start#1 has been blocked 1000 ms in select on Events, Done, behind "
                        + "processRaft#1",
                "1000 long-wait: processRaft#1 has been blocked 1000 ms in select on callbackChan, Done, "
                        + "behind start#1");
    }

    @Test
    void etcd7443() throws Exception {
        // lbWatcher takes the first address list (0 ms) and starts the three connections' resetTransport, in order:
        // the first pins address 0 (still "unpinned") and sends [0], the second pins 1 and fills notifyCh with [1].
        // lbWatcher, handling [0], tears down connection 1, whose down function sends all addresses on the full
        // notifyCh, which only lbWatcher reads, holding bMu and ac1Mu. Both Close calls (1 ms) wait for bMu.
        Recorder r = run("etcd7443");
        assertThat(alerts(r)).containsExactly(
                "1 global-deadlock: all goroutines are asleep - deadlock! (4 goroutines)",
                "1 leak: TestEtcd7443 is blocked forever in chan receive on TestEtcd7443.closec: who could send on "
                        + "TestEtcd7443.closec or close it is blocked forever too",
                "1 leak: TestEtcd7443.func1#1 is blocked forever in chan send on notifyCh: who could receive from "
                        + "notifyCh or close it is blocked forever too",
                "1000 long-wait: TestEtcd7443 has been blocked 1000 ms in chan receive on TestEtcd7443.closec, behind "
                        + "TestEtcd7443.func2#1",
                "1000 long-hold: TestEtcd7443.func1#1 has held ac1Mu (Lock) for 1000 ms",
                "1000 long-hold: TestEtcd7443.func1#1 has held bMu (Lock) for 1000 ms; 2 waiting behind it",
                "1000 long-wait: TestEtcd7443.func1#1 has been blocked 1000 ms in chan send on notifyCh, behind "
                        + "TestEtcd7443, TestEtcd7443.func2#1, TestEtcd7443.func3#1",
                "1001 long-wait: TestEtcd7443.func2#1 has waited 1000 ms for bMu (Lock), behind TestEtcd7443.func1#1 ← "
                        + "TestEtcd7443 and 2 others ← TestEtcd7443.func2#1",
                "1001 long-wait: TestEtcd7443.func3#1 has waited 1000 ms for bMu (Lock), behind TestEtcd7443.func1#1 ← "
                        + "TestEtcd7443 and 2 others ← TestEtcd7443.func2#1");
        assertThat(alerts(r, AlertKind.LEAK).get(1).report()).contains(
                "TestEtcd7443.func1#1 (g2) is blocked in chan send on notifyCh at TestEtcd7443 #139: notifyCh <- all",
                "blocked by TestEtcd7443.func1#1 (g2), holding bMu (Lock) for 1 ms, taken at TestEtcd7443 #136: "
                        + "bMu.Lock()");
    }

    // ---- helpers ----

    private static Scenario load(String kernel) throws Exception {
        try (InputStream in = Objects.requireNonNull(GoBenchChannelKernelsTest.class.getResourceAsStream(
                "/gobench/" + kernel + ".json"), kernel); Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return ScenarioJson.read(kernel + ".json", reader);
        }
    }

    /** Runs the kernel, and checks that the stream detectors over its events alone raise the same alerts. */
    private static Recorder run(String kernel) throws Exception {
        Scenario s = load(kernel);
        Recorder r = new Recorder();
        Simulation.run(s, r);
        List<TraceEvent> recomputed = new ArrayList<>();
        StreamDetectors detect = new StreamDetectors(s.detector(), recomputed::add);
        r.events.stream().filter(e -> !(e instanceof Alert)).forEach(detect::accept);
        assertThat(recomputed).as("alerts from the events alone").isEqualTo(r.events);
        return r;
    }

    /** Every alert, in the order raised, as "whole ms kind: summary". */
    private static List<String> alerts(Recorder r) {
        return r.of(Alert.class).map(a -> a.time() / 1_000_000 + " " + a.kind().id() + ": " + a.summary()).toList();
    }

    private static List<Alert> alerts(Recorder r, AlertKind kind) {
        return r.of(Alert.class).filter(a -> a.kind() == kind).toList();
    }

    private static Alert only(Recorder r, AlertKind kind) {
        List<Alert> all = alerts(r, kind);
        assertThat(all).as(kind.toString()).hasSize(1);
        return all.getFirst();
    }
}
