package dev.lockscope.cli;

import dev.lockscope.event.AlertKind;
import dev.lockscope.event.TraceEvent;
import dev.lockscope.io.Millis;
import dev.lockscope.trace.ReadResult;
import dev.lockscope.trace.TraceReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code check TRACE}: every alert as a readable report, in the order they were raised. */
@Command(name = "check", description = "Prints every detector alert of a trace as a report, in the spirit of go-deadlock.")
final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "TRACE", description = "A trace file (.jsonl or .jsonl.gz).")
    Path trace;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Map<AlertKind, Integer> counts = new EnumMap<>(AlertKind.class);
        ReadResult result = TraceReader.read(trace, e -> {
            if (e instanceof TraceEvent.Alert a) {
                int n = counts.merge(a.kind(), 1, Integer::sum);
                out.println("=== " + a.kind().id() + " #" + n + " at " + Millis.format(a.time()) + " ms ===");
                out.println(a.report());
                out.println();
            }
        });
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
}
