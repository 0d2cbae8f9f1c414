package dev.lockscope.real;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.trace.TraceFile;
import dev.lockscope.trace.TraceReader;
import dev.lockscope.tracker.LockscopeTracker;
import dev.lockscope.tracker.TrackedReentrantReadWriteLock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The article's room as a real Java program on {@link TrackedReentrantReadWriteLock}: broadcasts hold the read
 * lock while they send to each member in turn (eve takes 200 ms), an Add takes the write lock during one. Its
 * trace, read by Lockscope, shows the Add waiting behind that Broadcast, with a long-wait naming it.
 */
class JavaRoomTraceTest {
    @TempDir
    Path dir;

    /** The room: a member list behind one read-write lock. */
    static final class Room {
        final TrackedReentrantReadWriteLock membersMx = new TrackedReentrantReadWriteLock("membersMx");
        final List<String> members = new CopyOnWriteArrayList<>(List.of("ann", "bob", "eve"));

        void broadcast() throws InterruptedException {
            membersMx.readLock().lock();
            try {
                for (String m : members) {
                    Thread.sleep(m.equals("eve") ? 200 : 10); // the send; eve's network is slow
                }
            } finally {
                membersMx.readLock().unlock();
            }
        }

        void add(String member) {
            membersMx.writeLock().lock();
            try {
                members.add(member);
            } finally {
                membersMx.writeLock().unlock();
            }
        }
    }

    @Test
    void theAddWaitsBehindTheBroadcastSendingToTheSlowMember() throws Exception {
        Path trace = dir.resolve("room.jsonl.gz");
        Room room = new Room();
        LockscopeTracker.record(trace);
        try {
            List<Thread> threads = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                threads.add(Thread.ofPlatform().name("Broadcast-" + i).start(() -> {
                    try {
                        room.broadcast();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
                if (i == 1) {
                    // The Add comes while the first broadcast holds the read lock: wait until it does.
                    while (room.membersMx.getReadLockCount() == 0) {
                        Thread.onSpinWait();
                    }
                    threads.add(Thread.ofPlatform().name("Add-dan").start(() -> room.add("dan")));
                }
                Thread.sleep(100);
            }
            for (Thread t : threads) {
                t.join();
            }
        } finally {
            LockscopeTracker.stopRecording();
        }

        assertThat(TraceReader.readHeader(trace).producer()).isEqualTo("lockscope-jvm");
        RealTraces.assertAddWaitedBehindABroadcast(RealTraces.read(trace), "Add", "Broadcast", 150_000_000L);
    }
}
