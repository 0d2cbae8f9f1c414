package dev.lockscope.model;

/** Whether a lock is Go's {@code sync.Mutex} or {@code sync.RWMutex} (whose policy is a {@link LockSemantics}). */
public enum LockKind {
    MUTEX("mutex"),
    RWMUTEX("rwmutex");

    private final String id;

    LockKind(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static LockKind ofId(String id) {
        for (LockKind k : values()) {
            if (k.id.equals(id)) {
                return k;
            }
        }
        return null;
    }
}
