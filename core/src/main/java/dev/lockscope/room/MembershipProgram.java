package dev.lockscope.room;

import dev.lockscope.model.Mode;
import dev.lockscope.sim.Goroutine;
import dev.lockscope.sim.Instruction;
import dev.lockscope.sim.Program;

/** {@code Room.Add}, {@code Room.Remove}, or a client's reload (Remove, then Add), for one member. */
final class MembershipProgram implements Program {
    private final Room room;
    private final Member member;
    private final boolean remove;
    private final boolean add;
    private int pc;

    private MembershipProgram(Room room, Member member, boolean remove, boolean add) {
        this.room = room;
        this.member = member;
        this.remove = remove;
        this.add = add;
        this.pc = remove ? 0 : 3;
    }

    static MembershipProgram add(Room room, Member member) {
        return new MembershipProgram(room, member, false, true);
    }

    static MembershipProgram remove(Room room, Member member) {
        return new MembershipProgram(room, member, true, false);
    }

    static MembershipProgram reload(Room room, Member member) {
        return new MembershipProgram(room, member, true, true);
    }

    @Override
    public Instruction next(Goroutine self) {
        switch (pc++) {
            case 0 -> {
                return new Instruction.Lock(room.lock(), Mode.WRITE, Sites.REMOVE_LOCK);
            }
            case 1 -> {
                room.removeFromList(member, self.id());
                return new Instruction.Unlock(room.lock(), Mode.WRITE, Sites.REMOVE_UNLOCK);
            }
            case 2 -> {
                if (!add) {
                    return Instruction.Exit.INSTANCE;
                }
                return next(self);
            }
            case 3 -> {
                return new Instruction.Lock(room.lock(), Mode.WRITE, Sites.ADD_LOCK);
            }
            case 4 -> {
                room.appendToList(member, remove, self.id());
                return new Instruction.Unlock(room.lock(), Mode.WRITE, Sites.ADD_UNLOCK);
            }
            default -> {
                return Instruction.Exit.INSTANCE;
            }
        }
    }
}
