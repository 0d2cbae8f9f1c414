package dev.lockscope.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.testing.Property;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Whatever the damage, loading into a store ends exactly as reading into one: same rows, same result or error. */
class LoadFuzzTest {

    @Test
    void loadAndReadAgreeOnDamagedPlainTraces() {
        Property.forAll(TraceReaderFuzzTest.MUTATIONS).tries(200)
                .check(damage -> assertAgree(TraceReaderFuzzTest.mutate(TraceReaderFuzzTest.PLAIN, damage), ".jsonl"));
    }

    @Test
    void loadAndReadAgreeOnDamagedGzipTraces() {
        Property.forAll(TraceReaderFuzzTest.MUTATIONS).tries(100)
                .check(damage -> assertAgree(TraceReaderFuzzTest.mutate(TraceReaderFuzzTest.GZIP, damage),
                        ".jsonl.gz"));
    }

    @Test
    void loadAndReadAgreeOnEdgeDamage() throws IOException {
        for (List<TraceReaderFuzzTest.Mutation> damage : TraceReaderFuzzTest.edgeMutations()) {
            assertAgree(TraceReaderFuzzTest.mutate(TraceReaderFuzzTest.PLAIN, damage), ".jsonl");
            assertAgree(TraceReaderFuzzTest.mutate(TraceReaderFuzzTest.GZIP, damage), ".jsonl.gz");
        }
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
