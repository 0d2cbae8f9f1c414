package dev.lockscope.prim;

import static dev.lockscope.prim.Kit.add;
import static dev.lockscope.prim.Kit.await;
import static dev.lockscope.prim.Kit.cancel;
import static dev.lockscope.prim.Kit.condWait;
import static dev.lockscope.prim.Kit.done;
import static dev.lockscope.prim.Kit.lock;
import static dev.lockscope.prim.Kit.ns;
import static dev.lockscope.prim.Kit.onceDo;
import static dev.lockscope.prim.Kit.recv;
import static dev.lockscope.prim.Kit.recvCase;
import static dev.lockscope.prim.Kit.select;
import static dev.lockscope.prim.Kit.send;
import static dev.lockscope.prim.Kit.sendCase;
import static dev.lockscope.prim.Kit.signal;
import static dev.lockscope.prim.Kit.site;
import static dev.lockscope.prim.Kit.sleep;
import static dev.lockscope.prim.Kit.stop;
import static dev.lockscope.prim.Kit.unlock;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.event.TraceEvent;
import dev.lockscope.lock.TrackedLock;
import dev.lockscope.model.LockKind;
import dev.lockscope.model.LockSemantics;
import dev.lockscope.model.PrimKind;
import dev.lockscope.sim.Instruction;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Select, WaitGroup, Cond, Once, timers and contexts, with hand-computed instants (the Go source each follows is
 * in docs/primitives.md).
 */
class SyncPrimitivesTest {

    @Test
    void selectRunsItsDefaultWhenNoCaseIsReady() {
        Kit k = new Kit();
        Chan ch = k.kernel.newChan("ch", 1, 0L);
        Kit.Proc g = k.go("g", 0, select(true, recvCase(ch)), send(ch, 5), select(true, recvCase(ch)));
        k.run(10);

        assertThat(g.log).containsExactly("@0 selectstep null true", "@0 send null true",
                "@0 selectstep 5 true case0");
        assertThat(k.lines()).containsExactly("0 g send ch 1", "0 g recv ch 0");
    }

    @Test
    void selectWithATimerCaseIsReleasedByTheTimerSend() {
        Kit k = new Kit();
        Chan ch = k.kernel.newChan("ch", 0, 0L);
        Chan after = k.kernel.newTimer("after", PrimKind.TIMER, ns(50), 0, site("time.After(50ms)"));
        Kit.Proc g = k.go("g", 0, select(false, recvCase(ch), recvCase(after)));
        k.run(100);

        // time/sleep.go sendTime: the runtime (goroutine 0) sends the firing time without blocking.
        assertThat(k.lines()).containsExactly(
                "0 runtime arm after 50000000",
                "0 g wait select [ch, after]",
                "0 g blocked by [runtime]",
                "50 runtime send-sync after 0",
                "50 g wake after",
                "50 g recv-sync after 0");
        assertThat(g.log).containsExactly("@50 selectstep 50000000 true case1");
    }

    @Test
    void aSelectSendCaseOnAClosedChannelPanics() {
        Kit k = new Kit();
        Chan ch = k.kernel.newChan("ch", 0, 0L);
        Chan other = k.kernel.newChan("other", 0, 0L);
        Kit.Proc closer = k.go("closer", 0, Kit.close(ch));
        Kit.Proc g = k.go("g", 1, select(true, sendCase(ch, 1), recvCase(other)));
        k.run(10);

        assertThat(closer.log).containsExactly("@0 close null true");
        assertThat(g.log).containsExactly("@1 panic send on closed channel");
    }

    @Test
    void waitGroupWaitEndsWhenTheLastDoneBringsTheCounterToZero() {
        Kit k = new Kit();
        WaitGroup wg = k.kernel.newWaitGroup("wg");
        Kit.Proc main = k.go("main", 0, add(wg, 2), await(wg)).reaching(wg, Access.ADD);
        k.go("w1", 0, sleep(10), done(wg)).reaching(wg, Access.ADD);
        k.go("w2", 0, sleep(20), done(wg)).reaching(wg, Access.ADD);
        k.run(100);

        // The wait is blocked by whoever may still call Done: w1 and w2, then w2 alone once w1 has exited.
        assertThat(k.lines()).containsExactly(
                "0 main add wg 2",
                "0 main wait wg-wait [wg]",
                "0 main blocked by [w1, w2]",
                "10 w1 done wg 1",
                "10 main blocked by [w2]",
                "20 w2 done wg 0",
                "20 main wake wg");
        assertThat(main.log).containsExactly("@0 add null true", "@20 wait null true");
    }

    @Test
    void aNegativeWaitGroupCounterPanics() {
        Kit k = new Kit();
        WaitGroup wg = k.kernel.newWaitGroup("wg");
        Kit.Proc g = k.go("g", 0, add(wg, 1), done(wg), done(wg));
        k.run(10);

        assertThat(k.lines()).containsExactly("0 g add wg 1", "0 g done wg 0", "0 g done wg -1",
                "0 g panic sync: negative WaitGroup counter");
        assertThat(g.log).endsWith("@0 panic sync: negative WaitGroup counter");
    }

    @Test
    void condSignalWakesTheLongestWaiterAndBroadcastTheRestInOrder() {
        Kit k = new Kit();
        TrackedLock mu = k.kernel.newLock("mu", LockKind.MUTEX, LockSemantics.GO_RWMUTEX);
        Cond c = k.kernel.newCond("c", mu);
        Kit.Proc a = k.go("a", 0, lock(mu), condWait(c), lock(mu), unlock(mu));
        Kit.Proc b = k.go("b", 1, lock(mu), condWait(c), lock(mu), unlock(mu));
        Kit.Proc w = k.go("w", 2, lock(mu), condWait(c), lock(mu), unlock(mu));
        k.go("s", 10, lock(mu), signal(c, false), unlock(mu), sleep(10), lock(mu), signal(c, true), unlock(mu))
                .reaching(c, Access.SIGNAL);
        k.run(100);

        // runtime/sema.go: notifyListNotifyOne wakes the oldest ticket; notifyListNotifyAll the rest in order.
        assertThat(k.lines()).containsSubsequence(
                "0 a wait cond-wait [c]", "1 b wait cond-wait [c]", "2 w wait cond-wait [c]",
                "10 s signal c 1", "10 a wake c",
                "20 s broadcast c 2", "20 b wake c", "20 w wake c");
        assertThat(a.log).containsExactly("@10 condwait null true");
        assertThat(b.log).containsExactly("@20 condwait null true");
        assertThat(w.log).containsExactly("@20 condwait null true");
        // Each woken waiter takes mu again, in wake order: a at 10, then b and w at 20.
        List<String> acquires = k.events.stream().filter(e -> e instanceof TraceEvent.Acquire)
                .map(e -> e.time() / 1_000_000 + " g" + ((TraceEvent.Acquire) e).g()).toList();
        assertThat(acquires).containsExactly("0 g1", "1 g2", "2 g3", "10 g4", "10 g1", "20 g4", "20 g2", "20 g3");
    }

    @Test
    void condWaitWithoutTheLockFailsAsGoDoes() {
        Kit k = new Kit();
        TrackedLock mu = k.kernel.newLock("mu", LockKind.MUTEX, LockSemantics.GO_RWMUTEX);
        Cond c = k.kernel.newCond("c", mu);
        Kit.Proc g = k.go("g", 0, condWait(c));
        k.run(10);

        assertThat(g.log).containsExactly("@0 panic sync: unlock of unlocked mutex");
    }

    @Test
    void onceRunsFOnceAndDoWaitsForTheRunningF() {
        Kit k = new Kit();
        Once once = k.kernel.newOnce("once");
        Kit.Proc g1 = k.go("g1", 0, onceDo(once, sleep(10)));
        Kit.Proc g2 = k.go("g2", 5, onceDo(once));
        Kit.Proc g3 = k.go("g3", 20, onceDo(once));
        k.run(100);

        assertThat(k.lines()).containsExactly(
                "0 g1 do once 0",
                "5 g2 wait once-wait [once]",
                "5 g2 blocked by [g1]",
                "10 g1 do-end once 1",
                "10 g2 wake once");
        assertThat(g1.log).containsExactly("@0 oncedo null true", "@10 onceend null true");
        assertThat(g2.log).containsExactly("@10 oncedo null false");
        assertThat(g3.log).containsExactly("@20 oncedo null false");
    }

    @Test
    void afterFuncStartsItsGoroutineWhenItFiresAndStopPreventsIt() {
        Kit k = new Kit();
        Chan ch = k.kernel.newChan("ch", 0, 0L);
        Kit.Proc f = k.new Proc("f", send(ch, 1)).reaching(ch, Access.SEND);
        k.kernel.afterFunc("af", ns(30), "f", f, 0, site("time.AfterFunc"));
        Chan ch2 = k.kernel.newChan("ch2", 0, 0L);
        Kit.Proc f2 = k.new Proc("f2", send(ch2, 1)).reaching(ch2, Access.SEND);
        AfterFunc af2 = k.kernel.afterFunc("af2", ns(30), "f2", f2, 0, site("time.AfterFunc"));
        Kit.Proc rx = k.go("rx", 0, recv(ch));
        Kit.Proc rx2 = k.go("rx2", 0, recv(ch2));
        Kit.Proc stopper = k.go("stopper", 10, stop(af2));
        k.run(100);

        assertThat(k.lines()).containsSubsequence(
                "0 runtime arm af 30000000",
                "0 runtime arm af2 30000000",
                "0 rx wait chan-recv [ch]", "0 rx blocked by [runtime]",
                "0 rx2 wait chan-recv [ch2]", "0 rx2 blocked by [runtime]",
                "10 stopper stop af2 1", "10 rx2 blocked by []",
                "30 rx blocked by [f#1]",
                "30 f#1 send-sync ch 0", "30 rx wake ch");
        assertThat(rx.log).containsExactly("@30 recv 1 true");
        assertThat(rx2.log).isEmpty();
        assertThat(stopper.log).containsExactly("@10 stop null true");
        // Once f has run and exited, rx2 waits forever with nothing pending: checkdead.
        assertThat(k.lines()).endsWith("30 asleep");
    }

    @Test
    void aTickerSendsEachPeriodAndDropsTicksWhileItsBufferIsFull() {
        Kit k = new Kit();
        Chan tick = k.kernel.newTimer("tick", PrimKind.TICKER, ns(10), 0, site("time.NewTicker(10ms)"));
        Kit.Proc rx = k.go("rx", 0, recv(tick), sleep(25), recv(tick), recv(tick), stop(tick));
        k.run(100);

        // time/tick.go: the channel holds one tick; the one due at 30 ms finds it full and is dropped.
        assertThat(k.lines()).containsExactly(
                "0 runtime arm tick 10000000",
                "0 rx wait chan-recv [tick]",
                "0 rx blocked by [runtime]",
                "10 runtime send-sync tick 0",
                "10 rx wake tick",
                "10 rx recv-sync tick 0",
                "10 runtime arm tick 20000000",
                "20 runtime send tick 1",
                "20 runtime arm tick 30000000",
                "30 runtime arm tick 40000000",
                "35 rx recv tick 0",
                "35 rx wait chan-recv [tick]",
                "35 rx blocked by [runtime]",
                "40 runtime send-sync tick 0",
                "40 rx wake tick",
                "40 rx recv-sync tick 0",
                "40 runtime arm tick 50000000",
                "40 rx stop tick 1");
        assertThat(rx.log).containsExactly("@10 recv 10000000 true", "@35 recv 20000000 true",
                "@40 recv 40000000 true", "@40 stop null true");
    }

    @Test
    void aContextIsCancelledAtItsDeadlineAndTakesItsChildrenWithIt() {
        Kit k = new Kit();
        Context parent = k.kernel.newContext("parent", null, ns(100), 0, site("WithTimeout(100ms)"));
        Context child = k.kernel.newContext("child", parent, -1, 0, site("WithCancel(parent)"));
        Kit.Proc w = k.go("w", 0, recv(child));
        k.run(200);

        assertThat(k.lines()).containsExactly(
                "0 runtime arm parent 100000000",
                "0 w wait chan-recv [child]",
                "0 w blocked by [runtime]",
                "100 runtime cancel parent 0",
                "100 runtime cancel child 0",
                "100 w wake child",
                "100 w recv-closed child 0");
        assertThat(w.log).containsExactly("@100 recv null false");
    }

    @Test
    void cancelBeforeTheDeadlineStopsTheTimerAndIsIdempotent() {
        Kit k = new Kit();
        Context ctx = k.kernel.newContext("ctx", null, ns(50), 0, site("WithTimeout(50ms)"));
        Kit.Proc w = k.go("w", 0, recv(ctx)).reaching(ctx, Access.CLOSE);
        Kit.Proc c = k.go("c", 20, cancel(ctx), cancel(ctx)).reaching(ctx, Access.CLOSE);
        k.run(200);

        assertThat(k.lines()).containsExactly(
                "0 runtime arm ctx 50000000",
                "0 w wait chan-recv [ctx]",
                "0 w blocked by [runtime]",
                "20 w blocked by [runtime, c]",
                "20 c cancel ctx 0",
                "20 w wake ctx",
                "20 w recv-closed ctx 0");
        assertThat(c.log).containsExactly("@20 cancel null true", "@20 cancel null true");
        assertThat(w.log).containsExactly("@20 recv null false");
    }

    @Test
    void aGoroutineStartsGoroutinesWithItselfAsParent() {
        Kit k = new Kit();
        Chan ch = k.kernel.newChan("ch", 0, 0L);
        Kit.Proc child = k.new Proc("child", send(ch, 1)).reaching(ch, Access.SEND);
        Kit.Proc main = k.go("main", 0, p -> new Instruction.Go("child#1", "child", child), recv(ch))
                .reaching(ch, Access.RECV, Access.SEND);
        k.run(10);

        TraceEvent.Spawn spawned = k.events.stream().filter(e -> e instanceof TraceEvent.Spawn s && s.g() == 2)
                .map(e -> (TraceEvent.Spawn) e).findFirst().orElseThrow();
        assertThat(spawned.parent()).isEqualTo(1);
        assertThat(main.log).containsExactly("@0 recv 1 true");
    }

    @Test
    void goroutinesBlockedOnEachOtherWithNothingPendingAreAsleep() {
        Kit k = new Kit();
        Chan a = k.kernel.newChan("a", 0, 0L);
        Chan b = k.kernel.newChan("b", 0, 0L);
        k.go("x", 0, recv(a), send(b, 1)).reaching(a, Access.RECV).reaching(b, Access.SEND);
        k.go("y", 0, recv(b), send(a, 1)).reaching(b, Access.RECV).reaching(a, Access.SEND);
        k.run(100);

        // Each could complete the other's receive, but both wait: runtime/proc.go checkdead fires at once.
        assertThat(k.lines()).containsExactly(
                "0 x wait chan-recv [a]", "0 x blocked by [y]",
                "0 y wait chan-recv [b]", "0 y blocked by [x]",
                "0 asleep");
    }
}
