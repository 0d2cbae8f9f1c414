package dev.lockscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.trace.TraceReader;
import dev.lockscope.trace.store.TraceStore;
import dev.lockscope.trace.store.TraceView;
import dev.lockscope.trace.store.Track;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Goroutine and lock ids come from the file and may be anything from 1 (0 for locks) to 2^31 - 1: a trace whose
 * goroutines are 2147483647 and 50,000,000 and whose lock is 2147483647 goes through {@code stats}, {@code check},
 * both exports and a store load in a JVM of 64 MB, where an array sized by such an id (4 bytes a slot: 200 MB for
 * 50,000,000) cannot fit. Each runs in a child JVM with {@code -Xmx64m}.
 */
class HugeIdsTest {
    private static final String HEADER = "{\"format\":\"lockscope-trace\",\"version\":2,\"tool\":\"test\","
            + "\"producer\":\"lockscope-go\"}";
    private static final List<String> LINES = List.of(
            "{\"t\":0,\"e\":\"spawn\",\"g\":2147483647,\"name\":\"big\",\"kind\":\"big\",\"parent\":0}",
            "{\"t\":0,\"e\":\"spawn\",\"g\":50000000,\"name\":\"mid\",\"kind\":\"mid\",\"parent\":2147483647}",
            "{\"t\":0,\"e\":\"lock\",\"lock\":2147483647,\"name\":\"L\",\"kind\":\"rwmutex\"}",
            "{\"t\":0,\"e\":\"site\",\"site\":0,\"op\":\"big\",\"label\":\"a.go:1\"}",
            "{\"t\":0,\"e\":\"request\",\"g\":2147483647,\"lock\":2147483647,\"mode\":\"w\",\"site\":0}",
            "{\"t\":0,\"e\":\"acquire\",\"g\":2147483647,\"lock\":2147483647,\"mode\":\"w\",\"site\":0}",
            "{\"t\":1000,\"e\":\"site\",\"site\":1,\"op\":\"mid\",\"label\":\"a.go:2\"}",
            "{\"t\":1000,\"e\":\"request\",\"g\":50000000,\"lock\":2147483647,\"mode\":\"r\",\"site\":1}",
            "{\"t\":1000,\"e\":\"blocked\",\"g\":50000000,\"lock\":2147483647,\"by\":[2147483647]}",
            "{\"t\":2000000000,\"e\":\"release\",\"g\":2147483647,\"lock\":2147483647,\"mode\":\"w\",\"site\":0}",
            "{\"t\":2000000000,\"e\":\"acquire\",\"g\":50000000,\"lock\":2147483647,\"mode\":\"r\",\"site\":1}",
            "{\"t\":2000000000,\"e\":\"send\",\"g\":50000000,\"member\":\"m\",\"msg\":1,\"dur\":5,\"site\":1}",
            "{\"t\":2000000005,\"e\":\"deliver\",\"g\":50000000,\"member\":\"m\",\"msg\":1,\"lat\":5}",
            "{\"t\":2000000005,\"e\":\"release\",\"g\":50000000,\"lock\":2147483647,\"mode\":\"r\",\"site\":1}",
            "{\"t\":2000000005,\"e\":\"exit\",\"g\":50000000}",
            "{\"t\":2000000010,\"e\":\"end\"}");

    @TempDir
    Path dir;
    Path trace;

    @BeforeEach
    void write() throws IOException {
        trace = dir.resolve("huge.jsonl");
        Files.writeString(trace, HEADER + "\n" + String.join("\n", LINES) + "\n", StandardCharsets.UTF_8);
    }

    @Test
    void statsCountsTheWaitBehindGoroutine2147483647() throws Exception {
        Child r = child(Main.class.getName(), "stats", trace.toString(), "--json");
        assertThat(r.err()).isEmpty();
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("\"mid\"").contains("\"max\": 2000");
    }

    @Test
    void checkReportsTheLongWait() throws Exception {
        Child r = child(Main.class.getName(), "check", trace.toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("=== long-wait #1 at ").contains("mid").contains("big");
    }

    @Test
    void theCsvExportHasEveryInterval() throws Exception {
        Path csv = dir.resolve("huge.csv");
        Child r = child(Main.class.getName(), "export", trace.toString(), "--format", "csv", "--out", csv.toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.code()).isZero();
        assertThat(Files.readAllLines(csv)).containsExactly(
                "row,kind,start_ms,end_ms,duration_ms,goroutine,lock,mode,member,blocked_by",
                "3,waiting,0,0,0,big,L,w,,",
                "4,hold-write,0,2000,2000,big,L,w,,",
                "5,waiting,0.001,2000,1999.999,mid,L,r,,big",
                "11,sending,2000,2000.000005,0.000005,mid,,,m,",
                "10,hold-read,2000,2000.000005,0.000005,mid,L,r,,",
                "1,running,0,2000.000005,2000.000005,mid,,,,",
                "0,running,0,2000.00001,2000.00001,big,,,,");
    }

    @Test
    void thePerfettoExportKeepsGoroutineAndLockThreadsApart() throws Exception {
        Path json = dir.resolve("huge.json");
        Child r = child(Main.class.getName(), "export", trace.toString(), "--format", "perfetto", "--out",
                json.toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.code()).isZero();
        String text = Files.readString(json);
        assertThat(text).contains("\"tid\":2147483647,").contains("\"tid\":50000000,")
                .contains("\"tid\":2147483649,"); // the lock's thread, above every goroutine id
    }

    @Test
    void aStoreLoadsItAndAnswersForTheHugeIds() throws Exception {
        Child r = child(LoadIntoStore.class.getName(), trace.toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.code()).isZero();
        assertThat(r.out().strip()).isEqualTo("rows 14, goroutine 2147483647: 3 intervals, goroutine 50000000: 4 "
                + "intervals, lock 2147483647 holders: 2, waiters: 2");
    }

    /** Loads a trace into a store in the child JVM and prints what a few tracks hold. */
    static final class LoadIntoStore {
        public static void main(String[] args) throws Exception {
            TraceStore store = new TraceStore();
            TraceReader.load(Path.of(args[0]), store);
            TraceView v = store.view();
            System.out.println("rows " + v.size() + ", goroutine 2147483647: "
                    + v.intervalCount(Track.goroutine(Integer.MAX_VALUE)) + " intervals, goroutine 50000000: "
                    + v.intervalCount(Track.goroutine(50_000_000)) + " intervals, lock 2147483647 holders: "
                    + v.intervalCount(Track.lockHolders(Integer.MAX_VALUE)) + ", waiters: "
                    + v.intervalCount(Track.lockWaiters(Integer.MAX_VALUE)));
        }
    }

    record Child(int code, String out, String err) {}

    /** Runs {@code main} of {@code mainClass} in a JVM of 64 MB with this test's class path. */
    static Child child(String mainClass, String... args) throws IOException, InterruptedException {
        return childWithHeap("64m", mainClass, args);
    }

    /** Runs {@code main} of {@code mainClass} in a JVM with a heap of {@code heap} and this test's class path. */
    static Child childWithHeap(String heap, String mainClass, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx" + heap, "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).start();
        p.getOutputStream().close();
        var out = p.getInputStream().readAllBytes();
        var err = p.getErrorStream().readAllBytes();
        return new Child(p.waitFor(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }
}
