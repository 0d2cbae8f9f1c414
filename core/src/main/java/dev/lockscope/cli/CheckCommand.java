package dev.lockscope.cli;

import dev.lockscope.detect.StreamDetectors;
import dev.lockscope.event.AlertKind;
import dev.lockscope.event.TraceEvent;
import dev.lockscope.io.InputException;
import dev.lockscope.model.DetectorConfig;
import dev.lockscope.trace.ReadResult;
import dev.lockscope.trace.TraceFile;
import dev.lockscope.trace.TraceReader;
import dev.lockscope.util.Millis;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code check TRACE}: every alert as a readable report, in the order they were raised. */
@Command(name = "check", description = "Prints every detector alert of a trace as a report, in the spirit of go-deadlock.")
final class CheckCommand implements Callable<Integer> {
    /** A day: longer thresholds are a typo, and the product with 10^6 must fit a long. */
    private static final long MAX_THRESHOLD_MS = 86_400_000L;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "TRACE", description = "A trace file (.jsonl or .jsonl.gz).")
    Path trace;

    @Option(names = "--wait-ms", paramLabel = "MS", description = "For a trace not simulated by Lockscope, whose "
            + "alerts the detectors compute: a wait alerts once it lasts longer than this (default: ${DEFAULT-VALUE}).")
    long waitMs = DetectorConfig.DEFAULT_THRESHOLD_NS / 1_000_000;

    @Option(names = "--hold-ms", paramLabel = "MS", description = "Likewise for a hold (default: ${DEFAULT-VALUE}).")
    long holdMs = DetectorConfig.DEFAULT_THRESHOLD_NS / 1_000_000;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        // Checked for every trace: a simulated one keeps its own alerts, but the detectors are configured all the same.
        checkThreshold("--wait-ms", waitMs);
        checkThreshold("--hold-ms", holdMs);
        TraceFile.Header header = TraceReader.readHeader(trace);
        if (!header.isSimulated()) {
            out.println("Alerts computed by Lockscope's detectors (a wait or hold alerts past " + waitMs + " ms / "
                    + holdMs + " ms): " + header.name(trace) + " was produced by " + header.producer() + ".");
            out.println();
        }
        DetectorConfig config = new DetectorConfig(holdMs * 1_000_000, waitMs * 1_000_000, true);
        Map<AlertKind, Integer> counts = new EnumMap<>(AlertKind.class);
        ReadResult result = TraceReader.read(trace, StreamDetectors.withAlerts(header, config, e -> {
            if (e instanceof TraceEvent.Alert a) {
                int n = counts.merge(a.kind(), 1, Integer::sum);
                out.println("=== " + a.kind().id() + " #" + n + " at " + Millis.exact(a.time()) + " ms ===");
                out.println(a.report());
                out.println();
            }
        }));
        result.warning().ifPresent(w -> spec.commandLine().getErr().println("lockscope: warning: " + w));
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        StringBuilder line = new StringBuilder(total == 0 ? "No alerts." : total + (total == 1 ? " alert:" : " alerts:"));
        for (AlertKind k : AlertKind.values()) {
            line.append(' ').append(k.id()).append(' ').append(counts.getOrDefault(k, 0))
                    .append(k.ordinal() < AlertKind.values().length - 1 ? "," : "");
        }
        out.println(line);
        return 0;
    }

    private static void checkThreshold(String option, long ms) throws InputException {
        if (ms < 0 || ms > MAX_THRESHOLD_MS) {
            throw new InputException("command line", 0, option, "expected a number of milliseconds from 0 to "
                    + MAX_THRESHOLD_MS + ", got " + ms);
        }
    }
}
