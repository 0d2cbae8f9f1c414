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
import dev.lockscope.sim.Instruction;
import dev.lockscope.sim.Kernel;
import dev.lockscope.sim.Priority;
import dev.lockscope.sim.World;
import java.util.ArrayList;
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
    /** Network settings of every member ever named, in or out of the list. */
    private final Map<String, Network> networks = new HashMap<>();
    /** The protected member list, in order. */
    private final List<String> members = new ArrayList<>();
    private final Map<String, Client> clients = new HashMap<>();
    private final Map<String, Outbox> outboxes = new HashMap<>();
    /** "Send(bob)" per member: one string per member rather than one per send. */
    private final Map<String, String> sendNames = new HashMap<>();
    private Strategy strategy;
    private long periodNs;
    private long lastBroadcastNs = -1;
    private long tickerGeneration;
    private long lastMessageId;

    private record Network(long latencyNs, long jitterNs) {}

    /** A member's client, as far as reloads are concerned. */
    private static final class Client {
        long lastUpdateNs;
        long generation;
        boolean inRoom;
        boolean reloading;
        boolean departed;
    }

    public Room(Kernel kernel, RoomSpec spec, LockSemantics semantics) {
        this.kernel = Objects.requireNonNull(kernel, "kernel");
        this.spec = Objects.requireNonNull(spec, "spec");
        this.strategy = spec.strategy();
        this.periodNs = spec.broadcastPeriodNs();
        this.lock = kernel.newLock("membersMx", LockKind.RWMUTEX, semantics);
    }

    @Override
    public void start() {
        for (MemberSpec m : spec.members()) {
            networks.put(m.name(), new Network(m.latencyNs(), m.jitterNs()));
            if (!members.contains(m.name())) {
                members.add(m.name());
                joined(m.name());
            }
        }
        scheduleTick(spec.broadcastStartNs());
    }

    @Override
    public void apply(Command command) {
        switch (command) {
            case Command.Join j -> {
                networks.put(j.member(), new Network(j.latencyNs(), j.jitterNs()));
                client(j.member()).departed = false;
                kernel.spawn("Add(" + j.member() + ")", "Add", 0, MembershipProgram.add(this, j.member()));
            }
            case Command.Leave l -> {
                client(l.member()).departed = true;
                kernel.spawn("Remove(" + l.member() + ")", "Remove", 0, MembershipProgram.remove(this, l.member()));
            }
            case Command.Reload r -> startReload(r.member());
            case Command.SetMember s -> {
                Network n = networks.get(s.member());
                if (n != null) {
                    networks.put(s.member(), new Network(s.latencyNs().orElse(n.latencyNs()),
                            s.jitterNs().orElse(n.jitterNs())));
                }
            }
            case Command.SetStrategy s -> strategy = s.strategy();
            case Command.SetLock s -> lock.setSemantics(s.semantics());
            case Command.SetBroadcastPeriod p -> {
                periodNs = p.periodNs();
                long next = lastBroadcastNs < 0 ? Math.max(spec.broadcastStartNs(), kernel.now())
                        : Math.max(kernel.now(), lastBroadcastNs + periodNs);
                scheduleTick(next);
            }
        }
    }

    TrackedLock lock() {
        return lock;
    }

    /** A copy of the member list; callers hold the lock, so it cannot change under them anyway. */
    List<String> memberList() {
        return List.copyOf(members);
    }

    /** A send to {@code member}, taking its latency as it stands now. */
    Instruction send(String member, Message msg, Site site) {
        Network n = networks.get(member);
        long duration = n.latencyNs();
        if (n.jitterNs() > 0) {
            duration = Math.max(0, duration + kernel.random().nextLong(-n.jitterNs(), n.jitterNs() + 1));
        }
        return new NetworkSend(this, member, msg, duration, site);
    }

    /** A send to {@code member} completed: its client has heard from the room. */
    void delivered(String member, long timeNs) {
        Client c = clients.get(member);
        if (c != null) {
            c.lastUpdateNs = timeNs;
        }
    }

    String sendGoroutineName(String member) {
        return sendNames.computeIfAbsent(member, m -> "Send(" + m + ")");
    }

    void enqueue(String member, Message msg, int byGoroutine) {
        Outbox box = outboxes.get(member);
        if (box == null || box.isClosed()) {
            box = new Outbox(this, member);
            outboxes.put(member, box);
            box.attach(kernel.spawn("Writer(" + member + ")", "Writer", byGoroutine, box));
        }
        Message dropped = box.offer(msg, spec.queueLimit());
        if (dropped != null) {
            kernel.emit(new TraceEvent.Drop(kernel.now(), member, dropped.id()));
        }
    }

    void removeFromList(String member) {
        if (members.remove(member)) {
            Client c = client(member);
            c.inRoom = false;
            kernel.emit(new TraceEvent.MemberEvent(kernel.now(), member, MemberChange.LEAVE));
            Outbox box = outboxes.remove(member);
            if (box != null) {
                box.close();
            }
        }
    }

    void appendToList(String member, boolean byReload) {
        Client c = client(member);
        if (byReload) {
            c.reloading = false;
            if (c.departed) {
                return;
            }
        }
        if (!members.contains(member)) {
            members.add(member);
            joined(member);
        }
    }

    private Client client(String member) {
        return clients.computeIfAbsent(member, m -> new Client());
    }

    private void joined(String member) {
        Client c = client(member);
        c.inRoom = true;
        c.lastUpdateNs = kernel.now();
        long generation = ++c.generation;
        kernel.emit(new TraceEvent.MemberEvent(kernel.now(), member, MemberChange.JOIN));
        if (spec.reloadAfterNoUpdateNs() > 0) {
            scheduleReloadCheck(member, generation, kernel.now() + spec.reloadAfterNoUpdateNs());
        }
    }

    private void scheduleReloadCheck(String member, long generation, long at) {
        kernel.schedule(at, Priority.NORMAL, () -> checkReload(member, generation));
    }

    private void checkReload(String member, long generation) {
        Client c = clients.get(member);
        if (c.generation != generation || !c.inRoom || c.reloading || c.departed) {
            return;
        }
        long due = c.lastUpdateNs + spec.reloadAfterNoUpdateNs();
        if (kernel.now() >= due) {
            startReload(member);
        } else {
            scheduleReloadCheck(member, generation, due);
        }
    }

    private void startReload(String member) {
        Client c = client(member);
        if (!c.inRoom || c.reloading || c.departed) {
            return;
        }
        c.reloading = true;
        kernel.emit(new TraceEvent.MemberEvent(kernel.now(), member, MemberChange.RELOAD));
        kernel.spawn("Reload(" + member + ")", "Reload", 0, MembershipProgram.reload(this, member));
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
        kernel.spawn("Broadcast#" + msg.id(), "Broadcast", 0, BroadcastPrograms.of(strategy, this, msg));
        kernel.schedule(kernel.now() + periodNs, Priority.NORMAL, () -> tick(generation));
    }
}
