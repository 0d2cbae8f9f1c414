package dev.lockscope.scenario;

import dev.lockscope.io.InputException;
import dev.lockscope.io.JsonFields;
import dev.lockscope.io.JsonValue;
import dev.lockscope.io.Quote;
import dev.lockscope.model.Mode;
import dev.lockscope.model.Site;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and compiles a strategy program (docs/scenario-format.md, "Strategy programs"): a JSON object written as a
 * script's functions are, {@code {"strategy": ID, "description": ..., "funcs": [{"name": "Broadcast", "params":
 * ["msg Message"], "steps": [...]}, {"name": "writeLoop", "params": ["m *Member"], "steps": [...]}]}}, each step a
 * string of Go or a block ({@code {"for": ..., "do": [...]}}, {@code {"go": [...]}}), over the room's words
 * ({@code r.membersMx}, {@code r.members}, {@code m.Send(msg)}, {@code m.outbox}). It makes the Go listing the lab
 * shows (tabs for indentation, as a script's) and the {@link StrategyOp}s the room interprets. A site's label is the
 * function's Go name and the statement: {@code Room.Broadcast: r.membersMx.RLock()}, {@code Room.Broadcast.func1:
 * m.Send(msg)} (the k-th {@code go} statement's goroutine), {@code Member.writeLoop: for msg := range m.outbox}; its
 * operation is the kind of goroutine that runs it ({@code Broadcast}, {@code Send}, {@code Writer}). Every error
 * names the source, the line, the field ({@code funcs[0].steps[2]}) and what was expected.
 */
final class StrategyCompiler {
    static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final String BROADCAST = "func (r *Room) Broadcast(msg Message) {";
    private static final String WRITE_LOOP = "func (m *Member) writeLoop() {";
    private static final Pattern LOCK = Pattern.compile("r\\.membersMx\\.(RLock|RUnlock|Lock|Unlock)\\(\\)");
    private static final Pattern RANGE = Pattern.compile("_, (\\w+) := range (r\\.members|\\w+)");
    private static final Pattern CLONE = Pattern.compile("(\\w+) := slices\\.Clone\\(r\\.members\\)");
    private static final Pattern SEND = Pattern.compile("(\\w+)\\.Send\\(msg\\)");
    private static final Pattern GO_SEND = Pattern.compile("go (\\w+)\\.Send\\(msg\\)");
    private static final Pattern VAR_WG = Pattern.compile("var (\\w+) sync\\.WaitGroup");
    private static final Pattern WG_ADD = Pattern.compile("(\\w+)\\.Add\\(([0-9]{1,6})\\)");
    private static final Pattern WG_DONE = Pattern.compile("(defer )?(\\w+)\\.Done\\(\\)");
    private static final Pattern WG_WAIT = Pattern.compile("(\\w+)\\.Wait\\(\\)");
    private static final Pattern ENQUEUE = Pattern.compile("(\\w+)\\.outbox <- msg");
    private static final Pattern OUTBOX_RANGE = Pattern.compile("(\\w+) := range m\\.outbox");
    private static final Pattern CONN_SEND = Pattern.compile("m\\.conn\\.Send\\((\\w+)\\)");
    private static final String EXPECTED = "expected a statement of Broadcast: r.membersMx.RLock(), "
            + "ms := slices.Clone(r.members), m.Send(msg), go m.Send(msg), var wg sync.WaitGroup, wg.Add(1), "
            + "wg.Wait(), m.outbox <- msg, or a block: {\"for\": \"_, m := range r.members\", \"do\": [...]}, "
            + "{\"go\": [...]}";

    private enum Kind { MSG, MEMBER, LIST, WAITGROUP }

    private record Var(Kind kind, int slot) {}

    private final JsonFields root;
    private final String source;
    private final List<String> lines = new ArrayList<>();
    private final List<String> sites = new ArrayList<>();

    StrategyCompiler(JsonFields root) {
        this.root = root;
        this.source = root.source();
    }

    StrategySpec compile(JsonValue program) throws InputException {
        root.allowOnly(List.of("strategy", "description", "funcs"));
        String id = root.string("strategy");
        if (!ID.matcher(id).matches()) {
            throw root.failAt("strategy", "expected the strategy's id (lower-case letters, digits and -), got "
                    + Quote.of(id));
        }
        String description = root.has("description") ? root.string("description").strip() : "";
        List<JsonValue> funcs = root.array("funcs");
        if (funcs.isEmpty() || funcs.size() > 2) {
            throw root.failAt("funcs", "expected Broadcast, and for a strategy that uses outboxes writeLoop, got "
                    + funcs.size() + " functions");
        }
        Body broadcast = new Body(function(funcs, 0, "Broadcast", "msg Message"), "Room.Broadcast", "Broadcast");
        StrategySpec.Function broadcastFn = broadcast.function(BROADCAST, false);
        StrategySpec.Function writeLoop = null;
        if (funcs.size() == 2) {
            lines.add("");
            sites.add(null);
            writeLoop = new Body(function(funcs, 1, "writeLoop", "m *Member"), "Member.writeLoop", "Writer")
                    .function(WRITE_LOOP, true);
        }
        if (broadcast.enqueue != null && writeLoop == null) {
            throw broadcast.enqueue.apply("m.outbox <- msg needs a writer: add the function writeLoop after Broadcast");
        }
        return new StrategySpec(id, description, program, lines, sites, broadcastFn, writeLoop);
    }

    /** Function {@code i} of {@code funcs}, checked to be {@code name} with the one parameter the room passes it. */
    private JsonFields function(List<JsonValue> funcs, int i, String name, String param) throws InputException {
        JsonFields f = JsonFields.of(source, root.pathOf("funcs") + "[" + i + "]", funcs.get(i));
        f.allowOnly(List.of("name", "params", "steps"));
        String given = f.string("name");
        if (!given.equals(name)) {
            throw f.failAt("name", "expected " + Quote.of(name) + (i == 0 ? " (the first function)"
                    : " (the second function, the writer of an outbox strategy)") + ", got " + Quote.of(given));
        }
        List<JsonValue> params = f.array("params");
        if (params.size() != 1 || !(params.getFirst() instanceof JsonValue.Str s)
                || !normal(s.value()).equals(param)) {
            throw f.failAt("params", "expected [" + Quote.of(param) + "] (what the room passes " + name + ")");
        }
        return f;
    }

    /** A statement as compared and shown: without surrounding space, runs of spaces and tabs one space. */
    private static String normal(String s) {
        return s.strip().replaceAll("\\s+", " ");
    }

    /** A step's place, to build its errors. */
    @FunctionalInterface
    private interface At {
        InputException apply(String problem);
    }

    /** The compilation of one function. */
    private final class Body {
        final JsonFields fields;
        final String fnName;
        final String operation;
        final List<StrategyOp> code = new ArrayList<>();
        final Deque<Map<String, Var>> scopes = new ArrayDeque<>();
        int objSlots = 1;
        int intSlots;
        int closures;
        At enqueue;

        Body(JsonFields fields, String fnName, String operation) {
            this.fields = fields;
            this.fnName = fnName;
            this.operation = operation;
        }

        StrategySpec.Function function(String header, boolean writer) throws InputException {
            scopes.push(new HashMap<>());
            scopes.peek().put(writer ? "m" : "msg", new Var(writer ? Kind.MEMBER : Kind.MSG, StrategyOp.PARAM));
            line(0, header);
            steps(fields.pathOf("steps"), fields.array("steps"), 1, writer);
            line(0, "}");
            return new StrategySpec.Function(fnName, code, objSlots, intSlots);
        }

        void steps(String path, List<JsonValue> items, int depth, boolean writer) throws InputException {
            for (int i = 0; i < items.size(); i++) {
                String at = path + "[" + i + "]";
                JsonValue v = items.get(i);
                At fail = problem -> new InputException(source, v.line(), at, problem);
                switch (v) {
                    case JsonValue.Str s -> {
                        String text = normal(s.value());
                        int line = line(depth, text);
                        if (writer) {
                            writerStatement(line, text, fail);
                        } else {
                            statement(line, text, fail);
                        }
                    }
                    case JsonValue.Obj o -> block(JsonFields.of(source, at, o), depth, writer);
                    default -> throw fail.apply("expected a step (a string, or an object for a block: for, go), got "
                            + v.describe());
                }
            }
        }

        void block(JsonFields b, int depth, boolean writer) throws InputException {
            if (b.has("for")) {
                b.allowOnly(List.of("for", "do"));
                String head = normal(b.string("for"));
                int line = line(depth, "for " + head + " {");
                At fail = problem -> b.failAt("for", problem);
                if (writer) {
                    writerLoop(b, line, head, depth, fail);
                } else {
                    memberLoop(b, line, head, depth, fail);
                }
                line(depth, "}");
            } else if (b.has("go") && !writer) {
                b.allowOnly(List.of("go"));
                line(depth, "go func() {");
                goroutine(b, depth);
                line(depth, "}()");
            } else {
                throw b.fail(writer ? "expected a block of writeLoop: {\"for\": \"msg := range m.outbox\", \"do\": "
                        + "[...]}" : "expected a block of Broadcast: {\"for\": \"_, m := range r.members\", \"do\": "
                        + "[...]} or {\"go\": [...]}");
            }
        }

        /** {@code for _, m := range r.members} (or a copy of the list): each member in the list as it is now. */
        void memberLoop(JsonFields b, int line, String head, int depth, At fail) throws InputException {
            Matcher m = RANGE.matcher(head);
            if (!m.matches()) {
                throw fail.apply("expected \"_, m := range r.members\" or \"_, m := range ms\" (a copy of the list), "
                        + "got " + Quote.of(head));
            }
            int list;
            if (m.group(2).equals("r.members")) {
                list = objSlots++;
                code.add(new StrategyOp.Members(list));
            } else {
                list = lookup(m.group(2), Kind.LIST, fail).slot();
            }
            int index = intSlots++;
            code.add(new StrategyOp.RangeStart(index));
            int top = code.size();
            scopes.push(new HashMap<>());
            int member = declare(m.group(1), Kind.MEMBER, fail);
            int at = code.size();
            code.add(null);
            steps(b.pathOf("do"), b.array("do"), depth + 1, false);
            code.add(new StrategyOp.Jump(top));
            code.set(at, new StrategyOp.RangeNext(list, index, member, code.size()));
            scopes.pop();
        }

        /** {@code for msg := range m.outbox}: parks while the outbox is empty, ends once it is closed. */
        void writerLoop(JsonFields b, int line, String head, int depth, At fail) throws InputException {
            Matcher m = OUTBOX_RANGE.matcher(head);
            if (!m.matches()) {
                throw fail.apply("expected \"msg := range m.outbox\", got " + Quote.of(head));
            }
            scopes.push(new HashMap<>());
            int msg = declare(m.group(1), Kind.MSG, fail);
            int top = code.size();
            code.add(null);
            steps(b.pathOf("do"), b.array("do"), depth + 1, true);
            code.add(new StrategyOp.Jump(top));
            code.set(top, new StrategyOp.OutboxNext(msg, site(line, "for " + head), code.size()));
            scopes.pop();
        }

        void statement(int line, String s, At fail) throws InputException {
            Matcher m;
            if ((m = LOCK.matcher(s)).matches()) {
                String verb = m.group(1);
                code.add(new StrategyOp.Lock(verb.startsWith("R") ? Mode.READ : Mode.WRITE, !verb.endsWith("Unlock"),
                        site(line, s)));
            } else if ((m = CLONE.matcher(s)).matches()) {
                int slot = declare(m.group(1), Kind.LIST, fail);
                code.add(new StrategyOp.Members(slot));
            } else if ((m = GO_SEND.matcher(s)).matches()) {
                int member = lookup(m.group(1), Kind.MEMBER, fail).slot();
                String name = fnName + ".func" + ++closures;
                List<StrategyOp> body = List.of(new StrategyOp.Send(member, StrategyOp.PARAM,
                        site(line, "Send", name, m.group(1) + ".Send(msg)")));
                code.add(new StrategyOp.Go(member, new StrategySpec.Function(name, body, objSlots, 0)));
            } else if ((m = SEND.matcher(s)).matches()) {
                int member = lookup(m.group(1), Kind.MEMBER, fail).slot();
                code.add(new StrategyOp.Send(member, StrategyOp.PARAM, site(line, s)));
            } else if ((m = VAR_WG.matcher(s)).matches()) {
                code.add(new StrategyOp.NewWaitGroup(declare(m.group(1), Kind.WAITGROUP, fail)));
            } else if ((m = WG_ADD.matcher(s)).matches()) {
                code.add(new StrategyOp.WgAdd(lookup(m.group(1), Kind.WAITGROUP, fail).slot(),
                        Integer.parseInt(m.group(2))));
            } else if ((m = WG_WAIT.matcher(s)).matches()) {
                code.add(new StrategyOp.WgWait(lookup(m.group(1), Kind.WAITGROUP, fail).slot(), site(line, s)));
            } else if ((m = ENQUEUE.matcher(s)).matches()) {
                code.add(new StrategyOp.Enqueue(lookup(m.group(1), Kind.MEMBER, fail).slot(), StrategyOp.PARAM));
                enqueue = enqueue == null ? fail : enqueue;
            } else {
                throw fail.apply(EXPECTED + "; got " + Quote.of(s));
            }
        }

        /** {@code {"go": [...]}}: a goroutine {@code Send(m)} of one {@code m.Send(msg)}, perhaps a {@code wg.Done()}. */
        void goroutine(JsonFields b, int depth) throws InputException {
            String name = fnName + ".func" + ++closures;
            List<StrategyOp> body = new ArrayList<>();
            List<StrategyOp> deferred = new ArrayList<>();
            int member = -1;
            List<JsonValue> items = b.array("go");
            for (int i = 0; i < items.size(); i++) {
                JsonValue v = items.get(i);
                String at = b.pathOf("go") + "[" + i + "]";
                At fail = problem -> new InputException(source, v.line(), at, problem);
                if (!(v instanceof JsonValue.Str str)) {
                    throw fail.apply("expected a statement of the goroutine (m.Send(msg), wg.Done(), "
                            + "defer wg.Done()), got " + v.describe());
                }
                String s = normal(str.value());
                int line = line(depth + 1, s);
                Matcher m;
                if ((m = SEND.matcher(s)).matches()) {
                    if (member >= 0) {
                        throw fail.apply("a goroutine sends to one member; got a second " + Quote.of(s));
                    }
                    member = lookup(m.group(1), Kind.MEMBER, fail).slot();
                    body.add(new StrategyOp.Send(member, StrategyOp.PARAM, site(line, "Send", name, s)));
                } else if ((m = WG_DONE.matcher(s)).matches()) {
                    StrategyOp done = new StrategyOp.WgAdd(lookup(m.group(2), Kind.WAITGROUP, fail).slot(), -1);
                    (m.group(1) != null ? deferred : body).add(done);
                } else {
                    throw fail.apply("expected m.Send(msg), wg.Done() or defer wg.Done() in the goroutine, got "
                            + Quote.of(s));
                }
            }
            if (member < 0) {
                throw b.failAt("go", "expected the goroutine to send: {\"go\": [\"m.Send(msg)\"]}");
            }
            body.addAll(deferred.reversed());
            code.add(new StrategyOp.Go(member, new StrategySpec.Function(name, body, objSlots, 0)));
        }

        void writerStatement(int line, String s, At fail) throws InputException {
            Matcher m = CONN_SEND.matcher(s);
            if (!m.matches()) {
                throw fail.apply("expected a statement of writeLoop: m.conn.Send(msg), or the block {\"for\": "
                        + "\"msg := range m.outbox\", \"do\": [...]}; got " + Quote.of(s));
            }
            int msg = lookup(m.group(1), Kind.MSG, fail).slot();
            code.add(new StrategyOp.Send(StrategyOp.PARAM, msg, site(line, s)));
        }

        Site site(int line, String s) {
            return site(line, operation, fnName, s);
        }

        Site site(int line, String op, String fn, String s) {
            Site site = new Site(op, fn + ": " + s);
            if (sites.get(line - 1) == null) {
                sites.set(line - 1, site.label());
            }
            return site;
        }

        int declare(String name, Kind kind, At fail) throws InputException {
            if (scopes.peek().containsKey(name)) {
                throw fail.apply(Quote.of(name) + " is declared already in this block");
            }
            int slot = objSlots++;
            scopes.peek().put(name, new Var(kind, slot));
            return slot;
        }

        Var lookup(String name, Kind kind, At fail) throws InputException {
            for (Map<String, Var> scope : scopes) {
                Var v = scope.get(name);
                if (v != null) {
                    if (v.kind() != kind) {
                        throw fail.apply(Quote.of(name) + " is a " + noun(v.kind()) + ", not a " + noun(kind));
                    }
                    return v;
                }
            }
            throw fail.apply("unknown " + noun(kind) + " " + Quote.of(name));
        }
    }

    /** Adds a line of the Go listing, indented {@code depth} tabs; returns its 1-based number. */
    private int line(int depth, String text) {
        lines.add("\t".repeat(depth) + text);
        sites.add(null);
        return lines.size();
    }

    private static String noun(Kind kind) {
        return switch (kind) {
            case MSG -> "message";
            case MEMBER -> "member";
            case LIST -> "member list";
            case WAITGROUP -> "sync.WaitGroup";
        };
    }
}
