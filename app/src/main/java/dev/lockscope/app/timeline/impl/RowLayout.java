package dev.lockscope.app.timeline.impl;

import dev.lockscope.util.IntMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The timeline's rows, top to bottom, in content coordinates (y = 0 at the first row): four collapsible
 * sections (Locks, Channels, Goroutines, Members); per lock a holders row and a waiter-count row; per channel or
 * sync primitive a row (its waiting senders, its other waiters, its buffer); per goroutine group a header (unless
 * the group has one goroutine) and its lanes; per member a row. The Channels section is called
 * {@code Channels & sync} when it holds a WaitGroup, a Cond, a Once or an AfterFunc timer. Immutable; rebuilt when the
 * catalog's structure, the collapsed set or the scale changes.
 */
public final class RowLayout {
    /** The kinds of row. */
    public enum Type { SECTION, GROUP, LOCK_HOLDERS, LOCK_WAITERS, PRIM, LANE, MEMBER }

    /** The sections' keys in the collapsed set. */
    public static final String LOCKS = "section:Locks";
    public static final String CHANNELS = "section:Channels";
    public static final String GOROUTINES = "section:Goroutines";
    public static final String MEMBERS = "section:Members";

    /**
     * One row.
     *
     * @param ref   lock id (lock rows), primitive id (primitives), lane index (lanes), member order (members), group order in
     *              {@link TraceCatalog#groups()} (group headers), -1 for sections
     * @param key   the key that collapses it (sections and groups), or {@code null}
     * @param label the text in the label column
     * @param depth     indentation level of the label
     * @param collapsed whether this section or group is collapsed
     */
    public record Row(Type type, int ref, String key, String label, int depth, double y, double height, boolean collapsed) {
        public double bottom() {
            return y + height;
        }
    }

    private final List<Row> rows;
    private final double height;
    private final int[] laneRow;
    /** Lock id to its holders row; a map, because lock ids come from the file and may be huge. */
    private final IntMap<Integer> lockRow;
    /** Primitive id to its row. */
    private final IntMap<Integer> primRow;
    private final int[] memberRow;
    private final int structure;

    private RowLayout(List<Row> rows, int[] laneRow, IntMap<Integer> lockRow, IntMap<Integer> primRow, int[] memberRow,
            int structure) {
        this.rows = List.copyOf(rows);
        this.height = rows.isEmpty() ? 0 : rows.getLast().bottom();
        this.laneRow = laneRow;
        this.lockRow = lockRow;
        this.primRow = primRow;
        this.memberRow = memberRow;
        this.structure = structure;
    }

    /** Lays out the catalog's rows; {@code collapsed} holds the keys of collapsed sections and groups. */
    public static RowLayout build(TraceCatalog catalog, Set<String> collapsed, double scale) {
        List<Row> rows = new ArrayList<>();
        int[] laneRow = new int[catalog.laneCount()];
        Arrays.fill(laneRow, -1);
        IntMap<Integer> lockRow = new IntMap<>();
        IntMap<Integer> primRow = new IntMap<>();
        List<TraceCatalog.MemberInfo> members = catalog.members();
        int[] memberRow = new int[members.size()];
        Arrays.fill(memberRow, -1);
        double[] y = {0};
        Adder add = (type, ref, key, label, depth, h) -> {
            rows.add(new Row(type, ref, key, label, depth, y[0], h * scale, key != null && collapsed.contains(key)));
            y[0] += h * scale;
            return rows.size() - 1;
        };

        if (!catalog.locks().isEmpty()) {
            add.add(Type.SECTION, -1, LOCKS, "Locks", 0, 22);
            if (!collapsed.contains(LOCKS)) {
                for (TraceCatalog.LockInfo lock : catalog.locks()) {
                    lockRow.put(lock.id(), add.add(Type.LOCK_HOLDERS, lock.id(), null, lock.name(), 1, 34));
                    add.add(Type.LOCK_WAITERS, lock.id(), null, "waiting", 2, 20);
                }
            }
        }
        List<TraceCatalog.PrimInfo> prims = catalog.prims();
        if (!prims.isEmpty()) {
            boolean channelsOnly = prims.stream().allMatch(p -> p.kind().isChannel());
            add.add(Type.SECTION, -1, CHANNELS, channelsOnly ? "Channels" : "Channels & sync", 0, 22);
            if (!collapsed.contains(CHANNELS)) {
                for (TraceCatalog.PrimInfo prim : prims) {
                    primRow.put(prim.id(), add.add(Type.PRIM, prim.id(), null, prim.name(), 1, 34));
                }
            }
        }
        List<TraceCatalog.Group> groups = catalog.groups();
        if (!groups.isEmpty()) {
            add.add(Type.SECTION, -1, GOROUTINES, "Goroutines", 0, 22);
            if (!collapsed.contains(GOROUTINES)) {
                for (int gi = 0; gi < groups.size(); gi++) {
                    TraceCatalog.Group group = groups.get(gi);
                    if (group.lanes().size() == 1) { // never two at once: one row, no header
                        String label = group.goroutines() == 1 ? group.firstName() : group.key();
                        laneRow[group.lanes().getFirst().index()] =
                                add.add(Type.LANE, group.lanes().getFirst().index(), null, label, 1, 20);
                        continue;
                    }
                    String key = "group:" + group.key();
                    int header = add.add(Type.GROUP, gi, key, group.key(), 1, 20);
                    if (collapsed.contains(key)) {
                        for (TraceCatalog.Lane lane : group.lanes()) {
                            laneRow[lane.index()] = header;
                        }
                        continue;
                    }
                    for (TraceCatalog.Lane lane : group.lanes()) {
                        laneRow[lane.index()] = add.add(Type.LANE, lane.index(), null, lane.label(), 2, 20);
                    }
                }
            }
        }
        if (!members.isEmpty()) {
            add.add(Type.SECTION, -1, MEMBERS, "Members", 0, 22);
            if (!collapsed.contains(MEMBERS)) {
                for (TraceCatalog.MemberInfo m : members) {
                    memberRow[m.order()] = add.add(Type.MEMBER, m.order(), null, m.name(), 1, 20);
                }
            }
        }
        return new RowLayout(rows, laneRow, lockRow, primRow, memberRow, catalog.structure());
    }

    @FunctionalInterface
    private interface Adder {
        int add(Type type, int ref, String key, String label, int depth, double height);
    }

    public List<Row> rows() {
        return rows;
    }

    public Row row(int i) {
        return rows.get(i);
    }

    /** The total height of all rows. */
    public double height() {
        return height;
    }

    /** The catalog structure this layout was built from. */
    public int structure() {
        return structure;
    }

    /** The first row whose bottom is below {@code y}. */
    public int firstRowBelow(double y) {
        int lo = 0;
        int hi = rows.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (rows.get(mid).bottom() <= y) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The row at content y, or -1. */
    public int rowAt(double y) {
        int i = firstRowBelow(y);
        return i < rows.size() && rows.get(i).y() <= y ? i : -1;
    }

    /** The row showing lane {@code lane} (its group header when collapsed), or -1 if hidden. */
    public int laneRow(int lane) {
        return lane >= 0 && lane < laneRow.length ? laneRow[lane] : -1;
    }

    /** The holders row of lock {@code lock}, or -1 if hidden; its waiter row follows it. */
    public int lockRow(int lock) {
        Integer row = lockRow.get(lock);
        return row == null ? -1 : row;
    }

    /**
     * The rows called {@code name}, ascending: a lock's holders and waiting rows; a goroutine group's header and lanes
     * (by its key, {@code Add} or {@code Send(eve)}) or the one row of a group of one (by its key or its goroutine's
     * name, {@code Add(eve)}); a channel's or sync primitive's row; a member's row. Empty when no row has that name (yet, or collapsed away).
     */
    public int[] rowsNamed(String name, TraceCatalog catalog) {
        java.util.List<Integer> out = new ArrayList<>();
        List<TraceCatalog.Group> groups = catalog.groups();
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            boolean match = switch (r.type()) {
                case LOCK_HOLDERS, LOCK_WAITERS -> name.equals(catalog.lockName(r.ref()));
                case PRIM -> name.equals(catalog.primName(r.ref()));
                case GROUP -> r.ref() >= 0 && r.ref() < groups.size() && name.equals(groups.get(r.ref()).key());
                case LANE -> r.ref() < catalog.laneCount() && (name.equals(catalog.lane(r.ref()).group().key())
                        || r.depth() == 1 && name.equals(r.label()));
                case MEMBER -> name.equals(r.label());
                case SECTION -> false;
            };
            if (match) {
                out.add(i);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The row of primitive {@code prim}, or -1 if hidden. */
    public int primRow(int prim) {
        Integer row = primRow.get(prim);
        return row == null ? -1 : row;
    }

    /** The row of the member with catalog order {@code order}, or -1 if hidden. */
    public int memberRow(int order) {
        return order >= 0 && order < memberRow.length ? memberRow[order] : -1;
    }
}
