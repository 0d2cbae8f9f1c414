package dev.lockscope.trace.store;

import static dev.lockscope.trace.store.EventTable.NONE;

import dev.lockscope.event.TraceEvent;
import dev.lockscope.interval.IntervalKind;
/**
 * Reads intervals out of the event columns. An interval has no storage of its own: its id is the row that
 * starts it ({@code Spawn}, {@code Request}, {@code Acquire}, {@code SendStart}, {@code Sleep}, {@code Park},
 * {@code PrimWait}, a {@code send} act into a buffer),
 * its start is that row's time, its kind follows from that row's type and mode, and its end is the time of
 * the row in the start row's slot of the ends column, or {@code start + duration} for a sleep.
 */
final class Intervals {
    /** The end of an interval that has not ended within the reader's prefix. */
    static final long OPEN = Long.MAX_VALUE;

    private final EventTable table;

    Intervals(EventTable table) {
        this.table = table;
    }

    /** Where the store's full chunks go. */
    ChunkSpill spill() {
        return table.spill;
    }

    long start(int id) {
        return table.time.get(id);
    }

    /** The end as seen by a reader of the first {@code limit} rows: {@link #OPEN} if not ended there. */
    long end(int id, int limit) {
        if (table.type(id) == EventType.SLEEP) {
            return start(id) + duration(id);
        }
        int end = EventTable.visible(table.ends.get(id), limit);
        return end == NONE ? OPEN : table.time.get(end);
    }

    IntervalKind kind(int id) {
        return switch (table.type(id)) {
            case SPAWN -> IntervalKind.RUNNING;
            case REQUEST -> IntervalKind.WAITING;
            case ACQUIRE -> table.mode(id) == dev.lockscope.model.Mode.READ ? IntervalKind.HOLD_READ : IntervalKind.HOLD_WRITE;
            case SEND_START -> IntervalKind.SENDING;
            case SLEEP -> IntervalKind.SLEEPING;
            case PARK -> IntervalKind.PARKED;
            case PRIM_WAIT -> IntervalKind.of(table.waitOp(id));
            case ACT_BUFFER -> IntervalKind.BUFFERED;
            default -> throw new IllegalArgumentException("row " + id + " starts no interval: " + table.type(id));
        };
    }

    /** The duration column of a {@code Sleep} or {@code SendStart}, from the side list if it did not fit. */
    long duration(int row) {
        if (!table.wide(row)) {
            return table.c.get(row);
        }
        return switch (table.side.get(table.c.get(row))) {
            case TraceEvent.Sleep s -> s.durationNs();
            case TraceEvent.SendStart s -> s.durationNs();
            default -> throw new IllegalStateException("row " + row + " has no duration");
        };
    }
}
