package dev.lockscope.room;

import dev.lockscope.model.Site;
import dev.lockscope.scenario.StrategyOp;
import dev.lockscope.scenario.StrategySpec;
import dev.lockscope.sim.Goroutine;
import dev.lockscope.sim.Instruction;
import dev.lockscope.sim.Program;
import java.util.List;

/**
 * One goroutine of a strategy program ({@link StrategySpec}): a {@code Broadcast}, a {@code Send} goroutine it
 * started, or a member's {@code Writer}. It runs the function's operations over a frame of slots until one is a
 * kernel instruction (a lock, a send, a park, a {@code go}), which it hands to the kernel; an operation that must wait
 * (a {@code wg.Wait()}, an empty outbox) parks and runs again when woken.
 */
final class StrategyRun implements Program {
    /** A {@code sync.WaitGroup} of one broadcast: the goroutine that waits on it is the one that declared it. */
    private static final class Counter {
        final Goroutine waiter;
        int count;

        Counter(Goroutine waiter) {
            this.waiter = waiter;
        }

        void add(int delta) {
            count += delta;
            if (count == 0) {
                waiter.unpark();
            }
        }
    }

    private static final int[] NO_INTS = {};

    private final Room room;
    private final StrategySpec spec;
    private final StrategyOp[] code;
    private final Object[] obj;
    private final int[] ints;
    /** The writer's outbox ({@code m.outbox}); {@code null} for the other goroutines. */
    private final Outbox outbox;
    private int pc;

    private StrategyRun(Room room, StrategySpec spec, StrategySpec.Function fn, Object[] obj, Outbox outbox) {
        this.room = room;
        this.spec = spec;
        this.code = fn.ops();
        this.obj = obj;
        this.ints = fn.intSlots() == 0 ? NO_INTS : new int[fn.intSlots()];
        this.outbox = outbox;
    }

    /** {@code go r.Broadcast(msg)}. */
    static StrategyRun broadcast(Room room, StrategySpec spec, Message msg) {
        Object[] obj = new Object[spec.broadcast().objSlots()];
        obj[StrategyOp.PARAM] = msg;
        return new StrategyRun(room, spec, spec.broadcast(), obj, null);
    }

    /** {@code go m.writeLoop()} over {@code outbox}. */
    static StrategyRun writer(Room room, StrategySpec spec, Member member, Outbox outbox) {
        Object[] obj = new Object[spec.writeLoop().objSlots()];
        obj[StrategyOp.PARAM] = member;
        return new StrategyRun(room, spec, spec.writeLoop(), obj, outbox);
    }

    @Override
    public Instruction next(Goroutine self) {
        while (pc < code.length) {
            StrategyOp op = code[pc];
            // The operations each member's send runs are tested first and directly: on a big room they run millions
            // of times, and a pattern switch over every kind of operation costs more per send.
            if (op instanceof StrategyOp.RangeNext r) {
                List<?> list = (List<?>) obj[r.list()];
                int i = ints[r.index()];
                if (i < list.size()) {
                    obj[r.member()] = list.get(i);
                    ints[r.index()] = i + 1;
                    pc++;
                } else {
                    pc = r.exit();
                }
            } else if (op instanceof StrategyOp.Send s) {
                pc++;
                return room.send((Member) obj[s.member()], (Message) obj[s.msg()], s.site());
            } else if (op instanceof StrategyOp.Go g) {
                pc++;
                Member member = (Member) obj[g.member()];
                return new Instruction.Go(member.sendGoroutine, "Send", goroutine(g.body()));
            } else if (op instanceof StrategyOp.Jump j) {
                pc = j.target();
            } else {
                Instruction i = other(self, op);
                if (i != null) {
                    return i;
                }
            }
        }
        return Instruction.Exit.INSTANCE;
    }

    /**
     * The program of a {@code go} statement's goroutine: a copy of this frame running {@code body}, or, for the
     * shape every fan-out has ({@code m.Send(msg)}, then perhaps {@code wg.Done()}), a {@link SendOnce} that runs the
     * same two operations without the copy: a big room starts one per member per broadcast.
     */
    private Program goroutine(StrategySpec.Function body) {
        StrategyOp[] ops = body.ops();
        if (ops.length >= 1 && ops.length <= 2 && ops[0] instanceof StrategyOp.Send send
                && (ops.length == 1 || ops[1] instanceof StrategyOp.WgAdd done && done.delta() == -1)) {
            Counter group = ops.length == 2 ? (Counter) obj[((StrategyOp.WgAdd) ops[1]).wg()] : null;
            return new SendOnce(room, (Member) obj[send.member()], (Message) obj[send.msg()], send.site(), group);
        }
        return new StrategyRun(room, spec, body, obj.clone(), null);
    }

    /** {@code go func() { m.Send(msg); wg.Done() }()}, {@code go m.Send(msg)}: the send, then the Done if any. */
    private static final class SendOnce implements Program {
        private final Room room;
        private final Member member;
        private final Message msg;
        private final Site site;
        private final Counter group;
        private boolean sent;

        SendOnce(Room room, Member member, Message msg, Site site, Counter group) {
            this.room = room;
            this.member = member;
            this.msg = msg;
            this.site = site;
            this.group = group;
        }

        @Override
        public Instruction next(Goroutine self) {
            if (!sent) {
                sent = true;
                return room.send(member, msg, site);
            }
            if (group != null) {
                group.add(-1);
            }
            return Instruction.Exit.INSTANCE;
        }
    }

    /** The operations a broadcast runs once (or once per member, for an outbox); null to go on. */
    private Instruction other(Goroutine self, StrategyOp op) {
        switch (op) {
            case StrategyOp.Lock l -> {
                pc++;
                return l.acquire() ? new Instruction.Lock(room.lock(), l.mode(), l.site())
                        : new Instruction.Unlock(room.lock(), l.mode(), l.site());
            }
            case StrategyOp.Members m -> {
                obj[m.list()] = room.memberList();
                pc++;
            }
            case StrategyOp.RangeStart r -> {
                ints[r.index()] = 0;
                pc++;
            }
            case StrategyOp.NewWaitGroup w -> {
                obj[w.wg()] = new Counter(self);
                pc++;
            }
            case StrategyOp.WgAdd a -> {
                ((Counter) obj[a.wg()]).add(a.delta());
                pc++;
            }
            case StrategyOp.WgWait w -> {
                if (((Counter) obj[w.wg()]).count > 0) {
                    return new Instruction.Park(w.site());
                }
                pc++;
            }
            case StrategyOp.Enqueue e -> {
                room.enqueue(spec, (Member) obj[e.member()], (Message) obj[e.msg()], self.id());
                pc++;
            }
            case StrategyOp.OutboxNext o -> {
                if (outbox.isClosed()) {
                    pc = o.exit();
                    return null;
                }
                Message msg = outbox.poll();
                if (msg == null) {
                    return new Instruction.Park(o.site());
                }
                obj[o.msg()] = msg;
                pc++;
            }
            case StrategyOp.RangeNext r -> throw new IllegalStateException("run by next");
            case StrategyOp.Send s -> throw new IllegalStateException("run by next");
            case StrategyOp.Go g -> throw new IllegalStateException("run by next");
            case StrategyOp.Jump j -> throw new IllegalStateException("run by next");
        }
        return null;
    }
}
