package dev.lockscope.cli;

import dev.lockscope.run.ReplayVerification;
import dev.lockscope.util.Millis;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code replay TRACE --verify}: re-runs the scenario and recorded live commands from a trace and compares the
 * re-run with the file byte for byte as it runs ({@link ReplayVerification}): identical, or the first place where
 * they differ.
 */
@Command(name = "replay", description = "Re-runs a trace's scenario and recorded commands; --verify compares with the file.")
final class ReplayCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "TRACE", description = "A trace file (.jsonl or .jsonl.gz).")
    Path trace;

    @Option(names = "--verify", description = "Exit 3 unless the re-run is identical to the file.")
    boolean verify;

    @ParentCommand
    Main main;

    @Mixin
    ProgressOption progressOption = new ProgressOption();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        CommandWatch[] watch = new CommandWatch[1];
        main.stop().onStop(() -> { }); // the re-run polls the signal between instants
        ReplayVerification.Outcome outcome = null;
        try {
            outcome = ReplayVerification.verify(trace, end -> {
                watch[0] = new CommandWatch(main.stop(), spec.commandLine().getErr(), progressOption.shown(), end);
                return watch[0];
            });
        } finally {
            main.stop().onStop(null);
            if (watch[0] != null) {
                watch[0].finish(outcome != null && outcome.identical()); // else where it stopped or differed
            }
        }
        ReplayVerification.Outcome r = outcome;
        if (r.stopped()) {
            spec.commandLine().getErr().println("lockscope: stopped at " + Millis.exact(watch[0].now()) + " ms of "
                    + Millis.exact(r.endNs()) + " ms virtual; " + (r.lines() == 0 ? "nothing was compared"
                    : "the first " + r.lines() + " lines are identical"));
            return Main.STOPPED;
        }
        out.println("replayed " + r.events() + " events of " + r.name() + " with " + r.liveCommands()
                + " live command" + (r.liveCommands() == 1 ? "" : "s"));
        r.cutAt().ifPresent(end -> out.println("the file ends at " + Millis.exact(end) + " ms, before the scenario's "
                + Millis.exact(r.durationNs()) + " ms (a run saved before its end): re-run up to there"));
        if (r.identical()) {
            out.println("identical: the re-run of the header's scenario reproduces the file byte for byte ("
                    + r.lines() + " lines)");
            return 0;
        }
        out.println("DIFFERENT " + r.difference().orElseThrow().describe());
        return verify ? 3 : 0;
    }
}
