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
     * A seeded random trace with every event type that obeys the trace format's consistency rules (goroutines
     * spawned before their events and never reused, locks declared, releases of holds, exclusive write holds,
     * blocked reports inside a wait; docs/trace-format.md, "Consistency"), so that it exercises the store rather
     * than the reader's checks: goroutines that lock, wait (with blocker sets), sleep (some beyond 2^31 ns), park,
     * send and deliver (some message ids beyond an int), exit (some holding locks); some goroutines get hundreds
     * of intervals. What the rules allow that pairs with nothing is there too: acquires without a request, a
     * request replacing a pending one, deliveries without a send. Times never decrease.
     */
    static List<TraceEvent> randomEvents(Random r, int n) {
        List<TraceEvent> out = new ArrayList<>();
        Site[] sites = {new Site("op", "a"), new Site("op", "b"), new Site("send", "c"), new Site("sleep", "d")};
        String[] members = {"m0", "m1", "m2", "m3", "m4"};
        LockKind[] kinds = {LockKind.MUTEX, LockKind.RWMUTEX, LockKind.MUTEX, LockKind.RWMUTEX};
        int[] readers = new int[kinds.length];
        int[] writer = new int[kinds.length]; // 0: none
        Map<Integer, List<int[]>> holds = new LinkedHashMap<>(); // per live goroutine: {lock, read ? 1 : 0}
        Map<Integer, Integer> pending = new LinkedHashMap<>();
        long t = 0;
        int nextG = 1;
        List<Integer> live = new ArrayList<>();
        for (int lock = 0; lock < kinds.length; lock++) {
            out.add(new TraceEvent.LockCreated(t, lock, "L" + lock, kinds[lock]));
        }
        while (out.size() < n) {
            t += r.nextInt(10) == 0 ? r.nextLong(5_000_000_000L) : r.nextInt(3_000_000);
            if (live.isEmpty() || r.nextInt(8) == 0) {
                int g = nextG++;
                out.add(new TraceEvent.Spawn(t, g, (r.nextBoolean() ? "Send(m" + r.nextInt(5) + ")" : "Worker#" + g),
                        r.nextBoolean() ? "Send" : "Worker", live.isEmpty() || r.nextBoolean() ? 0 : live.get(0)));
                live.add(g);
                holds.put(g, new ArrayList<>());
                continue;
            }
            int g = live.get(r.nextInt(Math.min(live.size(), r.nextBoolean() ? 2 : live.size())));
            int lock = r.nextInt(kinds.length);
            Mode mode = kinds[lock] == LockKind.MUTEX || r.nextBoolean() ? Mode.WRITE : Mode.READ;
            Site site = sites[r.nextInt(sites.length)];
            String member = members[r.nextInt(members.length)];
            long msg = r.nextInt(20) == 0 ? (1L << 33) + r.nextInt(10) : r.nextInt(10);
            List<int[]> mine = holds.get(g);
            switch (r.nextInt(14)) {
                case 0, 1 -> {
                    out.add(new TraceEvent.Request(t, g, lock, mode, site));
                    pending.put(g, lock);
                }
                case 2, 3 -> {
                    // Mostly the goroutine's pending request, sometimes any lock (an acquire without a request).
                    Integer p = pending.get(g);
                    int l = p != null && r.nextInt(4) > 0 ? p : lock;
                    Mode m = kinds[l] == LockKind.MUTEX || r.nextBoolean() ? Mode.WRITE : Mode.READ;
                    boolean free = m == Mode.READ ? writer[l] == 0 || writer[l] == g : writer[l] == 0 && readers[l] == 0;
                    if (!free) {
                        out.add(new TraceEvent.Park(t, g, site));
                        break;
                    }
                    out.add(new TraceEvent.Acquire(t, g, l, m, site));
                    if (p != null && p == l) {
                        pending.remove(g);
                    }
                    mine.add(new int[] {l, m == Mode.READ ? 1 : 0});
                    if (m == Mode.READ) {
                        readers[l]++;
                    } else {
                        writer[l] = g;
                    }
                }
                case 4, 5 -> {
                    if (mine.isEmpty()) {
                        out.add(new TraceEvent.Sleep(t, g, 0, site));
                        break;
                    }
                    int[] h = mine.remove(r.nextInt(mine.size()));
                    release(out, t, g, h, site, readers, writer);
                }
                case 6 -> {
                    Integer p = pending.get(g);
                    if (p == null) {
                        out.add(new TraceEvent.Deliver(t, g, member, msg, r.nextInt(4_000_000))); // pairs with nothing
                        break;
                    }
                    out.add(new TraceEvent.Blocked(t, g, p, r.nextBoolean() ? List.of(1 + r.nextInt(nextG - 1))
                            : List.of(1 + r.nextInt(nextG - 1), 1 + r.nextInt(nextG - 1))));
                }
                case 7 -> out.add(new TraceEvent.Park(t, g, site));
                case 8 -> out.add(new TraceEvent.Sleep(t, g, r.nextInt(10) == 0 ? 3_000_000_000L : r.nextInt(9_000_000), site));
                case 9 -> out.add(new TraceEvent.SendStart(t, g, member, msg, r.nextInt(4_000_000), site));
                case 10 -> out.add(new TraceEvent.Deliver(t, g, member, msg, r.nextInt(4_000_000)));
                case 11 -> out.add(r.nextBoolean() ? new TraceEvent.Drop(t, member, msg)
                        : new TraceEvent.MemberEvent(t, member, MemberChange.values()[r.nextInt(3)]));
                case 12 -> {
                    if (r.nextInt(4) == 0) {
                        out.add(new TraceEvent.Alert(t, AlertKind.values()[r.nextInt(5)] /* the five lock kinds: these digests predate channel alerts */, "s",
                                "report", List.of(g), List.of(lock)));
                        break;
                    }
                    if (r.nextInt(4) > 0) { // most goroutines give their locks back first; the others exit holding
                        for (int i = mine.size() - 1; i >= 0 && out.size() < n; i--) {
                            release(out, t, g, mine.get(i), site, readers, writer);
                        }
                        mine.clear();
                    }
                    out.add(new TraceEvent.Exit(t, live.remove(live.indexOf(g))));
                    holds.remove(g);
                    pending.remove(g);
                }
                default -> out.add(new TraceEvent.Sleep(t, g, 0, site));
            }
        }
        out.add(new TraceEvent.End(t));
        return out;
    }

    private static void release(List<TraceEvent> out, long t, int g, int[] hold, Site site, int[] readers,
                                int[] writer) {
        int l = hold[0];
        boolean read = hold[1] == 1;
        out.add(new TraceEvent.Release(t, g, l, read ? Mode.READ : Mode.WRITE, site));
        if (read) {
            readers[l]--;
        } else {
            writer[l] = 0;
        }
    }
}
