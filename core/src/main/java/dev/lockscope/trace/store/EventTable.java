package dev.lockscope.trace.store;

import dev.lockscope.event.TraceEvent;
import dev.lockscope.model.Mode;
import dev.lockscope.model.PrimOp;
import dev.lockscope.model.Site;
import dev.lockscope.model.WaitOp;

/**
 * The rows of a trace as parallel primitive columns, plus the dictionaries and the side list they refer to.
 *
 * <p>Columns (one entry per row; {@link #NONE} where a column has no meaning for the row's type):
 * <pre>
 *   time  long (4 bytes: see TimeColumn)  virtual time, non-decreasing
 *   type  byte   EventType ordinal, | WIDE when the event's payload lives in the side list
 *   g     int    goroutine id, or NONE
 *   a     int    lock or primitive id | member id | send target id (member + site) | alert index (AlertStore)
 *                | a wait's primitive set id (BlockerSets)
 *   b     int    site id &lt;&lt; 1 | mode | blocker set id (BlockerSets) | message id | member change ordinal
 *                | site id &lt;&lt; 3 | WaitOp ordinal (PrimWait) | site id &lt;&lt; 4 | PrimOp ordinal (Act)
 *   c     int    a duration or latency in ns | a row (see below) | a spawn's name number | an act's n
 *                | side list index if WIDE
 * </pre>
 * Rows that start an interval ended by a later row ({@code Spawn}, {@code Request}, {@code Acquire},
 * {@code Park}, {@code SendStart}, {@code PrimWait}, a buffered send) also have a slot in {@link #ends}: the row
 * that ends the interval, or {@link #NONE} while it is open. Other rows (more than half of a room trace) have none.
 *
 * <p>Rows that point at rows: a {@code Request}'s (or {@code PrimWait}'s) c is its wait's first {@code Blocked}
 * row, a {@code Blocked}'s c the next {@code Blocked} row of the same wait; an {@code Acquire}'s c is its
 * {@code Request}; a {@code Release}'s c is the {@code Acquire} it ends; a {@code Wake}'s c is the
 * {@code PrimWait} it ends. These are written when the later row arrives, so a reader treats any row number at or
 * beyond its published prefix as {@link #NONE}.
 *
 * <p>A {@code Spawn} is stored in columns, not as an object: a = its interned {@link SpawnShape} (kind and name
 * without a trailing number), b = parent, c = the name's trailing number or {@link #NONE}; so goroutines named
 * {@code Broadcast#1}, {@code Broadcast#2}, ... share one dictionary entry.
 *
 * <p>One writer thread; readers read only rows below a count published through a volatile write.
 */
final class EventTable {
    static final int NONE = -1;
    static final int WIDE = 0x80;
    /** Rows are {@code int}s and track entries store a row + 1, so a store holds at most this many. */
    static final int MAX_ROWS = Integer.MAX_VALUE - 1;
    private static final int CHUNK_SHIFT = 16;

    /** A member paired with the site of a send, interned because every send repeats one of a few. */
    record Target(int member, int site) {}

    /** Where full chunks of every vector of the store go (the columns here, the tracks, the pyramids). */
    final ChunkSpill spill;
    final TimeColumn time;
    final ByteVector type;
    final IntVector g;
    final IntVector a;
    final IntVector b;
    final IntVector c;
    final SparseColumn ends;
    final ObjectVector<TraceEvent> side = new ObjectVector<>();
    final AlertStore alerts = new AlertStore();

    final Interner<String> members = new Interner<>();
    final Interner<Site> sites = new Interner<>();
    final Interner<Target> targets = new Interner<>();
    final BlockerSets blockerSets;
    final SpawnShapes spawnShapes = new SpawnShapes();
    /** Per primitive id, the row of its {@code PrimCreated} + 1 (0: none), so a reader names a primitive in O(1). */
    final IdTable.Ints primRows = new IdTable.Ints();
    /** Writer only: per member id, the last send target of that member + 1, since a member is sent from few sites. */
    private int[] lastTarget = new int[16];

    EventTable(ChunkSpill spill) {
        this.spill = spill;
        time = new TimeColumn(spill);
        type = new ByteVector(CHUNK_SHIFT, spill);
        g = new IntVector(CHUNK_SHIFT, spill);
        a = new IntVector(CHUNK_SHIFT, spill);
        b = new IntVector(CHUNK_SHIFT, spill);
        c = new IntVector(CHUNK_SHIFT, spill);
        ends = new SparseColumn(CHUNK_SHIFT, spill);
        blockerSets = new BlockerSets(spill);
    }

    int size() {
        return time.size();
    }

    /** Appends one row; writer only. */
    int append(long t, EventType kind, boolean wide, int gv, int av, int bv, int cv) {
        int row = time.size();
        if (row == MAX_ROWS) {
            throw new IllegalStateException("the trace store is full: " + MAX_ROWS + " rows");
        }
        time.add(t);
        type.add((byte) (kind.ordinal() | (wide ? WIDE : 0)));
        g.add(gv);
        a.add(av);
        b.add(bv);
        c.add(cv);
        ends.add(startsLinkedInterval(kind), NONE);
        return row;
    }

    /** Whether rows of this type start an interval that a later row ends, and so have a slot in {@link #ends}. */
    static boolean startsLinkedInterval(EventType kind) {
        return switch (kind) {
            case SPAWN, REQUEST, ACQUIRE, PARK, SEND_START, PRIM_WAIT, ACT_BUFFER -> true;
            default -> false;
        };
    }

    EventType type(int row) {
        return EventType.ofOrdinal(type.get(row) & ~WIDE & 0xFF);
    }

    boolean wide(int row) {
        return (type.get(row) & WIDE) != 0;
    }

    /** The interned send target of a member id and a site id; writer only. */
    int target(int member, int site) {
        if (member >= lastTarget.length) {
            lastTarget = java.util.Arrays.copyOf(lastTarget, Math.max(member + 1, 2 * lastTarget.length));
        }
        int last = lastTarget[member] - 1;
        if (last >= 0 && targets.value(last).site() == site) {
            return last;
        }
        int id = targets.intern(new Target(member, site));
        lastTarget[member] = id + 1;
        return id;
    }

    /** The event of a {@code SendStart} row kept in the side list. */
    TraceEvent.SendStart sideSend(int row) {
        return (TraceEvent.SendStart) side.get(c.get(row));
    }

    int siteAndMode(Site site, Mode mode) {
        return sites.intern(site) << 1 | mode.ordinal();
    }

    private static final WaitOp[] WAIT_OPS = WaitOp.values();
    private static final PrimOp[] PRIM_OPS = PrimOp.values();

    /** The op of a {@code PrimWait} row. */
    WaitOp waitOp(int row) {
        return WAIT_OPS[b.get(row) & 7];
    }

    /** The op of an {@code Act} row. */
    PrimOp primOp(int row) {
        return wide(row) ? ((TraceEvent.Act) side.get(c.get(row))).op() : PRIM_OPS[b.get(row) & 15];
    }

    /** The first primitive of a {@code PrimWait} row, or NONE for a wait on nothing. */
    int firstPrim(int row) {
        int set = a.get(row);
        return blockerSets.size(set) == 0 ? NONE : blockerSets.get(set, 0);
    }

    Mode mode(int row) {
        return (b.get(row) & 1) == 0 ? Mode.READ : Mode.WRITE;
    }

    Site site(int row) {
        return switch (type(row)) {
            case REQUEST, ACQUIRE, RELEASE -> sites.value(b.get(row) >>> 1);
            case PARK, SLEEP -> wide(row) ? ((TraceEvent.Sleep) side.get(c.get(row))).site() : sites.value(b.get(row));
            case SEND_START -> wide(row) ? ((TraceEvent.SendStart) side.get(c.get(row))).site()
                    : sites.value(targets.value(a.get(row)).site());
            case PRIM_WAIT -> sites.value(b.get(row) >>> 3);
            case ACT, ACT_BUFFER -> wide(row) ? ((TraceEvent.Act) side.get(c.get(row))).site() : sites.value(b.get(row) >>> 4);
            case PANIC -> ((TraceEvent.Panic) side.get(c.get(row))).site();
            default -> null;
        };
    }

    /** The member id of a send, delivery, drop or member event. */
    int member(int row) {
        return type(row) == EventType.SEND_START ? targets.value(a.get(row)).member() : a.get(row);
    }

    /** A row's reference to another row, or NONE if that row is not within the reader's prefix. */
    static int visible(int row, int limit) {
        return row >= 0 && row < limit ? row : NONE;
    }

    static boolean fitsInt(long v) {
        return v >= 0 && v <= Integer.MAX_VALUE;
    }
}
