package dev.lockscope.lock;

/** A goroutine as a lock sees it: an id, and a way to make it runnable once its request is granted. */
public interface LockClient {
    int id();

    /** Called when a parked request is granted; the goroutine resumes later in the same instant. */
    void wake();
}
