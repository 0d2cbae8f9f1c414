package dev.lockscope.model;

/**
 * The admission policy of a read-write lock. All three share one mechanism ({@code dev.lockscope.lock.TrackedLock}) and
 * differ only in the hooks of {@code LockPolicy}; a run may switch between them while it goes.
 */
public enum LockSemantics {
    /** Go's {@code sync.RWMutex}: a pending writer blocks new readers. The default. */
    GO_RWMUTEX("go-rwmutex"),
    /** Readers never wait for a pending writer; writers can starve. */
    READER_PREFERRING("reader-preferring"),
    /** Strict arrival order for readers and writers, like {@code ReentrantReadWriteLock(true)}. */
    FAIR("fair");

    private final String id;

    LockSemantics(String id) {
        this.id = id;
    }

    /** The name used in scenario files, traces and on the command line. */
    public String id() {
        return id;
    }

    /** The semantics with this id, or {@code null}. */
    public static LockSemantics ofId(String id) {
        for (LockSemantics s : values()) {
            if (s.id.equals(id)) {
                return s;
            }
        }
        return null;
    }
}
