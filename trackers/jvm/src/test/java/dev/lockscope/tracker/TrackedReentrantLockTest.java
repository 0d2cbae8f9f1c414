package dev.lockscope.tracker;

import static dev.lockscope.tracker.Recordings.awaitQueued;
import static dev.lockscope.tracker.Recordings.awaitTrue;
import static dev.lockscope.tracker.Recordings.nextLine;
import static dev.lockscope.tracker.Recordings.record;
import static dev.lockscope.tracker.Recordings.start;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockscope.tracker.Recordings.Worker;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class TrackedReentrantLockTest {
    private static final String FILE = "TrackedReentrantLockTest.java";

    @TempDir
    Path dir;

    @AfterEach
    void stop() throws Exception {
        LockscopeTracker.stopRecording();
    }

    @Test
    void lockAndUnlockWriteRequestAcquireReleaseWithDeclarations() throws Exception {
        Lock lock = new TrackedReentrantLock("membersMx");
        int[] lines = new int[2];
        Trace trace = record(dir, "t.jsonl", () -> {
            lines[0] = nextLine();
            lock.lock();
            lines[1] = nextLine();
            lock.unlock();
        });

        Thread me = Thread.currentThread();
        long g = me.threadId();
        String name = me.getName();
        String function = "TrackedReentrantLockTest.lambda$lockAndUnlockWriteRequestAcquireReleaseWithDeclarations$0";
        assertThat(trace.lines()).map(Trace.Line::json).map(json -> withoutT(json.toString())).containsExactly(
                "{\"e\":\"spawn\",\"g\":" + g + ",\"name\":\"" + name + "\",\"kind\":\"" + ThreadNames.kind(name) + "\",\"parent\":0}",
                "{\"e\":\"lock\",\"lock\":0,\"name\":\"membersMx\",\"kind\":\"mutex\"}",
                "{\"e\":\"site\",\"site\":0,\"op\":\"" + name + "\",\"label\":\"" + function + ": " + FILE + ":" + lines[0] + "\"}",
                "{\"e\":\"request\",\"g\":" + g + ",\"lock\":0,\"mode\":\"w\",\"site\":0}",
                "{\"e\":\"acquire\",\"g\":" + g + ",\"lock\":0,\"mode\":\"w\",\"site\":0}",
                "{\"e\":\"site\",\"site\":1,\"op\":\"" + name + "\",\"label\":\"" + function + ": " + FILE + ":" + lines[1] + "\"}",
                "{\"e\":\"release\",\"g\":" + g + ",\"lock\":0,\"mode\":\"w\",\"site\":1}",
                "{\"e\":\"end\"}");
    }

    @Test
    void reentrantAcquisitionsWriteOnePair() throws Exception {
        TrackedReentrantLock lock = new TrackedReentrantLock();
        Trace trace = record(dir, "t.jsonl", () -> {
            lock.lock();
            lock.lock();
            assertThat(lock.tryLock()).isTrue();
            assertThat(lock.tryLock(1, TimeUnit.SECONDS)).isTrue();
            lock.lockInterruptibly();
            assertThat(lock.getHoldCount()).isEqualTo(5);
            for (int i = 0; i < 5; i++) {
                lock.unlock();
            }
        });

        assertThat(trace.typesOf(Thread.currentThread().threadId(), 0)).containsExactly("request", "acquire", "release");
    }

    @Test
    void unnamedLockIsNamedAfterItsFirstUse() throws Exception {
        Lock lock = new TrackedReentrantLock();
        int[] line = new int[1];
        Trace trace = record(dir, "t.jsonl", () -> {
            line[0] = nextLine();
            lock.lock();
            lock.unlock();
        });

        assertThat(trace.lockName(0)).isEqualTo(FILE + ":" + line[0]);
    }

    @Test
    void contendedRequestIsBlockedByTheOwner() throws Exception {
        TrackedReentrantLock lock = new TrackedReentrantLock("mu");
        Worker[] waiter = new Worker[1];
        Trace trace = record(dir, "t.jsonl", () -> {
            lock.lock();
            waiter[0] = start("waiter-1", () -> {
                lock.lock();
                lock.unlock();
            });
            awaitQueued(lock, waiter[0].thread());
            lock.unlock();
            waiter[0].join();
        });

        long me = Thread.currentThread().threadId();
        long w = waiter[0].g();
        assertThat(trace.typesOf(w, 0)).containsExactly("request", "blocked", "acquire", "release");
        Trace.Line blocked = trace.eventsOf(w).stream().filter(l -> l.is("blocked")).findFirst().orElseThrow();
        assertThat(blocked.by()).containsExactly(me);
        List<Trace.Line> events = trace.events();
        assertThat(events.indexOf(event(trace, me, "release"))).isLessThan(events.indexOf(event(trace, w, "acquire")));
        assertThat(trace.checkLockDiscipline()).isEqualTo(2);
        assertThat(trace.eventsOf(w).getFirst().json().get("kind").asString()).isEqualTo("waiter");
    }

    @Test
    void tryLockRecordsOnlyWhatItGot() throws Exception {
        TrackedReentrantLock lock = new TrackedReentrantLock("mu");
        Worker[] other = new Worker[1];
        Trace trace = record(dir, "t.jsonl", () -> {
            lock.lock();
            other[0] = start("other", () -> assertThat(lock.tryLock()).isFalse());
            other[0].join();
            lock.unlock();
            assertThat(lock.tryLock()).isTrue();
            lock.unlock();
        });

        long me = Thread.currentThread().threadId();
        assertThat(trace.eventsOf(other[0].g())).as("a failed tryLock never waited: nothing, not even a spawn").isEmpty();
        assertThat(trace.typesOf(me, 0)).containsExactly("request", "acquire", "release", "request", "acquire", "release");
        Trace.Line request = trace.events().stream().filter(l -> l.is("request")).toList().get(1);
        Trace.Line acquire = trace.events().stream().filter(l -> l.is("acquire")).toList().get(1);
        assertThat(acquire.t()).as("a granted tryLock: request and acquire at one time").isEqualTo(request.t());
    }

    @Test
    void timedOutTryLockLeavesItsRequestUnanswered() throws Exception {
        TrackedReentrantLock lock = new TrackedReentrantLock("mu");
        Worker[] other = new Worker[1];
        Trace trace = record(dir, "t.jsonl", () -> {
            lock.lock();
            other[0] = start("other", () -> {
                assertThat(lock.tryLock(20, TimeUnit.MILLISECONDS)).isFalse();
                assertThat(lock.tryLock(0, TimeUnit.SECONDS)).isFalse(); // no time to wait: nothing recorded
            });
            other[0].join();
            lock.unlock();
            Worker later = start("other-again", () -> {
                assertThat(lock.tryLock(1, TimeUnit.MINUTES)).isTrue();
                lock.unlock();
            });
            later.join();
        });

        long me = Thread.currentThread().threadId();
        assertThat(trace.typesOf(other[0].g(), 0)).containsExactly("request", "blocked");
        assertThat(trace.eventsOf(other[0].g()).get(2).by()).containsExactly(me);
        assertThat(trace.checkLockDiscipline()).isEqualTo(2);
    }

    @Test
    void interruptedLockInterruptiblyLeavesItsRequestUnanswered() throws Exception {
        TrackedReentrantLock lock = new TrackedReentrantLock("mu");
        Worker[] waiter = new Worker[1];
        CountDownLatch retrying = new CountDownLatch(1);
        Trace trace = record(dir, "t.jsonl", () -> {
            lock.lock();
            waiter[0] = start("waiter", () -> {
                assertThatThrownBy(lock::lockInterruptibly).isInstanceOf(InterruptedException.class);
                Thread.currentThread().interrupt();
                assertThatThrownBy(lock::lockInterruptibly).as("interrupted on entry").isInstanceOf(InterruptedException.class);
                retrying.countDown();
                lock.lock(); // the thread goes on: its next request is recorded as usual
                lock.unlock();
            });
            awaitQueued(lock, waiter[0].thread());
            waiter[0].thread().interrupt();
            retrying.await(); // the interrupted wait has left the queue: the JDK cancels it before throwing
            awaitQueued(lock, waiter[0].thread());
            lock.unlock();
            waiter[0].join();
        });

        assertThat(trace.typesOf(waiter[0].g(), 0))
                .containsExactly("request", "blocked", "request", "blocked", "acquire", "release");
        assertThat(trace.checkLockDiscipline()).isEqualTo(2);
    }

    @Test
    void conditionAwaitIsReleaseParkThenRequestAcquire() throws Exception {
        TrackedReentrantLock lock = new TrackedReentrantLock("mu");
        Condition ready = lock.newCondition();
        int[] awaitLine = new int[1];
        Worker[] waiter = new Worker[1];
        Trace trace = record(dir, "t.jsonl", () -> {
            waiter[0] = start("waiter", () -> {
                lock.lock();
                try {
                    awaitLine[0] = nextLine();
                    ready.await();
                } finally {
                    lock.unlock();
                }
            });
            awaitTrue(() -> {
                lock.lock();
                try {
                    return lock.hasWaiters(ready); // the JDK's query, given the tracked condition
                } finally {
                    lock.unlock();
                }
            });
            lock.lock();
            assertThat(lock.getWaitQueueLength(ready)).isEqualTo(1);
            ready.signal();
            lock.unlock();
            waiter[0].join();
        });

        List<Trace.Line> waiterEvents = trace.eventsOf(waiter[0].g()).stream().filter(l -> !l.is("blocked")).toList();
        assertThat(waiterEvents).map(Trace.Line::e)
                .containsExactly("spawn", "request", "acquire", "release", "park", "request", "acquire", "release", "exit");
        String awaitSite = ": " + FILE + ":" + awaitLine[0]; // in a lambda whose number is javac's choice
        for (Trace.Line line : waiterEvents.subList(3, 7)) {
            assertThat(trace.siteLabel(line.site())).as(line.toString()).endsWith(awaitSite);
        }
        assertThat(waiterEvents.get(6).t()).isEqualTo(waiterEvents.get(5).t());
        trace.checkLockDiscipline();
    }

    @Test
    void fairLockQueuesATrackedLatecomerBehindTheWaiters() throws Exception {
        TrackedReentrantLock lock = new TrackedReentrantLock(true, "fair");
        assertThat(lock.isFair()).isTrue();
        assertThat(new TrackedReentrantLock().isFair()).isFalse();
        assertThat(new TrackedReentrantLock(true).isFair()).isTrue();
        assertThat(new TrackedReentrantLock("n").isFair()).isFalse();
        List<String> order = new CopyOnWriteArrayList<>();
        record(dir, "t.jsonl", () -> {
            lock.lock();
            Worker[] waiters = new Worker[3];
            for (int i = 0; i < 3; i++) {
                String name = "w" + i;
                waiters[i] = start(name, () -> {
                    lock.lock();
                    order.add(name);
                    lock.unlock();
                });
                awaitQueued(lock, waiters[i].thread());
            }
            lock.unlock();
            lock.lock(); // fair: behind w0, w1 and w2, although the lock may be free right now
            order.add("latecomer");
            lock.unlock();
            for (Worker waiter : waiters) {
                waiter.join();
            }
        });

        assertThat(order).containsExactly("w0", "w1", "w2", "latecomer");
    }

    @Test
    void holdTakenBeforeRecordingIsNotReleasedInTheTrace() throws Exception {
        TrackedReentrantLock lock = new TrackedReentrantLock("mu");
        lock.lock();
        Trace trace = record(dir, "t.jsonl", () -> {
            lock.unlock();
            lock.lock();
            lock.unlock();
        });

        assertThat(trace.typesOf(Thread.currentThread().threadId(), 0)).containsExactly("request", "acquire", "release");
    }

    @Test
    void nothingIsRecordedOnceStopped() throws Exception {
        TrackedReentrantLock lock = new TrackedReentrantLock("mu");
        record(dir, "first.jsonl", () -> {
            lock.lock();
            lock.unlock();
        });
        lock.lock();
        lock.unlock();
        Trace second = record(dir, "second.jsonl", () -> {
        });

        assertThat(second.lines()).map(Trace.Line::e).containsExactly("end");
        assertThat(Hub.active).isNull();
    }

    @Test
    void recordTwiceIsRefused() throws Exception {
        LockscopeTracker.record(dir.resolve("a.jsonl"));
        assertThatThrownBy(() -> LockscopeTracker.record(dir.resolve("b.jsonl")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already recording to").hasMessageContaining("a.jsonl");
    }

    private static Trace.Line event(Trace trace, long g, String type) {
        return trace.eventsOf(g).stream().filter(l -> l.is(type)).findFirst().orElseThrow();
    }

    private static String withoutT(String json) {
        return json.replaceFirst("^\\{\"t\":\\d+,", "{");
    }
}
