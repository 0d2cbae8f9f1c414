package dev.lockscope.room;

import dev.lockscope.event.MemberChange;
import dev.lockscope.event.TraceEvent;
import dev.lockscope.lock.TrackedLock;
import dev.lockscope.model.Command;
import dev.lockscope.model.LockKind;
import dev.lockscope.model.LockSemantics;
import dev.lockscope.model.Site;
import dev.lockscope.model.Strategy;
import dev.lockscope.prim.Chan;
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
 *
 * <p><b>Outboxes.</b> Under a strategy with a {@code writeLoop}, each member in the list has an outbox, a buffered
 * channel of the kernel made when it joins, with a writer goroutine running that {@code writeLoop}; Remove receives
 * out what is queued and closes it; a switch of strategy closes them all (and makes new ones, for an outbox
 * strategy). The room keeps each outbox while it is open, as a pending timer would (docs/room-code.md).
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
                joined(member, 0);
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
            case Command.SetStrategy s -> switchTo(program(s.id()));
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

    /** {@code m.Dropped(msg)}: the strategy did not deliver {@code msg} to {@code member} (its outbox was full). */
    void dropped(Member member, Message msg) {
        kernel.emit(new TraceEvent.Drop(kernel.now(), member.name, msg.id()));
    }

    /**
     * {@code m.outbox = make(chan Message, queueLimit); go m.writeLoop()}, in goroutine {@code parent} (0: the room
     * itself): the member's outbox and its writer, running the writeLoop of the strategy in force. The room keeps
     * the outbox, so the writer's wait on it counts as one the room's next broadcasts can end, never as a leak.
     */
    private void openOutbox(Member member, int parent) {
        int n = ++member.outboxes;
        Chan box = kernel.newChan("outbox(" + member.name + ")" + (n > 1 ? "#" + n : ""), spec.queueLimit(), null);
        box.worldKeeps();
        member.outbox = box;
        kernel.spawn("Writer(" + member.name + ")", "Writer", parent,
                compiled(strategy).start(runtime, "writeLoop", member));
    }

    /**
     * {@code close(m.outbox)} by goroutine {@code g} at {@code site}: the writer sends what is queued, then returns.
     * When the member leaves ({@code discard}), what is queued is received out first: its client is gone, and the
     * writer returns after the send it is in.
     */
    private void closeOutbox(Member member, int g, Site site, boolean discard) {
        Chan box = member.outbox;
        if (box != null) {
            member.outbox = null;
            box.worldLetGo();
            if (discard) {
                box.discardBy(g, Sites.REMOVE_DISCARD);
            }
            box.closeBy(g, site);
        }
    }

    /**
     * The strategy in force becomes {@code next}. When the writer program changes, every outbox is closed (its
     * writer drains it) and, under an outbox strategy, each member in the room gets a new one with its writer: a
     * broadcast of the old strategy still running sends to a nil outbox, which a select skips.
     */
    private void switchTo(StrategySpec next) {
        StrategySpec before = strategy;
        strategy = next;
        if (before.equals(next) || !before.hasWriteLoop() && !next.hasWriteLoop()) {
            return;
        }
        for (Member m : members) {
            closeOutbox(m, 0, Sites.SWITCH_CLOSE, false);
        }
        if (next.hasWriteLoop()) {
            for (Member m : members) {
                openOutbox(m, 0);
            }
        }
    }

    /** Remove's step under the write lock, in goroutine {@code g}. */
    void removeFromList(Member member, int g) {
        if (members.remove(member)) {
            member.inRoom = false;
            kernel.emit(new TraceEvent.MemberEvent(kernel.now(), member.name, MemberChange.LEAVE));
            closeOutbox(member, g, Sites.REMOVE_CLOSE, true);
        }
    }

    /** Add's step under the write lock, in goroutine {@code g}. */
    void appendToList(Member member, boolean byReload, int g) {
        if (byReload) {
            member.reloading = false;
            if (member.departed) {
                return;
            }
        }
        if (!members.contains(member)) {
            members.add(member);
            joined(member, g);
        }
    }

    private Member member(String name) {
        return byName.computeIfAbsent(name, Member::new);
    }

    private void joined(Member member, int byGoroutine) {
        member.inRoom = true;
        member.lastUpdateNs = kernel.now();
        long generation = ++member.generation;
        kernel.emit(new TraceEvent.MemberEvent(kernel.now(), member.name, MemberChange.JOIN));
        if (strategy.hasWriteLoop()) {
            openOutbox(member, byGoroutine);
        }
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
