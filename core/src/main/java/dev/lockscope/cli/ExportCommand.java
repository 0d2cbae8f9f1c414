package dev.lockscope.cli;

import dev.lockscope.io.InputException;
import dev.lockscope.trace.ReadResult;
import dev.lockscope.trace.export.IntervalCsvExporter;
import dev.lockscope.trace.export.PerfettoExporter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code export TRACE --format perfetto|csv --out FILE}: converts a saved trace for other tools. The output is
 * written atomically; a bad trace or format is exit 2 with one line, as everywhere.
 */
@Command(name = "export", description = "Converts a trace: 'perfetto' (Chrome Trace Event JSON for ui.perfetto.dev "
        + "and chrome://tracing) or 'csv' (one row per interval).")
final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "TRACE", description = "A trace file (.jsonl or .jsonl.gz).")
    Path trace;

    @Option(names = "--format", required = true, paramLabel = "F", description = "perfetto or csv.")
    String format;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The file to write (replaced "
            + "atomically; a device or FIFO is written directly).")
    Path out;

    @Override
    public Integer call() throws Exception {
        OutPath.check(out, List.of(new OutPath.Input(trace, "the trace")));
        ReadResult result = switch (format) {
            case "perfetto" -> PerfettoExporter.export(trace, out);
            case "csv" -> IntervalCsvExporter.export(trace, out);
            default -> throw new InputException("command line", 0, "--format", "expected one of perfetto, csv, got \""
                    + format + "\"");
        };
        result.warning().ifPresent(w -> spec.commandLine().getErr().println("lockscope: warning: " + w));
        spec.commandLine().getOut().println("exported " + result.events() + " events of "
                + result.header().name(trace) + " to " + out + " (" + format + ")");
        return 0;
    }
}
