package dev.lockscope.tracker;

import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BooleanSupplier;

/** Test helpers: record a body into a trace file, find call sites' lines, wait for a thread to queue. */
final class Recordings {
    /** A test body. */
    @FunctionalInterface
    interface Body {
        void run() throws Exception;
    }

    private Recordings() {
    }

    /** Records {@code body} into {@code dir/name}, stops, and reads the file back, checked well-formed. */
    static Trace record(Path dir, String name, Body body) throws Exception {
        Path file = dir.resolve(name);
        LockscopeTracker.record(file);
        try {
            body.run();
        } finally {
            LockscopeTracker.stopRecording();
        }
        return Trace.read(file).checkWellFormed();
    }

    /** The line number of the line after the call: {@code int line = nextLine();} above {@code lock.lock();}. */
    static int nextLine() {
        return StackWalker.getInstance().walk(frames -> frames.skip(1).findFirst()).orElseThrow().getLineNumber() + 1;
    }

    /** Waits (no time limit: the test's own timeout guards) until {@code condition} holds. */
    static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        while (!condition.getAsBoolean()) {
            Thread.sleep(1);
        }
    }

    static void awaitQueued(ReentrantLock lock, Thread thread) throws InterruptedException {
        awaitTrue(() -> lock.hasQueuedThread(thread));
    }

    static void awaitQueued(ReentrantReadWriteLock lock, Thread thread) throws InterruptedException {
        awaitTrue(() -> lock.hasQueuedThread(thread));
    }

    /** A started thread; {@link #join()} waits for it to end and rethrows what its body threw. */
    record Worker(Thread thread, FutureTask<Void> task) {
        void join() throws Exception {
            thread.join(); // not only the task: it completes before its thread ends, and tests look for exits
            try {
                task.get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
        }

        long g() {
            return thread.threadId();
        }
    }

    /** Starts a platform thread named {@code name} running {@code body}. */
    static Worker start(String name, Body body) {
        FutureTask<Void> task = new FutureTask<>(() -> {
            body.run();
            return null;
        });
        Thread thread = new Thread(task, name);
        thread.start();
        return new Worker(thread, task);
    }
}
