package dev.lockscope.cli;

import dev.lockscope.event.EventSink;
import dev.lockscope.event.TraceEvent;
import dev.lockscope.io.InputException;
import dev.lockscope.run.Replay;
import dev.lockscope.scenario.Scenario;
import dev.lockscope.trace.ReadResult;
import dev.lockscope.trace.TraceReader;
import dev.lockscope.trace.TraceWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.zip.GZIPInputStream;
import dev.lockscope.util.Millis;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code replay TRACE --verify}: re-runs the scenario and recorded live commands from a trace, writes the re-run
 * as a trace, and checks that it is byte-identical to the file (after decompression) and, to explain a
 * difference, where the events first differ.
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
        Scenario scenario = TraceReader.readHeader(trace).requireScenario(trace.toString(), "replay");
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
        Path rewritten = Files.createTempFile("lockscope-replay-", ".jsonl");
        boolean sameBytes;
        Progress progress = CommandWatch.progress(spec.commandLine().getErr(), progressOption.shown(), end);
        CommandWatch watch = new CommandWatch(main.stop(), progress);
        main.stop().onStop(() -> { }); // the re-run polls the signal between instants
        try (TraceWriter writer = TraceWriter.atomic(rewritten, scenario)) {
            boolean complete = Replay.run(trace.toString(), scenario, live, end, new EventSink() {
                @Override
                public void accept(TraceEvent e) {
                    rerun.add(e);
                    writer.accept(e);
                }

                @Override
                public void finish() {
                    writer.finish();
                }
            }, watch);
            progress.finish();
            if (!complete) {
                spec.commandLine().getErr().println("lockscope: stopped at " + Millis.exact(watch.now()) + " ms of "
                        + Millis.exact(end) + " ms virtual; nothing was compared");
                return Main.STOPPED;
            }
            sameBytes = Arrays.equals(plainBytes(trace), Files.readAllBytes(rewritten));
        } finally {
            main.stop().onStop(null);
            Files.deleteIfExists(rewritten);
        }
        int firstDifference = -1;
        for (int i = 0; i < Math.max(recorded.size(), rerun.size()); i++) {
            if (i >= recorded.size() || i >= rerun.size() || !recorded.get(i).equals(rerun.get(i))) {
                firstDifference = i;
                break;
            }
        }
        out.println("replayed " + rerun.size() + " events of " + scenario.name() + " with "
                + live.size() + " live command" + (live.size() == 1 ? "" : "s"));
        if (firstDifference < 0 && sameBytes) {
            out.println("identical: the re-run reproduces the file byte for byte");
            return 0;
        }
        if (firstDifference < 0) {
            out.println("same events, different bytes: the file was not written by this Lockscope's trace writer");
            return verify ? 3 : 0;
        }
        out.println("DIFFERENT from event " + (firstDifference + 1) + ":");
        out.println("  file:   " + (firstDifference < recorded.size() ? recorded.get(firstDifference) : "(ends)"));
        out.println("  re-run: " + (firstDifference < rerun.size() ? rerun.get(firstDifference) : "(ends)"));
        return verify ? 3 : 0;
    }

    /** The file's bytes, decompressed if it is gzip (detected by its magic number, as the reader does). */
    private static byte[] plainBytes(Path file) throws IOException {
        byte[] raw = Files.readAllBytes(file);
        if (raw.length >= 2 && (raw[0] & 0xff) == 0x1f && (raw[1] & 0xff) == 0x8b) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
                return in.readAllBytes();
            }
        }
        return raw;
    }
}
