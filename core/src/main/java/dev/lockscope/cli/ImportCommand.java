package dev.lockscope.cli;

import dev.lockscope.jfr.JfrImporter;
import dev.lockscope.trace.Imports;
import dev.lockscope.trace.ReadResult;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code import RECORDING.jfr --out TRACE}: a JDK Flight Recorder recording as a Lockscope trace (docs/jfr-import.md). */
@Command(name = "import", description = "Turns a JFR recording's monitor waits and parks into a Lockscope trace.")
final class ImportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "RECORDING", description = "A JFR recording (.jfr).")
    Path recording;

    @Option(names = "--out", required = true, paramLabel = "TRACE", description = "The trace to write (.jsonl or "
            + ".jsonl.gz), replaced atomically.")
    Path out;

    @Override
    public Integer call() throws Exception {
        OutPath.check(out, List.of(new OutPath.Input(recording, "the recording")));
        ReadResult result = Imports.write(new JfrImporter(recording), out);
        spec.commandLine().getOut().println("imported " + result.events() + " events from " + recording + " to " + out);
        return 0;
    }
}
