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
import dev.lockscope.util.Millis;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code run SCENARIO}: simulate, print the summary, optionally save the trace. Ctrl-C or SIGTERM stops the run
 * at the last complete instant; the trace so far is saved without its {@code end} event (readers then report it
 * as cut off) and one line on stderr says so.
 */
@Command(name = "run", description = "Runs a scenario (a file or a built-in name) and prints its summary.")
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    Main main;

    @Parameters(paramLabel = "SCENARIO", description = "A scenario file, or a built-in name (see 'scenarios').")
    String scenario;

    @Option(names = "--out", paramLabel = "TRACE", description = "Also write the trace (JSON Lines; .gz compresses).")
    Path out;

    @Option(names = "--json", description = "Print the summary as JSON.")
    boolean json;

    @Mixin
    Overrides overrides = new Overrides();

    @Mixin
    ProgressOption progressOption = new ProgressOption();

    @Override
    public Integer call() throws Exception {
        Scenario s = overrides.apply(ScenarioSource.load(scenario));
        if (out != null) {
            OutPath.check(out, ScenarioSource.file(scenario).map(f -> List.of(new OutPath.Input(f,
                    "the scenario file"))).orElse(List.of()));
        }
        SummaryAnalyzer analyzer = new SummaryAnalyzer(s.name(), s.durationNs());
        try (TraceWriter writer = out == null ? null : TraceWriter.atomic(out, s)) {
            EventSink sink = writer == null ? analyzer : new EventSink() {
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
            CommandWatch watch = new CommandWatch(main.stop(), spec.commandLine().getErr(), progressOption.shown(),
                    s.durationNs());
            main.stop().onStop(() -> { }); // the run polls the signal between instants
            boolean complete;
            try {
                complete = Simulation.start(s, sink).runToEnd(watch);
            } catch (UncheckedIOException e) {
                if (e.getCause() instanceof TraceTooLongException tooLong) { // the scenario is too big for a trace
                    watch.finish(false);
                    throw new InputException(scenario, 0, "", tooLong.getMessage()
                            + "; shorten durationMs, or run without --out");
                }
                throw e;
            }
            watch.finish(complete);
            if (!complete) {
                if (writer != null) {
                    writer.finish(); // what was recorded, without the end event
                }
                spec.commandLine().getErr().println("lockscope: stopped at " + Millis.exact(watch.now()) + " ms of "
                        + Millis.exact(s.durationNs()) + " ms virtual" + (writer == null ? ""
                        : "; the trace so far is in " + out + ", without its end event (readers report it as cut off)"));
                return Main.STOPPED;
            }
        } finally {
            main.stop().onStop(null);
        }
        var summary = analyzer.summary();
        spec.commandLine().getOut().print(json ? SummaryJson.write(summary) : SummaryText.format(summary));
        return 0;
    }
}
