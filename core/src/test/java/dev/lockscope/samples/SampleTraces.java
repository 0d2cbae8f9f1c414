package dev.lockscope.samples;

import dev.lockscope.io.InputException;
import dev.lockscope.run.Simulation;
import dev.lockscope.scenario.Scenario;
import dev.lockscope.scenario.ScenarioJson;
import dev.lockscope.trace.TraceWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The curated samples in {@code sample-traces/}: each scenario file {@code NAME.json} and the trace it
 * produces, {@code NAME.jsonl.gz}. Regenerates the traces; {@link SampleTracesTest} checks that they are current.
 *
 * <p>Run from the repository root: {@code mvn -q -pl core test -Dtest=SampleTracesTest
 * -Dlockscope.regenerateSamples=true} (or this class's {@code main} from an IDE, with the folder as argument).
 */
public final class SampleTraces {
    /** Where the samples live, relative to the repository root. */
    public static final String DIR = "sample-traces";

    private SampleTraces() {}

    /** Regenerates every sample trace in the folder {@code args[0]} (default {@code sample-traces}). */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : DIR);
        for (Path scenario : scenarios(dir)) {
            Path trace = traceOf(scenario);
            write(scenario, trace);
            System.out.println("wrote " + trace + " (" + Files.size(trace) + " bytes)");
        }
    }

    /** The samples folder of this checkout, found through the {@code lockscope.repo} property tests get. */
    static Path dir() {
        return Path.of(System.getProperty("lockscope.repo", "..")).resolve(DIR);
    }

    /** The scenario files of the folder, by name. */
    static List<Path> scenarios(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        }
    }

    /** {@code NAME.jsonl.gz} next to {@code NAME.json}. */
    static Path traceOf(Path scenario) {
        String name = scenario.getFileName().toString();
        return scenario.resolveSibling(name.substring(0, name.length() - ".json".length()) + ".jsonl.gz");
    }

    /** Runs the scenario file into a trace file (gzip if its name ends in {@code .gz}), atomically. */
    static void write(Path scenarioFile, Path trace) throws IOException, InputException {
        Scenario s = ScenarioJson.read(scenarioFile);
        TraceWriter writer = TraceWriter.atomic(trace, s);
        try {
            Simulation.run(s, writer);
        } finally {
            writer.close(); // after finish() this does nothing; after a failure it drops the temporary file
        }
    }
}
