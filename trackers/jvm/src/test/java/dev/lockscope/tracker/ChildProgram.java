package dev.lockscope.tracker;

import java.util.concurrent.locks.Lock;

/**
 * The program {@link ChildJvmTest} runs in a JVM of its own, recording through {@code -Dlockscope.trace} or
 * {@code LOCKSCOPE_TRACE}: {@code forever} locks until it is killed, printing {@code running} once it has
 * recorded a thousand iterations; {@code briefly} locks a few times and returns, leaving the end to the shutdown hook.
 */
public final class ChildProgram {
    private ChildProgram() {
    }

    public static void main(String[] args) throws Exception {
        TrackedReentrantReadWriteLock rw = new TrackedReentrantReadWriteLock("rw");
        Lock mutex = new TrackedReentrantLock("mutex");
        boolean forever = args.length > 0 && args[0].equals("forever");
        Thread reader = new Thread(() -> useForever(rw.readLock(), forever ? Long.MAX_VALUE : 10), "reader-1");
        reader.start();
        for (long i = 0; forever || i < 10; i++) {
            mutex.lock();
            rw.writeLock().lock();
            rw.writeLock().unlock();
            mutex.unlock();
            if (i == 1000) {
                System.out.println("running");
                System.out.flush();
            }
            pause(forever);
        }
        reader.join();
    }

    private static void useForever(Lock lock, long times) {
        for (long i = 0; i < times; i++) {
            lock.lock();
            lock.unlock();
            pause(times == Long.MAX_VALUE);
        }
    }

    /** A killed recording should be of a modest size: a thousand iterations a second, about. */
    private static void pause(boolean forever) {
        if (forever) {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
