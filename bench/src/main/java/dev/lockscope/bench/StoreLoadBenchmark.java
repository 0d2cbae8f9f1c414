package dev.lockscope.bench;

import dev.lockscope.io.InputException;
import dev.lockscope.scenario.Scenario;
import dev.lockscope.trace.TraceReader;
import dev.lockscope.trace.TraceWriter;
import dev.lockscope.trace.store.TraceStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Loading a 1-million-event trace file into a {@link TraceStore}, against the naive way of reading the same
 * file: a Jackson {@link ObjectMapper} tree per line. The file is a plain {@code .jsonl} written in setup from a
 * real run of {@code big-room} (its duration scaled to about 1,000,000 events, see {@link RoomTraces}).
 *
 * <p>{@link #load} is the real load path, {@code TraceReader.load}: streaming parse and validation on a helper
 * thread, the store's columns, intervals and summaries on the calling thread. {@link #readIntoStore} is the
 * general one-thread path ({@code TraceReader.read} with the store as its sink, a {@code TraceEvent} per line).
 * {@link #readTreePerLine} is the baseline: it only parses (no validation, no store). Divide its time by
 * {@link #load}'s for the speed-up. All return a count so the work cannot be optimised away.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g"})
public class StoreLoadBenchmark {
    private static final long EVENTS = 1_000_000;

    private Path file;
    private final ObjectMapper mapper = JsonMapper.builder().build();

    @Setup(Level.Trial)
    public void writeTrace() throws IOException {
        Scenario scenario = RoomTraces.sized("big-room", EVENTS);
        file = Files.createTempFile("lockscope-load-", ".jsonl");
        try (TraceWriter writer = TraceWriter.atomic(file, scenario)) {
            RoomTraces.run(scenario, writer);
        }
        System.out.printf("%n%s: %s, %,d bytes%n", RoomTraces.describe(scenario), file, Files.size(file));
    }

    @TearDown(Level.Trial)
    public void deleteTrace() throws IOException {
        Files.deleteIfExists(file);
    }

    /** {@code TraceReader.load(path, new TraceStore())}: returns the rows stored. */
    @Benchmark
    public int load() throws InputException {
        TraceStore store = new TraceStore();
        TraceReader.load(file, store);
        return store.size();
    }

    /** {@code TraceReader.read(path, new TraceStore())}, on one thread: returns the rows stored. */
    @Benchmark
    public int readIntoStore() throws InputException {
        TraceStore store = new TraceStore();
        TraceReader.read(file, store);
        return store.size();
    }

    /**
     * The baseline: {@code JsonMapper.readTree} on every line of a {@code BufferedReader}, as one would read JSON
     * Lines with Jackson; returns the number of fields seen (the least use of each tree).
     */
    @Benchmark
    public long readTreePerLine() throws IOException {
        long fields = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                JsonNode node = mapper.readTree(line);
                fields += node.size();
            }
        }
        return fields;
    }
}
