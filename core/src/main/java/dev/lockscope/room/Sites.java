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
}
