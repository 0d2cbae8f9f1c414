package dev.lockscope.trace;

import dev.lockscope.event.TraceEvent;
import dev.lockscope.io.InputException;
import dev.lockscope.model.Mode;
import dev.lockscope.model.Site;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Runs a read on a helper thread and replays its events on the calling thread, so that parsing (helper) and
 * storing (caller) overlap on two cores. The events go through a few reused {@link EventBatch}es: memory stays
 * bounded whatever the file's size, and the consumer keeps being the only thread that touches its target (a
 * store's single writer).
 *
 * <p><b>Same outcome as one thread.</b> The read checks every line before recording it, and stops at its first
 * error; the caller replays every batch recorded before that, then throws that same exception (or returns the
 * read's result). So the target sees exactly the events it would have seen from the read on one thread.
 *
 * <p><b>Failures of the caller.</b> If replaying throws, or the caller is interrupted while waiting, the helper
 * is interrupted and stops at its next hand-over (closing the file as any failed read does); the caller's
 * exception propagates, an interrupt as an {@link InputException} with the interrupt flag set again.
 */
final class PipelinedLoad {
    /** Batches in flight: enough for the reader to run ahead of a consumer that pauses (a GC, a big index). */
    private static final int BATCHES = 8;

    /** A read into a target: {@code TraceReader}'s one-thread read, with its file and limits bound. */
    @FunctionalInterface
    interface Read {
        ReadResult into(EventTarget target) throws InputException;
    }

    /** What the helper passes over: a batch of events, and with the last one the read's outcome. */
    private record Handoff(EventBatch batch, boolean last, ReadResult result, Throwable failure) {}

    /** Thrown in the helper when the caller has given up; unwinds the read. */
    private static final class Abandoned extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Abandoned() {
            super(null, null, false, false);
        }
    }

    private final BlockingQueue<Handoff> filled = new ArrayBlockingQueue<>(BATCHES + 1);
    private final BlockingQueue<EventBatch> empty = new ArrayBlockingQueue<>(BATCHES);

    private PipelinedLoad() {
        for (int i = 0; i < BATCHES; i++) {
            empty.add(new EventBatch());
        }
    }

    /** Runs {@code read} on a helper thread, replaying its events into {@code target} on this thread. */
    static ReadResult run(String source, Read read, EventTarget target) throws InputException {
        return new PipelinedLoad().consume(source, read, target);
    }

    private ReadResult consume(String source, Read read, EventTarget target) throws InputException {
        Thread helper = Thread.ofPlatform().name("lockscope-trace-reader").daemon().start(() -> produce(read));
        boolean done = false;
        try {
            while (true) {
                Handoff h = filled.take();
                target.group(() -> h.batch().replay(target));
                if (h.last()) {
                    done = true;
                    return outcome(h);
                }
                h.batch().clear();
                empty.add(h.batch());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InputException(source, 0, "", "cannot read: interrupted");
        } finally {
            if (!done) {
                helper.interrupt();
            }
        }
    }

    private static ReadResult outcome(Handoff last) throws InputException {
        return switch (last.failure()) {
            case null -> last.result();
            case InputException e -> throw e;
            case RuntimeException e -> throw e;
            case Error e -> throw e;
            default -> throw new IllegalStateException(last.failure());
        };
    }

    /** The helper: reads into batches, hands each over when full, and the last one with the outcome. */
    private void produce(Read read) {
        Recorder recorder = new Recorder();
        ReadResult result = null;
        Throwable failure = null;
        try {
            result = read.into(recorder);
        } catch (Abandoned e) {
            return; // the caller is gone
        } catch (InputException | RuntimeException | Error e) {
            failure = e;
        }
        filled.add(new Handoff(recorder.batch, true, result, failure)); // room: BATCHES + 1 slots, BATCHES batches
    }

    /** The helper's target: the current batch, swapped for an empty one when it fills. */
    private final class Recorder implements EventTarget {
        EventBatch batch = take();

        private EventBatch next() {
            if (batch.isFull()) {
                filled.add(new Handoff(batch, false, null, null));
                batch = take();
            }
            return batch;
        }

        private EventBatch take() {
            try {
                return empty.take();
            } catch (InterruptedException e) {
                throw new Abandoned();
            }
        }

        @Override
        public void spawn(long t, int g, String name, String kind, int parent) {
            next().spawn(t, g, name, kind, parent);
        }

        @Override
        public void exit(long t, int g) {
            next().exit(t, g);
        }

        @Override
        public void request(long t, int g, int lock, Mode mode, Site site) {
            next().request(t, g, lock, mode, site);
        }

        @Override
        public void acquire(long t, int g, int lock, Mode mode, Site site) {
            next().acquire(t, g, lock, mode, site);
        }

        @Override
        public void release(long t, int g, int lock, Mode mode, Site site) {
            next().release(t, g, lock, mode, site);
        }

        @Override
        public void blocked(long t, int g, int lock, int[] by, int count) {
            next().blocked(t, g, lock, by, count);
        }

        @Override
        public void park(long t, int g, Site site) {
            next().park(t, g, site);
        }

        @Override
        public void sleep(long t, int g, long durationNs, Site site) {
            next().sleep(t, g, durationNs, site);
        }

        @Override
        public void send(long t, int g, String member, long msg, long durationNs, Site site) {
            next().send(t, g, member, msg, durationNs, site);
        }

        @Override
        public void deliver(long t, int g, String member, long msg, long latencyNs) {
            next().deliver(t, g, member, msg, latencyNs);
        }

        @Override
        public void other(TraceEvent event) {
            next().other(event);
        }
    }
}
