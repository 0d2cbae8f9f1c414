package dev.lockscope.room;

import dev.lockscope.model.Site;
import dev.lockscope.scenario.ScriptSpec;
import dev.lockscope.scenario.StrategySpec;
import dev.lockscope.script.Builtins;
import dev.lockscope.sim.Goroutine;
import dev.lockscope.sim.Instruction;
import dev.lockscope.sim.Program;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The room's words in a strategy program ({@link StrategySpec#WORDS}), as the script compiler binds them: the
 * functions' Go names ({@code Room.Broadcast}, {@code Member.writeLoop}, {@code Room.Broadcast.funcK} for the k-th
 * {@code go}), the sites ({@code Room.Broadcast: r.membersMx.RLock()}, whose operation is the kind of goroutine on it:
 * {@code Broadcast}, {@code Send} or {@code Writer}), a member's network send ({@code m.Send(msg)},
 * {@code m.conn.Send(msg)}: a {@link NetworkSend}, in a goroutine {@code Send(NAME)} when started with {@code go}) and
 * its outbox ({@code m.outbox}: a kernel channel the room makes, {@link Room}) and {@code m.Dropped(msg)}, which
 * records a message not delivered. One per strategy program of a room; {@code room} is null for a listing only.
 */
final class RoomBuiltins implements Builtins {
    private final Room room;
    private final StrategySpec strategy;
    private final Method send = new Method() {
        @Override
        public Instruction call(Goroutine self, Object recv, Object arg, Site site) {
            return room.send((Member) recv, (Message) arg, site);
        }

        @Override
        public String goroutineName(Object recv) {
            return ((Member) recv).sendGoroutine;
        }

        @Override
        public String goroutineKind() {
            return "Send";
        }

        @Override
        public Program program(Object recv, Object arg, Site site) {
            return new SendOnce(room, (Member) recv, (Message) arg, site);
        }
    };
    private final Method dropped = new Method() {
        @Override
        public Instruction call(Goroutine self, Object recv, Object arg, Site site) {
            room.dropped((Member) recv, (Message) arg);
            return null;
        }

        @Override
        public String goroutineName(Object recv) {
            return "Dropped(" + recv + ")";
        }

        @Override
        public String goroutineKind() {
            return "Dropped";
        }

        @Override
        public Program program(Object recv, Object arg, Site site) {
            Member m = (Member) recv;
            Message msg = (Message) arg;
            return self -> {
                room.dropped(m, msg);
                return Instruction.Exit.INSTANCE;
            };
        }
    };

    RoomBuiltins(Room room, StrategySpec strategy) {
        this.room = room;
        this.strategy = strategy;
    }

    @Override
    public String functionName(String function) {
        return function.equals("writeLoop") ? "Member.writeLoop" : "Room." + function;
    }

    @Override
    public String signature(String function, List<ScriptSpec.ParamSpec> params) {
        return function.equals("writeLoop") ? "func (m *Member) writeLoop() {"
                : "func (r *Room) " + function + "(" + params.getFirst().text() + ") {";
    }

    @Override
    public Site site(String function, String text) {
        String s = text.strip();
        if (s.endsWith("{")) {
            s = s.substring(0, s.length() - 1).strip();
        }
        String kind = function.contains(".func") ? "Send" : function.startsWith("Member.") ? "Writer" : "Broadcast";
        return new Site(kind, function + ": " + s.replaceAll("\\s+", " "));
    }

    @Override
    public UnaryOperator<Object> field(String type, String field) {
        return switch (type + "." + field) {
            case "*Member.outbox" -> m -> m == null ? null : ((Member) m).outbox; // null: reach() before a loop binds m
            case "*Member.conn" -> m -> m; // the member stands for its connection
            default -> throw new IllegalArgumentException("no field " + type + "." + field);
        };
    }

    @Override
    public Method method(String type, String name) {
        return switch (type + "." + name) {
            case "*Member.Send", "Conn.Send" -> send;
            case "*Member.Dropped" -> dropped;
            default -> throw new IllegalArgumentException("no method " + type + "." + name);
        };
    }

}
