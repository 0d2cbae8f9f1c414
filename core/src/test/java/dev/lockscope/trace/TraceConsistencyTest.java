package dev.lockscope.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockscope.event.TraceEvent;
import dev.lockscope.io.InputException;
import dev.lockscope.model.LockKind;
import dev.lockscope.model.Mode;
import dev.lockscope.model.Site;
import dev.lockscope.trace.store.TraceStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The consistency rules (docs/trace-format.md, "Consistency"): each broken rule is refused with its line, in the
 * same words by both reading paths ({@code read}, and {@code load}'s pipelined parser) and, for an importer's
 * events, by {@link Imports}; what real programs' traces do (no exits, a lock kept by a goroutine that exited,
 * requests given up, a Java downgrade) is accepted.
 */
class TraceConsistencyTest {
    @TempDir
    Path dir;
    Path file;
    String header;

    @BeforeEach
    void header() throws IOException {
        Path valid = dir.resolve("valid.jsonl");
        TraceSamples.writeAtomic(valid, List.of());
        header = Files.readAllLines(valid).getFirst();
        file = dir.resolve("trace.jsonl");
    }

    // ---- goroutines ----

    @Test
    void anEventOfAGoroutineNeverSpawnedIsRefused() throws IOException {
        assertRefused(":4: g: goroutine 7 was never spawned (a spawn line must come before its other events)",
                lock(0, "mutex"), step("request", 7, 0, "w"));
        assertRefused(":3: g: goroutine 7 was never spawned (a spawn line must come before its other events)",
                "{\"t\":1,\"e\":\"exit\",\"g\":7}");
        assertRefused(":3: g: goroutine 2 was never spawned (a spawn line must come before its other events)",
                "{\"t\":1,\"e\":\"park\",\"g\":2,\"site\":0}");
    }

    @Test
    void aDuplicateSpawnIsRefused() throws IOException {
        assertRefused(":4: g: goroutine 1 was already spawned (goroutine ids are never reused)", spawn(1), spawn(1));
        assertRefused(":5: g: goroutine 1 was already spawned (goroutine ids are never reused)",
                spawn(1), "{\"t\":1,\"e\":\"exit\",\"g\":1}", spawn(1));
    }

    @Test
    void aParentMustHaveBeenSpawned() throws IOException {
        assertRefused(":3: parent: goroutine 4 was never spawned (expected 0 or an earlier goroutine)",
                "{\"t\":1,\"e\":\"spawn\",\"g\":1,\"name\":\"a\",\"kind\":\"a\",\"parent\":4}");
    }

    @Test
    void anExitedGoroutineHasNoMoreEvents() throws IOException {
        assertRefused(":5: g: goroutine 1 has exited", spawn(1), "{\"t\":1,\"e\":\"exit\",\"g\":1}",
                "{\"t\":1,\"e\":\"sleep\",\"g\":1,\"dur\":5,\"site\":0}");
    }

    // ---- locks ----

    @Test
    void anAcquireOfAnUndeclaredLockIsRefused() throws IOException {
        assertRefused(":4: lock: lock 3 was never declared (a lock line must come before its first use)",
                spawn(1), step("acquire", 1, 3, "w"));
    }

    @Test
    void aLockIsDeclaredOnce() throws IOException {
        assertRefused(":4: lock: lock 0 is already declared (lock ids are never reused)", lock(0, "mutex"),
                lock(0, "rwmutex"));
    }

    @Test
    void aMutexHasNoReadMode() throws IOException {
        assertRefused(":5: mode: lock 0 is a mutex, which has only mode w", spawn(1), lock(0, "mutex"),
                step("request", 1, 0, "r"));
    }

    // ---- holds ----

    @Test
    void aReleaseOfALockNotHeldIsRefused() throws IOException {
        assertRefused(":5: lock: goroutine 1 does not hold lock 0", spawn(1), lock(0, "mutex"),
                step("release", 1, 0, "w"));
        // Held by another goroutine: still not this one's to release.
        assertRefused(":7: lock: goroutine 2 does not hold lock 0", spawn(1), spawn(2), lock(0, "mutex"),
                step("acquire", 1, 0, "w"), step("release", 2, 0, "w"));
    }

    @Test
    void aReleaseNamesTheModeOfTheHold() throws IOException {
        assertRefused(":6: lock: goroutine 1 holds lock 0 only in mode w, not r", spawn(1), lock(0, "rwmutex"),
                step("acquire", 1, 0, "w"), step("release", 1, 0, "r"));
    }

    @Test
    void aWriteHoldExcludesEveryOtherHold() throws IOException {
        assertRefused(":7: lock: lock 0 is held in mode w by goroutine 1, so goroutine 2 cannot lock it (a write "
                + "hold excludes every other hold)", spawn(1), spawn(2), lock(0, "mutex"), step("acquire", 1, 0, "w"),
                step("acquire", 2, 0, "w"));
        assertRefused(":8: lock: lock 0 is held in mode r (2 holds), so goroutine 2 cannot lock it (a write hold "
                + "excludes every other hold)", spawn(1), spawn(2), lock(0, "rwmutex"), step("acquire", 1, 0, "r"),
                step("acquire", 1, 0, "r"), step("acquire", 2, 0, "w"));
        assertRefused(":7: lock: lock 0 is held in mode w by goroutine 1, so goroutine 2 cannot read-lock it (a "
                + "read hold needs no other goroutine's write hold)", spawn(1), spawn(2), lock(0, "rwmutex"),
                step("acquire", 1, 0, "w"), step("acquire", 2, 0, "r"));
    }

    // ---- waits ----

    @Test
    void aBlockedReportBelongsToAPendingRequest() throws IOException {
        assertRefused(":5: lock: goroutine 1 is not waiting for lock 0 (a blocked report follows the goroutine's "
                + "request)", spawn(1), lock(0, "mutex"), "{\"t\":1,\"e\":\"blocked\",\"g\":1,\"lock\":0,\"by\":[1]}");
        assertRefused(":6: by: goroutine 9 was never spawned", spawn(1), lock(0, "mutex"), step("request", 1, 0, "w"),
                "{\"t\":1,\"e\":\"blocked\",\"g\":1,\"lock\":0,\"by\":[9]}");
    }

    @Test
    void anAlertNamesSpawnedGoroutinesAndDeclaredLocks() throws IOException {
        assertRefused(":4: g: goroutine 5 was never spawned", spawn(1), alert("[1,5]", "[]"));
        assertRefused(":4: locks: lock 2 was never declared", spawn(1), alert("[1]", "[2]"));
    }

    // ---- what real programs do ----

    @Test
    void whatRealProgramsDoIsAccepted() throws Exception {
        write(spawn(1), spawn(2), spawn(3), lock(0, "rwmutex"), lock(1, "mutex"),
                // g1 takes both locks and exits holding them: they stay held, and block others.
                step("acquire", 1, 0, "w"), step("acquire", 1, 1, "w"), "{\"t\":1,\"e\":\"exit\",\"g\":1}",
                step("request", 2, 1, "w"), "{\"t\":1,\"e\":\"blocked\",\"g\":2,\"lock\":1,\"by\":[1]}",
                // A request given up (a timed-out tryLock) is replaced by the next one.
                step("request", 2, 0, "r"), "{\"t\":1,\"e\":\"blocked\",\"g\":2,\"lock\":0,\"by\":[1]}",
                // A Java downgrade: g3 takes lock 2 in w, then r, then lets w go.
                lock(2, "rwmutex"), step("acquire", 3, 2, "w"), step("acquire", 3, 2, "r"), step("release", 3, 2, "w"),
                // An acquire without a request, a recursive read hold, LIFO releases.
                step("acquire", 2, 2, "r"), step("acquire", 2, 2, "r"), step("release", 2, 2, "r"),
                step("release", 2, 2, "r"), step("release", 3, 2, "r"), step("acquire", 2, 2, "w"),
                "{\"t\":2,\"e\":\"end\"}");

        ReadResult result = TraceReader.read(file, e -> {});

        assertThat(result.truncated()).isFalse();
        assertThat(result.events()).isEqualTo(23);
        assertThat(TraceReader.load(file, new TraceStore()).events()).isEqualTo(23);
    }

    @Test
    void importedEventsObeyTheSameRules() {
        Site site = new Site("A", "a");
        TraceImporter importer = importer(new TraceEvent.Spawn(0, 1, "a", "a", 0),
                new TraceEvent.LockCreated(0, 0, "L", LockKind.MUTEX), new TraceEvent.Release(0, 1, 0, Mode.WRITE, site));

        assertThatThrownBy(() -> Imports.read(importer, e -> {})).isInstanceOf(InputException.class)
                .hasMessage("rec.jfr (event 3): lock: goroutine 1 does not hold lock 0");
    }

    // ---- helpers ----

    private static String spawn(int g) {
        return "{\"t\":1,\"e\":\"spawn\",\"g\":" + g + ",\"name\":\"w" + g + "\",\"kind\":\"w\",\"parent\":0}";
    }

    private static String lock(int id, String kind) {
        return "{\"t\":1,\"e\":\"lock\",\"lock\":" + id + ",\"name\":\"L" + id + "\",\"kind\":\"" + kind + "\"}";
    }

    private static String step(String e, int g, int lock, String mode) {
        return "{\"t\":1,\"e\":\"" + e + "\",\"g\":" + g + ",\"lock\":" + lock + ",\"mode\":\"" + mode + "\",\"site\":0}";
    }

    private static String alert(String gs, String locks) {
        return "{\"t\":1,\"e\":\"alert\",\"kind\":\"deadlock\",\"summary\":\"s\",\"report\":\"r\",\"g\":" + gs
                + ",\"locks\":" + locks + "}";
    }

    /** Writes the header, a site line (site 0), then {@code lines}. */
    private void write(String... lines) throws IOException {
        StringBuilder sb = new StringBuilder(header).append('\n')
                .append("{\"t\":0,\"e\":\"site\",\"site\":0,\"op\":\"A\",\"label\":\"a\"}\n");
        for (String line : lines) {
            sb.append(line).append('\n');
        }
        Files.writeString(file, sb, StandardCharsets.UTF_8);
    }

    /** Both reading paths refuse the file with exactly {@code message} after the file name. */
    private void assertRefused(String message, String... lines) throws IOException {
        write(lines);
        assertThatThrownBy(() -> TraceReader.read(file, e -> {})).isInstanceOf(InputException.class)
                .hasMessage(file + message);
        assertThatThrownBy(() -> TraceReader.load(file, new TraceStore())).isInstanceOf(InputException.class)
                .hasMessage(file + message);
    }

    private static TraceImporter importer(TraceEvent... events) {
        return new TraceImporter() {
            @Override
            public TraceFile.Header header() {
                return TraceFile.Header.produced("lockscope-jfr", Optional.empty());
            }

            @Override
            public String source() {
                return "rec.jfr";
            }

            @Override
            public void read(Events sink) throws InputException {
                List<TraceEvent> list = Arrays.asList(events);
                for (int i = 0; i < list.size(); i++) {
                    sink.accept(list.get(i), "event " + (i + 1));
                }
            }
        };
    }
}
