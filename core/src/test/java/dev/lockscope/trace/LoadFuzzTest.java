package dev.lockscope.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** Whatever the damage, loading into a store ends exactly as reading into one: same rows, same result or error. */
class LoadFuzzTest {
    private final TraceReaderFuzzTest mutations = new TraceReaderFuzzTest();

    @Property(tries = 200)
    void loadAndReadAgreeOnDamagedPlainTraces(
            @ForAll("mutations") List<TraceReaderFuzzTest.Mutation> damage) throws IOException {
        assertAgree(TraceReaderFuzzTest.mutate(TraceReaderFuzzTest.PLAIN, damage), ".jsonl");
    }

    @Property(tries = 100)
    void loadAndReadAgreeOnDamagedGzipTraces(
            @ForAll("mutations") List<TraceReaderFuzzTest.Mutation> damage) throws IOException {
        assertAgree(TraceReaderFuzzTest.mutate(TraceReaderFuzzTest.GZIP, damage), ".jsonl.gz");
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<List<TraceReaderFuzzTest.Mutation>> mutations() {
        return mutations.mutations();
    }

    private static void assertAgree(byte[] bytes, String suffix) throws IOException {
        Path file = Files.createTempFile("lockscope-load", suffix);
        try {
            Files.write(file, bytes);
            assertThat(TraceLoadTest.load(file)).isEqualTo(TraceLoadTest.read(file));
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
