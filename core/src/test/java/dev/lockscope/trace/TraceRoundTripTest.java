package dev.lockscope.trace;

import static dev.lockscope.trace.TraceSamples.events;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.io.InputException;
import dev.lockscope.scenario.ScenarioJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

class TraceRoundTripTest {
    @TempDir
    Path dir;

    @Test
    void everyEventTypeRoundTripsPlain() throws Exception {
        roundTrip(dir.resolve("trace.jsonl"));
    }

    @Test
    void everyEventTypeRoundTripsGzipped() throws Exception {
        Path file = dir.resolve("trace.jsonl.gz");
        roundTrip(file);

        try (InputStream in = Files.newInputStream(file)) {
            assertThat(in.read()).isEqualTo(0x1f);
            assertThat(in.read()).isEqualTo(0x8b);
        }
    }

    private void roundTrip(Path file) throws IOException, InputException {
        TraceSamples.writeAtomic(file, events());
        TraceSamples.Collector sink = new TraceSamples.Collector();

        ReadResult result = TraceReader.read(file, sink);

        assertThat(sink.events).isEqualTo(events());
        assertThat(sink.finished).isTrue();
        assertThat(result.events()).isEqualTo(events().size());
        assertThat(result.truncated()).isFalse();
        assertThat(result.warning()).isEmpty();
        assertThat(result.header()).isEqualTo(TraceFile.Header.simulated(TraceSamples.scenario()));
        assertThat(TraceReader.readHeader(file)).isEqualTo(result.header());
    }

    @Test
    void writesTheDocumentedLines() throws Exception {
        Path file = dir.resolve("trace.jsonl");
        TraceSamples.writeAtomic(file, events());

        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);

        assertThat(Files.readString(file)).endsWith("{\"t\":30000000,\"e\":\"end\"}\n");
        assertThat(lines.getFirst()).startsWith("{\"format\":\"lockscope-trace\",\"version\":3,"
                + "\"tool\":\"lockscope 0.1.0\",\"producer\":\"lockscope-sim\",\"scenario\":{\"name\":\"hand-example\",\"kind\":\"room\",\"seed\":1,"
                + "\"durationMs\":5000,");
        assertThat(lines.subList(1, lines.size())).containsExactly(
                "{\"t\":0,\"e\":\"spawn\",\"g\":1,\"name\":\"Broadcast#1\",\"kind\":\"Broadcast\",\"parent\":0}",
                "{\"t\":0,\"e\":\"lock\",\"lock\":0,\"name\":\"membersMx\",\"kind\":\"rwmutex\"}",
                "{\"t\":0,\"e\":\"site\",\"site\":0,\"op\":\"Broadcast\",\"label\":\"Room.Broadcast: r.membersMx.RLock()\"}",
                "{\"t\":0,\"e\":\"request\",\"g\":1,\"lock\":0,\"mode\":\"r\",\"site\":0}",
                "{\"t\":0,\"e\":\"acquire\",\"g\":1,\"lock\":0,\"mode\":\"r\",\"site\":0}",
                "{\"t\":0,\"e\":\"site\",\"site\":1,\"op\":\"Broadcast\",\"label\":\"Room.Broadcast: m.Send(msg)\"}",
                "{\"t\":0,\"e\":\"send\",\"g\":1,\"member\":\"a\",\"msg\":1,\"dur\":20000000,\"site\":1}",
                "{\"t\":1,\"e\":\"spawn\",\"g\":2,\"name\":\"Add#2\",\"kind\":\"Add\",\"parent\":1}",
                "{\"t\":2,\"e\":\"site\",\"site\":2,\"op\":\"Add\",\"label\":\"Room.Add: r.membersMx.Lock()\"}",
                "{\"t\":2,\"e\":\"request\",\"g\":2,\"lock\":0,\"mode\":\"w\",\"site\":2}",
                "{\"t\":5,\"e\":\"blocked\",\"g\":2,\"lock\":0,\"by\":[1]}",
                "{\"t\":6,\"e\":\"site\",\"site\":3,\"op\":\"Broadcast\",\"label\":\"Room.Broadcast: wg.Wait()\"}",
                "{\"t\":6,\"e\":\"park\",\"g\":2,\"site\":3}",
                "{\"t\":7,\"e\":\"spawn\",\"g\":3,\"name\":\"g1\",\"kind\":\"g1\",\"parent\":0}",
                "{\"t\":7,\"e\":\"site\",\"site\":4,\"op\":\"g1\",\"label\":\"g1: sleep 10\"}",
                "{\"t\":7,\"e\":\"sleep\",\"g\":3,\"dur\":10000000,\"site\":4}",
                "{\"t\":20000000,\"e\":\"deliver\",\"g\":1,\"member\":\"a\",\"msg\":1,\"lat\":20000000}",
                "{\"t\":21000000,\"e\":\"drop\",\"member\":\"b\",\"msg\":2}",
                "{\"t\":22000000,\"e\":\"member\",\"member\":\"d\",\"change\":\"join\"}",
                "{\"t\":23000000,\"e\":\"command\",\"step\":123,\"live\":false,"
                        + "\"command\":{\"set\":{\"member\":\"bob\",\"latencyMs\":30}}}",
                "{\"t\":23000000,\"e\":\"command\",\"step\":124,\"live\":true,"
                        + "\"command\":{\"join\":{\"name\":\"eve\",\"latencyMs\":1800,\"jitterMs\":100}}}",
                "{\"t\":24000000,\"e\":\"request\",\"g\":2,\"lock\":0,\"mode\":\"w\",\"site\":2}",
                "{\"t\":24000000,\"e\":\"site\",\"site\":5,\"op\":\"Broadcast\",\"label\":\"Room.Broadcast: r.membersMx.RUnlock()\"}",
                "{\"t\":24000000,\"e\":\"release\",\"g\":1,\"lock\":0,\"mode\":\"r\",\"site\":5}",
                "{\"t\":25000000,\"e\":\"alert\",\"kind\":\"long-wait\",\"summary\":\"g2 waited 1.2 s for membersMx\","
                        + "\"report\":\"g2 waited 1.2 s\\n  blocked by g3 \\\"Broadcast#1\\\" \u00fcber\\ttab\","
                        + "\"g\":[3,2],\"locks\":[0]}",
                "{\"t\":26000000,\"e\":\"exit\",\"g\":1}",
                "{\"t\":30000000,\"e\":\"end\"}");
    }

    @Test
    void headerEmbedsTheCanonicalScenario() throws Exception {
        Path file = dir.resolve("trace.jsonl");
        TraceSamples.writeAtomic(file, List.of());
        ObjectMapper mapper = new ObjectMapper();

        JsonNode header = mapper.readTree(Files.readAllLines(file).getFirst());

        assertThat(header.get("scenario")).isEqualTo(mapper.readTree(ScenarioJson.toJson(TraceSamples.scenario())));
    }

    @Test
    void gzipFileIsPlainJsonLinesInside() throws Exception {
        Path plain = dir.resolve("a.jsonl");
        Path gz = dir.resolve("a.jsonl.gz");
        TraceSamples.writeAtomic(plain, events());
        TraceSamples.writeAtomic(gz, events());

        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            assertThat(in.readAllBytes()).isEqualTo(Files.readAllBytes(plain));
        }
    }
}
