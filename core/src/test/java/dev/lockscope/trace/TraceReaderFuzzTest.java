package dev.lockscope.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.io.InputException;
import dev.lockscope.testing.Gen;
import dev.lockscope.testing.Gens;
import dev.lockscope.testing.Property;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

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

    /** Noise, or noise after a gzip magic number, which exercises the decompressor too. */
    static final Gen<byte[]> BYTES = s -> {
        boolean gzip = s.bool();
        byte[] noise = Gens.bytes(0, 2000).from(s);
        if (!gzip) {
            return noise;
        }
        byte[] out = Arrays.copyOf(new byte[] {0x1f, (byte) 0x8b, 8, 0}, 4 + noise.length);
        System.arraycopy(noise, 0, out, 4, noise.length);
        return out;
    };

    static final Gen<List<Mutation>> MUTATIONS = s -> s.listOf(1, 4, t -> new Mutation(t.intBetween(0, 3), t.unit(),
            t.intBetween(1, 40), (byte) t.intBetween(Byte.MIN_VALUE, Byte.MAX_VALUE)));

    @Test
    void randomBytesOnlyEverFailAsInput() {
        Property.forAll(BYTES).tries(200).describedBy(Gens::quote)
                .check(bytes -> assertReadsOrRefuses(bytes, ".jsonl"));
    }

    @Test
    void edgeBytesOnlyEverFailAsInput() throws IOException {
        for (byte[] bytes : List.of(new byte[0], new byte[] {0x1f, (byte) 0x8b, 8, 0}, new byte[] {0x1f, (byte) 0x8b},
                new byte[2000], "\n".repeat(2000).getBytes(StandardCharsets.US_ASCII),
                Arrays.copyOf(GZIP, GZIP.length / 2))) {
            assertReadsOrRefuses(bytes, ".jsonl");
        }
    }

    @Test
    void mutatedPlainTracesOnlyEverFailAsInput() {
        Property.forAll(MUTATIONS).tries(200).check(m -> assertReadsOrRefuses(mutate(PLAIN, m), ".jsonl"));
    }

    @Test
    void mutatedGzipTracesOnlyEverFailAsInput() {
        Property.forAll(MUTATIONS).tries(200).check(m -> assertReadsOrRefuses(mutate(GZIP, m), ".jsonl.gz"));
    }

    /** Damage at both ends and of every kind, the largest runs: edges of the mutations above. */
    static List<List<Mutation>> edgeMutations() {
        List<List<Mutation>> out = new ArrayList<>();
        for (int kind = 0; kind <= 3; kind++) {
            for (double where : new double[] {0, 1}) {
                out.add(List.of(new Mutation(kind, where, 1, (byte) 0)));
                out.add(Collections.nCopies(4, new Mutation(kind, where, 40, Byte.MIN_VALUE)));
            }
        }
        return out;
    }

    @Test
    void edgeMutationsOnlyEverFailAsInput() throws IOException {
        for (List<Mutation> m : edgeMutations()) {
            assertReadsOrRefuses(mutate(PLAIN, m), ".jsonl");
            assertReadsOrRefuses(mutate(GZIP, m), ".jsonl.gz");
        }
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
