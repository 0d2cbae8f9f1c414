package dev.lockscope.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.io.InputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Damaged input of any kind must end in a result or an {@link InputException}, never anything else. */
class TraceReaderFuzzTest {
    static final byte[] PLAIN = sample("fuzz.jsonl");
    static final byte[] GZIP = sample("fuzz.jsonl.gz");

    /** One damage: at a position, {@code kind} 0 flips a byte, 1 deletes a run, 2 inserts a byte, 3 repeats a run. */
    record Mutation(int kind, double where, int size, byte value) {}

    private static byte[] sample(String name) {
        try {
            Path dir = Files.createTempDirectory("lockscope-fuzz");
            Path file = dir.resolve(name);
            TraceSamples.writeAtomic(file, TraceSamples.events());
            byte[] bytes = Files.readAllBytes(file);
            Files.delete(file);
            Files.delete(dir);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Property(tries = 200)
    void randomBytesOnlyEverFailAsInput(@ForAll("bytes") byte[] bytes) throws IOException {
        assertReadsOrRefuses(bytes, ".jsonl");
    }

    @Property(tries = 200)
    void mutatedPlainTracesOnlyEverFailAsInput(@ForAll("mutations") List<Mutation> mutations) throws IOException {
        assertReadsOrRefuses(mutate(PLAIN, mutations), ".jsonl");
    }

    @Property(tries = 200)
    void mutatedGzipTracesOnlyEverFailAsInput(@ForAll("mutations") List<Mutation> mutations) throws IOException {
        assertReadsOrRefuses(mutate(GZIP, mutations), ".jsonl.gz");
    }

    @Provide
    Arbitrary<byte[]> bytes() {
        Arbitrary<byte[]> noise = Arbitraries.bytes().array(byte[].class).ofMaxSize(2000);
        // Noise after a gzip magic number exercises the decompressor too.
        return Arbitraries.oneOf(noise, noise.map(b -> {
            byte[] out = Arrays.copyOf(new byte[] {0x1f, (byte) 0x8b, 8, 0}, 4 + b.length);
            System.arraycopy(b, 0, out, 4, b.length);
            return out;
        }));
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        Arbitrary<Mutation> one = Combinators.combine(Arbitraries.integers().between(0, 3),
                Arbitraries.doubles().between(0, 1), Arbitraries.integers().between(1, 40),
                Arbitraries.bytes()).as(Mutation::new);
        return one.list().ofMinSize(1).ofMaxSize(4);
    }

    static byte[] mutate(byte[] original, List<Mutation> mutations) {
        byte[] b = original.clone();
        for (Mutation m : mutations) {
            int at = (int) (m.where() * (b.length - 1));
            int size = Math.min(m.size(), b.length - at);
            b = switch (m.kind()) {
                case 0 -> {
                    b[at] ^= (byte) (m.value() == 0 ? 1 : m.value());
                    yield b;
                }
                case 1 -> concat(Arrays.copyOfRange(b, 0, at), Arrays.copyOfRange(b, at + size, b.length));
                case 2 -> concat(Arrays.copyOfRange(b, 0, at), new byte[] {m.value()},
                        Arrays.copyOfRange(b, at, b.length));
                default -> concat(Arrays.copyOfRange(b, 0, at + size), Arrays.copyOfRange(b, at, b.length));
            };
        }
        return b;
    }

    private static byte[] concat(byte[]... parts) {
        int length = Arrays.stream(parts).mapToInt(p -> p.length).sum();
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    private static void assertReadsOrRefuses(byte[] bytes, String suffix) throws IOException {
        Path file = Files.createTempFile("lockscope-fuzz", suffix);
        try {
            Files.write(file, bytes);
            TraceSamples.Collector sink = new TraceSamples.Collector();
            try {
                ReadResult result = TraceReader.read(file, sink);
                assertThat(result.events()).isEqualTo(sink.events.size());
            } catch (InputException e) {
                assertThat(e.getMessage()).startsWith(file.toString()).doesNotContain("\n");
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
