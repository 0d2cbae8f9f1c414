package dev.lockscope.room;

import dev.lockscope.event.TraceEvent;
import dev.lockscope.model.Site;
import dev.lockscope.sim.Goroutine;
import dev.lockscope.sim.Instruction;
import dev.lockscope.sim.Kernel;
import dev.lockscope.sim.Priority;
import dev.lockscope.sim.Task;

/**
 * {@code m.Send(msg)}: sends message {@code msg} to {@code member} over the network, taking {@code durationNs}
 * of virtual time. It emits {@code SendStart} when it begins; when the time has passed it emits {@code Deliver}
 * (with the latency since the message was created), tells the room, and the goroutine goes on in the same task.
 *
 * <p>One object per send, which is also the task that completes it, so a send allocates nothing else.
 */
final class NetworkSend implements Instruction.Custom, Task {
    private final Room room;
    private final Member member;
    private final Message msg;
    private final long durationNs;
    private final Site site;
    private Goroutine sender;

    NetworkSend(Room room, Member member, Message msg, long durationNs, Site site) {
        this.room = room;
        this.member = member;
        this.msg = msg;
        this.durationNs = durationNs;
        this.site = site;
    }

    @Override
    public boolean start(Goroutine self) {
        Kernel kernel = self.kernel();
        sender = self;
        kernel.emit(new TraceEvent.SendStart(kernel.now(), self.id(), member.name, msg.id(), durationNs, site));
        kernel.schedule(kernel.now() + durationNs, Priority.NORMAL, this);
        return false;
    }

    @Override
    public void run() {
        Kernel kernel = sender.kernel();
        kernel.emit(new TraceEvent.Deliver(kernel.now(), sender.id(), member.name, msg.id(), kernel.now() - msg.createdNs()));
        room.delivered(member, kernel.now());
        sender.resumeNow();
    }
}
