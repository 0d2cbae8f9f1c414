package dev.lockscope.app.timeline.impl;

import dev.lockscope.event.MemberChange;
import dev.lockscope.event.TraceEvent;
import dev.lockscope.interval.IntervalKind;
import dev.lockscope.model.Command;
import dev.lockscope.trace.store.RowSummary;
import dev.lockscope.trace.store.SummaryScratch;
import dev.lockscope.trace.store.TraceView;
import dev.lockscope.trace.store.Track;
import dev.lockscope.util.Millis;
import java.util.Arrays;
import java.util.List;

/**
 * One frame of the timeline as primitive arrays: rectangles, texts, markers, arrows and axis ticks in canvas
 * pixels, built from a {@link TraceView} and a {@link Frame} and then painted by {@link FramePainter}. No
 * JavaFX here, so a plan is built and measured without a stage; one instance is reused frame after frame.
 *
 * <p><b>Level of detail.</b> Only the visible rows are built. For each, the plan asks the store how many
 * intervals start in the window ({@link TraceView#countStarting}): up to a third of the plot's pixels, it draws
 * them one by one (stacked where they overlap); beyond that it draws the store's per-pixel summary
 * ({@link TraceView#summarize}), merged into runs; a member row's summary has one column per bucket of the store
 * at least {@value #MEMBER_COLUMN_PX} pixels wide, painted that wide (a thin strip of sends in flight), so
 * that each column is a bucket the store keeps whole. Goroutine lanes skip from pixel to pixel by binary search and
 * take the worst state of the goroutines inside a pixel from the catalog's per-block maxima. So the cost of a
 * frame depends on the pixels and visible rows, not on the number of events.
 */
public final class FramePlan {
    /** What to draw and where. */
    public record Frame(Viewport viewport, double plotX, double axisTop, double top, double bottom, double scrollY,
                        double scale, long now, boolean live, long playhead, long rangeStart, long rangeEnd,
                        Highlight highlight) {}

    /**
     * What the selection or hover adds: intervals outlined, and arrows "waiter &rarr; what it waited for".
     *
     * @param outlined interval ids to outline, ascending
     * @param time     the instant the arrows belong to, or -1
     * @param caption  lines that tell the chain in words, drawn in a box beside the arrows; may be empty
     */
    public record Highlight(int[] outlined, List<Arrow> arrows, long time, List<String> caption) {
        public static final Highlight NONE = new Highlight(new int[0], List.of(), -1, List.of());

        public Highlight {
            outlined = outlined.clone();
            Arrays.sort(outlined);
            arrows = List.copyOf(arrows);
            caption = List.copyOf(caption);
        }

        boolean outlines(int id) {
            return outlined.length > 0 && Arrays.binarySearch(outlined, id) >= 0;
        }
    }

    /**
     * An arrow from goroutine {@code fromG}'s lane at {@code fromT} to {@code toG}'s lane at {@code toT}: "the waiter
     * waits for it". Through primitive {@code viaPrim}'s row when the wait is on that channel or sync primitive (the
     * waiter waits on the channel, which waits for who could complete it): two arrows, lane to the channel's row and
     * the channel's row to the lane; straight from lane to lane when that row is hidden or {@code viaPrim} is -1.
     */
    public record Arrow(int fromG, long fromT, int toG, long toT, int depth, int viaPrim) {
        /** An arrow straight from lane to lane. */
        public Arrow(int fromG, long fromT, int toG, long toT, int depth) {
            this(fromG, fromT, toG, toT, depth, -1);
        }
    }

    // rectangles
    int rects;
    float[] rx = new float[1024];
    float[] ry = new float[1024];
    float[] rw = new float[1024];
    float[] rh = new float[1024];
    byte[] rstyle = new byte[1024];
    int[] rref = new int[1024];
    boolean[] routline = new boolean[1024];
    // texts
    int texts;
    float[] tx = new float[64];
    float[] ty = new float[64];
    float[] tmax = new float[64];
    byte[] tstyle = new byte[64];
    String[] ttext = new String[64];
    // markers
    int markers;
    float[] mx = new float[64];
    float[] my = new float[64];
    byte[] mkind = new byte[64];
    int[] mref = new int[64];
    String[] mlabel = new String[64];
    // arrows
    int arrows;
    float[] ax0 = new float[8];
    float[] ay0 = new float[8];
    float[] ax1 = new float[8];
    float[] ay1 = new float[8];
    int[] adepth = new int[8];
    /** Whether arrow i curves out to the left (the first leg of a chain through a channel's row), else right. */
    boolean[] aleft = new boolean[8];
    // ticks
    int ticks;
    float[] tickX = new float[32];
    String[] tickLabel = new String[32];
    float nowX;
    float playheadX;
    float markX;
    float rangeX0;
    float rangeX1;
    int firstRow;
    int lastRow;

    private TraceView view;
    private TraceCatalog catalog;
    private RowLayout layout;
    private Frame frame;
    private Viewport vp;
    private long t0;
    private long t1;
    private int pixels;
    private byte[] pixelWorst = new byte[0];
    private int[] summaryRuns = new int[0];
    /** The store's working memory for summaries, reused by every row of every frame. */
    private final SummaryScratch scratch = new SummaryScratch();

    /** The frame last built. */
    public Frame frame() {
        return frame;
    }

    public RowLayout layout() {
        return layout;
    }

    public int rectCount() {
        return rects;
    }

    public int textCount() {
        return texts;
    }

    public int markerCount() {
        return markers;
    }

    public int arrowCount() {
        return arrows;
    }

    /** The canvas y where arrow {@code i} starts (the middle of its first row). */
    public float arrowY0(int i) {
        return ay0[i];
    }

    /** The canvas y where arrow {@code i} ends. */
    public float arrowY1(int i) {
        return ay1[i];
    }

    /** Builds the plan of one frame; the arrays of the previous frame are reused. */
    public FramePlan build(TraceView view, TraceCatalog catalog, RowLayout layout, Frame frame) {
        this.view = view;
        this.catalog = catalog;
        this.layout = layout;
        this.frame = frame;
        this.vp = frame.viewport();
        this.t0 = vp.start();
        this.t1 = vp.end();
        this.pixels = Math.max(1, (int) Math.ceil(vp.width()));
        rects = 0;
        texts = 0;
        markers = 0;
        arrows = 0;
        ticks = 0;
        if (pixelWorst.length < pixels) {
            pixelWorst = new byte[pixels];
        }
        buildTicks();
        double visibleHeight = frame.bottom() - frame.top();
        firstRow = layout.firstRowBelow(frame.scrollY());
        lastRow = firstRow;
        List<RowLayout.Row> rows = layout.rows();
        while (lastRow < rows.size() && rows.get(lastRow).y() < frame.scrollY() + visibleHeight) {
            RowLayout.Row row = rows.get(lastRow);
            double y = rowTop(row);
            switch (row.type()) {
                case LOCK_HOLDERS -> holders(row.ref(), y, row.height());
                case LOCK_WAITERS -> waiters(row.ref(), y, row.height());
                case PRIM -> prim(catalog.prim(row.ref()), y, row.height());
                case LANE -> lane(catalog.lane(row.ref()), y, row.height());
                case GROUP -> collapsedGroup(row, y, row.height());
                case MEMBER -> member(catalog.member(row.ref()), y, row.height());
                case SECTION -> { }
            }
            lastRow++;
        }
        alerts();
        commands();
        arrows(frame.highlight());
        nowX = frame.live() && frame.now() >= t0 && frame.now() <= t1 ? (float) x(frame.now()) : Float.NaN;
        // Negative means none (a view may start before 0: a live run framed from just before its start).
        long ph = frame.playhead();
        playheadX = ph >= 0 && ph >= t0 && ph <= t1 ? (float) x(ph) : Float.NaN;
        long mark = frame.highlight().time();
        markX = mark >= 0 && mark >= t0 && mark <= t1 ? (float) x(mark) : Float.NaN;
        if (frame.rangeStart() >= 0 && frame.rangeEnd() > frame.rangeStart()) {
            rangeX0 = (float) clampX(x(frame.rangeStart()));
            rangeX1 = (float) clampX(x(frame.rangeEnd()));
        } else {
            rangeX0 = rangeX1 = Float.NaN;
        }
        return this;
    }

    // ---- geometry ----

    double x(long t) {
        return frame.plotX() + vp.x(t);
    }

    private double clampX(double x) {
        return Math.clamp(x, frame.plotX() - 4, frame.plotX() + vp.width() + 4);
    }

    private double rowTop(RowLayout.Row row) {
        return frame.top() + row.y() - frame.scrollY();
    }

    /** Where a style sits in a lane of height h: {offset, height} as fractions. */
    private static double laneOffset(byte style) {
        return switch (style) {
            case Ink.RUNNING, Ink.SLEEPING, Ink.PARKED -> 0.40;
            case Ink.SENDING -> 0.30;
            default -> 0.12;
        };
    }

    private static double laneHeight(byte style) {
        return switch (style) {
            case Ink.RUNNING, Ink.SLEEPING, Ink.PARKED -> 0.20;
            case Ink.SENDING -> 0.40;
            default -> 0.76;
        };
    }

    private long openEnd(int id) {
        long e = view.end(id);
        return e == TraceView.OPEN ? Math.max(view.now(), frame.now()) : e;
    }

    // ---- rows ----

    private boolean exact(Track track) {
        return view.countStarting(track, t0, t1) <= pixels / 3;
    }

    private void holders(int lock, double y, double h) {
        Track track = Track.lockHolders(lock);
        if (exact(track)) {
            stacked(view.overlapping(track, t0, t1), y, h, 4, true);
        } else {
            RowSummary s = view.summarize(track, t0, t1, pixels, scratch);
            summaryRuns(s, y + h * 0.08, h * 0.84, -1, true);
        }
    }

    private void member(TraceCatalog.MemberInfo member, double y, double h) {
        if (member.id() >= 0) {
            Track track = Track.member(member.id());
            if (exact(track)) {
                stacked(view.overlapping(track, t0, t1), y + h * 0.2, h * 0.6, 3, false);
            } else {
                RowSummary s = bucketSummary(track, t0, t1, MEMBER_COLUMN_PX);
                bucketRuns(s, t0, t1, y + h * 0.2, h * 0.6);
            }
        }
        double lastX = Double.NEGATIVE_INFINITY;
        for (int i = member.eventTimes.firstAtOrAfter(t0); i < member.eventCount() && member.eventTime(i) < t1; i++) {
            double mxv = x(member.eventTime(i));
            if (mxv - lastX >= 3) {
                MemberChange c = member.eventChange(i);
                byte kind = switch (c) {
                    case JOIN -> Ink.JOIN;
                    case LEAVE -> Ink.LEAVE;
                    case RELOAD -> Ink.RELOAD;
                };
                marker(mxv, y + h * 0.5, kind, -1, null);
                lastX = mxv;
            }
        }
        for (int i = member.latencyTimes.firstAtOrAfter(t0); i < member.latencyCount() && member.latencyTime(i) < t1; i++) {
            marker(x(member.latencyTime(i)), y + h * 0.5, Ink.LATENCY, -1, Millis.duration(member.latency(i)));
        }
    }

    /**
     * The summary of {@code track} over [from, to) in columns that are the store's own buckets: the smallest
     * bucket width (base width times 4<sup>k</sup>) at least {@code minPx} pixels wide, the window widened to
     * whole buckets. The store keeps such buckets, so each column is read whole instead of being pieced together
     * from finer buckets and swept intervals at its edges. A column is {@code minPx} to 4 &times; {@code minPx}
     * pixels wide, or one base bucket when that is wider (zoomed far in).
     */
    RowSummary bucketSummary(Track track, long from, long to, double minPx) {
        long w = view.bucketWidth();
        double minNs = minPx * vp.nsPerPixel();
        while (w < minNs && w <= Long.MAX_VALUE / 8) {
            w <<= 2;
        }
        long a = Math.floorDiv(from, w) * w;
        long b = Math.floorDiv(to - 1, w) * w + w;
        return view.summarize(track, a, b, Math.toIntExact((b - a) / w), scratch);
    }

    /** The non-idle columns of a {@link #bucketSummary} as runs of sends in flight, clipped to [from, to). */
    private void bucketRuns(RowSummary s, long from, long to, double y, double h) {
        int n = s.pixels();
        int i = 0;
        while (i < n) {
            boolean busy = s.busyFraction()[i] > 0;
            int j = i + 1;
            while (j < n && (s.busyFraction()[j] > 0) == busy) {
                j++;
            }
            if (busy) {
                double x0 = x(Math.max(from, s.from(i)));
                double x1 = x(Math.min(to, s.to(j - 1)));
                rect(x0, y, x1 - x0, h, Ink.MEMBER_SEND, -1);
            }
            i = j;
        }
    }

    /** The narrowest column, in pixels, of a crowded goroutine drawn from its summary. */
    static final int GOROUTINE_COLUMN_PX = 2;

    /** The narrowest column, in pixels, of a zoomed-out member row: a thin strip of sends in flight. */
    static final int MEMBER_COLUMN_PX = 2;

    /** Intervals in greedy stacking slots (a new slot when all are busy), each slot a thin bar. */
    private void stacked(int[] ids, double y, double h, int maxSlots, boolean holds) {
        long[] slotEnd = new long[maxSlots];
        Arrays.fill(slotEnd, Long.MIN_VALUE);
        int[] slot = new int[ids.length];
        int used = 1;
        for (int k = 0; k < ids.length; k++) {
            long s = view.start(ids[k]);
            int chosen = maxSlots - 1;
            for (int j = 0; j < maxSlots; j++) {
                if (slotEnd[j] <= s) {
                    chosen = j;
                    break;
                }
            }
            slotEnd[chosen] = Math.max(slotEnd[chosen], openEnd(ids[k]));
            slot[k] = chosen;
            used = Math.max(used, chosen + 1);
        }
        double pad = h * 0.08;
        double slotH = (h - 2 * pad) / used;
        for (int k = 0; k < ids.length; k++) {
            int id = ids[k];
            long s = view.start(id);
            long e = openEnd(id);
            byte style = holds ? Ink.of(view.kind(id)) : Ink.MEMBER_SEND;
            double x0 = clampX(x(s));
            double x1 = clampX(x(e));
            double by = y + pad + slot[k] * slotH;
            double bh = Math.max(1, slotH - (used > 1 ? 1 : 0));
            rect(x0, by, x1 - x0, bh, style, id);
            if (holds && x1 - x0 >= 60 && bh >= 9 * frame.scale()) {
                text(Math.max(x0, frame.plotX()) + 3, by + bh / 2, x1 - Math.max(x0, frame.plotX()) - 6,
                        Ink.TEXT_ON_DARK, catalog.goroutineName(view, view.intervalGoroutine(id)));
            }
            if (!holds && view.end(id) != TraceView.OPEN && x1 > frame.plotX() && x1 < frame.plotX() + vp.width()) {
                rect(x1 - 1, by - pad, 2, bh + 2 * pad, Ink.DELIVERY, id);
            }
        }
    }

    /** A summary as runs of equal worst state (or of any activity, in {@code fixedStyle}). */
    private void summaryRuns(RowSummary s, double y, double h, int fixedStyle, boolean counts) {
        int n = s.pixels();
        double pw = vp.width() / n;
        int i = 0;
        while (i < n) {
            int style = fixedStyle >= 0 ? (s.busyFraction()[i] > 0 ? fixedStyle : -1) : Ink.ofState(s.worstState()[i]);
            int j = i + 1;
            int maxConc = s.maxConcurrency()[i];
            while (j < n) {
                int sj = fixedStyle >= 0 ? (s.busyFraction()[j] > 0 ? fixedStyle : -1) : Ink.ofState(s.worstState()[j]);
                if (sj != style) {
                    break;
                }
                maxConc = Math.max(maxConc, s.maxConcurrency()[j]);
                j++;
            }
            if (style >= 0) {
                double x0 = frame.plotX() + i * pw;
                double w = (j - i) * pw;
                rect(x0, y, w, h, (byte) style, -1);
                if (counts && maxConc >= 2 && w >= 24 * frame.scale()) {
                    text(x0 + 3, y + h / 2, w - 6, Ink.TEXT_ON_DARK, "×" + maxConc);
                }
            }
            i = j;
        }
    }

    private void waiters(int lock, double y, double h) {
        Track track = Track.lockWaiters(lock);
        double base = y + h - 1;
        double full = h - 3;
        if (exact(track)) {
            int[] ids = view.overlapping(track, t0, t1);
            long[] points = new long[ids.length * 2];
            int m = 0;
            for (int id : ids) {
                long s = view.start(id);
                long e = openEnd(id);
                if (e > s) {
                    points[m++] = s << 1 | 1;
                    points[m++] = e << 1;
                }
            }
            Arrays.sort(points, 0, m);
            int active = 0;
            int peak = 0;
            for (int k = 0; k < m; k++) {
                active += (points[k] & 1) == 1 ? 1 : -1;
                peak = Math.max(peak, active);
            }
            double cap = Math.max(4, peak);
            active = 0;
            for (int k = 0; k < m; k++) {
                active += (points[k] & 1) == 1 ? 1 : -1;
                if (active > 0 && k + 1 < m) {
                    long from = points[k] >> 1;
                    long to = points[k + 1] >> 1;
                    if (to > from) {
                        waiterBar(x(from), x(to), base, full * Math.min(active, cap) / cap, active);
                    }
                }
            }
        } else {
            RowSummary s = view.summarize(track, t0, t1, pixels, scratch);
            int[] c = s.maxConcurrency();
            int n = s.pixels();
            int peak = 0;
            for (int k = 0; k < n; k++) {
                peak = Math.max(peak, c[k]);
            }
            double cap = Math.max(4, peak);
            double pw = vp.width() / n;
            int i = 0;
            while (i < n) {
                int j = i + 1;
                while (j < n && c[j] == c[i]) {
                    j++;
                }
                if (c[i] > 0) {
                    double x0 = frame.plotX() + i * pw;
                    waiterBar(x0, x0 + (j - i) * pw, base, full * Math.min(c[i], cap) / cap, c[i]);
                }
                i = j;
            }
        }
    }

    /** The three bands of a primitive's row, top to bottom: {offset, height} as fractions of the row. */
    private static final double BAND_PAD = 0.06;
    private static final double BAND = 0.28;

    /** A primitive's band: 0 its waiting senders, 1 its other waiters (receivers, selects, Wait), 2 its buffer. */
    private static int band(IntervalKind kind) {
        return switch (kind) {
            case CHAN_SEND -> 0;
            case BUFFERED -> 2;
            default -> 1;
        };
    }

    /**
     * A channel's or sync primitive's row, in three bands: the goroutines blocked sending to it, the others blocked
     * on it (receivers, selects, {@code Wait}s) and, for a buffered channel, its buffer's length as a bar as high as
     * {@code len/cap} of the band. A wait band is drawn in the style of its waits with their count; a run of one
     * waiter refers to its wait, so that pointing at it selects it. Zoomed out past the exact threshold, each
     * pixel shows its worst state only, from the store's summary.
     */
    private void prim(TraceCatalog.PrimInfo prim, double y, double h) {
        if (prim == null) {
            return;
        }
        Track track = Track.prim(prim.id());
        if (!exact(track)) {
            primSummary(prim, view.summarize(track, t0, t1, pixels, scratch), y, h);
            return;
        }
        int[] ids = view.overlapping(track, t0, t1);
        for (int band = 0; band < 3; band++) {
            long[] points = new long[ids.length * 2];
            int m = 0;
            for (int id : ids) {
                if (band(view.kind(id)) == band) {
                    long s = view.start(id);
                    long e = openEnd(id);
                    if (e > s) {
                        points[m++] = s << 1 | 1;
                        points[m++] = e << 1;
                    }
                }
            }
            Arrays.sort(points, 0, m);
            int active = 0;
            for (int k = 0; k < m; k++) {
                active += (points[k] & 1) == 1 ? 1 : -1;
                long from = points[k] >> 1;
                long to = k + 1 < m ? points[k + 1] >> 1 : from;
                if (active > 0 && to > from) {
                    primSegment(prim, band, ids, from, to, active, y, h);
                }
            }
        }
    }

    /** One stretch [from, to) of a band with {@code count} intervals going on. */
    private void primSegment(TraceCatalog.PrimInfo prim, int band, int[] ids, long from, long to, int count,
            double y, double h) {
        byte style = -1;
        int ref = -1;
        for (int id : ids) { // the earliest wait going on names the stretch; the latest kind colours it
            IntervalKind kind = view.kind(id);
            if (band(kind) == band && view.start(id) <= from && openEnd(id) >= to) {
                style = (byte) Math.max(style, Ink.of(kind));
                if (ref < 0) {
                    ref = id;
                }
            }
        }
        if (style < 0) {
            return;
        }
        double x0 = clampX(x(from));
        double x1 = clampX(x(to));
        double top = y + h * (BAND_PAD + band * (BAND + 0.04));
        double bh = h * BAND;
        if (band == 2) {
            double fill = prim.cap() > 0 ? Math.min(1, (double) count / prim.cap()) : 1;
            rect(x0, top + bh * (1 - fill), x1 - x0, bh * fill, Ink.BUFFERED, -1);
            if (x1 - x0 >= 30 * frame.scale()) {
                text(Math.max(x0, frame.plotX()) + 3, top + bh / 2, x1 - Math.max(x0, frame.plotX()) - 6,
                        Ink.TEXT_ON_LIGHT, count + (prim.cap() > 0 ? "/" + prim.cap() : ""));
            }
            return;
        }
        rect(x0, top, x1 - x0, bh, style, count == 1 ? ref : -1);
        if (count >= 2 && x1 - x0 >= 18 * frame.scale()) {
            text(Math.max(x0, frame.plotX()) + 3, top + bh / 2, x1 - Math.max(x0, frame.plotX()) - 6, Ink.TEXT_ON_DARK,
                    "×" + count);
        }
    }

    /** A primitive's row from the store's summary: each pixel's worst state in its band. */
    private void primSummary(TraceCatalog.PrimInfo prim, RowSummary s, double y, double h) {
        int n = s.pixels();
        double pw = vp.width() / n;
        int i = 0;
        while (i < n) {
            int state = s.worstState()[i];
            int j = i + 1;
            while (j < n && s.worstState()[j] == state) {
                j++;
            }
            if (state >= 0) {
                IntervalKind kind = IntervalKind.ofOrdinal(state);
                int band = band(kind);
                double x0 = frame.plotX() + i * pw;
                double top = y + h * (BAND_PAD + band * (BAND + 0.04));
                rect(x0, top, (j - i) * pw, h * BAND, Ink.of(kind), -1);
            }
            i = j;
        }
    }

    private void waiterBar(double x0, double x1, double base, double height, int count) {
        x0 = clampX(x0);
        x1 = clampX(x1);
        rect(x0, base - height, x1 - x0, height, Ink.WAITERS, -1);
        if (x1 - x0 >= 14 * frame.scale() && count >= 1) {
            text(x0 + 2, base - height / 2 - 0.5, x1 - x0 - 4, Ink.TEXT_ON_DARK, Integer.toString(count));
        }
    }

    private long laneEnd(TraceCatalog.Lane lane, int i) {
        long e = lane.end(i);
        return e == TraceView.OPEN ? Math.max(view.now(), frame.now()) : e;
    }

    /**
     * A lane: goroutines two pixels wide or more in full; narrower ones pixel by pixel, each pixel's run drawn in
     * the worst state of the goroutines in it.
     */
    private void lane(TraceCatalog.Lane lane, double y, double h) {
        int i = lane.firstEndingAfter(t0, 0);
        double nsPerPixel = vp.nsPerPixel();
        // more goroutines in view than a twelfth of the pixels: all drawn per pixel, none in full
        boolean crowded = lane.firstStartingAtOrAfter(t1, i) - i > pixels / 12;
        double wide = crowded ? Double.POSITIVE_INFINITY : 2 * nsPerPixel;
        while (i < lane.size()) {
            long s = lane.start(i);
            if (s >= t1) {
                break;
            }
            if (laneEnd(lane, i) - s >= wide) {
                goroutine(lane.occupant(i), y, h);
                i++;
                continue;
            }
            double xs = x(s);
            long pixelEnd = vp.time(Math.floor(xs - frame.plotX()) + 1);
            int j = lane.firstStartingAtOrAfter(Math.max(pixelEnd, s + 1), i + 1);
            if (j - 1 > i && laneEnd(lane, j - 1) - lane.start(j - 1) >= wide) {
                j--; // the last one is wide: drawn in full next
            }
            byte worst = lane.worst(i, j);
            double x1 = Math.max(xs + 1, x(laneEnd(lane, j - 1)));
            rect(clampX(xs), y + h * laneOffset(worst), clampX(x1) - clampX(xs), h * laneHeight(worst), worst,
                    j - i == 1 ? lane.occupant(i) : -1);
            i = j;
        }
    }

    /**
     * One goroutine in full: running, then holds, sends and waits on top, with its name. A goroutine with more
     * intervals in view than half its pixels (a broadcast that sends to 500 members) is drawn from its track's
     * summary instead, in columns of the store's buckets at least {@value #GOROUTINE_COLUMN_PX} pixels wide, in the
     * worst state of each.
     */
    private void goroutine(int running, double y, double h) {
        int g = view.intervalGoroutine(running);
        Track track = Track.goroutine(g);
        long from = Math.max(t0, view.start(running));
        long to = Math.min(t1, openEnd(running));
        double width = x(to) - x(from);
        if (to > from && view.countStarting(track, from, to) > width / 2) {
            RowSummary s = bucketSummary(track, from, to, GOROUTINE_COLUMN_PX);
            int i = 0;
            while (i < s.pixels()) {
                int j = i + 1;
                while (j < s.pixels() && s.worstState()[j] == s.worstState()[i]) {
                    j++;
                }
                byte w = Ink.ofState(s.worstState()[i]);
                if (w >= 0) {
                    double x0 = clampX(x(Math.max(from, s.from(i))));
                    double x1 = clampX(x(Math.min(to, s.to(j - 1))));
                    rect(x0, y + h * laneOffset(w), x1 - x0, h * laneHeight(w), w, running);
                }
                i = j;
            }
            label(running, g, y, h);
            return;
        }
        int[] ids = view.overlapping(track, t0, t1);
        for (int layer = 0; layer < 4; layer++) {
            for (int id : ids) {
                IntervalKind kind = view.kind(id);
                int l = switch (kind) {
                    case RUNNING, SLEEPING, PARKED -> 0;
                    case HOLD_READ, HOLD_WRITE -> 1;
                    case SENDING, BUFFERED -> 2;
                    case WAITING, CHAN_SEND, CHAN_RECV, SELECT, WG_WAIT, COND_WAIT, ONCE_WAIT -> 3;
                };
                if (l != layer) {
                    continue;
                }
                long s = view.start(id);
                long e = openEnd(id);
                if (kind.isWait() && e <= s) {
                    continue; // granted at once: no wait
                }
                byte style = Ink.of(kind);
                double x0 = clampX(x(s));
                double x1 = clampX(x(e));
                double off = kind == IntervalKind.SENDING ? 0.60 : laneOffset(style);
                double hh = kind == IntervalKind.SENDING ? 0.22 : laneHeight(style);
                rect(x0, y + h * off, Math.max(1, x1 - x0), h * hh, style, id);
            }
        }
        label(running, g, y, h);
    }

    private void label(int running, int g, double y, double h) {
        double xs = Math.max(x(view.start(running)), frame.plotX());
        double xe = clampX(x(openEnd(running)));
        if (xe - xs >= 70 * frame.scale()) {
            text(xs + 3, y + h * 0.37, xe - xs - 6, Ink.TEXT_ON_DARK, catalog.goroutineName(view, g));
        }
    }

    private void collapsedGroup(RowLayout.Row row, double y, double h) {
        if (!collapsedGroupHasLanes(row)) {
            return;
        }
        Arrays.fill(pixelWorst, 0, pixels, (byte) -1);
        for (TraceCatalog.Lane lane : catalog.groups().get(row.ref()).lanes()) {
            int i = lane.firstEndingAfter(t0, 0);
            while (i < lane.size()) {
                long s = lane.start(i);
                if (s >= t1) {
                    break;
                }
                int p0 = (int) Math.max(0, Math.floor(vp.x(s)));
                long pixelEnd = vp.time(p0 + 1);
                int j = Math.max(i + 1, lane.firstStartingAtOrAfter(pixelEnd, i + 1));
                byte w = lane.worst(i, j);
                int p1 = (int) Math.min(pixels - 1, Math.floor(vp.x(laneEnd(lane, j - 1))));
                for (int p = p0; p <= p1; p++) {
                    pixelWorst[p] = (byte) Math.max(pixelWorst[p], w);
                }
                i = j;
            }
        }
        int p = 0;
        while (p < pixels) {
            int q = p + 1;
            while (q < pixels && pixelWorst[q] == pixelWorst[p]) {
                q++;
            }
            byte w = pixelWorst[p];
            if (w >= 0) {
                rect(frame.plotX() + p, y + h * laneOffset(w), q - p, h * laneHeight(w), w, -1);
            }
            p = q;
        }
    }

    private boolean collapsedGroupHasLanes(RowLayout.Row row) {
        return row.collapsed() && row.ref() >= 0 && row.ref() < catalog.groups().size();
    }

    // ---- markers ----

    private void alerts() {
        double lastX = Double.NEGATIVE_INFINITY;
        int first = catalog.firstAlertAtOrAfter(t0);
        int drawnOnRows = 0;
        for (int i = first; i < catalog.alertCount() && catalog.alertTime(i) < t1; i++) {
            double ax = x(catalog.alertTime(i));
            if (ax - lastX >= 4) {
                marker(ax, alertY(), Ink.ALERT_AXIS, catalog.alertRow(i), null);
                lastX = ax;
            }
            if (drawnOnRows++ < 300 && catalog.alertRow(i) < view.size()) {
                TraceEvent.Alert alert = (TraceEvent.Alert) view.event(catalog.alertRow(i));
                for (int g : alert.goroutines().subList(0, Math.min(1, alert.goroutines().size()))) {
                    int r = layout.laneRow(catalog.laneOf(g));
                    if (r >= 0) {
                        RowLayout.Row row = layout.row(r);
                        marker(ax, rowTop(row) + 1, Ink.ALERT_ROW, catalog.alertRow(i), null);
                    }
                }
                for (int lock : alert.locks()) { // locks and primitives share one id space
                    int r = layout.lockRow(lock) >= 0 ? layout.lockRow(lock) : layout.primRow(lock);
                    if (r >= 0) {
                        marker(ax, rowTop(layout.row(r)) + 1, Ink.ALERT_ROW, catalog.alertRow(i), null);
                    }
                }
            }
        }
    }

    private void commands() {
        int first = catalog.firstCommandAtOrAfter(t0);
        int drawn = 0;
        for (int i = first; i < catalog.commandCount() && catalog.commandTime(i) < t1 && drawn < 200; i++, drawn++) {
            int row = catalog.commandRow(i);
            if (row >= view.size()) {
                break;
            }
            TraceEvent.CommandApplied c = (TraceEvent.CommandApplied) view.event(row);
            double cx = x(c.time());
            int last = markers - 1;
            if (last >= 0 && mkind[last] == Ink.COMMAND && cx - mx[last] < 1) {
                mlabel[last] = mlabel[last] + ", " + describe(c.command()); // one flag, one label per instant
                continue;
            }
            marker(cx, commandY(), Ink.COMMAND, row, describe(c.command()));
        }
    }

    /**
     * The axis has three bands, so that nothing written there sits on anything else: tick labels and the "now"
     * label on top, command flags and their labels in the middle, alert diamonds at the bottom.
     */
    private double commandY() {
        return frame.axisTop() + (frame.top() - frame.axisTop()) * 0.55;
    }

    /** The centre of the alert diamonds: the axis' bottom band. */
    private double alertY() {
        return frame.axisTop() + (frame.top() - frame.axisTop()) * 0.84;
    }

    /**
     * A command in a few words: {@code eve joins (1.8 s)}, {@code strategy: snapshot}, {@code eve latency 2 s},
     * {@code eve jitter ±1.2 s} (only what it changes).
     */
    public static String describe(Command command) {
        return switch (command) {
            case Command.Join j -> j.member() + " joins (" + Millis.duration(j.latencyNs()) + ")";
            case Command.Leave l -> l.member() + " leaves";
            case Command.Reload r -> r.member() + " reloads";
            case Command.SetMember s -> s.member() + (s.latencyNs().isPresent()
                    ? " latency " + Millis.duration(s.latencyNs().getAsLong()) : "")
                    + (s.jitterNs().isPresent() ? " jitter ±" + Millis.duration(s.jitterNs().getAsLong()) : "");
            case Command.SetStrategy s -> "strategy: " + s.id();
            case Command.SetLock l -> "lock: " + l.semantics().id();
            case Command.SetBroadcastPeriod p -> "broadcast every " + Millis.duration(p.periodNs());
        };
    }

    private void arrows(Highlight highlight) {
        for (Arrow a : highlight.arrows()) {
            int r0 = layout.laneRow(catalog.laneOf(a.fromG()));
            int r1 = layout.laneRow(catalog.laneOf(a.toG()));
            if (r0 < 0 || r1 < 0) {
                continue;
            }
            double shift = a.depth() * 34 * frame.scale(); // each step of the chain a little further right
            double x0 = x(a.fromT()) + shift;
            double x1 = x(a.toT()) + shift;
            int via = a.viaPrim() < 0 ? -1 : layout.primRow(a.viaPrim());
            if (via >= 0) {
                // Lane -> the channel's row -> lane, at the instant of the wait: out to the left and back on the
                // right, so that the two legs do not lie on each other when the two lanes are neighbours.
                double xv = (x0 + x1) / 2;
                arrow(x0, middle(r0), xv, middle(via), a.depth(), true);
                arrow(xv, middle(via), x1, middle(r1), a.depth(), false);
            } else {
                arrow(x0, middle(r0), x1, middle(r1), a.depth(), false);
            }
        }
    }

    /** The canvas y of the middle of row {@code r}. */
    private double middle(int r) {
        RowLayout.Row row = layout.row(r);
        return rowTop(row) + row.height() / 2;
    }

    private void arrow(double x0, double y0, double x1, double y1, int depth, boolean left) {
        if (arrows == ax0.length) {
            int n = arrows * 2;
            ax0 = Arrays.copyOf(ax0, n);
            ay0 = Arrays.copyOf(ay0, n);
            ax1 = Arrays.copyOf(ax1, n);
            ay1 = Arrays.copyOf(ay1, n);
            adepth = Arrays.copyOf(adepth, n);
            aleft = Arrays.copyOf(aleft, n);
        }
        ax0[arrows] = (float) x0;
        ay0[arrows] = (float) y0;
        ax1[arrows] = (float) x1;
        ay1[arrows] = (float) y1;
        adepth[arrows] = depth;
        aleft[arrows] = left;
        arrows++;
    }

    private void buildTicks() {
        long step = Ticks.step(vp, 110 * frame.scale());
        for (long t = Ticks.first(vp, step); t < t1 && ticks < 64; t += step) {
            if (ticks == tickX.length) {
                tickX = Arrays.copyOf(tickX, ticks * 2);
                tickLabel = Arrays.copyOf(tickLabel, ticks * 2);
            }
            tickX[ticks] = (float) x(t);
            tickLabel[ticks] = Ticks.label(t, step);
            ticks++;
        }
    }

    // ---- appending ----

    private void rect(double x, double y, double w, double h, byte style, int ref) {
        if (w <= 0) {
            w = 1;
        }
        int last = rects - 1;
        if (last >= 0 && rstyle[last] == style && ry[last] == (float) y && rh[last] == (float) h
                && x <= rx[last] + rw[last] + 0.5 && x >= rx[last]
                && (rref[last] == ref || (w < 1.5 && rw[last] < 3))) {
            rw[last] = (float) Math.max(rw[last], x + w - rx[last]);
            if (rref[last] != ref) {
                rref[last] = -1;
            }
            return;
        }
        if (rects == rx.length) {
            int n = rects * 2;
            rx = Arrays.copyOf(rx, n);
            ry = Arrays.copyOf(ry, n);
            rw = Arrays.copyOf(rw, n);
            rh = Arrays.copyOf(rh, n);
            rstyle = Arrays.copyOf(rstyle, n);
            rref = Arrays.copyOf(rref, n);
            routline = Arrays.copyOf(routline, n);
        }
        rx[rects] = (float) x;
        ry[rects] = (float) y;
        rw[rects] = (float) w;
        rh[rects] = (float) h;
        rstyle[rects] = style;
        rref[rects] = ref;
        routline[rects] = ref >= 0 && frame.highlight().outlines(ref);
        rects++;
    }

    private void text(double x, double y, double maxWidth, byte style, String text) {
        if (texts == tx.length) {
            int n = texts * 2;
            tx = Arrays.copyOf(tx, n);
            ty = Arrays.copyOf(ty, n);
            tmax = Arrays.copyOf(tmax, n);
            tstyle = Arrays.copyOf(tstyle, n);
            ttext = Arrays.copyOf(ttext, n);
        }
        tx[texts] = (float) x;
        ty[texts] = (float) y;
        tmax[texts] = (float) maxWidth;
        tstyle[texts] = style;
        ttext[texts] = text;
        texts++;
    }

    private void marker(double x, double y, byte kind, int ref, String label) {
        if (markers == mx.length) {
            int n = markers * 2;
            mx = Arrays.copyOf(mx, n);
            my = Arrays.copyOf(my, n);
            mkind = Arrays.copyOf(mkind, n);
            mref = Arrays.copyOf(mref, n);
            mlabel = Arrays.copyOf(mlabel, n);
        }
        mx[markers] = (float) x;
        my[markers] = (float) y;
        mkind[markers] = kind;
        mref[markers] = ref;
        mlabel[markers] = label;
        markers++;
    }

    // ---- hit testing ----

    /** The interval drawn under canvas point (x, y), topmost first, with 2 px of slack across; or -1. */
    public int intervalAt(double x, double y) {
        int best = -1;
        for (int i = rects - 1; i >= 0; i--) {
            if (rref[i] >= 0 && y >= ry[i] - 1 && y <= ry[i] + rh[i] + 1 && x >= rx[i] - 2 && x <= rx[i] + rw[i] + 2) {
                if (x >= rx[i] && x <= rx[i] + rw[i]) {
                    return rref[i];
                }
                if (best < 0) {
                    best = rref[i];
                }
            }
        }
        return best;
    }

    /** The index of the marker within 7 px of (x, y), or -1. */
    public int markerAt(double x, double y, double scale) {
        double r = 7 * scale;
        for (int i = markers - 1; i >= 0; i--) {
            if (Math.abs(mx[i] - x) <= r && Math.abs(my[i] - y) <= r) {
                return i;
            }
        }
        return -1;
    }

    /** The bounds {x, y, width, height} of the widest bar drawn for interval {@code id}, or {@code null}. */
    public double[] boundsOf(int id) {
        double[] best = null;
        for (int i = 0; i < rects; i++) {
            if (rref[i] == id && (best == null || rw[i] > best[2])) {
                best = new double[] {rx[i], ry[i], rw[i], rh[i]};
            }
        }
        return best;
    }

    public byte markerKind(int i) {
        return mkind[i];
    }

    /** The row of the event behind marker {@code i} (alert or command), or -1. */
    public int markerRef(int i) {
        return mref[i];
    }
}
