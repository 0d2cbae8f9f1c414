package dev.lockscope.room;

import dev.lockscope.model.Site;

/**
 * The places in {@code Room.Add} and {@code Room.Remove} (docs/room-code.md) that their goroutines step through. The
 * broadcast's sites come from the strategy program in force ({@code RoomBuiltins.site}).
 */
public final class Sites {
    private Sites() {}

    public static final Site ADD_LOCK = new Site("Add", "Room.Add: r.membersMx.Lock()");
    public static final Site ADD_UNLOCK = new Site("Add", "Room.Add: r.membersMx.Unlock()");
    public static final Site REMOVE_LOCK = new Site("Remove", "Room.Remove: r.membersMx.Lock()");
    public static final Site REMOVE_UNLOCK = new Site("Remove", "Room.Remove: r.membersMx.Unlock()");
    /** Under an outbox strategy, Remove takes out what the member's outbox holds (its client is gone)... */
    public static final Site REMOVE_DISCARD = new Site("Remove", "Room.Remove: for len(m.outbox) > 0 { <-m.outbox }");
    /** ...and closes it: its writer returns after the send it is in. */
    public static final Site REMOVE_CLOSE = new Site("Remove", "Room.Remove: close(m.outbox)");
    /** A switch away from an outbox strategy closes every outbox, as the room's own step (goroutine 0). */
    public static final Site SWITCH_CLOSE = new Site("Room", "Room.SetStrategy: close(m.outbox)");
}
