package dev.lockscope.detect;

import dev.lockscope.event.EventSink;
import dev.lockscope.event.TraceEvent;
import dev.lockscope.model.DetectorConfig;
import dev.lockscope.trace.TraceFile;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * Runs the {@link Detectors} over a recorded event stream (a trace from a real program, an import) exactly as a
 * simulation runs them, and passes the stream on with the alerts inserted where a simulation would have raised
 * them.
 *
 * <p><b>Time.</b> A simulation runs a detector's check at its due instant after everything else at that instant.
 * Here the stream is the clock: a check due at {@code T} runs just before the first event later than {@code T}
 * is passed on. An alert raised while an event is handled (recursive locking, lock order, deadlock) follows that
 * event. At the {@code End} event, checks due before it run; later ones never do, as in a simulation, whose run
 * covers {@code [0, end)}. A stream that stops without {@code End} runs no check past its last event: how long
 * its waits went on is unknown.
 *
 * <p><b>Alerts in the input</b> are dropped: the detectors raise their own, so there is one set of alerts and
 * it follows {@code config}.
 *
 * <p>Memory follows what is open (see {@link LiveState}) plus one pending check per open wait and hold.
 * Single-threaded, like every sink.
 */
public final class StreamDetectors implements EventSink {
    private final EventSink downstream;
    private final Detectors detectors;
    private final PriorityQueue<Check> checks = new PriorityQueue<>();
    /** Alerts raised while an event is being handled, passed on after it. */
    private final ArrayDeque<TraceEvent.Alert> raised = new ArrayDeque<>();
    private long sequence;

    private record Check(long due, long seq, Runnable run) implements Comparable<Check> {
        @Override
        public int compareTo(Check o) {
            int byTime = Long.compare(due, o.due);
            return byTime != 0 ? byTime : Long.compare(seq, o.seq);
        }
    }

    /**
     * The sink to read a trace into so that it has alerts: a simulation's trace carries its detectors' alerts
     * already and goes straight to {@code sink}; any other (a real program's, an import) goes through the
     * detectors with {@code config}.
     */
    public static EventSink withAlerts(TraceFile.Header header, DetectorConfig config, EventSink sink) {
        return header.isSimulated() ? sink : new StreamDetectors(config, sink);
    }

    public StreamDetectors(DetectorConfig config, EventSink downstream) {
        this.downstream = Objects.requireNonNull(downstream, "downstream");
        this.detectors = new Detectors(config, new DetectorHost() {
            @Override
            public void atEndOf(long timeNs, Runnable check) {
                checks.add(new Check(timeNs, sequence++, check));
            }

            @Override
            public void raise(TraceEvent.Alert alert) {
                raised.add(alert);
            }
        });
    }

    @Override
    public void accept(TraceEvent event) {
        runChecksBefore(event.time());
        if (event instanceof TraceEvent.Alert) {
            return;
        }
        pass(event);
    }

    @Override
    public void finish() {
        downstream.finish();
    }

    private void runChecksBefore(long time) {
        while (!checks.isEmpty() && checks.peek().due() < time) {
            checks.poll().run().run();
            passRaised();
        }
    }

    private void pass(TraceEvent event) {
        detectors.accept(event);
        downstream.accept(event);
        passRaised();
    }

    private void passRaised() {
        TraceEvent.Alert alert;
        while ((alert = raised.poll()) != null) {
            detectors.accept(alert);
            downstream.accept(alert);
        }
    }
}
