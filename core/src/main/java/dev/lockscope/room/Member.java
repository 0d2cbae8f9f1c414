package dev.lockscope.room;

import dev.lockscope.prim.Chan;

/**
 * Everything the room knows of one member, in one place, so that a send needs no look-up: its network (as it
 * stands now: a send takes the latency when it starts), its client's reload state, and the name of its send
 * goroutine. One object per name for the whole run, in or out of the list; the room's thread only.
 */
final class Member {
    final String name;
    /** "Send(bob)": one string per member rather than one per send. */
    final String sendGoroutine;
    /** Whether a network is known (the member was in the scenario or joined); settings apply only then. */
    boolean hasNetwork;
    long latencyNs;
    long jitterNs;
    // The client, as far as reloads are concerned.
    long lastUpdateNs;
    long generation;
    boolean inRoom;
    boolean reloading;
    boolean departed;
    /** {@code m.outbox}: made while an outbox strategy is in force and the member is in the room, else null. */
    Chan outbox;
    /** How many outboxes this member has had, to number their names. */
    int outboxes;

    Member(String name) {
        this.name = name;
        this.sendGoroutine = "Send(" + name + ")";
    }

    void network(long latency, long jitter) {
        hasNetwork = true;
        latencyNs = latency;
        jitterNs = jitter;
    }

    @Override
    public String toString() {
        return name;
    }
}
