package dev.lockscope.cli;

import dev.lockscope.analysis.SummaryAnalyzer;
import dev.lockscope.analysis.SummaryJson;
import dev.lockscope.analysis.SummaryText;
import dev.lockscope.detect.StreamDetectors;
import dev.lockscope.model.DetectorConfig;
import dev.lockscope.trace.ReadResult;
import dev.lockscope.trace.TraceFile;
import dev.lockscope.trace.TraceReader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code stats TRACE}: the run's summary, computed from a saved trace alone. */
@Command(name = "stats", description = "Prints the summary of a saved trace (the same as 'run' printed).")
final class StatsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "TRACE", description = "A trace file (.jsonl or .jsonl.gz).")
    Path trace;

    @Option(names = "--json", description = "Print the summary as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        TraceFile.Header header = TraceReader.readHeader(trace);
        SummaryAnalyzer analyzer = new SummaryAnalyzer(header.name(trace), header.durationNs());
        ReadResult result = TraceReader.read(trace, StreamDetectors.withAlerts(header, DetectorConfig.DEFAULTS, analyzer));
        result.warning().ifPresent(w -> spec.commandLine().getErr().println("lockscope: warning: " + w));
        spec.commandLine().getOut().print(json ? SummaryJson.write(analyzer.summary())
                : SummaryText.format(analyzer.summary()));
        return 0;
    }
}
