package dev.lockscope.cli;

import dev.lockscope.event.TraceEvent;
import dev.lockscope.io.InputException;
import dev.lockscope.run.Replay;
import dev.lockscope.trace.ReadResult;
import dev.lockscope.trace.TraceReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code replay TRACE --verify}: re-runs the scenario and recorded live commands from a trace and checks that every
 * event comes out the same, which is byte-identity of the event lines since a trace is a function of its events.
 */
@Command(name = "replay", description = "Re-runs a trace's scenario and recorded commands; --verify compares with the file.")
final class ReplayCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "TRACE", description = "A trace file (.jsonl or .jsonl.gz).")
    Path trace;

    @Option(names = "--verify", description = "Exit 3 unless the re-run is identical to the file.")
    boolean verify;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        List<TraceEvent> recorded = new ArrayList<>();
        ReadResult file = TraceReader.read(trace, recorded::add);
        if (file.truncated()) {
            throw new InputException(trace.toString(), 0, "", "cannot replay a truncated trace: "
                    + file.warning().orElse(""));
        }
        List<TraceEvent.CommandApplied> live = recorded.stream().filter(e -> e instanceof TraceEvent.CommandApplied c
                && c.live()).map(TraceEvent.CommandApplied.class::cast).toList();
        long end = recorded.isEmpty() ? 0 : recorded.getLast().time();
        List<TraceEvent> rerun = new ArrayList<>(recorded.size());
        Replay.run(file.header().scenario(), live, end, rerun::add);
        int firstDifference = -1;
        for (int i = 0; i < Math.max(recorded.size(), rerun.size()); i++) {
            if (i >= recorded.size() || i >= rerun.size() || !recorded.get(i).equals(rerun.get(i))) {
                firstDifference = i;
                break;
            }
        }
        out.println("replayed " + rerun.size() + " events of " + file.header().scenario().name() + " with "
                + live.size() + " live command" + (live.size() == 1 ? "" : "s"));
        if (firstDifference < 0) {
            out.println("identical: the re-run reproduces the file event for event");
            return 0;
        }
        out.println("DIFFERENT from event " + (firstDifference + 1) + ":");
        out.println("  file:   " + (firstDifference < recorded.size() ? recorded.get(firstDifference) : "(ends)"));
        out.println("  re-run: " + (firstDifference < rerun.size() ? rerun.get(firstDifference) : "(ends)"));
        return verify ? 3 : 0;
    }
}
