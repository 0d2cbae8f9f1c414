package dev.lockscope.room;

import dev.lockscope.event.MemberChange;
import dev.lockscope.event.TraceEvent;
import dev.lockscope.lock.TrackedLock;
import dev.lockscope.model.Command;
import dev.lockscope.model.LockKind;
import dev.lockscope.model.LockSemantics;
import dev.lockscope.model.Site;
import dev.lockscope.model.Strategy;
import dev.lockscope.scenario.MemberSpec;
import dev.lockscope.scenario.RoomSpec;
import dev.lockscope.scenario.StrategySpec;
import dev.lockscope.script.ScriptCode;
import dev.lockscope.script.WorldProgram;
import dev.lockscope.sim.Instruction;
import dev.lockscope.sim.Kernel;
import dev.lockscope.sim.Priority;
import dev.lockscope.sim.World;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
/**
 * The article's chat room on a kernel: a member list behind one read-write lock {@code membersMx}, a ticker
 * that starts a {@code Broadcast} goroutine every period, {@code Add} and {@code Remove} goroutines for members
 * joining and leaving, and clients that reload when they hear nothing for too long.
 *
 * <p><b>Rules.</b> The initial members are in the list at t=0. The list changes only under the write lock
 * (Add appends, Remove removes). A send takes the member's latency as it stands when the send starts, plus a
 * uniform jitter draw from [-jitter, +jitter] ns, never below zero. Each broadcast follows the strategy in force
 * when it starts; broadcasts overlap when they last longer than the period. A period change takes effect from
 * the next broadcast, due one new period after the last one started (at once if that is already past).
 *
 * <p><b>Reloads.</b> With {@code reloadAfterNoUpdateNs} &gt; 0, a member in the room whose client has received
 * nothing for that long (since it joined or since its last delivery) starts one goroutine that runs Remove, then
 * Add. A member that left by a command does not reload, and is not re-added by a reload in progress.
 */
public final class Room implements World {
    private final Kernel kernel;
    private final RoomSpec spec;
    private final TrackedLock lock;
    /** Every member ever named, in or out of the list. */
    private final Map<String, Member> byName = new HashMap<>();
    /** The protected member list, in order. */
    private final List<Member> members = new ArrayList<>();
    /** The program of the strategy in force; each broadcast runs the one in force when it starts. */
    private StrategySpec strategy;
    /** Each strategy program this run has used, compiled once (its go blocks count the goroutines they start). */
    private final Map<StrategySpec, WorldProgram> compiled = new HashMap<>();
    /** What the strategy programs' goroutines share: the kernel, {@code r.membersMx} and {@code r.members}. */
    private final WorldProgram.Runtime runtime;
    private long periodNs;
    private long lastBroadcastNs = -1;
    private long tickerGeneration;
    private long lastMessageId;

    public Room(Kernel kernel, RoomSpec spec, LockSemantics semantics) {
        this.kernel = Objects.requireNonNull(kernel, "kernel");
        this.spec = Objects.requireNonNull(spec, "spec");
        this.strategy = spec.strategyProgram();
        this.periodNs = spec.broadcastPeriodNs();
        this.lock = kernel.newLock("membersMx", LockKind.RWMUTEX, semantics);
        this.runtime = new WorldProgram.Runtime(kernel, semantics,
                Map.of("r.membersMx", lock, "r.members", Collections.unmodifiableList(members)));
    }

    /** The Go listings of a strategy program, as the lab's code panel shows them (docs/room-code.md). */
    public static List<ScriptCode> code(StrategySpec strategy) {
        return WorldProgram.compile(strategy.funcs(), StrategySpec.WORDS, new RoomBuiltins(null, strategy))
                .listings();
    }

    private WorldProgram compiled(StrategySpec program) {
        return compiled.computeIfAbsent(program, p -> WorldProgram.compile(p.funcs(), StrategySpec.WORDS,
                new RoomBuiltins(this, p)));
    }

    @Override
    public void start() {
        for (MemberSpec m : spec.members()) {
            Member member = member(m.name());
            member.network(m.latencyNs(), m.jitterNs());
            if (!members.contains(member)) {
                members.add(member);
                joined(member);
            }
        }
        scheduleTick(spec.broadcastStartNs());
    }

    @Override
    public void apply(Command command) {
        switch (command) {
            case Command.Join j -> {
                Member m = member(j.member());
                m.network(j.latencyNs(), j.jitterNs());
                m.departed = false;
                kernel.spawn("Add(" + m.name + ")", "Add", 0, MembershipProgram.add(this, m));
            }
            case Command.Leave l -> {
                Member m = member(l.member());
                m.departed = true;
                kernel.spawn("Remove(" + m.name + ")", "Remove", 0, MembershipProgram.remove(this, m));
            }
            case Command.Reload r -> startReload(member(r.member()));
            case Command.SetMember s -> {
                Member m = byName.get(s.member());
                if (m != null && m.hasNetwork) {
                    m.network(s.latencyNs().orElse(m.latencyNs), s.jitterNs().orElse(m.jitterNs));
                }
            }
            case Command.SetStrategy s -> strategy = program(s.id());
            case Command.SetLock s -> {
                lock.setSemantics(s.semantics());
                runtime.setSemantics(s.semantics());
            }
            case Command.SetBroadcastPeriod p -> {
                periodNs = p.periodNs();
                long next = lastBroadcastNs < 0 ? Math.max(spec.broadcastStartNs(), kernel.now())
                        : Math.max(kernel.now(), lastBroadcastNs + periodNs);
                scheduleTick(next);
            }
        }
    }

    /** The program of strategy {@code id}: the room's own, or a built-in; unknown ids keep the one in force. */
    private StrategySpec program(String id) {
        if (spec.ownStrategy() != null && spec.ownStrategy().id().equals(id)) {
            return spec.ownStrategy();
        }
        Strategy builtin = Strategy.ofId(id);
        return builtin == null ? strategy : StrategySpec.builtin(builtin);
    }

    TrackedLock lock() {
        return lock;
    }

    /** A send to {@code member}, taking its latency as it stands now. */
    Instruction send(Member member, Message msg, Site site) {
        long duration = member.latencyNs;
        if (member.jitterNs > 0) {
            duration = Math.max(0, duration + kernel.random().nextLong(-member.jitterNs, member.jitterNs + 1));
        }
        return new NetworkSend(this, member, msg, duration, site);
    }

    /** A send to {@code member} completed: its client has heard from the room. */
    void delivered(Member member, long timeNs) {
        member.lastUpdateNs = timeNs;
    }

    /** {@code m.outbox <- msg}; the member's first message (since it joined) starts its writer, {@code strategy}'s writeLoop. */
    void enqueue(StrategySpec strategy, Member member, Message msg, int byGoroutine) {
        Outbox box = member.outbox;
        if (box == null || box.isClosed()) {
            box = new Outbox();
            member.outbox = box;
            box.attach(kernel.spawn("Writer(" + member.name + ")", "Writer", byGoroutine,
                    compiled(strategy).start(runtime, "writeLoop", member)));
        }
        Message dropped = box.offer(msg, spec.queueLimit());
        if (dropped != null) {
            kernel.emit(new TraceEvent.Drop(kernel.now(), member.name, dropped.id()));
        }
    }

    void removeFromList(Member member) {
        if (members.remove(member)) {
            member.inRoom = false;
            kernel.emit(new TraceEvent.MemberEvent(kernel.now(), member.name, MemberChange.LEAVE));
            Outbox box = member.outbox;
            member.outbox = null;
            if (box != null) {
                box.close();
            }
        }
    }

    void appendToList(Member member, boolean byReload) {
        if (byReload) {
            member.reloading = false;
            if (member.departed) {
                return;
            }
        }
        if (!members.contains(member)) {
            members.add(member);
            joined(member);
        }
    }

    private Member member(String name) {
        return byName.computeIfAbsent(name, Member::new);
    }

    private void joined(Member member) {
        member.inRoom = true;
        member.lastUpdateNs = kernel.now();
        long generation = ++member.generation;
        kernel.emit(new TraceEvent.MemberEvent(kernel.now(), member.name, MemberChange.JOIN));
        if (spec.reloadAfterNoUpdateNs() > 0) {
            scheduleReloadCheck(member, generation, kernel.now() + spec.reloadAfterNoUpdateNs());
        }
    }

    private void scheduleReloadCheck(Member member, long generation, long at) {
        kernel.schedule(at, Priority.NORMAL, () -> checkReload(member, generation));
    }

    private void checkReload(Member member, long generation) {
        if (member.generation != generation || !member.inRoom || member.reloading || member.departed) {
            return;
        }
        long due = member.lastUpdateNs + spec.reloadAfterNoUpdateNs();
        if (kernel.now() >= due) {
            startReload(member);
        } else {
            scheduleReloadCheck(member, generation, due);
        }
    }

    private void startReload(Member member) {
        if (!member.inRoom || member.reloading || member.departed) {
            return;
        }
        member.reloading = true;
        kernel.emit(new TraceEvent.MemberEvent(kernel.now(), member.name, MemberChange.RELOAD));
        kernel.spawn("Reload(" + member.name + ")", "Reload", 0, MembershipProgram.reload(this, member));
    }

    private void scheduleTick(long at) {
        long generation = ++tickerGeneration;
        kernel.schedule(at, Priority.NORMAL, () -> tick(generation));
    }

    private void tick(long generation) {
        if (generation != tickerGeneration) {
            return;
        }
        lastBroadcastNs = kernel.now();
        Message msg = new Message(++lastMessageId, kernel.now());
        kernel.spawn("Broadcast#" + msg.id(), "Broadcast", 0, compiled(strategy).start(runtime, "Broadcast", msg));
        kernel.schedule(kernel.now() + periodNs, Priority.NORMAL, () -> tick(generation));
    }
}
