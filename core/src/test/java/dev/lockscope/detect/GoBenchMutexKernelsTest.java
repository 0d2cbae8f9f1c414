package dev.lockscope.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.event.AlertKind;
import dev.lockscope.event.TraceEvent;
import dev.lockscope.event.TraceEvent.Alert;
import dev.lockscope.run.Recorder;
import dev.lockscope.run.Simulation;
import dev.lockscope.scenario.Scenario;
import dev.lockscope.scenario.ScenarioJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * GoBench's mutex-only blocking kernels (timmyyuan/gobench, {@code gobench/goker/blocking}) as lock scripts in
 * {@code src/test/resources/gobench/}; the README there maps each kernel to its script. Every expectation below
 * is worked out by hand from docs/detectors.md (default thresholds, 1000 ms; every run lasts 3000 ms, so each
 * stuck wait and hold crosses its threshold once). Each test also states go-deadlock 0.3.1's verdict, read from
 * its deadlock.go ({@code lockOrder.preLock} and the timer in {@code lock()}) for the same interleaving; its
 * default {@code OnPotentialDeadlock} exits at the first report, so "then" means with that hook replaced.
 *
 * <p>Goroutine ids are 1-based in start order; lock ids are 0-based in declaration order.
 */
class GoBenchMutexKernelsTest {
    private static final long MS = 1_000_000L;
    private static final Path DIR = Path.of("src/test/resources/gobench");

    // ---- double locking: one goroutine locks what it holds ----

    @Test
    void cockroach584() throws Exception {
        // go-deadlock: "Recursive locking" at manage's Lock (lo.cur[g.mu] has this goroutine), then after
        // DeadlockTimeout a timeout report naming the same goroutine as the previous holder.
        Recorder r = run("cockroach584");
        assertCounts(r, 1, 1, 0, 1, 1);
        selfDeadlockAtZero(r, "gossip", "g.mu", "gossip #1: lock g.mu", "gossip #2: lock g.mu");
        // The holder waits behind its own hold: it is the one goroutine behind it, and its id is listed once.
        Alert hold = only(r, AlertKind.LONG_HOLD);
        assertThat(hold.report()).contains("1 goroutine waits behind it", "gossip (g1) has waited 1000 ms for g.mu");
        assertThat(hold.goroutines()).containsExactly(1);
    }

    @Test
    void cockroach9935() throws Exception {
        // go-deadlock: "Recursive locking" at exit()'s Lock; then a timeout naming the same goroutine.
        Recorder r = run("cockroach9935");
        assertCounts(r, 1, 1, 0, 1, 1);
        selfDeadlockAtZero(r, "outputLogEntry", "l.mu", "outputLogEntry #1: lock l.mu",
                "outputLogEntry #2: lock l.mu");
    }

    @Test
    void moby36114() throws Exception {
        // go-deadlock: "Recursive locking" at hotRemoveVHDsAtStart's Lock; then a timeout naming the same goroutine.
        Recorder r = run("moby36114");
        assertCounts(r, 1, 1, 0, 1, 1);
        selfDeadlockAtZero(r, "hotAddVHDsAtStart", "svm", "hotAddVHDsAtStart #1: lock svm",
                "hotAddVHDsAtStart #2: lock svm");
    }

    @Test
    void moby7559() throws Exception {
        // go-deadlock: "Recursive locking" at the second iteration's Lock; then a timeout naming the same goroutine.
        Recorder r = run("moby7559");
        assertCounts(r, 1, 1, 0, 1, 1);
        selfDeadlockAtZero(r, "Run", "connTrackLock", "Run #1: lock connTrackLock",
                "Run #2: lock connTrackLock");
    }

    @Test
    void etcd10492() throws Exception {
        // go-deadlock: "Recursive locking" at Checkpoint's Lock; then a timeout naming the same goroutine.
        Recorder r = run("etcd10492");
        assertCounts(r, 1, 1, 0, 1, 1);
        selfDeadlockAtZero(r, "main", "le.mu", "main #5: lock le.mu", "main #6: lock le.mu");
    }

    @Test
    void etcd6708() throws Exception {
        // Write lock held, read lock requested: Go's RLock waits for the writer, itself.
        // go-deadlock: "Recursive locking" at Do's RLock; then a timeout naming the same goroutine.
        Recorder r = run("etcd6708");
        assertCounts(r, 1, 1, 0, 1, 1);
        Alert rec = only(r, AlertKind.RECURSIVE);
        assertThat(rec.report()).contains("main (g1) requests hc (RLock) at main #2: rlock hc",
                "while it already holds it (Lock since 0 ms, taken at main #1: lock hc)",
                "A read lock waits while a writer holds the lock, and the writer is this goroutine: this deadlocks.")
                .doesNotContain("as soon as a writer is pending");
        Alert d = only(r, AlertKind.DEADLOCK);
        assertThat(d.time()).isZero();
        assertThat(d.goroutines()).containsExactly(1);
        assertThat(d.report()).contains("main (g1) waits for hc (RLock) at main #2: rlock hc, held by main (g1) "
                + "(Lock since 0 ms, taken at main #1: lock hc)");
    }

    @Test
    void syncthing4829() throws Exception {
        // RemoveMapping holds natSvc.mut, clearAddresses takes mapping.mut, notify read-locks mapping.mut: both
        // write holds stay held (two long-holds). Only the order natSvc.mut -> mapping.mut is ever seen.
        // go-deadlock: "Recursive locking" at notify's RLock, no inversion; then a timeout naming main.
        Recorder r = run("syncthing4829");
        assertCounts(r, 1, 2, 0, 1, 1);
        Alert rec = only(r, AlertKind.RECURSIVE);
        assertThat(rec.time()).isZero();
        assertThat(rec.report()).contains("requests mapping.mut (RLock) at main #5: rlock mapping.mut",
                "(Lock since 0 ms, taken at main #4: lock mapping.mut)", "the writer is this goroutine: this deadlocks.");
        Alert d = only(r, AlertKind.DEADLOCK);
        assertThat(d.goroutines()).containsExactly(1);
        assertThat(d.locks()).containsExactly(1);
        assertThat(times(r, AlertKind.LONG_HOLD)).containsExactly(1000L, 1000L);
        assertThat(alerts(r, AlertKind.LONG_HOLD)).extracting(Alert::locks)
                .containsExactlyInAnyOrder(List.of(0), List.of(1));
    }

    @Test
    void grpc795() throws Exception {
        // main: GracefulStop #1 returns holding s.mu, #2 locks it again; Serve (started at 1 ms) waits behind.
        // go-deadlock: "Recursive locking" at GracefulStop #2; then timeouts for main (naming itself) and for
        // Serve (naming main).
        Recorder r = run("grpc795");
        assertCounts(r, 2, 1, 0, 1, 1);
        selfDeadlockAtZero(r, "main", "s.mu", "main #1: lock s.mu", "main #2: lock s.mu");
        assertThat(times(r, AlertKind.LONG_WAIT)).containsExactly(1000L, 1001L);
        Alert serve = alerts(r, AlertKind.LONG_WAIT).get(1);
        assertThat(serve.report()).contains("Serve (g2) has waited 1000 ms for s.mu (Lock) at Serve #1: lock s.mu",
                "blocked by main (g1), holding s.mu (Lock) for 1001 ms, taken at main #1: lock s.mu");
        assertThat(serve.goroutines()).containsExactly(2, 1);
        // Both main (waiting for itself) and Serve wait behind main's hold.
        assertThat(only(r, AlertKind.LONG_HOLD).report()).contains("2 goroutines wait behind it");
        assertThat(only(r, AlertKind.LONG_HOLD).goroutines()).containsExactly(1, 2);
    }

    // ---- missing unlock: a goroutine leaves (or is done) still holding the lock ----

    @Test
    void moby17176() throws Exception {
        // go-deadlock: after DeadlockTimeout, the worker's timeout report names main as the previous holder,
        // and "Here is what goroutine N doing now" finds nothing (main has returned). In the real kernel the test
        // returns after 1 ms, so the process normally ends before any timeout.
        Recorder r = run("moby17176");
        assertCounts(r, 1, 1, 0, 0, 0);
        Alert hold = only(r, AlertKind.LONG_HOLD);
        assertThat(hold.time()).isEqualTo(1000 * MS);
        assertThat(hold.report()).contains("main (g1) exited at 1 ms still holding ds (Lock), taken at main #1: lock ds");
        Alert wait = only(r, AlertKind.LONG_WAIT);
        assertThat(wait.time()).isEqualTo(1000 * MS);
        assertThat(wait.report()).contains(
                "blocked by main (g1), which exited at 1 ms still holding ds (Lock), taken at main #1: lock ds");
        assertThat(wait.summary()).isEqualTo("worker has waited 1000 ms for ds (Lock), behind main (exited holding ds)");
    }

    @Test
    void etcd5509() throws Exception {
        // Get read-locks c.mu at 1 ms, sees the client closed and returns without RUnlock; Close re-locks at 2 ms.
        // The order c.mu -> r.mu is recorded, never the reverse.
        // go-deadlock: nothing at the requests; after DeadlockTimeout, Close's timeout report names Get (lo.cur
        // still has it: only an unlock removes an entry), and Get is no longer running.
        Recorder r = run("etcd5509");
        assertCounts(r, 1, 1, 0, 0, 0);
        Alert hold = only(r, AlertKind.LONG_HOLD);
        assertThat(hold.time()).isEqualTo(1001 * MS);
        assertThat(hold.report()).contains("Get (g2) exited at 1 ms still holding c.mu (RLock), taken at Get #1: rlock c.mu",
                "1 goroutine waits behind it");
        Alert wait = only(r, AlertKind.LONG_WAIT);
        assertThat(wait.time()).isEqualTo(1002 * MS);
        assertThat(wait.report()).contains("Close (g1) has waited 1000 ms for c.mu (Lock) at Close #4: lock c.mu",
                "blocked by Get (g2), which exited at 1 ms still holding c.mu (RLock), taken at Get #1: rlock c.mu");
        assertThat(wait.goroutines()).containsExactly(1, 2);
    }

    @Test
    void grpc3017() throws Exception {
        // The timer fires (2 ms) while NewSubConn holds ccc.mu; NewSubConn's cancel finds it fired and sets
        // abortDeleting; its Unlock (3 ms) hands the lock to the timer, which returns holding it; the loop's next
        // RemoveSubConn (3 ms) waits forever. The timer's own 1 ms wait and NewSubConn's 2 ms hold do not alert.
        // go-deadlock: a timeout for the loop naming the timer, or nothing: Unlock releases the lock before
        // postUnlock deletes lo.cur[ccc.mu], so when the lock is handed straight to the timer, its own entry is
        // the one deleted and the loop's timer goroutine finds no holder, forever. Run with real goroutines: nothing.
        Recorder r = run("grpc3017");
        assertCounts(r, 1, 1, 0, 0, 0);
        Alert hold = only(r, AlertKind.LONG_HOLD);
        assertThat(hold.time()).isEqualTo(1003 * MS);
        assertThat(hold.report()).contains("timer (g3) exited at 3 ms still holding ccc.mu (Lock), taken at timer #1: lock ccc.mu");
        Alert wait = only(r, AlertKind.LONG_WAIT);
        assertThat(wait.time()).isEqualTo(1003 * MS);
        assertThat(wait.report()).contains("loop (g2) has waited 1000 ms for ccc.mu (Lock) at loop #6: lock ccc.mu",
                "blocked by timer (g3), which exited at 3 ms still holding ccc.mu (Lock)");
    }

    // ---- RWR: a reader read-locks again while a writer is pending ----

    @Test
    void cockroach3710() throws Exception {
        // ForceRaftLogScan: RLock s.mu (0), Lock bq (0), RLock s.mu again (2); processRaft's Lock is pending from 1.
        // The re-request is recursive only: no lock-order alert for (s.mu, bq).
        // go-deadlock: at the second RLock, "Recursive locking" and also "Inconsistent locking" (s.mu -> bq was
        // recorded, and bq is held); then timeouts for both waiters, each naming ForceRaftLogScan.
        Recorder r = run("cockroach3710");
        assertCounts(r, 2, 2, 0, 1, 1);
        Alert rec = only(r, AlertKind.RECURSIVE);
        assertThat(rec.time()).isEqualTo(2 * MS);
        assertThat(rec.report()).contains("ForceRaftLogScan (g1) requests s.mu (RLock) at ForceRaftLogScan #4: rlock s.mu",
                "(RLock since 0 ms, taken at ForceRaftLogScan #1: rlock s.mu)", "as soon as a writer is pending");
        Alert d = only(r, AlertKind.DEADLOCK);
        assertThat(d.time()).isEqualTo(2 * MS);
        assertThat(d.goroutines()).containsExactlyInAnyOrder(1, 2);
        assertThat(d.locks()).containsExactly(0);
        assertThat(d.report()).contains(
                "ForceRaftLogScan (g1) waits for s.mu (RLock) at ForceRaftLogScan #4: rlock s.mu, behind the pending writer processRaft (g2)",
                "processRaft (g2) waits for s.mu (Lock) at processRaft #1: lock s.mu, held by ForceRaftLogScan (g1) (RLock since 0 ms");
        assertThat(times(r, AlertKind.LONG_WAIT)).containsExactly(1001L, 1002L);
        assertThat(times(r, AlertKind.LONG_HOLD)).containsExactly(1000L, 1000L);
    }

    @Test
    void cockroach6181() throws Exception {
        // lookupA: RLock (0) ... RLock in String() (2). lookupB (1): RLock, RLock (recursive but harmless: no writer
        // pending), RUnlock x2, Lock: pending behind lookupA. lookupA's second RLock waits for lookupB: cycle.
        // lookupC (3) queues behind the pending writer, outside the cycle.
        // go-deadlock: "Recursive locking" for lookupB at 1 ms only. lookupB's RUnlock deletes lo.cur[mu] although
        // lookupA still reads, so lookupA's deadlocking RLock is not seen as recursive, and no waiter ever gets a
        // timeout report: with no entry in lo.cur the timer goroutine just waits another DeadlockTimeout, forever.
        Recorder r = run("cockroach6181");
        assertCounts(r, 3, 1, 0, 2, 1);
        List<Alert> rec = alerts(r, AlertKind.RECURSIVE);
        assertThat(times(r, AlertKind.RECURSIVE)).containsExactly(1L, 2L);
        assertThat(rec.get(0).report()).contains("lookupB (g2) requests rangeCacheMu (RLock) at lookupB #2");
        assertThat(rec.get(1).report()).contains("lookupA (g1) requests rangeCacheMu (RLock) at lookupA #3");
        Alert d = only(r, AlertKind.DEADLOCK);
        assertThat(d.time()).isEqualTo(2 * MS);
        assertThat(d.goroutines()).containsExactlyInAnyOrder(1, 2);
        assertThat(d.report()).contains("behind the pending writer lookupB (g2)",
                "held by lookupA (g1) (RLock since 0 ms, taken at lookupA #1: rlock rangeCacheMu)");
        assertThat(times(r, AlertKind.LONG_WAIT)).containsExactly(1001L, 1002L, 1003L);
        Alert c = alerts(r, AlertKind.LONG_WAIT).get(2);
        assertThat(c.report()).contains("lookupC (g3) has waited 1000 ms for rangeCacheMu (RLock) at lookupC #1",
                "blocked by the pending writer lookupB (g2)");
        assertThat(c.goroutines()).containsExactly(3, 2, 1);
        Alert hold = only(r, AlertKind.LONG_HOLD);
        assertThat(hold.time()).isEqualTo(1000 * MS);
        assertThat(hold.report()).contains("lookupA (g1) has held rangeCacheMu (RLock)", "3 goroutines wait behind it");
        assertThat(hold.goroutines()).containsExactly(1, 2, 3);
    }

    @Test
    void cockroach16167() throws Exception {
        // go-deadlock: "Recursive locking" at getDatabaseCache's RLock (lo.cur[mu] is still execParsed: Start never
        // got the lock); then timeouts for Start and execParsed, both naming execParsed.
        Recorder r = run("cockroach16167");
        assertCounts(r, 2, 1, 0, 1, 1);
        rwrDeadlockAtTwo(r, "execParsed", "Start", "systemConfigMu", "execParsed #3: rlock systemConfigMu",
                "Start #1: lock systemConfigMu");
    }

    @Test
    void kubernetes62464() throws Exception {
        // RemoveContainer read-locks and unlocks (GetDefaultCPUSet) before its Lock.
        // go-deadlock: nothing at all. RemoveContainer's RUnlock deletes lo.cur[s] although reconcileState still
        // reads, so the second RLock is not seen as recursive, and neither waiter ever gets a timeout report.
        Recorder r = run("kubernetes62464");
        assertCounts(r, 2, 1, 0, 1, 1);
        rwrDeadlockAtTwo(r, "reconcileState", "RemoveContainer", "s", "reconcileState #3: rlock s",
                "RemoveContainer #3: lock s");
    }

    // ---- AB-BA: two goroutines take two locks in opposite orders ----

    @Test
    void cockroach10214() throws Exception {
        // tick (1 ms): raftMu, mu, then coalescedMu, held by sendQueuedHeartbeats since 0; sendQueuedHeartbeats
        // (2 ms) asks for raftMu. go-deadlock: "Inconsistent locking" at sendQueuedHeartbeats' raftMu.Lock (the
        // order raftMu -> coalescedMu was recorded at tick's request); then both waiters time out, each naming
        // the other.
        Recorder r = run("cockroach10214");
        assertCounts(r, 2, 3, 1, 0, 1);
        inversionAndDeadlock(r, 2, 2, List.of(1, 2),
                "Seen before: tick (g2) held rp1.raftMu (taken at tick #1: lock rp1.raftMu)",
                "and asked for coalescedMu at tick #3: lock coalescedMu",
                "Now: sendQueuedHeartbeats (g1) holds coalescedMu (taken at sendQueuedHeartbeats #1: lock coalescedMu)",
                "and asks for rp1.raftMu at sendQueuedHeartbeats #3: lock rp1.raftMu");
        assertThat(only(r, AlertKind.DEADLOCK).locks()).containsExactlyInAnyOrder(0, 1);
        assertThat(times(r, AlertKind.LONG_WAIT)).containsExactly(1001L, 1002L);
        assertThat(times(r, AlertKind.LONG_HOLD)).containsExactly(1000L, 1001L, 1001L);
    }

    @Test
    void cockroach7504() throws Exception {
        // Release (1 ms) holds t.mu and lease.mu and asks for c.mu, held by AcquireByName since 0, which then
        // (2 ms) asks for lease.mu. go-deadlock: "Inconsistent locking" at AcquireByName's lease.mu.Lock; then
        // both waiters time out, each naming the other.
        Recorder r = run("cockroach7504");
        assertCounts(r, 2, 3, 1, 0, 1);
        inversionAndDeadlock(r, 2, 2, List.of(1, 2),
                "Seen before: Release (g2) held lease.mu (taken at Release #2: lock lease.mu)",
                "and asked for c.mu at Release #3: lock c.mu",
                "Now: AcquireByName (g1) holds c.mu (taken at AcquireByName #1: lock c.mu)",
                "and asks for lease.mu at AcquireByName #3: lock lease.mu");
        assertThat(only(r, AlertKind.DEADLOCK).locks()).containsExactlyInAnyOrder(1, 2);
        assertThat(times(r, AlertKind.LONG_WAIT)).containsExactly(1001L, 1002L);
        assertThat(times(r, AlertKind.LONG_HOLD)).containsExactly(1000L, 1001L, 1001L);
    }

    @Test
    void hugo3251() throws Exception {
        // URLLock records remoteURLLock -> urlMu; the same goroutine's URLUnlock asks for remoteURLLock while
        // holding urlMu: the inversion is within one goroutine, and it deadlocks because getRemote1 holds
        // remoteURLLock (write) while waiting for urlMu. getRemote2 queues behind getRemote1.
        // go-deadlock: "Inconsistent locking" at getRemote0's RLock (in the real kernel, at the very first
        // URLUnlock, deadlock or not); then timeouts for the three waiters (naming getRemote0, getRemote1,
        // getRemote1).
        Recorder r = run("hugo3251");
        assertCounts(r, 3, 2, 1, 0, 1);
        inversionAndDeadlock(r, 2, 2, List.of(1, 2),
                "Seen before: getRemote0 (g1) held remoteURLLock (taken at getRemote0 #1: lock remoteURLLock)",
                "and asked for urlMu at getRemote0 #2: lock urlMu",
                "Now: getRemote0 (g1) holds urlMu (taken at getRemote0 #2: lock urlMu)",
                "and asks for remoteURLLock at getRemote0 #5: rlock remoteURLLock");
        assertThat(only(r, AlertKind.DEADLOCK).report()).contains(
                "getRemote0 (g1) waits for remoteURLLock (RLock) at getRemote0 #5: rlock remoteURLLock, held by getRemote1 (g2) (Lock since 1 ms",
                "getRemote1 (g2) waits for urlMu (Lock) at getRemote1 #2: lock urlMu, held by getRemote0 (g1) (Lock since 0 ms");
        assertThat(times(r, AlertKind.LONG_WAIT)).containsExactly(1001L, 1002L, 1003L);
        assertThat(times(r, AlertKind.LONG_HOLD)).containsExactly(1000L, 1001L);
    }

    @Test
    void moby4951() throws Exception {
        // DeleteDevice1 drops devices (holding info1.lock) and re-takes it at 2 ms; DeleteDevice2 took devices at
        // 1 ms and waits for info1.lock. The inversion is DeleteDevice1's own: devices -> info1.lock at 0 ms,
        // info1.lock -> devices at 2 ms. go-deadlock: "Inconsistent locking" at DeleteDevice1's re-lock (in the
        // real kernel at every DeleteDevice); then both waiters time out, each naming the other.
        Recorder r = run("moby4951");
        assertCounts(r, 2, 2, 1, 0, 1);
        inversionAndDeadlock(r, 2, 2, List.of(1, 2),
                "Seen before: DeleteDevice1 (g1) held devices (taken at DeleteDevice1 #1: lock devices)",
                "and asked for info1.lock at DeleteDevice1 #2: lock info1.lock",
                "Now: DeleteDevice1 (g1) holds info1.lock (taken at DeleteDevice1 #2: lock info1.lock)",
                "and asks for devices at DeleteDevice1 #5: lock devices");
        assertThat(times(r, AlertKind.LONG_WAIT)).containsExactly(1001L, 1002L);
        assertThat(times(r, AlertKind.LONG_HOLD)).containsExactly(1000L, 1001L);
    }

    @Test
    void kubernetes13135() throws Exception {
        // startCaching's first pass records cacher -> watchCache (1 ms). Add holds watchCache (2 ms) and asks for
        // cacher (4 ms), held by startCaching's second pass since 3 ms: the inversion. startCaching then asks for
        // watchCache (5 ms): the cycle closes; the same pair is not reported again.
        // go-deadlock: "Inconsistent locking" at Add's cacher.Lock and again at startCaching's watchCache.Lock
        // (it reports every such request); then both waiters time out, each naming the other.
        Recorder r = run("kubernetes13135");
        assertCounts(r, 2, 2, 1, 0, 1);
        inversionAndDeadlock(r, 4, 5, List.of(2, 3),
                "Seen before: startCaching (g2) held cacher (taken at startCaching #1: lock cacher)",
                "and asked for watchCache at startCaching #2: lock watchCache",
                "Now: Add (g3) holds watchCache (taken at Add #1: lock watchCache)",
                "and asks for cacher at Add #3: lock cacher");
        assertThat(times(r, AlertKind.LONG_WAIT)).containsExactly(1004L, 1005L);
        assertThat(times(r, AlertKind.LONG_HOLD)).containsExactly(1002L, 1003L);
    }

    @Test
    void kubernetes30872() throws Exception {
        // processLoop's first Pop records fifo -> informer (1 ms); its second holds fifo from 1 ms and asks for
        // the informer at 3 ms, held by reconcile since 2 ms; reconcile asks for fifo at 4 ms: inversion and
        // cycle at once. The stopper (5 ms) queues for the informer behind reconcile, outside the cycle.
        // go-deadlock: "Inconsistent locking" at reconcile's fifo Lock; then three timeouts (processLoop and the
        // stopper naming reconcile, reconcile naming processLoop).
        Recorder r = run("kubernetes30872");
        assertCounts(r, 3, 2, 1, 0, 1);
        inversionAndDeadlock(r, 4, 4, List.of(2, 3),
                "Seen before: processLoop (g2) held fifo (taken at processLoop #1: lock fifo)",
                "and asked for informer at processLoop #2: lock informer",
                "Now: reconcile (g3) holds informer (taken at reconcile #1: lock informer)",
                "and asks for fifo at reconcile #3: lock fifo");
        assertThat(times(r, AlertKind.LONG_WAIT)).containsExactly(1003L, 1004L, 1005L);
        Alert stopper = alerts(r, AlertKind.LONG_WAIT).get(2);
        assertThat(stopper.report()).contains("stopper (g4) has waited 1000 ms for informer (Lock) at stopper #1",
                "blocked by reconcile (g3), holding informer (Lock)", "which waits 1001 ms for fifo (Lock)");
        assertThat(times(r, AlertKind.LONG_HOLD)).containsExactly(1001L, 1002L);
    }

    // ---- the set as documented ----

    @Test
    void theReadmeTableListsExactlyTheKernelFiles() throws IOException {
        Set<String> files = new TreeSet<>();
        try (Stream<Path> list = Files.list(DIR)) {
            list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .forEach(n -> files.add(n.substring(0, n.length() - ".json".length())));
        }
        Set<String> rows = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^\\| \\[?([a-z]+[0-9]+)").matcher(Files.readString(DIR.resolve("README.md")));
        while (m.find()) {
            rows.add(m.group(1));
        }
        assertThat(files).hasSize(21 + GoBenchChannelKernelsTest.KERNELS);
        assertThat(rows).isEqualTo(files);
    }

    @Test
    void eachKernelIsNamedAfterItsBugId() throws Exception {
        try (Stream<Path> list = Files.list(DIR)) {
            for (Path p : list.filter(f -> f.toString().endsWith(".json")).toList()) {
                String id = p.getFileName().toString().replace(".json", "");
                assertThat(load(id).name()).startsWith(id + ": ");
            }
        }
    }

    // ---- helpers ----

    /** g1 write-locks, at 0 ms, a lock it holds since 0 ms: recursive and a deadlock of one, at once. */
    private static void selfDeadlockAtZero(Recorder r, String g, String lock, String firstSite, String secondSite) {
        Alert rec = only(r, AlertKind.RECURSIVE);
        assertThat(rec.time()).isZero();
        assertThat(rec.goroutines()).containsExactly(1);
        assertThat(rec.report()).contains("Recursive locking: " + g + " (g1) requests " + lock + " (Lock) at "
                + secondSite, "while it already holds it (Lock since 0 ms, taken at " + firstSite + ")")
                .endsWith("A write lock never waits for itself to leave: this deadlocks.");
        Alert d = only(r, AlertKind.DEADLOCK);
        assertThat(d.time()).isZero();
        assertThat(d.goroutines()).containsExactly(1);
        assertThat(d.report()).contains("DEADLOCK: a goroutine waits for itself", g + " (g1) waits for " + lock
                + " (Lock) at " + secondSite + ", held by " + g + " (g1) (Lock since 0 ms, taken at " + firstSite + ")");
        Alert wait = alerts(r, AlertKind.LONG_WAIT).getFirst();
        assertThat(wait.time()).isEqualTo(1000 * MS);
        assertThat(wait.report()).contains(g + " (g1) has waited 1000 ms for " + lock + " (Lock) at " + secondSite);
        assertThat(only(r, AlertKind.LONG_HOLD).time()).isEqualTo(1000 * MS);
    }

    /**
     * The reader (g1, read lock since 0 ms) re-locks at 2 ms behind the writer (g2), pending since 1 ms: one
     * recursive alert and the deadlock at 2 ms; long waits at 1001 (writer) and 1002 ms (reader); the reader's
     * hold at 1000 ms.
     */
    private static void rwrDeadlockAtTwo(Recorder r, String reader, String writer, String lock, String readerSite,
            String writerSite) {
        Alert rec = only(r, AlertKind.RECURSIVE);
        assertThat(rec.time()).isEqualTo(2 * MS);
        assertThat(rec.report()).contains(reader + " (g1) requests " + lock + " (RLock) at " + readerSite,
                "In Go this deadlocks as soon as a writer is pending between the two read locks.");
        Alert d = only(r, AlertKind.DEADLOCK);
        assertThat(d.time()).isEqualTo(2 * MS);
        assertThat(d.goroutines()).containsExactlyInAnyOrder(1, 2);
        assertThat(d.report()).contains(
                reader + " (g1) waits for " + lock + " (RLock) at " + readerSite + ", behind the pending writer "
                        + writer + " (g2)",
                writer + " (g2) waits for " + lock + " (Lock) at " + writerSite + ", held by " + reader
                        + " (g1) (RLock since 0 ms");
        assertThat(times(r, AlertKind.LONG_WAIT)).containsExactly(1001L, 1002L);
        assertThat(only(r, AlertKind.LONG_HOLD).time()).isEqualTo(1000 * MS);
    }

    /** One lock-order alert at {@code orderMs} whose report reads {@code lines}, one deadlock at {@code deadlockMs}. */
    private static void inversionAndDeadlock(Recorder r, long orderMs, long deadlockMs, List<Integer> cycle,
            String... lines) {
        Alert order = only(r, AlertKind.LOCK_ORDER);
        assertThat(order.time()).isEqualTo(orderMs * MS);
        assertThat(order.report()).startsWith("Inconsistent locking: lock order inversion").contains(lines);
        Alert d = only(r, AlertKind.DEADLOCK);
        assertThat(d.time()).isEqualTo(deadlockMs * MS);
        assertThat(d.goroutines()).containsExactlyInAnyOrderElementsOf(cycle);
        assertThat(d.report()).startsWith("DEADLOCK: 2 goroutines wait for each other");
    }

    private static Scenario load(String kernel) throws Exception {
        try (InputStream in = Objects.requireNonNull(GoBenchMutexKernelsTest.class.getResourceAsStream(
                "/gobench/" + kernel + ".json"), kernel); Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return ScenarioJson.read(kernel + ".json", reader);
        }
    }

    private static Recorder run(String kernel) throws Exception {
        Recorder r = new Recorder();
        Simulation.run(load(kernel), r);
        return r;
    }

    private static void assertCounts(Recorder r, long longWait, long longHold, long lockOrder, long recursive,
            long deadlock) {
        assertThat(List.of(count(r, AlertKind.LONG_WAIT), count(r, AlertKind.LONG_HOLD), count(r, AlertKind.LOCK_ORDER),
                count(r, AlertKind.RECURSIVE), count(r, AlertKind.DEADLOCK)))
                .as("long-wait, long-hold, lock-order, recursive, deadlock")
                .containsExactly(longWait, longHold, lockOrder, recursive, deadlock);
    }

    private static long count(Recorder r, AlertKind kind) {
        return alerts(r, kind).size();
    }

    private static List<Alert> alerts(Recorder r, AlertKind kind) {
        return r.of(TraceEvent.Alert.class).filter(a -> a.kind() == kind).toList();
    }

    private static Alert only(Recorder r, AlertKind kind) {
        List<Alert> all = alerts(r, kind);
        assertThat(all).as(kind.toString()).hasSize(1);
        return all.getFirst();
    }

    /** The alerts' times in whole milliseconds, in the order raised. */
    private static List<Long> times(Recorder r, AlertKind kind) {
        return alerts(r, kind).stream().map(a -> {
            assertThat(a.time() % MS).isZero();
            return a.time() / MS;
        }).toList();
    }
}
