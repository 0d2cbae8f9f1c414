package dev.lockscope.tracker;

/** What kind of lock a trace's {@code lock} line declares: a mutex ({@code ReentrantLock}) or an rwmutex. */
enum LockKind {
    MUTEX("mutex"),
    RWMUTEX("rwmutex");

    private final String json;

    LockKind(String json) {
        this.json = json;
    }

    /** The value of the {@code lock} line's {@code kind} field. */
    String json() {
        return json;
    }
}
