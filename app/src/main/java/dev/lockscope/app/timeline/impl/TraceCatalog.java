package dev.lockscope.app.timeline.impl;

import dev.lockscope.event.MemberChange;
import dev.lockscope.event.Mode;
import dev.lockscope.event.TraceEvent;
import dev.lockscope.scenario.Command;
import dev.lockscope.trace.store.EventType;
import dev.lockscope.trace.store.IntervalKind;
import dev.lockscope.trace.store.TraceView;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the timeline needs to know that the store does not index: which goroutines, locks and members exist,
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
 */
public final class TraceCatalog {
    static final int BLOCK = 64;
    private static final List<String> KIND_ORDER = List.of("Broadcast", "Add", "Remove", "Reload", "Writer", "Send");

    private int scanned;
    private int structure;
    private long now;

    private int[] spawnRow = filled(1024);
    private int[] laneOf = filled(1024);
    private int[] posInLane = filled(1024);

    private final List<Group> groups = new ArrayList<>();
    private List<Group> sortedGroups;
    private final Map<String, Group> groupByKey = new HashMap<>();
    private final List<Lane> lanes = new ArrayList<>();
    private final List<LockInfo> locks = new ArrayList<>();
    private final Map<Integer, LockInfo> lockById = new HashMap<>();
    private final List<MemberInfo> members = new ArrayList<>();
    private final Map<String, MemberInfo> memberByName = new HashMap<>();
    private final GrowableInts alertRows = new GrowableInts();
    private final GrowableLongs alertTimes = new GrowableLongs();
    private final GrowableInts commandRows = new GrowableInts();
    private final GrowableLongs commandTimes = new GrowableLongs();

    /** A lock, by its id in the trace. */
    public record LockInfo(int id, String name) {}

    /**
     * Reads the rows the catalog has not seen yet, up to the end of {@code view} or until {@code budgetNanos}
     * have passed (checked every 4096 rows), whichever comes first.
     *
     * @return whether the catalog has caught up with the view
     */
    public boolean update(TraceView view, long budgetNanos) {
        long started = System.nanoTime();
        int end = view.size();
        while (scanned < end) {
            int stop = Math.min(end, scanned + 4096);
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

    /** Changes whenever a group, lane, lock or member is added: the row layout must then be rebuilt. */
    public int structure() {
        return structure;
    }

    // ---- reading ----

    private void read(TraceView v, int row) {
        EventType type = v.type(row);
        switch (type) {
            case SPAWN -> spawn(v, row, (TraceEvent.Spawn) v.event(row));
            case EXIT -> exit(v.goroutine(row), v.time(row));
            case BLOCKED -> raise(v.goroutine(row), IntervalKind.WAITING);
            case ACQUIRE -> raise(v.goroutine(row), v.mode(row) == Mode.READ ? IntervalKind.HOLD_READ : IntervalKind.HOLD_WRITE);
            case SEND_START -> {
                raise(v.goroutine(row), IntervalKind.SENDING);
                member(v.memberName(v.member(row))).id = v.member(row);
            }
            case SLEEP -> raise(v.goroutine(row), IntervalKind.SLEEPING);
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
                MemberInfo info = member(m.member());
                info.id = v.member(row);
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

    private void spawn(TraceView v, int row, TraceEvent.Spawn s) {
        int g = s.g();
        ensure(g);
        spawnRow[g] = row;
        String key = s.kind().equals("Send") ? s.name() : s.kind();
        Group group = groupByKey.get(key);
        if (group == null) {
            group = new Group(key, s.kind(), groups.size());
            groups.add(group);
            groupByKey.put(key, group);
            sortedGroups = null;
            structure++;
        }
        group.goroutines++;
        if (group.goroutines == 1) {
            group.firstName = s.name();
        }
        Lane lane = null;
        for (Lane candidate : group.lanes) {
            if (candidate.freeAt <= s.time()) {
                lane = candidate;
                break;
            }
        }
        if (lane == null) {
            lane = new Lane(group, group.lanes.size(), lanes.size());
            group.lanes.add(lane);
            lanes.add(lane);
            structure++;
        }
        laneOf[g] = lane.index;
        posInLane[g] = lane.size;
        lane.add(row, s.time(), (byte) IntervalKind.RUNNING.ordinal());
        lane.freeAt = TraceView.OPEN;
        lane.lastG = g;
    }

    private void exit(int g, long t) {
        if (g >= 0 && g < laneOf.length && laneOf[g] >= 0) {
            Lane lane = lanes.get(laneOf[g]);
            lane.ends[posInLane[g]] = t;
            if (lane.lastG == g) {
                lane.freeAt = t;
            }
        }
    }

    private void raise(int g, IntervalKind kind) {
        if (g >= 0 && g < laneOf.length && laneOf[g] >= 0) {
            lanes.get(laneOf[g]).raise(posInLane[g], (byte) kind.ordinal());
        }
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

    private void ensure(int g) {
        if (g >= spawnRow.length) {
            int n = Math.max(g + 1, spawnRow.length * 2);
            spawnRow = grow(spawnRow, n);
            laneOf = grow(laneOf, n);
            posInLane = grow(posInLane, n);
        }
    }

    private static int[] filled(int n) {
        int[] a = new int[n];
        Arrays.fill(a, -1);
        return a;
    }

    private static int[] grow(int[] a, int n) {
        int[] b = Arrays.copyOf(a, n);
        Arrays.fill(b, a.length, n, -1);
        return b;
    }

    // ---- goroutines ----

    /** The row of goroutine {@code g}'s {@code Spawn} (its running interval), or -1. */
    public int spawnRow(int g) {
        return g >= 0 && g < spawnRow.length ? spawnRow[g] : -1;
    }

    /** The index of goroutine {@code g}'s lane (see {@link #lane}), or -1. */
    public int laneOf(int g) {
        return g >= 0 && g < laneOf.length ? laneOf[g] : -1;
    }

    /** A copy of goroutine id &rarr; lane index, for a job on another thread. */
    public int[] laneOfSnapshot() {
        return laneOf.clone();
    }

    /** The goroutine's name from its {@code Spawn}, or {@code g<id>}. */
    public String goroutineName(TraceView view, int g) {
        int row = spawnRow(g);
        if (row < 0 || row >= view.size()) {
            return "g" + g;
        }
        return ((TraceEvent.Spawn) view.event(row)).name();
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

    public int alertRow(int i) {
        return alertRows.get(i);
    }

    public long alertTime(int i) {
        return alertTimes.get(i);
    }

    /** The index of the first alert at or after {@code t}. */
    public int firstAlertAtOrAfter(long t) {
        return alertTimes.firstAtOrAfter(t);
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
        return commandTimes.firstAtOrAfter(t);
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

    /** One row of goroutines that never overlap: their running intervals (spawn rows) in start order. */
    public static final class Lane {
        private final Group group;
        private final int indexInGroup;
        private final int index;
        private int[] occupants = new int[8];
        private byte[] worst = new byte[8];
        private long[] starts = new long[8];
        private long[] ends = new long[8];
        private byte[] blockWorst = new byte[1];
        private int size;
        long freeAt;
        int lastG = -1;

        Lane(Group group, int indexInGroup, int index) {
            this.group = group;
            this.indexInGroup = indexInGroup;
            this.index = index;
        }

        public Group group() {
            return group;
        }

        public int indexInGroup() {
            return indexInGroup;
        }

        public int index() {
            return index;
        }

        public int size() {
            return size;
        }

        /** The running interval (spawn row) of the {@code i}-th goroutine of the lane. */
        public int occupant(int i) {
            return occupants[i];
        }

        /** The worst {@link IntervalKind} ordinal of the {@code i}-th goroutine's life so far. */
        public byte worst(int i) {
            return worst[i];
        }

        /** The worst state among occupants [from, to). */
        public byte worst(int from, int to) {
            byte w = -1;
            int i = from;
            while (i < to && i % BLOCK != 0) {
                w = (byte) Math.max(w, worst[i++]);
            }
            while (i + BLOCK <= to) {
                w = (byte) Math.max(w, blockWorst[i / BLOCK]);
                i += BLOCK;
            }
            while (i < to) {
                w = (byte) Math.max(w, worst[i++]);
            }
            return w;
        }

        /** The start of the {@code i}-th occupant, ns. */
        public long start(int i) {
            return starts[i];
        }

        /** The end of the {@code i}-th occupant, ns, or {@link TraceView#OPEN} while it runs (as far as read). */
        public long end(int i) {
            return ends[i];
        }

        /** The first occupant in [from, size) whose end is after {@code t} (ends are non-decreasing). */
        public int firstEndingAfter(long t, int from) {
            int lo = from;
            int hi = size;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (ends[mid] <= t) {
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
            if (from >= size || starts[from] >= t) {
                return from;
            }
            int lo = from; // starts[lo] < t
            int step = 1;
            int hi = from + 1;
            while (hi < size && starts[hi] < t) {
                lo = hi;
                step <<= 1;
                hi = from + step;
            }
            hi = Math.min(hi, size);
            while (lo + 1 < hi) { // starts[lo] < t, starts[hi] >= t or hi == size
                int mid = (lo + hi) >>> 1;
                if (starts[mid] < t) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            return hi;
        }

        void add(int row, long start, byte w) {
            if (size == occupants.length) {
                occupants = Arrays.copyOf(occupants, size * 2);
                worst = Arrays.copyOf(worst, size * 2);
                starts = Arrays.copyOf(starts, size * 2);
                ends = Arrays.copyOf(ends, size * 2);
            }
            starts[size] = start;
            ends[size] = TraceView.OPEN;
            int block = size / BLOCK;
            if (block >= blockWorst.length) {
                blockWorst = Arrays.copyOf(blockWorst, blockWorst.length * 2);
            }
            if (size % BLOCK == 0) {
                blockWorst[block] = -1;
            }
            occupants[size] = row;
            worst[size] = -1;
            size++;
            raise(size - 1, w);
        }

        void raise(int i, byte w) {
            if (w > worst[i]) {
                worst[i] = w;
                blockWorst[i / BLOCK] = (byte) Math.max(blockWorst[i / BLOCK], w);
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
