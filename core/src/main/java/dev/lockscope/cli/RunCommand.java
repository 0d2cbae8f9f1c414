package dev.lockscope.cli;

import dev.lockscope.analysis.SummaryAnalyzer;
import dev.lockscope.analysis.SummaryJson;
import dev.lockscope.analysis.SummaryText;
import dev.lockscope.event.EventSink;
import dev.lockscope.event.TraceEvent;
import dev.lockscope.io.InputException;
import dev.lockscope.run.Simulation;
import dev.lockscope.scenario.Scenario;
import dev.lockscope.scenario.ScenarioSource;
import dev.lockscope.trace.TraceTooLongException;
import dev.lockscope.trace.TraceWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code run SCENARIO}: simulate, print the summary, optionally save the trace. */
@Command(name = "run", description = "Runs a scenario (a file or a built-in name) and prints its summary.")
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SCENARIO", description = "A scenario file, or a built-in name (see 'scenarios').")
    String scenario;

    @Option(names = "--out", paramLabel = "TRACE", description = "Also write the trace (JSON Lines; .gz compresses).")
    Path out;

    @Option(names = "--json", description = "Print the summary as JSON.")
    boolean json;

    @Mixin
    Overrides overrides = new Overrides();

    @Override
    public Integer call() throws Exception {
        Scenario s = overrides.apply(ScenarioSource.load(scenario));
        SummaryAnalyzer analyzer = new SummaryAnalyzer(s.name(), s.durationNs());
        EventSink sink = analyzer;
        if (out != null) {
            TraceWriter writer = TraceWriter.atomic(out, s);
            sink = new EventSink() {
                @Override
                public void accept(TraceEvent e) {
                    analyzer.accept(e);
                    writer.accept(e);
                }

                @Override
                public void finish() {
                    writer.finish();
                }
            };
        }
        try {
            Simulation.run(s, sink);
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof TraceTooLongException tooLong) { // the scenario is too big for a trace
                throw new InputException(scenario, 0, "", tooLong.getMessage()
                        + "; shorten durationMs, or run without --out");
            }
            throw e;
        }
        var summary = analyzer.summary();
        spec.commandLine().getOut().print(json ? SummaryJson.write(summary) : SummaryText.format(summary));
        return 0;
    }
}
