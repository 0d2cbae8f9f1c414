package dev.lockscope.run;

import dev.lockscope.event.TraceEvent;
import dev.lockscope.io.InputException;
import dev.lockscope.scenario.Scenario;
import dev.lockscope.trace.ReadResult;
import dev.lockscope.trace.TraceComparison;
import dev.lockscope.trace.TraceCursor;
import dev.lockscope.trace.TraceFile;
import dev.lockscope.trace.TraceReader;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongFunction;

/**
 * {@code replay --verify}: re-runs a trace file's scenario (from its header) and its live commands, and compares
 * the re-run with the file byte for byte as it runs ({@link TraceComparison}): the header line, every event and
 * site line, what follows the last line, the gzip container. Memory does not grow with the trace: the file is
 * read as three streams, one after the other or side by side: a check of the whole file ({@link TraceReader}), the
 * live commands as the re-run reaches them ({@link TraceCursor}), and the bytes compared.
 *
 * <p><b>What it proves.</b> That the file is exactly what this Lockscope writes for the scenario in its header
 * and the live commands in it. The header is the re-run's input, so an edit of the header that changes no event
 * (the name; a setting the run never uses) gives a file that is still exactly that: it verifies. An edit that
 * changes what the run does shows as the first line that differs.
 */
public final class ReplayVerification {
    private ReplayVerification() {}

    /**
     * What the verification found.
     *
     * @param name         the scenario's name
     * @param events       the events the re-run wrote (up to the first difference)
     * @param liveCommands the live commands in the file
     * @param lines        the lines found identical
     * @param difference   the first difference, if any
     * @param endNs        the time of the file's {@code end} event
     * @param durationNs   the scenario's duration: a file that ends before it is a run saved before its end
     * @param stopped      whether the watch stopped the re-run before its end (then with no difference found)
     */
    public record Outcome(String name, long events, long liveCommands, long lines,
                          Optional<TraceComparison.Difference> difference, long endNs, long durationNs,
                          boolean stopped) {
        public Outcome {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(difference, "difference");
        }

        /** Whether the whole file was compared and found identical. */
        public boolean identical() {
            return difference.isEmpty() && !stopped;
        }

        /** The end of the file when it comes before the scenario's end. */
        public OptionalLong cutAt() {
            return endNs < durationNs ? OptionalLong.of(endNs) : OptionalLong.empty();
        }
    }

    /**
     * Verifies {@code trace}.
     *
     * @throws InputException if the file is not a complete, valid trace of a simulation
     */
    public static Outcome verify(Path trace) throws InputException {
        return verify(trace, end -> RunWatch.NONE);
    }

    /**
     * Verifies {@code trace}, the re-run asking the watch that {@code watch} makes (given the file's end time, for
     * progress) between instants; a watch that stops it gives an outcome that is {@link Outcome#stopped}.
     *
     * @throws InputException if the file is not a complete, valid trace of a simulation
     */
    public static Outcome verify(Path trace, LongFunction<RunWatch> watch) throws InputException {
        String source = trace.toString();
        TraceFile.Header header = TraceReader.readHeader(trace);
        Scenario scenario = header.requireScenario(source, "replay");
        long[] live = {0};
        long[] last = {0};
        ReadResult file = TraceReader.read(trace, e -> {
            last[0] = e.time();
            if (e instanceof TraceEvent.CommandApplied c && c.live()) {
                live[0]++;
            }
        });
        if (file.truncated()) {
            throw new InputException(source, 0, "", "cannot replay a truncated trace: " + file.warning().orElse(""));
        }
        RunWatch w = watch.apply(last[0]);
        boolean[] complete = {true};
        try (TraceCursor cursor = TraceCursor.open(trace)) {
            FileRecording recording = new FileRecording(cursor);
            TraceComparison.Outcome compared = TraceComparison.compare(trace, TraceFile.Header.simulated(scenario),
                    sink -> complete[0] = Replay.run(source, scenario, recording, sink, w));
            return new Outcome(scenario.name(), compared.events(), live[0], compared.lines(), compared.difference(),
                    last[0], scenario.durationNs(), !complete[0] && compared.difference().isEmpty());
        }
    }

    /** The file's live commands, read as the re-run reaches them. */
    private static final class FileRecording implements Replay.Recording {
        private final TraceCursor cursor;
        private long lastTime;

        FileRecording(TraceCursor cursor) {
            this.cursor = cursor;
        }

        @Override
        public TraceEvent.CommandApplied nextLiveCommand() throws InputException {
            for (TraceEvent e = cursor.next(); e != null; e = cursor.next()) {
                lastTime = e.time();
                if (e instanceof TraceEvent.CommandApplied c && c.live()) {
                    return c;
                }
            }
            return null;
        }

        @Override
        public long endNs() {
            return lastTime;
        }

        @Override
        public int line() {
            return cursor.line();
        }
    }
}
