package dev.lockscope.scenario;

import dev.lockscope.io.InputException;
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
 * Reads and compiles a strategy program (docs/scenario-format.md, "Strategy programs"): one statement per line,
 * {@code //} comments, a header {@code // strategy: ID}, then {@code func (r *Room) Broadcast(msg Message)} and,
 * for an outbox strategy, {@code func (m *Member) writeLoop()}. A site's label is the function's Go name and the
 * statement: {@code Room.Broadcast: r.membersMx.RLock()}, {@code Room.Broadcast.func1: m.Send(msg)} (the k-th
 * {@code go} statement's goroutine), {@code Member.writeLoop: for msg := range m.outbox}; its operation is the kind
 * of goroutine that runs it ({@code Broadcast}, {@code Send}, {@code Writer}). Every error names the source, the
 * 1-based line and what was expected.
 */
final class StrategyCompiler {
    static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern HEADER = Pattern.compile("//\\s*strategy:\\s*(\\S*)\\s*");
    private static final String BROADCAST = "func (r *Room) Broadcast(msg Message) {";
    private static final String WRITE_LOOP = "func (m *Member) writeLoop() {";
    private static final Pattern LOCK = Pattern.compile("r\\.membersMx\\.(RLock|RUnlock|Lock|Unlock)\\(\\)");
    private static final Pattern RANGE = Pattern.compile("for _, (\\w+) := range (r\\.members|\\w+) \\{");
    private static final Pattern CLONE = Pattern.compile("(\\w+) := slices\\.Clone\\(r\\.members\\)");
    private static final Pattern SEND = Pattern.compile("(\\w+)\\.Send\\(msg\\)");
    private static final Pattern GO_SEND = Pattern.compile("go (\\w+)\\.Send\\(msg\\)");
    private static final Pattern GO_FUNC = Pattern.compile("go func\\(\\) \\{ (.*) \\}\\(\\)");
    private static final Pattern VAR_WG = Pattern.compile("var (\\w+) sync\\.WaitGroup");
    private static final Pattern WG_ADD = Pattern.compile("(\\w+)\\.Add\\(([0-9]{1,6})\\)");
    private static final Pattern WG_DONE = Pattern.compile("(defer )?(\\w+)\\.Done\\(\\)");
    private static final Pattern WG_WAIT = Pattern.compile("(\\w+)\\.Wait\\(\\)");
    private static final Pattern ENQUEUE = Pattern.compile("(\\w+)\\.outbox <- msg");
    private static final Pattern OUTBOX_RANGE = Pattern.compile("for (\\w+) := range m\\.outbox \\{");
    private static final Pattern CONN_SEND = Pattern.compile("m\\.conn\\.Send\\((\\w+)\\)");
    private static final String EXPECTED = "expected a statement of a strategy program: r.membersMx.RLock(), "
            + "for _, m := range r.members {, ms := slices.Clone(r.members), m.Send(msg), go m.Send(msg), "
            + "var wg sync.WaitGroup, wg.Add(1), go func() { defer wg.Done(); m.Send(msg) }(), wg.Wait(), "
            + "m.outbox <- msg, or }";

    private enum Kind { MSG, MEMBER, LIST, WAITGROUP }

    private record Var(Kind kind, int slot) {}

    private final String source;
    private final String text;

    StrategyCompiler(String source, String text) {
        this.source = source;
        this.text = text;
    }

    StrategySpec compile() throws InputException {
        String[] raw = text.split("\r?\n", -1);
        String id = null;
        StringBuilder description = new StringBuilder();
        int first = -1;
        for (int i = 0; i < raw.length && first < 0; i++) {
            String line = raw[i].strip();
            if (line.startsWith("func")) {
                first = i;
            } else if (id == null && !line.isEmpty()) {
                Matcher h = HEADER.matcher(line);
                if (!h.matches() || !ID.matcher(h.group(1)).matches()) {
                    throw fail(i + 1, "expected the header line \"// strategy: ID\" (ID: lower-case letters, digits "
                            + "and -), got " + Quote.of(line));
                }
                id = h.group(1);
            } else if (line.startsWith("//")) {
                description.append(description.isEmpty() ? "" : " ").append(line.substring(2).strip());
            } else if (!line.isEmpty()) {
                throw fail(i + 1, "expected a comment or " + Quote.of(BROADCAST) + ", got " + Quote.of(line));
            }
        }
        if (id == null) {
            throw fail(raw.length > 0 ? 1 : 0, "expected the header line \"// strategy: ID\"");
        }
        if (first < 0) {
            throw fail(raw.length, "expected " + Quote.of(BROADCAST));
        }
        int last = raw.length - 1;
        while (last > first && raw[last].isBlank()) {
            last--;
        }
        List<String> lines = new ArrayList<>();
        List<String> sites = new ArrayList<>();
        for (int i = first; i <= last; i++) {
            lines.add(raw[i].stripTrailing());
            sites.add(null);
        }
        Body body = new Body(raw, first, last, sites);
        StrategySpec.Function broadcast = body.function(BROADCAST, "Room.Broadcast");
        StrategySpec.Function writeLoop = null;
        if (body.next <= last) {
            writeLoop = body.function(WRITE_LOOP, "Member.writeLoop");
        }
        if (body.next <= last) {
            throw fail(body.next + 1, "expected nothing after writeLoop, got " + Quote.of(raw[body.next].strip()));
        }
        if (body.enqueueLine > 0 && writeLoop == null) {
            throw fail(body.enqueueLine, "m.outbox <- msg needs a writer: add " + Quote.of(WRITE_LOOP)
                    + " after Broadcast");
        }
        return new StrategySpec(id, description.toString(), text, lines, sites, broadcast, writeLoop);
    }

    private InputException fail(int line, String problem) {
        return new InputException(source, line, "", problem);
    }

    /** The statements after the header, function by function. */
    private final class Body {
        final String[] raw;
        final int first;
        final int last;
        final List<String> sites;
        int next;
        int enqueueLine;
        // The function being compiled:
        String fnName;
        String operation;
        List<StrategyOp> code;
        int objSlots;
        int intSlots;
        int closures;
        final Deque<Map<String, Var>> scopes = new ArrayDeque<>();

        Body(String[] raw, int first, int last, List<String> sites) {
            this.raw = raw;
            this.first = first;
            this.last = last;
            this.sites = sites;
            this.next = first;
        }

        StrategySpec.Function function(String header, String name) throws InputException {
            while (next <= last && statement(next).isEmpty()) {
                next++;
            }
            if (next > last || !statement(next).equals(header)) {
                throw fail(next + 1, "expected " + Quote.of(header) + ", got "
                        + (next > last ? "the end of the file" : Quote.of(statement(next))));
            }
            fnName = name;
            boolean writer = header.equals(WRITE_LOOP);
            operation = writer ? "Writer" : "Broadcast";
            code = new ArrayList<>();
            objSlots = 1;
            intSlots = 0;
            closures = 0;
            scopes.clear();
            scopes.push(new HashMap<>());
            scopes.peek().put(writer ? "m" : "msg", new Var(writer ? Kind.MEMBER : Kind.MSG, StrategyOp.PARAM));
            next++;
            block(writer);
            return new StrategySpec.Function(name, code, objSlots, intSlots);
        }

        /** Statements up to and including the closing brace of the current block. */
        void block(boolean writer) throws InputException {
            while (next <= last) {
                int line = next++;
                String s = statement(line);
                if (s.isEmpty()) {
                    continue;
                }
                if (s.equals("}")) {
                    return;
                }
                if (writer) {
                    writerStatement(line, s);
                } else {
                    statement(line, s);
                }
            }
            throw fail(last + 2, "expected \"}\" closing " + fnName + ", got the end of the file");
        }

        void statement(int line, String s) throws InputException {
            Matcher m;
            if ((m = LOCK.matcher(s)).matches()) {
                String verb = m.group(1);
                code.add(new StrategyOp.Lock(verb.startsWith("R") ? Mode.READ : Mode.WRITE, !verb.endsWith("Unlock"),
                        site(line, operation, fnName, s)));
            } else if ((m = RANGE.matcher(s)).matches()) {
                int list;
                if (m.group(2).equals("r.members")) {
                    list = objSlots++;
                    code.add(new StrategyOp.Members(list));
                } else {
                    list = lookup(line, m.group(2), Kind.LIST).slot();
                }
                int index = intSlots++;
                code.add(new StrategyOp.RangeStart(index));
                int top = code.size();
                scopes.push(new HashMap<>());
                int member = declare(line, m.group(1), Kind.MEMBER);
                int at = code.size();
                code.add(null);
                block(false);
                code.add(new StrategyOp.Jump(top));
                code.set(at, new StrategyOp.RangeNext(list, index, member, code.size()));
                scopes.pop();
            } else if ((m = CLONE.matcher(s)).matches()) {
                int slot = declare(line, m.group(1), Kind.LIST);
                code.add(new StrategyOp.Members(slot));
            } else if ((m = GO_SEND.matcher(s)).matches()) {
                goroutine(line, m.group(1) + ".Send(msg)");
            } else if ((m = GO_FUNC.matcher(s)).matches()) {
                goroutine(line, m.group(1));
            } else if ((m = SEND.matcher(s)).matches()) {
                int member = lookup(line, m.group(1), Kind.MEMBER).slot();
                code.add(new StrategyOp.Send(member, StrategyOp.PARAM, site(line, operation, fnName, s)));
            } else if ((m = VAR_WG.matcher(s)).matches()) {
                code.add(new StrategyOp.NewWaitGroup(declare(line, m.group(1), Kind.WAITGROUP)));
            } else if ((m = WG_ADD.matcher(s)).matches()) {
                code.add(new StrategyOp.WgAdd(lookup(line, m.group(1), Kind.WAITGROUP).slot(),
                        Integer.parseInt(m.group(2))));
            } else if ((m = WG_WAIT.matcher(s)).matches()) {
                code.add(new StrategyOp.WgWait(lookup(line, m.group(1), Kind.WAITGROUP).slot(),
                        site(line, operation, fnName, s)));
            } else if ((m = ENQUEUE.matcher(s)).matches()) {
                code.add(new StrategyOp.Enqueue(lookup(line, m.group(1), Kind.MEMBER).slot(), StrategyOp.PARAM));
                enqueueLine = enqueueLine == 0 ? line + 1 : enqueueLine;
            } else {
                throw fail(line + 1, EXPECTED + "; got " + Quote.of(s));
            }
        }

        /** {@code go m.Send(msg)} or {@code go func() { S; S }()}: a goroutine {@code Send(m)} of the statements. */
        void goroutine(int line, String inner) throws InputException {
            String name = fnName + ".func" + ++closures;
            List<StrategyOp> body = new ArrayList<>();
            List<StrategyOp> deferred = new ArrayList<>();
            int member = -1;
            for (String part : inner.split(";")) {
                String s = part.strip();
                Matcher m;
                if ((m = SEND.matcher(s)).matches()) {
                    if (member >= 0) {
                        throw fail(line + 1, "a goroutine sends to one member; got a second " + Quote.of(s));
                    }
                    member = lookup(line, m.group(1), Kind.MEMBER).slot();
                    body.add(new StrategyOp.Send(member, StrategyOp.PARAM, site(line, "Send", name, s)));
                } else if ((m = WG_DONE.matcher(s)).matches()) {
                    StrategyOp done = new StrategyOp.WgAdd(lookup(line, m.group(2), Kind.WAITGROUP).slot(), -1);
                    (m.group(1) != null ? deferred : body).add(done);
                } else {
                    throw fail(line + 1, "expected m.Send(msg), wg.Done() or defer wg.Done() in the goroutine, got "
                            + Quote.of(s));
                }
            }
            if (member < 0) {
                throw fail(line + 1, "expected the goroutine to send: go m.Send(msg) or go func() { m.Send(msg) }()");
            }
            body.addAll(deferred.reversed());
            code.add(new StrategyOp.Go(member, new StrategySpec.Function(name, body, objSlots, 0)));
        }

        void writerStatement(int line, String s) throws InputException {
            Matcher m;
            if ((m = OUTBOX_RANGE.matcher(s)).matches()) {
                scopes.push(new HashMap<>());
                int msg = declare(line, m.group(1), Kind.MSG);
                int top = code.size();
                code.add(null);
                block(true);
                code.add(new StrategyOp.Jump(top));
                code.set(top, new StrategyOp.OutboxNext(msg, site(line, operation, fnName,
                        s.substring(0, s.length() - 2)), code.size()));
                scopes.pop();
            } else if ((m = CONN_SEND.matcher(s)).matches()) {
                int msg = lookup(line, m.group(1), Kind.MSG).slot();
                code.add(new StrategyOp.Send(StrategyOp.PARAM, msg, site(line, operation, fnName, s)));
            } else {
                throw fail(line + 1, "expected a statement of writeLoop: for msg := range m.outbox {, "
                        + "m.conn.Send(msg), or }; got " + Quote.of(s));
            }
        }

        Site site(int line, String op, String fn, String s) {
            Site site = new Site(op, fn + ": " + s);
            if (sites.get(line - first) == null) {
                sites.set(line - first, site.label());
            }
            return site;
        }

        int declare(int line, String name, Kind kind) throws InputException {
            if (name.equals("_")) {
                throw fail(line + 1, "expected a name, got \"_\"");
            }
            if (scopes.peek().containsKey(name)) {
                throw fail(line + 1, Quote.of(name) + " is declared already in this block");
            }
            int slot = objSlots++;
            scopes.peek().put(name, new Var(kind, slot));
            return slot;
        }

        Var lookup(int line, String name, Kind kind) throws InputException {
            for (Map<String, Var> scope : scopes) {
                Var v = scope.get(name);
                if (v != null) {
                    if (v.kind() != kind) {
                        throw fail(line + 1, Quote.of(name) + " is a " + noun(v.kind()) + ", not a " + noun(kind));
                    }
                    return v;
                }
            }
            throw fail(line + 1, "unknown " + noun(kind) + " " + Quote.of(name));
        }

        /** Line {@code i} without its comment, its spaces collapsed. */
        String statement(int i) {
            String s = raw[i];
            int c = s.indexOf("//");
            if (c >= 0) {
                s = s.substring(0, c);
            }
            return s.strip().replaceAll("\\s+", " ");
        }
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
