package dev.lockscope.room;

import dev.lockscope.model.Site;
import dev.lockscope.sim.Goroutine;
import dev.lockscope.sim.Instruction;
import dev.lockscope.sim.Program;

/**
 * The goroutine of {@code go m.Send(msg)}: the member's network send, then exit. A big room starts one per member
 * per broadcast, so it is the send and nothing else.
 */
final class SendOnce implements Program {
    private final Room room;
    private final Member member;
    private final Message msg;
    private final Site site;
    private boolean sent;

    SendOnce(Room room, Member member, Message msg, Site site) {
        this.room = room;
        this.member = member;
        this.msg = msg;
        this.site = site;
    }

    @Override
    public Instruction next(Goroutine self) {
        if (sent) {
            return Instruction.Exit.INSTANCE;
        }
        sent = true;
        return room.send(member, msg, site);
    }
}
