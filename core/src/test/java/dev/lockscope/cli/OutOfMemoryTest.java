package dev.lockscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Running out of memory is one line and exit 1, saying what to do, never a stack trace: a room whose every
 * number is in range but whose combination is not (10,000 members, each send lasting an hour, a broadcast every
 * millisecond: ten million goroutines in flight a second) runs out of a 32 MB heap in a child JVM.
 */
class OutOfMemoryTest {
    @TempDir
    Path dir;

    @Test
    void aRunThatFillsTheHeapSaysSoInOneLine() throws Exception {
        StringBuilder members = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            members.append(i == 0 ? "" : ",").append("{\"name\":\"m").append(i).append("\",\"latencyMs\":3600000}");
        }
        Path scenario = dir.resolve("flood.json");
        Files.writeString(scenario, "{\"name\":\"flood\",\"durationMs\":60000,\"strategy\":\"goroutine-per-send\","
                + "\"broadcast\":{\"periodMs\":1},\"members\":[" + members + "]}");

        HugeIdsTest.Child r = HugeIdsTest.childWithHeap("32m", Main.class.getName(), "run", scenario.toString());

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).matches("lockscope: out of memory running 'run \\Q" + scenario + "\\E' in a Java heap of "
                + "\\d+ MB; run it with a larger heap \\(JAVA_TOOL_OPTIONS=-Xmx4g lockscope \\.\\.\\.\\), or give it a "
                + "smaller input\\n");
    }

    @Test
    void theLineNamesTheCommandAndTheHeap() {
        assertThat(Main.outOfMemory(new String[] {"stats", "big.jsonl.gz"}, 256L << 20)).isEqualTo("lockscope: out "
                + "of memory running 'stats big.jsonl.gz' in a Java heap of 256 MB; run it with a larger heap "
                + "(JAVA_TOOL_OPTIONS=-Xmx4g lockscope ...), or give it a smaller input");
    }
}
