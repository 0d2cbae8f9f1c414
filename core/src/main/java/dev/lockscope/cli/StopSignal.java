package dev.lockscope.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (SIGINT) and SIGTERM while a command runs. The JVM turns both into a shutdown and runs its hooks; the
 * hook {@link #installed()} adds asks the command to stop ({@link #requested()} turns true and the command's
 * {@link #onStop} action runs), then, if the command handles stopping ({@code run}, {@code replay},
 * {@code sweep}), waits up to {@link #GRACE} for it to finish, so that a run can save what it recorded. The
 * process then exits with the status the JVM gives a signal: 128 + its number, 130 for Ctrl-C, 143 for
 * SIGTERM. Other commands stop at once; their temporary output files are deleted on the way out
 * ({@code AtomicOutput}).
 *
 * <p>Thread-safe: the hook runs on a thread of its own.
 */
class StopSignal {
    /** How long a command that stops cleanly may take to save before the process exits anyway. */
    static final Duration GRACE = Duration.ofSeconds(30);

    private volatile boolean requested;
    private volatile Runnable onStop;
    private final CountDownLatch finished = new CountDownLatch(1);
    private Thread hook;

    /** A signal that never comes unless {@link #request()} is called: for running commands inside a test. */
    StopSignal() {}

    /** The signal of this process: a shutdown hook, removed again by {@link #finished()} on a normal exit. */
    static StopSignal installed() {
        StopSignal signal = new StopSignal();
        Thread hook = new Thread(signal::stopAndWait, "lockscope-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        signal.hook = hook;
        return signal;
    }

    /** Whether the command should stop, between two steps of its work. Called often: a volatile read. */
    boolean requested() {
        return requested;
    }

    /**
     * Declares that the running command stops cleanly, and how to wake it ({@code Thread::interrupt} of a thread
     * blocked waiting, or nothing for a loop that polls {@link #requested()}); null when it no longer does.
     */
    void onStop(Runnable action) {
        this.onStop = action;
        if (action != null && requested) {
            action.run();
        }
    }

    /** Asks the command to stop, as the signal does. */
    void request() {
        requested = true;
        Runnable action = onStop;
        if (action != null) {
            action.run();
        }
    }

    /** The command has returned (whatever its outcome); a normal exit no longer needs the hook. */
    void finished() {
        finished.countDown();
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running: it sees the countdown and lets the process exit.
            }
        }
    }

    private void stopAndWait() {
        boolean graceful = onStop != null;
        request();
        if (graceful) {
            try {
                finished.await(GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
