package dev.lockscope.lock;

import dev.lockscope.model.LockSemantics;
import java.util.List;
/**
 * The hooks in which the three read-write lock semantics differ; {@link TrackedLock} is the one mechanism that
 * calls them. Each hook reads the lock's state and decides; only {@link #onWriterAtHead} may change it (Go's
 * "announced writer").
 */
sealed interface LockPolicy {

    /**
     * Whether a waiting reader must keep waiting although no writer holds the lock.
     *
     * @param writerAhead a writer waits ahead of this reader in arrival order
     */
    boolean readerShouldBlock(TrackedLock lock, boolean writerAhead);

    /** The first waiting writer is at the head of the writers' line while no writer holds the lock. */
    default void onWriterAtHead(TrackedLock lock, Waiter writer) {}

    /** Forget policy-private state before another policy takes over. */
    default void onSwitchAway(TrackedLock lock) {}

    /** The goroutines {@code waiter} is blocked by right now, in a stable order. */
    List<Integer> blockers(TrackedLock lock, Waiter waiter);

    static LockPolicy of(LockSemantics semantics) {
        return switch (semantics) {
            case GO_RWMUTEX -> GoPolicy.INSTANCE;
            case READER_PREFERRING -> ReaderPreferringPolicy.INSTANCE;
            case FAIR -> FairPolicy.INSTANCE;
        };
    }

    /**
     * Go's {@code sync.RWMutex} (sync/rwmutex.go). A writer first takes the inner mutex {@code w} (FIFO among
     * writers), then announces itself by making {@code readerCount} negative: from then on new readers block on
     * {@code readerSem}, and the writer waits until the readers active at that moment have left. {@code Unlock}
     * releases every reader that blocked meanwhile before it unlocks {@code w}, so those readers hold the lock
     * before the next writer announces itself.
     */
    enum GoPolicy implements LockPolicy {
        INSTANCE;

        @Override
        public boolean readerShouldBlock(TrackedLock lock, boolean writerAhead) {
            return lock.announced != null;
        }

        @Override
        public void onWriterAtHead(TrackedLock lock, Waiter writer) {
            if (lock.announced == null) {
                lock.announced = writer;
            }
        }

        @Override
        public void onSwitchAway(TrackedLock lock) {
            lock.announced = null;
        }

        @Override
        public List<Integer> blockers(TrackedLock lock, Waiter waiter) {
            if (lock.writerHolder() != null) {
                return List.of(lock.writerHolder().id());
            }
            Waiter announced = lock.announced;
            if (waiter == announced || announced == null) {
                return lock.readerIds();
            }
            // A reader kept out by the pending writer, or a writer queued on w behind it.
            return List.of(announced.client.id());
        }
    }

    /** Readers enter whenever no writer holds the lock; writers wait for a moment with no readers at all. */
    enum ReaderPreferringPolicy implements LockPolicy {
        INSTANCE;

        @Override
        public boolean readerShouldBlock(TrackedLock lock, boolean writerAhead) {
            return false;
        }

        @Override
        public List<Integer> blockers(TrackedLock lock, Waiter waiter) {
            if (lock.writerHolder() != null) {
                return List.of(lock.writerHolder().id());
            }
            return waiter.isWriter() ? lock.readerIds() : List.of();
        }
    }

    /**
     * Strict arrival order: a reader waits behind any earlier writer, a writer behind any earlier request. A
     * goroutine that already holds the read lock gets no exemption (unlike {@code ReentrantReadWriteLock}),
     * so a recursive read lock behind a queued writer deadlocks here as it does in Go.
     */
    enum FairPolicy implements LockPolicy {
        INSTANCE;

        @Override
        public boolean readerShouldBlock(TrackedLock lock, boolean writerAhead) {
            return writerAhead;
        }

        @Override
        public List<Integer> blockers(TrackedLock lock, Waiter waiter) {
            Waiter ahead = lock.nearestBlockingWaiterAhead(waiter);
            if (ahead != null) {
                return List.of(ahead.client.id());
            }
            if (lock.writerHolder() != null) {
                return List.of(lock.writerHolder().id());
            }
            return waiter.isWriter() ? lock.readerIds() : List.of();
        }
    }
}
