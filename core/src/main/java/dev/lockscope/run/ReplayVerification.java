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
     */
    public record Outcome(String name, long events, long liveCommands, long lines,
                          Optional<TraceComparison.Difference> difference, long endNs, long durationNs) {
        public Outcome {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(difference, "difference");
        }

        public boolean identical() {
            return difference.isEmpty();
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
        try (TraceCursor cursor = TraceCursor.open(trace)) {
            FileRecording recording = new FileRecording(cursor);
            TraceComparison.Outcome compared;
            try {
                compared = TraceComparison.compare(trace, TraceFile.Header.simulated(scenario),
                        sink -> Replay.run(scenario, recording, sink));
            } catch (IllegalStateException e) { // a live command the re-run cannot apply where it was recorded
                compared = new TraceComparison.Outcome(0, 0, Optional.of(new TraceComparison.Difference.LiveCommand(
                        recording.commandLine, e.getMessage())));
            }
            return new Outcome(scenario.name(), compared.events(), live[0], compared.lines(), compared.difference(),
                    last[0], scenario.durationNs());
        }
    }

    /** The file's live commands, read as the re-run reaches them. */
    private static final class FileRecording implements Replay.Recording {
        private final TraceCursor cursor;
        private long lastTime;
        long commandLine;

        FileRecording(TraceCursor cursor) {
            this.cursor = cursor;
        }

        @Override
        public TraceEvent.CommandApplied nextLiveCommand() throws InputException {
            for (TraceEvent e = cursor.next(); e != null; e = cursor.next()) {
                lastTime = e.time();
                if (e instanceof TraceEvent.CommandApplied c && c.live()) {
                    commandLine = cursor.line();
                    return c;
                }
            }
            return null;
        }

        @Override
        public long endNs() {
            return lastTime;
        }
    }
}
