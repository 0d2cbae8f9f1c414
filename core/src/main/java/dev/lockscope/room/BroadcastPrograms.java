package dev.lockscope.room;

import dev.lockscope.model.Mode;
import dev.lockscope.model.Strategy;
import dev.lockscope.sim.Goroutine;
import dev.lockscope.sim.Instruction;
import dev.lockscope.sim.Program;
import java.util.List;
/** {@code Room.Broadcast} under each {@link Strategy}, as programs; docs/room-code.md has the Go code. */
final class BroadcastPrograms {
    private BroadcastPrograms() {}

    static Program of(Strategy strategy, Room room, Message msg) {
        return switch (strategy) {
            case SEQUENTIAL -> new Sequential(room, msg, false);
            case SNAPSHOT -> new Sequential(room, msg, true);
            case GOROUTINE_PER_SEND -> new Fanout(room, msg, false);
            case PARALLEL_WAIT -> new Fanout(room, msg, true);
            case MEMBER_QUEUE -> new Enqueue(room, msg);
        };
    }

    /**
     * {@code sequential}: RLock, send to each member in turn, RUnlock. {@code snapshot}: RLock, copy the list,
     * RUnlock, then send in turn.
     */
    private static final class Sequential implements Program {
        private final Room room;
        private final Message msg;
        private final boolean snapshot;
        private List<Member> targets;
        private int next;
        private int pc;

        Sequential(Room room, Message msg, boolean snapshot) {
            this.room = room;
            this.msg = msg;
            this.snapshot = snapshot;
        }

        @Override
        public Instruction next(Goroutine self) {
            if (pc == 0) {
                pc = 1;
                return new Instruction.Lock(room.lock(), Mode.READ, Sites.BROADCAST_RLOCK);
            }
            if (pc == 1) {
                targets = room.memberList();
                pc = 2;
                if (snapshot) {
                    return unlock();
                }
            }
            if (next < targets.size()) {
                return room.send(targets.get(next++), msg, Sites.BROADCAST_SEND);
            }
            if (pc == 2) {
                pc = 3;
                if (!snapshot) {
                    return unlock();
                }
            }
            return Instruction.Exit.INSTANCE;
        }

        private Instruction unlock() {
            return new Instruction.Unlock(room.lock(), Mode.READ, Sites.BROADCAST_RUNLOCK);
        }
    }

    /**
     * {@code goroutine-per-send}: under the read lock start one goroutine per member send, then RUnlock.
     * {@code parallel-wait}: the same, but wait for all sends ({@code wg.Wait()}) before RUnlock.
     */
    private static final class Fanout implements Program {
        private final Room room;
        private final Message msg;
        private final boolean waitForAll;
        private List<Member> targets;
        private int next;
        private int pc;
        private int outstanding;
        private Goroutine self;

        Fanout(Room room, Message msg, boolean waitForAll) {
            this.room = room;
            this.msg = msg;
            this.waitForAll = waitForAll;
        }

        @Override
        public Instruction next(Goroutine g) {
            if (pc == 0) {
                pc = 1;
                self = g;
                return new Instruction.Lock(room.lock(), Mode.READ, Sites.BROADCAST_RLOCK);
            }
            if (pc == 1) {
                if (targets == null) {
                    targets = room.memberList();
                }
                if (next < targets.size()) {
                    Member member = targets.get(next++);
                    outstanding++;
                    return new Instruction.Go(member.sendGoroutine, "Send",
                            new SendOnce(room, member, msg, waitForAll ? this : null));
                }
                pc = 2;
            }
            if (pc == 2) {
                if (waitForAll && outstanding > 0) {
                    return new Instruction.Park(Sites.BROADCAST_WAIT);
                }
                pc = 3;
                return new Instruction.Unlock(room.lock(), Mode.READ, Sites.BROADCAST_RUNLOCK);
            }
            return Instruction.Exit.INSTANCE;
        }

        /** {@code wg.Done()}. */
        void done() {
            outstanding--;
            if (outstanding == 0) {
                self.unpark();
            }
        }
    }

    /** The goroutine started per member send. */
    private static final class SendOnce implements Program {
        private final Room room;
        private final Member member;
        private final Message msg;
        private final Fanout group;
        private boolean sent;

        SendOnce(Room room, Member member, Message msg, Fanout group) {
            this.room = room;
            this.member = member;
            this.msg = msg;
            this.group = group;
        }

        @Override
        public Instruction next(Goroutine self) {
            if (!sent) {
                sent = true;
                return room.send(member, msg, Sites.SEND_GOROUTINE);
            }
            if (group != null) {
                group.done();
            }
            return Instruction.Exit.INSTANCE;
        }
    }

    /** {@code member-queue}: under the read lock put the message in each member's outbox, then RUnlock. */
    private static final class Enqueue implements Program {
        private final Room room;
        private final Message msg;
        private int pc;

        Enqueue(Room room, Message msg) {
            this.room = room;
            this.msg = msg;
        }

        @Override
        public Instruction next(Goroutine self) {
            switch (pc++) {
                case 0 -> {
                    return new Instruction.Lock(room.lock(), Mode.READ, Sites.BROADCAST_RLOCK);
                }
                case 1 -> {
                    for (Member member : room.memberList()) {
                        room.enqueue(member, msg, self.id());
                    }
                    return new Instruction.Unlock(room.lock(), Mode.READ, Sites.BROADCAST_RUNLOCK);
                }
                default -> {
                    return Instruction.Exit.INSTANCE;
                }
            }
        }
    }
}
