package dev.lockscope.app.timeline.impl;

import dev.lockscope.event.MemberChange;
import dev.lockscope.event.TraceEvent;
import dev.lockscope.interval.IntervalKind;
import dev.lockscope.model.Command;
import dev.lockscope.model.Mode;
import dev.lockscope.model.PrimKind;
import dev.lockscope.trace.store.EventType;
import dev.lockscope.trace.store.PagedColumns;
import dev.lockscope.trace.store.TraceStore;
import dev.lockscope.trace.store.TraceView;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the timeline needs to know that the store does not index: which goroutines, locks, channels and sync
 * primitives and members exist,
 * how goroutines pack into lanes, and where the alerts, commands and member events are. Built by reading the
 * store's rows once, in order, a slice per frame ({@link #update}); owned by one thread (the FX thread, or a
 * benchmark's).
 *
 * <p><b>Lanes.</b> Goroutines are grouped by kind ({@code Broadcast}, {@code Add}, {@code Remove},
 * {@code Reload}, ...), except sends, grouped per target ({@code Send(eve)}). Within a group a goroutine takes the
 * first lane whose previous goroutine has exited by its spawn, so a group needs as many lanes as it ever has
 * goroutines alive at once, and one per goroutine only when they all overlap. Lane occupants are therefore in
 * start order with non-decreasing ends, which is what makes a lane searchable by time.
 *
 * <p><b>Level of detail.</b> Each occupant carries the worst {@link IntervalKind} of its life (a goroutine that
 * ever waited is "waiting"), and each block of {@value #BLOCK} occupants the worst of the block, so a pixel that
 * covers many short goroutines gets its worst state in O({@value #BLOCK} + occupants / {@value #BLOCK}).
 *
 * <p><b>Memory.</b> What grows with the goroutines (a live {@code big-room} spawns one per send, a million a second
 * at max speed) lives in {@link PagedColumns}, the store's own paged columns: each lane's occupants (row, start,
 * end, worst state: 21 bytes) and block maxima, and by goroutine id its spawn row, lane and place in the lane
 * (12 bytes), plus its spawn row in start order (4 bytes), and the alerts' and commands' rows and times. Past
 * {@link #HEAP_BUDGET_BYTES} of chunks on the heap, every full chunk is paged to a mapped temporary file, as the
 * store pages its own, so the heap a catalog needs grows with its lanes, groups, locks, primitives and members,
 * not with its goroutines or events; the operating system pages old chunks back when a frame reads them (a scroll
 * or zoom to the past). Not bounded: one row per goroutine ({@link #TraceCatalog(boolean)}), where every goroutine
 * is a lane and a row of the layout.
 */
public final class TraceCatalog {
    static final int BLOCK = 64;
    static final int BUDGET_CHECK_ROWS = 256;
    /**
     * Heap a catalog fills with chunks before it pages them: 16 MB, about half a million goroutines, so a trace of a
     * few million events (and every lesson and sample) is catalogued with no file at all.
     */
    public static final long HEAP_BUDGET_BYTES = 16L << 20;
    // Chunk sizes: one page (the least the spill pages) of ints, longs and bytes.
    private static final int INT_SHIFT = 10;
    private static final int LONG_SHIFT = 9;
    private static final int BYTE_SHIFT = 12;
    private static final List<String> KIND_ORDER = List.of("Broadcast", "Add", "Remove", "Reload", "Writer", "Send");

    private final boolean onePerGoroutine;
    private int scanned;
    private int structure;
    private long now;

    private final PagedColumns columns;
    /** By goroutine id, 1 + its spawn row, 1 + its lane index, and its place in the lane; 0: never spawned. */
    private final PagedColumns.IntsById spawnRowOf;
    private final PagedColumns.IntsById laneOf;
    private final PagedColumns.IntsById posInLane;
    /** The spawn rows in the order read, which is start order. */
    private final PagedColumns.Ints spawns;

    private final List<Group> groups = new ArrayList<>();
    private List<Group> sortedGroups;
    private final Map<String, Group> groupByKey = new HashMap<>();
    private final List<Lane> lanes = new ArrayList<>();
    private final List<LockInfo> locks = new ArrayList<>();
    private final Map<Integer, LockInfo> lockById = new HashMap<>();
    private final List<PrimInfo> prims = new ArrayList<>();
    private final Map<Integer, PrimInfo> primById = new HashMap<>();
    private final List<MemberInfo> members = new ArrayList<>();
    private final Map<String, MemberInfo> memberByName = new HashMap<>();
    private MemberInfo[] memberById = new MemberInfo[64];
    private final PagedColumns.Ints alertRows;
    private final PagedColumns.Longs alertTimes;
    private final PagedColumns.Ints commandRows;
    private final PagedColumns.Longs commandTimes;

    /** A lock, by its id in the trace. */
    public record LockInfo(int id, String name) {}

    /**
     * A channel or sync primitive, by its id in the trace (one id space with locks).
     *
     * @param cap a channel's buffer size (0: unbuffered), else 0
     */
    public record PrimInfo(int id, String name, PrimKind kind, int cap) {
        /**
         * What it is, as the lab writes it beside its name: {@code unbuffered chan}, {@code chan, cap 4},
         * {@code timer}, {@code WaitGroup}, ...
         */
        public String description() {
            return kind.describe(cap);
        }
    }

    /** A catalog that packs each group's goroutines into as few lanes as they need. */
    public TraceCatalog() {
        this(false);
    }

    /**
     * A catalog that packs goroutines into lanes, or with {@code onePerGoroutine} gives every goroutine a lane of its
     * own, named after it (as gotraceui and Perfetto show goroutines and threads): as many rows as goroutines.
     */
    public TraceCatalog(boolean onePerGoroutine) {
        this(onePerGoroutine, PagedColumns.inTempFolder(HEAP_BUDGET_BYTES));
    }

    /** Like {@link #TraceCatalog(boolean)}, keeping what grows with the goroutines in {@code columns}. */
    public TraceCatalog(boolean onePerGoroutine, PagedColumns columns) {
        this.onePerGoroutine = onePerGoroutine;
        this.columns = columns;
        this.spawnRowOf = columns.intsById();
        this.laneOf = columns.intsById();
        this.posInLane = columns.intsById();
        this.spawns = columns.ints(INT_SHIFT);
        this.alertRows = columns.ints(INT_SHIFT);
        this.alertTimes = columns.longs(LONG_SHIFT);
        this.commandRows = columns.ints(INT_SHIFT);
        this.commandTimes = columns.longs(LONG_SHIFT);
    }

    /** Where the catalog's paged columns keep their chunks: on the heap, mapped (see the class comment). */
    public TraceStore.Memory memory() {
        return columns.memory();
    }

    /** Whether every goroutine has a lane of its own. */
    public boolean onePerGoroutine() {
        return onePerGoroutine;
    }

    /**
     * Reads the rows the catalog has not seen yet, up to the end of {@code view} or until {@code budgetNanos}
     * have passed (checked every {@value #BUDGET_CHECK_ROWS} rows, so that a stretch of slow rows, such as the
     * first ones read before the JIT has compiled this loop, cannot hold a frame much past the budget), whichever
     * comes first.
     *
     * @return whether the catalog has caught up with the view
     */
    public boolean update(TraceView view, long budgetNanos) {
        long started = System.nanoTime();
        int end = view.size();
        while (scanned < end) {
            int stop = Math.min(end, scanned + BUDGET_CHECK_ROWS);
            for (int row = scanned; row < stop; row++) {
                read(view, row);
            }
            scanned = stop;
            if (System.nanoTime() - started > budgetNanos) {
                break;
            }
        }
        if (scanned > 0) {
            now = view.time(scanned - 1);
        }
        return scanned == end;
    }

    /** Rows read so far. */
    public int scanned() {
        return scanned;
    }

    /** The time of the last row read. */
    public long now() {
        return now;
    }

    /**
     * Changes whenever a group, lane, lock, primitive or member is added, or a group gets its second goroutine: the row
     * layout must then be rebuilt.
     */
    public int structure() {
        return structure;
    }

    // ---- reading ----

    private void read(TraceView v, int row) {
        EventType type = v.type(row);
        switch (type) {
            case SPAWN -> spawn(v, row);
            case EXIT -> exit(v.goroutine(row), v.time(row));
            case BLOCKED -> raise(v.goroutine(row), IntervalKind.WAITING);
            case ACQUIRE -> raise(v.goroutine(row), v.mode(row) == Mode.READ ? IntervalKind.HOLD_READ : IntervalKind.HOLD_WRITE);
            case SEND_START -> {
                raise(v.goroutine(row), IntervalKind.SENDING);
                memberOfId(v, v.member(row));
            }
            case SLEEP -> raise(v.goroutine(row), IntervalKind.SLEEPING);
            case PRIM_WAIT -> raise(v.goroutine(row), IntervalKind.of(v.waitOp(row)));
            case PRIM_CREATED -> {
                TraceEvent.PrimCreated p = (TraceEvent.PrimCreated) v.event(row);
                if (!primById.containsKey(p.prim())) {
                    PrimInfo info = new PrimInfo(p.prim(), p.name(), p.kind(), p.cap());
                    prims.add(info);
                    primById.put(p.prim(), info);
                    structure++;
                }
            }
            case PARK -> raise(v.goroutine(row), IntervalKind.PARKED);
            case LOCK_CREATED -> {
                TraceEvent.LockCreated l = (TraceEvent.LockCreated) v.event(row);
                if (!lockById.containsKey(l.lock())) {
                    LockInfo info = new LockInfo(l.lock(), l.name());
                    locks.add(info);
                    lockById.put(l.lock(), info);
                    structure++;
                }
            }
            case MEMBER -> {
                TraceEvent.MemberEvent m = (TraceEvent.MemberEvent) v.event(row);
                MemberInfo info = memberOfId(v, v.member(row));
                info.eventTimes.add(m.time());
                info.eventChanges.add(m.change().ordinal());
            }
            case COMMAND -> {
                commandRows.add(row);
                commandTimes.add(v.time(row));
                TraceEvent.CommandApplied c = (TraceEvent.CommandApplied) v.event(row);
                switch (c.command()) {
                    case Command.Join j -> member(j.member()).latency(c.time(), j.latencyNs());
                    case Command.SetMember s when s.latencyNs().isPresent() ->
                            member(s.member()).latency(c.time(), s.latencyNs().getAsLong());
                    default -> { }
                }
            }
            case ALERT -> {
                alertRows.add(row);
                alertTimes.add(v.time(row));
            }
            default -> { }
        }
    }

    /** Reads a spawn without rebuilding its event: a live run of one goroutine per send spawns 50,000 a second. */
    private void spawn(TraceView v, int row) {
        int g = v.goroutine(row);
        long time = v.time(row);
        String kind = v.spawnKind(row);
        spawnRowOf.set(g, row + 1);
        spawns.add(row);
        String key = groupKey(kind, v, row);
        Group group = groupByKey.get(key);
        if (group == null) {
            group = new Group(key, kind, groups.size());
            groups.add(group);
            groupByKey.put(key, group);
            sortedGroups = null;
            structure++;
        }
        group.goroutines++;
        if (group.goroutines == 1) {
            group.firstName = v.spawnName(row);
        } else if (group.goroutines == 2) {
            structure++; // a group of one is a row named after its goroutine; from two on, a header and lanes
        }
        Lane lane = null;
        for (int i = 0; i < group.lanes.size() && !onePerGoroutine; i++) {
            Lane candidate = group.lanes.get(i);
            if (candidate.freeAt <= time) {
                lane = candidate;
                break;
            }
        }
        if (lane == null) {
            lane = new Lane(group, group.lanes.size(), lanes.size(), columns);
            if (onePerGoroutine) {
                lane.name = v.spawnName(row);
            }
            group.lanes.add(lane);
            lanes.add(lane);
            structure++;
        }
        laneOf.set(g, lane.index + 1);
        posInLane.set(g, lane.size());
        lane.add(row, time, (byte) IntervalKind.RUNNING.ordinal());
        lane.freeAt = TraceView.OPEN;
        lane.lastG = g;
    }

    /** A goroutine's group: its kind, except sends, grouped per target ({@code Send(bob)}, one string per member). */
    private static String groupKey(String kind, TraceView v, int spawnRow) {
        return kind.equals("Send") ? v.spawnName(spawnRow) : kind;
    }

    private void exit(int g, long t) {
        int l = laneOf(g);
        if (l >= 0) {
            Lane lane = lanes.get(l);
            lane.end(posInLane.get(g), t);
            if (lane.lastG == g) {
                lane.freeAt = t;
            }
        }
    }

    private void raise(int g, IntervalKind kind) {
        int l = laneOf(g);
        if (l >= 0) {
            lanes.get(l).raise(posInLane.get(g), (byte) kind.ordinal());
        }
    }

    /** The member of store id {@code id}, found by name the first time and by id after. */
    private MemberInfo memberOfId(TraceView v, int id) {
        if (id < memberById.length && memberById[id] != null) {
            return memberById[id];
        }
        MemberInfo m = member(v.memberName(id));
        m.id = id;
        if (id >= memberById.length) {
            memberById = Arrays.copyOf(memberById, Math.max(id + 1, memberById.length * 2));
        }
        memberById[id] = m;
        return m;
    }

    private MemberInfo member(String name) {
        MemberInfo m = memberByName.get(name);
        if (m == null) {
            m = new MemberInfo(name, members.size());
            members.add(m);
            memberByName.put(name, m);
            structure++;
        }
        return m;
    }

    // ---- goroutines ----

    /** The row of goroutine {@code g}'s {@code Spawn} (its running interval), or -1. */
    public int spawnRow(int g) {
        return spawnRowOf.get(g) - 1;
    }

    /** The index of goroutine {@code g}'s lane (see {@link #lane}), or -1. */
    public int laneOf(int g) {
        return laneOf.get(g) - 1;
    }

    /**
     * The goroutines read so far, for a job on another thread: it reads the catalog's columns, not a copy of them,
     * so it costs nothing however many goroutines there are.
     */
    public Goroutines goroutines() {
        return new Goroutines(spawns, spawnRowOf, spawns.size());
    }

    /**
     * The goroutines a catalog had read when it was asked ({@link #goroutines()}), readable on any thread while the
     * catalog goes on reading on its own: the columns it reads are only appended to, and the values it reads were
     * written before it was handed to the job.
     */
    public static final class Goroutines {
        private final PagedColumns.Ints spawns;
        private final PagedColumns.IntsById spawnRowOf;
        private final int count;

        private Goroutines(PagedColumns.Ints spawns, PagedColumns.IntsById spawnRowOf, int count) {
            this.spawns = spawns;
            this.spawnRowOf = spawnRowOf;
            this.count = count;
        }

        /** How many goroutines had been read. */
        public int count() {
            return count;
        }

        /** The spawn row of the {@code i}-th goroutine read, {@code 0 <= i < count()}: ascending in {@code i}. */
        public int spawnRow(int i) {
            if (i < 0 || i >= count) {
                throw new IndexOutOfBoundsException("goroutine " + i + " of " + count);
            }
            return spawns.get(i);
        }

        /**
         * The group key of goroutine {@code g} ({@code Broadcast}, {@code Send(eve)}), or {@code g<id>} if
         * {@code view} has not its spawn.
         */
        public String groupKey(TraceView view, int g) {
            int row = spawnRowOf.get(g) - 1;
            return row >= 0 && row < view.size() && view.goroutine(row) == g
                    ? TraceCatalog.groupKey(view.spawnKind(row), view, row) : "g" + g;
        }
    }

    /** The goroutine's name from its {@code Spawn}, or {@code g<id>}. */
    public String goroutineName(TraceView view, int g) {
        int row = spawnRow(g);
        if (row < 0 || row >= view.size()) {
            return "g" + g;
        }
        return view.spawnName(row);
    }

    /** Groups in display order: Broadcast, Add, Remove, Reload, Writer, sends, then the rest by first spawn. */
    public List<Group> groups() {
        if (sortedGroups == null) {
            List<Group> sorted = new ArrayList<>(groups);
            sorted.sort((a, b) -> a.rank() != b.rank() ? Integer.compare(a.rank(), b.rank()) : Integer.compare(a.order, b.order));
            sortedGroups = List.copyOf(sorted);
        }
        return sortedGroups;
    }

    public Lane lane(int index) {
        return lanes.get(index);
    }

    public int laneCount() {
        return lanes.size();
    }

    // ---- locks, members, markers ----

    public List<LockInfo> locks() {
        return Collections.unmodifiableList(locks);
    }

    /** The lock's name, or {@code lock<id>}. */
    public String lockName(int lock) {
        LockInfo info = lockById.get(lock);
        return info == null ? "lock" + lock : info.name();
    }

    /** Channels and sync primitives, first created first. */
    public List<PrimInfo> prims() {
        return Collections.unmodifiableList(prims);
    }

    /** The primitive of id {@code prim}, or {@code null}. */
    public PrimInfo prim(int prim) {
        return primById.get(prim);
    }

    /** The primitive's name, or {@code prim<id>}. */
    public String primName(int prim) {
        PrimInfo info = primById.get(prim);
        return info == null ? "prim" + prim : info.name();
    }

    public List<MemberInfo> members() {
        return Collections.unmodifiableList(members);
    }

    /** The member with catalog order {@code order} (first seen first). */
    public MemberInfo member(int order) {
        return members.get(order);
    }

    public int alertCount() {
        return alertRows.size();
    }

    /** The first index of {@code times} (ascending) whose value is at least {@code t}. */
    private static int firstAtOrAfter(PagedColumns.Longs times, long t) {
        int lo = 0;
        int hi = times.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (times.get(mid) < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    public int alertRow(int i) {
        return alertRows.get(i);
    }

    public long alertTime(int i) {
        return alertTimes.get(i);
    }

    /** The index of the first alert at or after {@code t}. */
    public int firstAlertAtOrAfter(long t) {
        return firstAtOrAfter(alertTimes, t);
    }

    public int commandCount() {
        return commandRows.size();
    }

    public int commandRow(int i) {
        return commandRows.get(i);
    }

    public long commandTime(int i) {
        return commandTimes.get(i);
    }

    public int firstCommandAtOrAfter(long t) {
        return firstAtOrAfter(commandTimes, t);
    }

    /** Goroutines of one kind (or sends to one member), packed into lanes. */
    public static final class Group {
        private final String key;
        private final String kind;
        private final int order;
        private final List<Lane> lanes = new ArrayList<>();
        private int goroutines;
        private String firstName = "";

        Group(String key, String kind, int order) {
            this.key = key;
            this.kind = kind;
            this.order = order;
        }

        /** {@code Broadcast}, or {@code Send(eve)} for the sends to one member. */
        public String key() {
            return key;
        }

        public String kind() {
            return kind;
        }

        public List<Lane> lanes() {
            return lanes;
        }

        /** Goroutines seen in the group. */
        public int goroutines() {
            return goroutines;
        }

        /** The name of the group's first goroutine: the label of a group of one. */
        public String firstName() {
            return firstName;
        }

        int rank() {
            int i = KIND_ORDER.indexOf(kind);
            return i < 0 ? KIND_ORDER.size() : i;
        }
    }

    /**
     * One row of goroutines that never overlap: their running intervals (spawn rows) in start order, with their
     * starts, ends and worst states, in paged columns (see the class comment).
     */
    public static final class Lane {
        private final Group group;
        private final int indexInGroup;
        private final int index;
        // Columns grow in chunks allocated once and never copied (past a first chunk that doubles up to a page):
        // in a room of 500 members every send lane fills at the same broadcast, and doubling 500 arrays at once cost
        // a frame 20 ms.
        private final PagedColumns.Ints occupants;
        private final PagedColumns.Longs starts;
        private final PagedColumns.Longs ends;
        private final PagedColumns.Bytes worst;
        /** The worst of each block of {@value #BLOCK} occupants. */
        private final PagedColumns.Bytes blockWorst;
        long freeAt;
        int lastG = -1;
        /** The name of its one goroutine, when every goroutine has a lane of its own; else {@code null}. */
        String name;

        Lane(Group group, int indexInGroup, int index, PagedColumns columns) {
            this.group = group;
            this.indexInGroup = indexInGroup;
            this.index = index;
            this.occupants = columns.ints(INT_SHIFT);
            this.starts = columns.longs(LONG_SHIFT);
            this.ends = columns.longs(LONG_SHIFT);
            this.worst = columns.bytes(BYTE_SHIFT);
            this.blockWorst = columns.bytes(BYTE_SHIFT);
        }

        public Group group() {
            return group;
        }

        public int indexInGroup() {
            return indexInGroup;
        }

        /** Its row's label: {@code lane 2}, or its goroutine's name when every goroutine has a lane. */
        public String label() {
            return name != null ? name : "lane " + (indexInGroup + 1);
        }

        public int index() {
            return index;
        }

        public int size() {
            return occupants.size();
        }

        /** The running interval (spawn row) of the {@code i}-th goroutine of the lane. */
        public int occupant(int i) {
            return occupants.get(i);
        }

        /** The worst {@link IntervalKind} ordinal of the {@code i}-th goroutine's life so far. */
        public byte worst(int i) {
            return worst.get(i);
        }

        /** The worst state among occupants [from, to). */
        public byte worst(int from, int to) {
            byte w = -1;
            int i = from;
            while (i < to && i % BLOCK != 0) {
                w = (byte) Math.max(w, worst(i++));
            }
            while (i + BLOCK <= to) {
                w = (byte) Math.max(w, blockWorst.get(i / BLOCK));
                i += BLOCK;
            }
            while (i < to) {
                w = (byte) Math.max(w, worst(i++));
            }
            return w;
        }

        /** The start of the {@code i}-th occupant, ns. */
        public long start(int i) {
            return starts.get(i);
        }

        /** The end of the {@code i}-th occupant, ns, or {@link TraceView#OPEN} while it runs (as far as read). */
        public long end(int i) {
            return ends.get(i);
        }

        void end(int i, long t) {
            ends.set(i, t);
        }

        /** The first occupant in [from, size) whose end is after {@code t} (ends are non-decreasing). */
        public int firstEndingAfter(long t, int from) {
            int lo = from;
            int hi = size();
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (end(mid) <= t) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }

        /**
         * The first occupant in [from, size) starting at or after {@code t}, by galloping from {@code from}: costs
         * O(log k) for k occupants skipped, so stepping pixel by pixel costs little where pixels hold few.
         */
        public int firstStartingAtOrAfter(long t, int from) {
            int size = size();
            if (from >= size || start(from) >= t) {
                return from;
            }
            int lo = from; // starts[lo] < t
            int step = 1;
            int hi = from + 1;
            while (hi < size && start(hi) < t) {
                lo = hi;
                step <<= 1;
                hi = from + step;
            }
            hi = Math.min(hi, size);
            while (lo + 1 < hi) { // starts[lo] < t, starts[hi] >= t or hi == size
                int mid = (lo + hi) >>> 1;
                if (start(mid) < t) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            return hi;
        }

        void add(int row, long start, byte w) {
            int i = size();
            if (i % BLOCK == 0) {
                blockWorst.add((byte) -1);
            }
            occupants.add(row);
            starts.add(start);
            ends.add(TraceView.OPEN);
            worst.add((byte) -1);
            raise(i, w);
        }

        void raise(int i, byte w) {
            if (w > worst.get(i)) {
                worst.set(i, w);
                int b = i / BLOCK;
                if (w > blockWorst.get(b)) {
                    blockWorst.set(b, w);
                }
            }
        }
    }

    /** A room member: its sends track id, its join/leave/reload events and its latency settings. */
    public static final class MemberInfo {
        private final String name;
        private final int order;
        int id = -1;
        final GrowableLongs eventTimes = new GrowableLongs();
        final GrowableInts eventChanges = new GrowableInts();
        final GrowableLongs latencyTimes = new GrowableLongs();
        final GrowableLongs latencies = new GrowableLongs();

        MemberInfo(String name, int order) {
            this.name = name;
            this.order = order;
        }

        public String name() {
            return name;
        }

        /** The member's id in the store (for {@code Track.member}), or -1 while it has no row there. */
        public int id() {
            return id;
        }

        public int order() {
            return order;
        }

        public int eventCount() {
            return eventTimes.size();
        }

        public long eventTime(int i) {
            return eventTimes.get(i);
        }

        public MemberChange eventChange(int i) {
            return MemberChange.values()[eventChanges.get(i)];
        }

        public int latencyCount() {
            return latencyTimes.size();
        }

        public long latencyTime(int i) {
            return latencyTimes.get(i);
        }

        public long latency(int i) {
            return latencies.get(i);
        }

        void latency(long t, long ns) {
            latencyTimes.add(t);
            latencies.add(ns);
        }
    }
}
