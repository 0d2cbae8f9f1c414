package dev.lockscope.cli;

import dev.lockscope.derive.ScenarioDeriver;
import dev.lockscope.io.AtomicOutput;
import dev.lockscope.io.InputException;
import dev.lockscope.model.LockSemantics;
import dev.lockscope.scenario.Scenario;
import dev.lockscope.scenario.ScenarioJson;
import dev.lockscope.trace.TraceFile;
import dev.lockscope.trace.TraceReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code derive TRACE --out scenario.json}: a lock script that re-creates a trace's waits (docs/derive.md). */
@Command(name = "derive", description = "Makes a script scenario from any trace: each goroutine performs the same "
        + "lock operations, with the measured gaps as sleeps, so running it re-creates the waits.")
final class DeriveCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "TRACE", description = "A trace file (.jsonl or .jsonl.gz).")
    Path trace;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The scenario to write (.json).")
    Path out;

    @Option(names = "--lock", paramLabel = "POLICY", description = "The read-write locks' policy in the script: "
            + "go-rwmutex, reader-preferring or fair (default: a simulated trace's own, else go-rwmutex).")
    String lock;

    @Override
    public Integer call() throws Exception {
        OutPath.check(out, List.of(new OutPath.Input(trace, "the trace")));
        TraceFile.Header header = TraceReader.readHeader(trace);
        LockSemantics policy = header.scenario().map(Scenario::lock).orElse(LockSemantics.GO_RWMUTEX);
        if (lock != null) {
            policy = LockSemantics.ofId(lock);
            if (policy == null) {
                throw new InputException("command line", 0, "--lock", "expected one of go-rwmutex, "
                        + "reader-preferring, fair, got \"" + lock + "\"");
            }
        }
        ScenarioDeriver deriver = new ScenarioDeriver(trace.toString(), policy);
        TraceReader.read(trace, deriver);
        Scenario scenario = deriver.scenario(header.name(trace) + "-derived");
        AtomicOutput.write(out, stream -> {
            stream.write((ScenarioJson.toJson(scenario) + "\n").getBytes(StandardCharsets.UTF_8));
            return null;
        });
        spec.commandLine().getOut().println("derived " + scenario.name() + " from " + trace + " to " + out
                + "; run it with: lockscope run " + out);
        return 0;
    }
}
