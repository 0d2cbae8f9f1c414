package dev.lockscope.app.timeline;

import dev.lockscope.app.timeline.impl.TraceCatalog;
import dev.lockscope.trace.store.Track;
import dev.lockscope.trace.store.TraceView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Computes a {@link RangeSummary} from a view: safe on any thread, it reads only the view and its own copies. */
final class RangeSummaries {
    /** The group of a goroutine, as the catalog had it when the job was made. */
    @FunctionalInterface
    interface GroupOf {
        String of(int goroutine);
    }

    private final TraceView view;
    private final List<TraceCatalog.LockInfo> locks;
    private final GroupOf groupOf;

    RangeSummaries(TraceView view, List<TraceCatalog.LockInfo> locks, GroupOf groupOf) {
        this.view = view;
        this.locks = List.copyOf(locks);
        this.groupOf = groupOf;
    }

    RangeSummary summarize(long from, long to) {
        List<RangeSummary.Row> rows = new ArrayList<>();
        Map<String, long[]> groups = new LinkedHashMap<>(); // waits, total, max
        for (TraceCatalog.LockInfo lock : locks) {
            long[] acc = new long[3];
            for (int w : view.overlapping(Track.lockWaiters(lock.id()), from, to)) {
                long s = view.start(w);
                long e = view.endOrNow(w);
                if (e <= s) {
                    continue;
                }
                long inside = Math.min(e, to) - Math.max(s, from);
                if (inside <= 0) {
                    continue;
                }
                add(acc, inside, e - s);
                add(groups.computeIfAbsent(groupOf.of(view.intervalGoroutine(w)), k -> new long[3]), inside, e - s);
            }
            if (acc[0] > 0) {
                rows.add(new RangeSummary.Row(lock.name(), (int) acc[0], acc[1], acc[2]));
            }
        }
        groups.forEach((name, acc) -> rows.add(new RangeSummary.Row(name, (int) acc[0], acc[1], acc[2])));
        return new RangeSummary(from, to, rows);
    }

    private static void add(long[] acc, long inside, long full) {
        acc[0]++;
        acc[1] += inside;
        acc[2] = Math.max(acc[2], full);
    }
}
