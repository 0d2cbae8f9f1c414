package dev.lockscope.room;

import dev.lockscope.model.Site;

/** The places in the room's Go code (docs/room-code.md) that its goroutines step through. */
public final class Sites {
    private Sites() {}

    public static final Site BROADCAST_RLOCK = new Site("Broadcast", "Room.Broadcast: r.membersMx.RLock()");
    public static final Site BROADCAST_RUNLOCK = new Site("Broadcast", "Room.Broadcast: r.membersMx.RUnlock()");
    public static final Site BROADCAST_SEND = new Site("Broadcast", "Room.Broadcast: m.Send(msg)");
    public static final Site BROADCAST_WAIT = new Site("Broadcast", "Room.Broadcast: wg.Wait()");
    public static final Site SEND_GOROUTINE = new Site("Send", "Room.Broadcast.func1: m.Send(msg)");
    public static final Site WRITER_RECEIVE = new Site("Writer", "Member.writeLoop: for msg := range m.outbox");
    public static final Site WRITER_SEND = new Site("Writer", "Member.writeLoop: m.conn.Send(msg)");
    public static final Site ADD_LOCK = new Site("Add", "Room.Add: r.membersMx.Lock()");
    public static final Site ADD_UNLOCK = new Site("Add", "Room.Add: r.membersMx.Unlock()");
    public static final Site REMOVE_LOCK = new Site("Remove", "Room.Remove: r.membersMx.Lock()");
    public static final Site REMOVE_UNLOCK = new Site("Remove", "Room.Remove: r.membersMx.Unlock()");
}
