package dev.lockscope.tracker;

import static dev.lockscope.tracker.Recordings.awaitQueued;
import static dev.lockscope.tracker.Recordings.awaitTrue;
import static dev.lockscope.tracker.Recordings.record;
import static dev.lockscope.tracker.Recordings.start;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockscope.tracker.Recordings.Worker;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReadWriteLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class TrackedReentrantReadWriteLockTest {
    @TempDir
    Path dir;

    @AfterEach
    void stop() throws Exception {
        LockscopeTracker.stopRecording();
    }

    @Test
    void viewsAreTrackedAndShareOneRwmutex() throws Exception {
        ReadWriteLock lock = new TrackedReentrantReadWriteLock("membersMx");
        assertThat(lock.readLock()).isInstanceOf(TrackedReentrantReadWriteLock.TrackedReadLock.class).isSameAs(lock.readLock());
        assertThat(lock.writeLock()).isInstanceOf(TrackedReentrantReadWriteLock.TrackedWriteLock.class);
        Trace trace = record(dir, "t.jsonl", () -> {
            lock.readLock().lock();
            lock.readLock().unlock();
            lock.writeLock().lock();
            lock.writeLock().unlock();
        });

        assertThat(trace.lines()).filteredOn(l -> l.is("lock")).map(l -> l.json().toString().replaceFirst("\"t\":\\d+,", ""))
                .containsExactly("{\"e\":\"lock\",\"lock\":0,\"name\":\"membersMx\",\"kind\":\"rwmutex\"}");
        assertThat(trace.events()).filteredOn(l -> l.json().has("mode")).map(l -> l.e() + " " + l.mode())
                .containsExactly("request r", "acquire r", "release r", "request w", "acquire w", "release w");
    }

    @Test
    void reentrantReadsAndADowngradeWriteOnePairPerView() throws Exception {
        TrackedReentrantReadWriteLock lock = new TrackedReentrantReadWriteLock();
        Trace trace = record(dir, "t.jsonl", () -> {
            lock.writeLock().lock();
            lock.writeLock().lock();
            lock.readLock().lock(); // downgrade: a read hold while writing
            lock.readLock().lock();
            lock.writeLock().unlock();
            lock.writeLock().unlock();
            assertThat(lock.readLock().tryLock()).isTrue();
            lock.readLock().unlock();
            lock.readLock().unlock();
            lock.readLock().unlock();
        });

        assertThat(trace.events()).filteredOn(l -> l.json().has("mode")).map(l -> l.e() + " " + l.mode())
                .containsExactly("request w", "acquire w", "request r", "acquire r", "release w", "release r");
        trace.checkLockDiscipline();
    }

    @Test
    void writerIsBlockedByEveryReadHolder() throws Exception {
        TrackedReentrantReadWriteLock lock = new TrackedReentrantReadWriteLock("rw");
        CountDownLatch reading = new CountDownLatch(2);
        CountDownLatch done = new CountDownLatch(1);
        Worker[] readers = new Worker[2];
        Worker[] writer = new Worker[1];
        Trace trace = record(dir, "t.jsonl", () -> {
            for (int i = 0; i < 2; i++) {
                readers[i] = start("reader-" + i, () -> {
                    lock.readLock().lock();
                    reading.countDown();
                    done.await();
                    lock.readLock().unlock();
                });
            }
            reading.await();
            writer[0] = start("writer", () -> {
                lock.writeLock().lock();
                lock.writeLock().unlock();
            });
            awaitQueued(lock, writer[0].thread());
            done.countDown();
            writer[0].join();
            for (Worker reader : readers) {
                reader.join();
            }
        });

        assertThat(trace.typesOf(writer[0].g(), 0)).containsExactly("request", "blocked", "acquire", "release");
        Trace.Line blocked = trace.eventsOf(writer[0].g()).stream().filter(l -> l.is("blocked")).findFirst().orElseThrow();
        assertThat(blocked.by()).containsExactlyInAnyOrder(readers[0].g(), readers[1].g());
        assertThat(trace.checkLockDiscipline()).isEqualTo(3);
    }

    @Test
    void nonFairReaderWaitsBehindAQueuedWriterAndNamesIt() throws Exception {
        TrackedReentrantReadWriteLock lock = new TrackedReentrantReadWriteLock("rw");
        assertThat(lock.isFair()).isFalse();
        AtomicBoolean lateReaderGotIt = new AtomicBoolean();
        Worker[] writer = new Worker[1];
        Worker[] lateReader = new Worker[1];
        Trace trace = record(dir, "t.jsonl", () -> {
            lock.readLock().lock();
            writer[0] = start("writer", () -> {
                lock.writeLock().lock();
                lock.writeLock().unlock();
            });
            awaitQueued(lock, writer[0].thread());
            lateReader[0] = start("late-reader", () -> {
                lock.readLock().lock();
                lateReaderGotIt.set(true);
                lock.readLock().unlock();
            });
            awaitTrue(() -> lock.hasQueuedThread(lateReader[0].thread()) || lateReaderGotIt.get());
            assertThat(lateReaderGotIt).as("a tracked reader must not barge past the queued writer").isFalse();
            lock.readLock().unlock();
            writer[0].join();
            lateReader[0].join();
        });

        long me = Thread.currentThread().threadId();
        Trace.Line writerBlocked = trace.eventsOf(writer[0].g()).stream().filter(l -> l.is("blocked")).findFirst().orElseThrow();
        assertThat(writerBlocked.by()).containsExactly(me);
        Trace.Line readerBlocked = trace.eventsOf(lateReader[0].g()).stream().filter(l -> l.is("blocked")).findFirst().orElseThrow();
        assertThat(readerBlocked.by()).containsExactly(writer[0].g());
        assertThat(trace.checkLockDiscipline()).isEqualTo(3);
    }

    @Test
    void fairLockKeepsArrivalOrderForTrackedLatecomers() throws Exception {
        TrackedReentrantReadWriteLock lock = new TrackedReentrantReadWriteLock(true, "fair");
        assertThat(lock.isFair()).isTrue();
        assertThat(new TrackedReentrantReadWriteLock(true).isFair()).isTrue();
        assertThat(new TrackedReentrantReadWriteLock("n").isFair()).isFalse();
        List<String> order = new CopyOnWriteArrayList<>();
        record(dir, "t.jsonl", () -> {
            lock.writeLock().lock();
            Worker writer = start("w", () -> {
                lock.writeLock().lock();
                order.add("writer");
                lock.writeLock().unlock();
            });
            awaitQueued(lock, writer.thread());
            lock.writeLock().unlock();
            lock.readLock().lock(); // fair: behind the queued writer even if the lock is free right now
            order.add("latecomer");
            lock.readLock().unlock();
            writer.join();
        });

        assertThat(order).containsExactly("writer", "latecomer");
    }

    @Test
    void writeConditionRecordsTheWaitAndReadConditionsStayUnsupported() throws Exception {
        TrackedReentrantReadWriteLock lock = new TrackedReentrantReadWriteLock("rw");
        Condition changed = lock.writeLock().newCondition();
        assertThatThrownBy(() -> lock.readLock().newCondition()).isInstanceOf(UnsupportedOperationException.class);
        Worker[] waiter = new Worker[1];
        Trace trace = record(dir, "t.jsonl", () -> {
            waiter[0] = start("waiter", () -> {
                lock.writeLock().lock();
                try {
                    assertThat(changed.await(1, TimeUnit.MINUTES)).isTrue();
                } finally {
                    lock.writeLock().unlock();
                }
            });
            awaitTrue(() -> {
                lock.writeLock().lock();
                try {
                    return lock.hasWaiters(changed);
                } finally {
                    lock.writeLock().unlock();
                }
            });
            lock.writeLock().lock();
            assertThat(lock.getWaitQueueLength(changed)).isEqualTo(1);
            changed.signalAll();
            lock.writeLock().unlock();
            waiter[0].join();
        });

        assertThat(trace.eventsOf(waiter[0].g())).map(Trace.Line::e).filteredOn(e -> !e.equals("blocked"))
                .containsExactly("spawn", "request", "acquire", "release", "park", "request", "acquire", "release", "exit");
        trace.checkLockDiscipline();
    }

    @Test
    void readHoldersOfAnEarlierSessionAreNotNamed() throws Exception {
        TrackedReentrantReadWriteLock lock = new TrackedReentrantReadWriteLock("rw");
        record(dir, "first.jsonl", lock.readLock()::lock); // held on, past the end of this session
        Worker[] writer = new Worker[1];
        Trace second = record(dir, "second.jsonl", () -> {
            writer[0] = start("writer", () -> {
                lock.writeLock().lock();
                lock.writeLock().unlock();
            });
            awaitQueued(lock, writer[0].thread());
            lock.readLock().unlock();
            writer[0].join();
        });

        assertThat(second.typesOf(writer[0].g(), 0)).as("the holder is unknown here: no blocked event")
                .containsExactly("request", "acquire", "release");
        assertThat(second.typesOf(Thread.currentThread().threadId(), 0)).as("its release has no acquire here").isEmpty();
    }
}
