package dev.lockscope.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockscope.io.InputException;
import dev.lockscope.io.JsonValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The header line: who produced the trace, the scenario of a simulation only, free-form details, version 1. */
class TraceHeaderTest {
    private static final String EVENTS = "{\"t\":0,\"e\":\"spawn\",\"g\":7,\"name\":\"Room.Add#7\",\"kind\":\"Room.Add\","
            + "\"parent\":0}\n{\"t\":5,\"e\":\"end\"}\n";

    @TempDir
    Path dir;

    private Path file(String header) throws IOException {
        Path file = dir.resolve("room.jsonl");
        Files.writeString(file, header + "\n" + EVENTS, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void aTraceFromAnotherProducerNeedsNoScenario() throws Exception {
        Path file = file("{\"format\":\"lockscope-trace\",\"version\":2,\"tool\":\"lockscope-go 0.1.0\","
                + "\"producer\":\"lockscope-go\",\"details\":{\"name\":\"room.test\",\"pid\":42,\"nested\":{\"a\":[1,true]}}}");

        TraceFile.Header header = TraceReader.readHeader(file);

        assertThat(header.producer()).isEqualTo("lockscope-go");
        assertThat(header.tool()).isEqualTo("lockscope-go 0.1.0");
        assertThat(header.isSimulated()).isFalse();
        assertThat(header.scenario()).isEmpty();
        assertThat(header.durationNs()).isEmpty();
        assertThat(header.name(file)).isEqualTo("room.test");
        assertThat(TraceReader.read(file, e -> {}).events()).isEqualTo(2);
    }

    @Test
    void withoutADetailsNameTheFileNamesTheTrace() throws Exception {
        Path file = file("{\"format\":\"lockscope-trace\",\"version\":2,\"tool\":\"t\",\"producer\":\"p\"}");

        assertThat(TraceReader.readHeader(file).name(file)).isEqualTo("room");
    }

    @Test
    void detailsAreWrittenBackAsTheyWereRead() throws Exception {
        Path source = file("{\"format\":\"lockscope-trace\",\"version\":2,\"tool\":\"x\",\"producer\":\"lockscope-jfr\","
                + "\"details\":{\"name\":\"app\",\"pid\":42,\"nested\":{\"a\":[1.5,true,null,\"s\"]}}}");
        TraceFile.Header header = TraceReader.readHeader(source);
        Path copy = dir.resolve("copy.jsonl");

        try (TraceWriter writer = TraceWriter.atomic(copy, header)) {
            TraceReader.read(source, writer);
        }

        assertThat(Files.readAllLines(copy).getFirst()).isEqualTo("{\"format\":\"lockscope-trace\",\"version\":2,"
                + "\"tool\":\"lockscope 0.1.0\",\"producer\":\"lockscope-jfr\",\"details\":{\"name\":\"app\",\"pid\":42,"
                + "\"nested\":{\"a\":[1.5,true,null,\"s\"]}}}");
        assertThat(TraceReader.readHeader(copy).details()).isEqualTo(header.details());
    }

    @Test
    void aVersionOneHeaderIsASimulation() throws Exception {
        Path v3 = dir.resolve("v3.jsonl");
        TraceSamples.writeAtomic(v3, java.util.List.of()); // a room: version 3
        String v3Header = Files.readAllLines(v3).getFirst();
        Path v1 = file(v3Header.replace("\"version\":3", "\"version\":1").replace(",\"producer\":\"lockscope-sim\"", ""));

        TraceFile.Header header = TraceReader.readHeader(v1);

        assertThat(header.version()).isEqualTo(1);
        assertThat(header.producer()).isEqualTo(TraceFile.SIMULATION);
        assertThat(header.scenario()).contains(TraceSamples.scenario());
        assertThat(header.durationNs()).isEqualTo(OptionalLong.of(TraceSamples.scenario().durationNs()));
    }

    @Test
    void aSimulationNeedsItsScenarioAndOnlyASimulationHasOne() throws Exception {
        Path noScenario = file("{\"format\":\"lockscope-trace\",\"version\":2,\"tool\":\"t\",\"producer\":\"lockscope-sim\"}");
        assertThatThrownBy(() -> TraceReader.readHeader(noScenario)).isInstanceOf(InputException.class)
                .hasMessage(noScenario + ":1: missing required field \"scenario\" (producer lockscope-sim is a simulation)");

        Path v2 = dir.resolve("v2.jsonl");
        TraceSamples.writeAtomic(v2, java.util.List.of());
        Path foreign = file(Files.readAllLines(v2).getFirst().replace("lockscope-sim", "lockscope-go"));
        assertThatThrownBy(() -> TraceReader.readHeader(foreign)).isInstanceOf(InputException.class)
                .hasMessage(foreign + ":1: scenario: only a simulated trace (producer lockscope-sim) carries a scenario, "
                        + "but the producer is \"lockscope-go\"");
    }

    @Test
    void producerAndDetailsAreChecked() throws Exception {
        Path none = file("{\"format\":\"lockscope-trace\",\"version\":2,\"tool\":\"t\"}");
        assertThatThrownBy(() -> TraceReader.readHeader(none)).isInstanceOf(InputException.class)
                .hasMessage(none + ":1: missing required field \"producer\" (who produced the trace, e.g. \"lockscope-sim\")");

        Path empty = file("{\"format\":\"lockscope-trace\",\"version\":2,\"tool\":\"t\",\"producer\":\" \"}");
        assertThatThrownBy(() -> TraceReader.readHeader(empty)).isInstanceOf(InputException.class)
                .hasMessage(empty + ":1: producer: expected a name of 1 to 100 characters, got \" \"");

        Path details = file("{\"format\":\"lockscope-trace\",\"version\":2,\"tool\":\"t\",\"producer\":\"p\",\"details\":[1]}");
        assertThatThrownBy(() -> TraceReader.readHeader(details)).isInstanceOf(InputException.class)
                .hasMessage(details + ":1: details: expected an object, got an array");

        Path unknown = file("{\"format\":\"lockscope-trace\",\"version\":2,\"tool\":\"t\",\"producer\":\"p\",\"pid\":1}");
        assertThatThrownBy(() -> TraceReader.readHeader(unknown)).isInstanceOf(InputException.class)
                .hasMessageStartingWith(unknown + ":1: pid: unknown field \"pid\"");
    }

    @Test
    void replayNeedsASimulatedTrace() throws Exception {
        Path file = file("{\"format\":\"lockscope-trace\",\"version\":2,\"tool\":\"t\",\"producer\":\"lockscope-go\"}");
        TraceFile.Header header = TraceReader.readHeader(file);

        assertThatThrownBy(() -> header.requireScenario(file.toString(), "replay")).isInstanceOf(InputException.class)
                .hasMessage(file + ":1: producer: replay needs a simulated trace (producer lockscope-sim), but this one "
                        + "was produced by lockscope-go");
        assertThat(TraceFile.Header.produced("x", Optional.<JsonValue.Obj>empty()).isSimulated()).isFalse();
    }
}
