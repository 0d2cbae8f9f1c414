package dev.lockscope.tracker;

import java.util.List;
import java.util.Objects;

/**
 * One thing a thread did to a tracked lock, as the lock methods report it to the {@link Recorder}, before any
 * stream has numbered its thread, lock or site. The recorder stamps the time; each {@link TraceStream} turns the
 * event into lines of its own.
 *
 * @param type what happened
 * @param thread the thread that did it
 * @param lock the lock
 * @param mode the side of the lock ({@code BLOCKED} and {@code PARK} carry the side they are about, unused in the line)
 * @param site where in user code; null for {@code BLOCKED}
 * @param blockers for {@code BLOCKED}: the threads the request waits for (non-empty); otherwise empty
 */
record LockEvent(Type type, Thread thread, LockTag lock, Mode mode, CallSite site, List<Thread> blockers) {
    /** The trace event types a tracking lock writes. */
    enum Type {
        REQUEST("request"),
        ACQUIRE("acquire"),
        RELEASE("release"),
        BLOCKED("blocked"),
        PARK("park");

        private final String json;

        Type(String json) {
            this.json = json;
        }

        /** The value of the line's {@code e} field. */
        String json() {
            return json;
        }
    }

    LockEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(thread, "thread");
        Objects.requireNonNull(lock, "lock");
        Objects.requireNonNull(mode, "mode");
        blockers = List.copyOf(blockers);
        if ((site == null) != (type == Type.BLOCKED)) {
            throw new IllegalArgumentException("site: a " + type + " event " + (site == null ? "needs" : "has no") + " site");
        }
        if (blockers.isEmpty() == (type == Type.BLOCKED)) {
            throw new IllegalArgumentException("blockers: only a BLOCKED event names blockers, and at least one");
        }
    }

    /** An event of the current thread at {@code site}: request, acquire, release or park. */
    static LockEvent at(Type type, LockTag lock, Mode mode, CallSite site) {
        return new LockEvent(type, Thread.currentThread(), lock, mode, Objects.requireNonNull(site, "site"), List.of());
    }

    /** The current thread's request waits for {@code blockers}. */
    static LockEvent blocked(LockTag lock, Mode mode, List<Thread> blockers) {
        return new LockEvent(Type.BLOCKED, Thread.currentThread(), lock, mode, null, blockers);
    }
}
