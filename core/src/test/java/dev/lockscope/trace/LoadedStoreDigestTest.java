package dev.lockscope.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.event.AlertKind;
import dev.lockscope.event.MemberChange;
import dev.lockscope.event.TraceEvent;
import dev.lockscope.model.LockKind;
import dev.lockscope.model.Mode;
import dev.lockscope.model.Site;
import dev.lockscope.trace.store.RowSummary;
import dev.lockscope.trace.store.TraceStore;
import dev.lockscope.trace.store.TraceView;
import dev.lockscope.trace.store.Track;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loading must keep giving the very same store: for the sample traces and for seeded random traces, a digest of
 * everything a {@link TraceView} answers (rows, every track's intervals and ends, summaries at two zooms) must
 * equal the digest recorded in {@code store-digests.txt} before the load path was optimised, and {@code read}
 * must give the same digest as {@code load}. Regenerate the file (only for an intended change of what the store
 * answers) by running this test with {@code -Dlockscope.writeDigests=PATH}.
 */
class LoadedStoreDigestTest {
    private static final Path SAMPLES = Path.of("..", "sample-traces");

    @TempDir
    Path dir;

    @Test
    void loadedStoresAnswerExactlyAsRecorded() throws Exception {
        Map<String, Path> traces = new LinkedHashMap<>();
        try (var files = Files.list(SAMPLES)) {
            files.filter(f -> f.getFileName().toString().endsWith(".jsonl.gz")).sorted()
                    .forEach(f -> traces.put(f.getFileName().toString(), f));
        }
        assertThat(traces).hasSizeGreaterThanOrEqualTo(10);
        for (long seed = 1; seed <= 4; seed++) {
            Path file = dir.resolve("random-" + seed + ".jsonl");
            TraceSamples.writeAtomic(file, randomEvents(new Random(seed), 30_000));
            traces.put("random-" + seed, file);
        }

        StringBuilder actual = new StringBuilder();
        for (var e : traces.entrySet()) {
            TraceStore loaded = new TraceStore();
            TraceReader.load(e.getValue(), loaded);
            TraceStore read = new TraceStore();
            TraceReader.read(e.getValue(), read);
            String digest = digest(loaded.view());
            assertThat(digest(read.view())).as("read vs load of %s", e.getKey()).isEqualTo(digest);
            actual.append(e.getKey()).append(' ').append(loaded.size()).append(' ').append(digest).append('\n');
        }
        String out = System.getProperty("lockscope.writeDigests");
        if (out != null) {
            Files.writeString(Path.of(out), actual);
        }
        assertThat(actual.toString()).isEqualTo(recorded());
    }

    private static String recorded() throws IOException {
        try (InputStream in = LoadedStoreDigestTest.class.getResourceAsStream("store-digests.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** SHA-256 of the view's answers: rows, then per track its intervals, ends and summaries. */
    static String digest(TraceView v) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        StringBuilder s = new StringBuilder();
        s.append(v.size()).append(' ').append(v.now()).append(' ').append(v.unmatched()).append('\n');
        TreeSet<Integer> goroutines = new TreeSet<>();
        TreeSet<Integer> locks = new TreeSet<>();
        for (int row = 0; row < v.size(); row++) {
            s.append(v.event(row)).append('\n');
            if (v.goroutine(row) > 0) {
                goroutines.add(v.goroutine(row));
            }
            if (v.lock(row) >= 0) {
                locks.add(v.lock(row));
            }
            flush(md, s);
        }
        List<Track> tracks = new ArrayList<>();
        goroutines.forEach(g -> tracks.add(Track.goroutine(g)));
        locks.forEach(l -> {
            tracks.add(Track.lockHolders(l));
            tracks.add(Track.lockWaiters(l));
        });
        for (int m = 0; v.memberName(m) != null; m++) {
            tracks.add(Track.member(m));
        }
        long now = v.now();
        for (Track track : tracks) {
            int[] ids = v.overlapping(track, 0, now + 1);
            s.append(track).append(' ').append(v.intervalCount(track)).append(':');
            for (int id : ids) {
                s.append(' ').append(id).append('/').append(v.end(id)).append('/').append(v.kind(id));
            }
            s.append('\n');
            summary(s, v.summarize(track, 0, now + 1, 64));
            long from = now / 3;
            summary(s, v.summarize(track, from, from + Math.max(1, now / 50), 16));
            flush(md, s);
        }
        md.update(s.toString().getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(md.digest());
    }

    private static void summary(StringBuilder s, RowSummary r) {
        s.append(Arrays.toString(r.busyFraction())).append(Arrays.toString(r.maxConcurrency()))
                .append(Arrays.toString(r.worstState())).append('\n');
    }

    private static void flush(MessageDigest md, StringBuilder s) {
        if (s.length() > 1 << 16) {
            md.update(s.toString().getBytes(StandardCharsets.UTF_8));
            s.setLength(0);
        }
    }

    /**
     * A seeded random trace with every event type: goroutines that lock, wait (with blocker sets), sleep (some
     * beyond 2^31 ns), park, send and deliver (some message ids beyond an int), exit; some goroutines get
     * hundreds of intervals, some events pair with nothing. Times never decrease.
     */
    static List<TraceEvent> randomEvents(Random r, int n) {
        List<TraceEvent> out = new ArrayList<>();
        Site[] sites = {new Site("op", "a"), new Site("op", "b"), new Site("send", "c"), new Site("sleep", "d")};
        String[] members = {"m0", "m1", "m2", "m3", "m4"};
        long t = 0;
        int nextG = 1;
        List<Integer> live = new ArrayList<>();
        for (int lock = 0; lock < 4; lock++) {
            out.add(new TraceEvent.LockCreated(t, lock, "L" + lock, lock % 2 == 0 ? LockKind.MUTEX : LockKind.RWMUTEX));
        }
        while (out.size() < n) {
            t += r.nextInt(10) == 0 ? r.nextLong(5_000_000_000L) : r.nextInt(3_000_000);
            if (live.isEmpty() || r.nextInt(8) == 0) {
                int g = nextG++;
                out.add(new TraceEvent.Spawn(t, g, (r.nextBoolean() ? "Send(m" + r.nextInt(5) + ")" : "Worker#" + g),
                        r.nextBoolean() ? "Send" : "Worker", live.isEmpty() ? 0 : live.get(0)));
                live.add(g);
                continue;
            }
            int g = live.get(r.nextInt(Math.min(live.size(), r.nextBoolean() ? 2 : live.size())));
            int lock = r.nextInt(4);
            Mode mode = r.nextBoolean() ? Mode.READ : Mode.WRITE;
            Site site = sites[r.nextInt(sites.length)];
            String member = members[r.nextInt(members.length)];
            long msg = r.nextInt(20) == 0 ? (1L << 33) + r.nextInt(10) : r.nextInt(10);
            out.add(switch (r.nextInt(14)) {
                case 0, 1 -> new TraceEvent.Request(t, g, lock, mode, site);
                case 2, 3 -> new TraceEvent.Acquire(t, g, lock, mode, site);
                case 4, 5 -> new TraceEvent.Release(t, g, lock, mode, site);
                case 6 -> new TraceEvent.Blocked(t, g, lock, r.nextBoolean() ? List.of(1 + r.nextInt(nextG))
                        : List.of(1 + r.nextInt(nextG), 1 + r.nextInt(nextG)));
                case 7 -> new TraceEvent.Park(t, g, site);
                case 8 -> new TraceEvent.Sleep(t, g, r.nextInt(10) == 0 ? 3_000_000_000L : r.nextInt(9_000_000), site);
                case 9 -> new TraceEvent.SendStart(t, g, member, msg, r.nextInt(4_000_000), site);
                case 10 -> new TraceEvent.Deliver(t, g, member, msg, r.nextInt(4_000_000));
                case 11 -> r.nextBoolean() ? new TraceEvent.Drop(t, member, msg)
                        : new TraceEvent.MemberEvent(t, member, MemberChange.values()[r.nextInt(3)]);
                // The five kinds there were when the digests were recorded, so that the stream stays the same.
                case 12 -> r.nextInt(4) == 0 ? new TraceEvent.Alert(t, AlertKind.values()[r.nextInt(5)], "s",
                        "report", List.of(g), List.of(lock))
                        : new TraceEvent.Exit(t, live.remove(live.indexOf(g)));
                default -> new TraceEvent.Sleep(t, g, 0, site);
            });
        }
        out.add(new TraceEvent.End(t));
        return out;
    }
}
