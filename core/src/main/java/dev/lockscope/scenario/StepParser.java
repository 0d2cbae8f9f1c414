package dev.lockscope.scenario;

import dev.lockscope.io.JsonFields;
import dev.lockscope.io.Quote;
import dev.lockscope.model.Mode;
import dev.lockscope.model.PrimKind;
import dev.lockscope.scenario.GoType.Kind;
import dev.lockscope.scenario.ScriptSpec.ForHead;
import dev.lockscope.scenario.StepLexer.Token;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the one-line texts of a script (docs/scenario-format.md): simple steps, a {@code for} head, an {@code if}
 * condition, a select case. It resolves every name in the {@link Scope} of the step and checks its type, declaring
 * the names a step declares ({@code :=}, {@code var}), so that a script that reads can run. A mistake is a
 * {@link Problem} whose message says what was expected and what was found; the caller adds the file, line and
 * field.
 */
final class StepParser {
    private static final Pattern LOCK = Pattern.compile("\\s*(lock|unlock|rlock|runlock)\\s+(\\S+)\\s*");
    private static final Pattern SLEEP = Pattern.compile("\\s*sleep\\s+(\\S+)\\s*");
    static final String STEPS = "expected a step such as \"lock X\", \"sleep MS\", \"ch <- v\", \"v := <-ch\", "
            + "\"close(ch)\", \"wg.Wait()\", \"f(x)\", \"go f(x)\" or \"return\"";
    private static final Map<String, Long> UNITS = Map.of("Nanosecond", 1L, "Microsecond", 1_000L,
            "Millisecond", 1_000_000L, "Second", 1_000_000_000L, "Minute", 60_000_000_000L);

    /** A mistake in a step's text. */
    static final class Problem extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Problem(String message) {
            super(message, null, false, false);
        }
    }

    private final Scope scope;
    private final String function;
    private List<Token> tokens;
    private int pos;

    /** @param function the function the step is in, for the names of what it makes */
    StepParser(Scope scope, String function) {
        this.scope = scope;
        this.function = function;
    }

    // ---- entry points ----

    /** A simple step: a lock or sleep step, or any other one-line statement. */
    ScriptSpec.Step step(String text) {
        Matcher lock = LOCK.matcher(text);
        if (lock.matches()) {
            return lockStep(text, lock.group(1), lock.group(2));
        }
        Matcher sleep = SLEEP.matcher(text);
        if (sleep.matches()) {
            return new ScriptSpec.SleepStep(text, sleepNanos(sleep.group(1)));
        }
        start(text);
        if (peek().kind() == StepLexer.Kind.END) {
            throw new Problem(STEPS + ", got an empty step");
        }
        if (peekIs("time") && peekIs(1, ".") && peekIs(2, "Sleep")) {
            pos += 3;
            expect("(");
            long ns = duration();
            expect(")");
            end();
            return new ScriptSpec.SleepStep(text, ns);
        }
        if (peek().kind() == StepLexer.Kind.IDENT && peekIs(1, ".") && peek(2).kind() == StepLexer.Kind.IDENT
                && peekIs(3, "(") && peekIs(4, ")") && peekIs(5, "") && isLockMethod(peek(2).text())) {
            String name = next().text();
            pos++;
            String method = next().text();
            pos += 2;
            Stmt.LockOp op = lockOp(name, method);
            return new ScriptSpec.LockStep(text, op.lock(), op.mode(), op.acquire());
        }
        Stmt s = statement(true);
        end();
        return new ScriptSpec.Simple(text, s);
    }

    /**
     * The head of a {@code for}: counted, {@code range} over a channel or a slice, a condition, or empty (forever).
     * Declares its variable.
     */
    ForHead forHead(String text) {
        start(text);
        if (peekIs("")) {
            return new ForHead.Forever();
        }
        boolean declares = peekIs("range") || peekIs("_") && peekIs(1, ",")
                || peek().kind() == StepLexer.Kind.IDENT && peekIs(1, ":=");
        if (!declares) {
            Expr cond = expr();
            end();
            requireType(cond, GoType.BOOL, "the loop's condition");
            return new ForHead.While(cond);
        }
        if (peekIs("range")) {
            pos++;
            Stmt.ChanExpr ch = chanExpr(true);
            end();
            return new ForHead.Range(null, ch);
        }
        if (peekIs("_") && peekIs(1, ",")) {
            pos += 2;
            String each = ident("a loop variable");
            expect(":=");
            expect("range");
            Expr list = expr();
            GoType type = typeOf(list);
            if (type.kind() != Kind.SLICE) {
                throw new Problem("expected a slice to range over, got " + describe(list) + " (" + type + ")");
            }
            end();
            scope.declare(each, type.elem());
            return new ForHead.Each(each, list);
        }
        String var = ident("a loop variable");
        if (peekIs(":=") && peekIs(1, "range")) {
            pos += 2;
            Stmt.ChanExpr ch = chanExpr(true);
            end();
            scope.declare(var, elemOf(ch));
            return new ForHead.Range(var, ch);
        }
        expect(":=");
        Expr from = expr();
        requireType(from, GoType.INT, "the loop variable's start");
        expect(";");
        scope.declare(var, GoType.INT);
        if (!peekIs(var)) {
            throw new Problem("expected the condition to test " + var + " (\"" + var + " < N\"), got " + peek());
        }
        pos++;
        String cmp = next().text();
        if (!List.of("<", "<=", ">", ">=", "!=").contains(cmp)) {
            throw new Problem("expected <, <=, >, >= or != in the condition, got \"" + cmp + "\"");
        }
        Expr limit = expr();
        requireType(limit, GoType.INT, "the loop's limit");
        expect(";");
        if (!peekIs(var)) {
            throw new Problem("expected \"" + var + "++\" or \"" + var + "--\" after the condition, got " + peek());
        }
        pos++;
        int step = peekIs("++") ? 1 : peekIs("--") ? -1 : 0;
        if (step == 0) {
            throw new Problem("expected \"" + var + "++\" or \"" + var + "--\", got " + peek());
        }
        pos++;
        end();
        return new ForHead.Counted(var, from, cmp, limit, step);
    }

    /** An {@code if} condition: a boolean value. */
    Expr condition(String text) {
        start(text);
        Expr e = expr();
        end();
        requireType(e, GoType.BOOL, "the condition");
        return e;
    }

    /** A select case's communication: a send, or a receive (whose names it declares in the case's scope). */
    Stmt comm(String text) {
        start(text);
        Stmt s = statement(false);
        end();
        if (!(s instanceof Stmt.Send) && !(s instanceof Stmt.Recv)) {
            throw new Problem("expected a send (\"ch <- v\") or a receive (\"<-ch\", \"v := <-ch\", \"v, ok := <-ch\")"
                    + " in a select case, got " + Quote.of(text));
        }
        return s;
    }

    /** A function parameter, {@code name type}: declares it. */
    ScriptSpec.ParamSpec param(String text) {
        start(text);
        String name = ident("a parameter name");
        GoType type = type();
        end();
        if (type.kind() == Kind.FUNC) {
            throw new Problem("a parameter cannot be a function; name the function where it is used");
        }
        return new ScriptSpec.ParamSpec(text, name, type);
    }

    /** A type, as a declaration writes it. */
    GoType typeOf(String text) {
        start(text);
        GoType t = type();
        end();
        return t;
    }

    // ---- statements ----

    private Stmt statement(boolean topLevel) {
        Token t = peek();
        if (t.is("<-")) {
            pos++;
            return new Stmt.Recv(List.of(), false, chanExpr(true));
        }
        if (t.kind() != StepLexer.Kind.IDENT && !t.is("_")) {
            throw new Problem(STEPS + ", got " + Quote.of(text()));
        }
        switch (t.text()) {
            case "send" -> {
                if (peek(1).kind() == StepLexer.Kind.IDENT && peekIs(2, "")) {
                    pos++;
                    String ch = chan(next().text(), true);
                    return new Stmt.Send(ch, null);
                }
            }
            case "return" -> {
                pos++;
                return new Stmt.Return();
            }
            case "break" -> {
                pos++;
                if (!scope.canBreak()) {
                    throw new Problem("break is not in a loop or select (of this function: a go or defer block is "
                            + "a function of its own)");
                }
                return new Stmt.Break();
            }
            case "continue" -> {
                pos++;
                if (!scope.canContinue()) {
                    throw new Problem("continue is not in a loop (of this function: a go or defer block is a "
                            + "function of its own)");
                }
                return new Stmt.Continue();
            }
            case "go" -> {
                pos++;
                String f = qualified(ident("a function to start"));
                if (peekIs(".") && scope.vocabulary() != null) {
                    if (method(f) instanceof Stmt.WorldCall call) {
                        return new Stmt.GoWorld(call);
                    }
                    throw new Problem("expected a function or a method of " + f + " after go, got " + Quote.of(text()));
                }
                return new Stmt.Go(f, args(f));
            }
            case "defer" -> {
                pos++;
                return new Stmt.Defer(deferred());
            }
            case "var" -> {
                pos++;
                String name = ident("a variable name");
                GoType type = type();
                if (type.kind() == Kind.FUNC || type.kind() == Kind.CANCEL || type.kind() == Kind.CONTEXT
                        || type.kind() == Kind.COND || type.kind() == Kind.TIMER || type.kind() == Kind.TICKER) {
                    throw new Problem("var cannot make a " + type + "; use := with its constructor");
                }
                scope.declare(name, type);
                return new Stmt.Var(name, type);
            }
            case "time" -> {
                if (peekIs(1, ".") && peekIs(2, "AfterFunc")) {
                    pos += 3;
                    expect("(");
                    long ns = duration();
                    expect(",");
                    String f = func(ident("a function"), 0);
                    expect(")");
                    return new Stmt.AfterFunc(null, ns, f);
                }
            }
            case "close" -> {
                if (peekIs(1, "(")) {
                    pos += 2;
                    String ch = ident("a channel");
                    expect(")");
                    GoType type = type(ch, "a channel", Kind.CHAN);
                    if (type.dir() == GoType.Dir.RECV) {
                        throw new Problem("invalid operation: cannot close receive-only channel " + ch);
                    }
                    return new Stmt.Close(ch);
                }
            }
            default -> { }
        }
        List<String> targets = new ArrayList<>();
        targets.add(qualified(next().text()));
        if (peekIs(",")) {
            pos++;
            targets.add(identOrBlank());
        }
        String first = targets.getFirst();
        if (targets.size() == 1) {
            if (peekIs("<-")) {
                pos++;
                String ch = chan(first, true);
                return new Stmt.Send(ch, value(elemOfChan(first)));
            }
            if (peekIs(".")) {
                return method(first);
            }
            if (peekIs("(")) {
                return call(first);
            }
            if (peekIs("++") || peekIs("--")) {
                int delta = next().is("++") ? 1 : -1;
                assignable(first, GoType.INT);
                return new Stmt.IncDec(first, delta);
            }
        }
        boolean declare = peekIs(":=");
        if (!declare && !peekIs("=")) {
            throw new Problem(STEPS + ", got " + Quote.of(text()));
        }
        pos++;
        return assignment(targets, declare, topLevel);
    }

    private Stmt assignment(List<String> targets, boolean declare, boolean topLevel) {
        String first = targets.getFirst();
        if (peekIs("<-")) {
            pos++;
            Stmt.ChanExpr from = chanExpr(true);
            GoType elem = elemOf(from);
            bind(targets.get(0), elem, declare);
            if (targets.size() == 2) {
                bind(targets.get(1), GoType.BOOL, declare);
            }
            return new Stmt.Recv(targets, declare, from);
        }
        if (targets.size() == 2) {
            if (peekIs("context") && peekIs(1, ".")) {
                return context(targets, declare);
            }
            throw new Problem("expected \"<-ch\" or a context (\"context.WithCancel(ctx)\") after " + first + ", "
                    + targets.get(1) + " :=, got " + peek());
        }
        if (!topLevel) {
            throw new Problem("expected a send or a receive in a select case, got an assignment");
        }
        if (peekIs("make")) {
            requireDeclare(declare, "make");
            pos++;
            expect("(");
            if (!peekIs("chan")) {
                throw new Problem("expected make(chan T) or make(chan T, n), got " + peek());
            }
            GoType type = type();
            Expr cap = null;
            if (peekIs(",")) {
                pos++;
                cap = expr();
                requireType(cap, GoType.INT, "the channel's capacity");
            }
            expect(")");
            scope.declare(first, type);
            return new Stmt.MakeChan(first, type.elem(), cap);
        }
        if (peekIs("sync") && peekIs(1, ".") && peekIs(2, "NewCond")) {
            requireDeclare(declare, "sync.NewCond");
            pos += 3;
            expect("(");
            if (peekIs("&")) {
                pos++;
            }
            String lock = ident("a lock");
            type(lock, "lock", Kind.MUTEX, Kind.RWMUTEX);
            expect(")");
            scope.declare(first, GoType.simple(Kind.COND));
            return new Stmt.NewCond(first, lock);
        }
        if (peekIs("time") && peekIs(1, ".")) {
            String fn = peek(2).text();
            if (List.of("NewTimer", "NewTicker", "After", "AfterFunc").contains(fn)) {
                requireDeclare(declare, "time." + fn);
                pos += 3;
                expect("(");
                long ns = duration();
                if (fn.equals("AfterFunc")) {
                    expect(",");
                    String f = func(ident("a function"), 0);
                    expect(")");
                    scope.declare(first, GoType.simple(Kind.AFTERFUNC));
                    return new Stmt.AfterFunc(first, ns, f);
                }
                expect(")");
                if (fn.equals("After")) {
                    scope.declare(first, GoType.chan(GoType.TIME, GoType.Dir.RECV));
                    return new Stmt.NewTimer(first, PrimKind.TIMER, ns, true);
                }
                boolean ticker = fn.equals("NewTicker");
                scope.declare(first, GoType.simple(ticker ? Kind.TICKER : Kind.TIMER));
                return new Stmt.NewTimer(first, ticker ? PrimKind.TICKER : PrimKind.TIMER, ns, false);
            }
        }
        if (!declare && peekIs("nil") && peekIs(1, "") && entry(first).type().kind() == Kind.CHAN) {
            // ch = nil: the idiom that switches a select's case off. Another channel cannot be assigned: who may
            // act on a channel is worked out from the names that hold it (docs/primitives.md), and nil is none.
            if (scope.isGlobal(first)) {
                throw new Problem("cannot assign to " + first + " (a channel of the script's declarations; a "
                        + "local copy can be set to nil: ch := make(...) in a step, or a parameter)");
            }
            pos++;
            return new Stmt.Assign(first, new Expr.Nil(), false);
        }
        if (peek().kind() == StepLexer.Kind.IDENT && peekIs(1, ".") && (peekIs(2, "Stop") || peekIs(2, "Reset"))
                && peekIs(3, "(") && scope.find(peek().text()) != null) {
            String timer = next().text();
            Stmt call = method(timer);
            if (entry(timer).type().kind() == Kind.TICKER) {
                throw new Problem(text().strip().substring(text().strip().indexOf(timer)) + " (no value) used as value: "
                        + "a ticker's Stop and Reset return nothing");
            }
            if (declare) {
                scope.declare(first, GoType.BOOL);
            } else {
                assignable(first, GoType.BOOL);
            }
            return new Stmt.Into(first, declare, call);
        }
        Expr value = expr();
        GoType type = typeOf(value);
        if (declare) {
            if (value instanceof Expr.Nil) {
                throw new Problem("use of untyped nil in assignment to " + first);
            }
            scope.declare(first, type);
        } else {
            assignable(first, type);
        }
        return new Stmt.Assign(first, value, declare);
    }

    private Stmt context(List<String> targets, boolean declare) {
        requireDeclare(declare, "context.With...");
        pos += 2;
        String fn = ident("WithCancel or WithTimeout");
        if (!fn.equals("WithCancel") && !fn.equals("WithTimeout")) {
            throw new Problem("expected context.WithCancel or context.WithTimeout, got context." + fn);
        }
        expect("(");
        String parent = null;
        if (peekIs("context") && peekIs(1, ".") && (peekIs(2, "Background") || peekIs(2, "TODO"))) {
            pos += 3;
            expect("(");
            expect(")");
        } else {
            parent = ident("a parent context");
            type(parent, "context", Kind.CONTEXT);
        }
        long timeout = -1;
        if (fn.equals("WithTimeout")) {
            expect(",");
            timeout = duration();
        }
        expect(")");
        scope.declare(targets.get(0), GoType.simple(Kind.CONTEXT));
        scope.declare(targets.get(1), GoType.simple(Kind.CANCEL));
        return new Stmt.WithContext(targets.get(0), targets.get(1), parent, timeout);
    }

    private Stmt method(String name) {
        pos++;
        String method = ident("a method");
        expect("(");
        Scope.Entry e = entry(name);
        Kind kind = e.type().kind();
        Stmt s = switch (method) {
            case "Add" -> {
                type(name, "WaitGroup", Kind.WAITGROUP);
                Expr delta = expr();
                requireType(delta, GoType.INT, "Add's delta");
                yield new Stmt.WgAdd(name, delta);
            }
            case "Done" -> {
                type(name, "WaitGroup", Kind.WAITGROUP);
                yield new Stmt.WgDone(name);
            }
            case "Wait" -> {
                type(name, "WaitGroup or Cond", Kind.WAITGROUP, Kind.COND);
                yield kind == Kind.COND ? new Stmt.CondWait(name) : new Stmt.WgWait(name);
            }
            case "Signal", "Broadcast" -> {
                type(name, "Cond", Kind.COND);
                yield new Stmt.CondNotify(name, method.equals("Broadcast"));
            }
            case "Do" -> {
                type(name, "Once", Kind.ONCE);
                yield new Stmt.OnceDo(name, func(ident("a function"), 0));
            }
            case "Stop" -> {
                type(name, "timer, ticker or AfterFunc", Kind.TIMER, Kind.TICKER, Kind.AFTERFUNC);
                yield new Stmt.Stop(name);
            }
            case "Reset" -> {
                type(name, "timer or ticker", Kind.TIMER, Kind.TICKER);
                long ns = duration();
                if (kind == Kind.TICKER && ns <= 0) {
                    throw new Problem("non-positive interval for Ticker.Reset");
                }
                yield new Stmt.Reset(name, ns);
            }
            case "Lock", "Unlock", "RLock", "RUnlock" -> lockOp(name, method);
            default -> worldCall(name, e.type(), method);
        };
        expect(")");
        return s;
    }

    /** {@code recv.method(args)} of a world's type, up to the closing parenthesis. */
    private Stmt worldCall(String recv, GoType type, String method) {
        List<GoType> params = scope.vocabulary() == null ? null : scope.vocabulary().method(type, method);
        if (params == null) {
            throw new Problem("unknown method " + recv + "." + method + " (" + recv + " is a " + type + ")");
        }
        List<Expr> args = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            if (i > 0) {
                expect(",");
            }
            Expr a = expr();
            if (!params.get(i).accepts(typeOf(a))) {
                throw new Problem("cannot use " + describe(a) + " (" + typeOf(a) + ") as " + params.get(i)
                        + " value in argument to " + recv + "." + method);
            }
            args.add(a);
        }
        return new Stmt.WorldCall(recv, type.name(), method, args);
    }

    private Stmt call(String name) {
        Scope.Entry e = scope.find(name);
        if (e != null && e.type().kind() == Kind.CANCEL) {
            pos++;
            expect(")");
            return new Stmt.Cancel(name);
        }
        func(name, -1);
        return new Stmt.Call(name, args(name));
    }

    /** The statement of a {@code defer}: a call, a method call, a close or a cancel. */
    private Stmt deferred() {
        String text = text();
        Stmt s = statement(true);
        return switch (s) {
            case Stmt.Call c -> c;
            case Stmt.Cancel c -> c;
            case Stmt.Close c -> c;
            case Stmt.WgAdd c -> c;
            case Stmt.WgDone c -> c;
            case Stmt.WgWait c -> c;
            case Stmt.CondNotify c -> c;
            case Stmt.Stop c -> c;
            case Stmt.Reset c -> c;
            case Stmt.LockOp c -> c;
            case Stmt.OnceDo c -> c;
            case Stmt.Go c -> c;
            default -> throw new Problem("expected a call after defer (\"defer mu.Unlock()\", \"defer wg.Done()\", "
                    + "\"defer close(ch)\", \"defer f(x)\"), got " + Quote.of(text));
        };
    }

    private Stmt.LockOp lockOp(String name, String method) {
        GoType t = type(name, "lock", Kind.MUTEX, Kind.RWMUTEX);
        boolean read = method.startsWith("R");
        if (read && t.kind() == Kind.MUTEX) {
            throw new Problem(name + "." + method + " needs an rwmutex, but " + name + " is a mutex");
        }
        return new Stmt.LockOp(name, read ? Mode.READ : Mode.WRITE, method.endsWith("Lock") && !method.contains("Un"));
    }

    private static boolean isLockMethod(String m) {
        return m.equals("Lock") || m.equals("Unlock") || m.equals("RLock") || m.equals("RUnlock");
    }

    private ScriptSpec.Step lockStep(String text, String verb, String name) {
        Scope.Entry e = scope.find(name);
        if (e == null || (e.type().kind() != Kind.MUTEX && e.type().kind() != Kind.RWMUTEX)) {
            throw new Problem("unknown lock " + Quote.of(name) + " (declared: "
                    + String.join(", ", scope.namesOf(Kind.MUTEX, Kind.RWMUTEX)) + ")");
        }
        boolean read = verb.startsWith("r");
        if (read && e.type().kind() == Kind.MUTEX) {
            throw new Problem(verb + " needs an rwmutex, but " + name + " is a mutex");
        }
        boolean acquire = verb.equals("lock") || verb.equals("rlock");
        return new ScriptSpec.LockStep(text, name, read ? Mode.READ : Mode.WRITE, acquire);
    }

    private static long sleepNanos(String ms) {
        BigDecimal value = JsonFields.decimal(ms);
        if (value == null) {
            throw new Problem("expected sleep MS with MS " + Ranges.TIME.expected() + ", got " + Quote.of(ms));
        }
        Long ns = JsonFields.exactNanos(value);
        if (ns == null && value.stripTrailingZeros().scale() > 6) {
            throw new Problem("sleep: " + JsonFields.nanosProblem(value) + ", got " + Quote.shorten(ms));
        }
        if (ns == null || !Ranges.TIME.test(ns)) {
            throw new Problem("sleep: expected " + Ranges.TIME.expected() + ", got " + Quote.shorten(ms));
        }
        return ns;
    }

    // ---- names and types ----

    private Scope.Entry entry(String name) {
        Scope.Entry e = scope.find(name);
        if (e == null) {
            GoType field = scope.typeOf(name);
            if (field == null) {
                throw new Problem("undefined: " + name);
            }
            return new Scope.Entry(name, field, false, List.of());
        }
        return e;
    }

    /**
     * {@code name} and the fields that follow it ({@code r.membersMx}, {@code m.outbox}, {@code m.conn}), as far as
     * they name a world's global or a field of a world's value; a method call's name is left for the caller.
     */
    private String qualified(String name) {
        while (peekIs(".") && peek(1).kind() == StepLexer.Kind.IDENT && !peekIs(2, "(")) {
            String joined = name + "." + peek(1).text();
            if (scope.typeOf(joined) == null) {
                break;
            }
            name = joined;
            pos += 2;
        }
        return name;
    }

    /** The type of {@code name}, which must be one of {@code kinds} ({@code what} names them in the message). */
    private GoType type(String name, String what, Kind... kinds) {
        Scope.Entry e = scope.find(name);
        if (e == null && scope.typeOf(name) != null) {
            e = entry(name); // a field of a world's value: m.outbox
        }
        if (e != null) {
            for (Kind k : kinds) {
                if (e.type().kind() == k) {
                    return e.type();
                }
            }
        }
        List<String> known = scope.namesOf(kinds);
        String article = what.matches("^[aeiou].*") ? "an " : "a ";
        throw new Problem((e == null ? "unknown " + what + " " + Quote.of(name)
                : name + " is a " + e.type() + ", not " + article + what)
                + " (declared: " + (known.isEmpty() ? "none" : String.join(", ", known)) + ")");
    }

    private String chan(String name, boolean sending) {
        GoType t = type(name, "channel", Kind.CHAN);
        if (sending && t.dir() == GoType.Dir.RECV) {
            throw new Problem("invalid operation: cannot send to receive-only channel " + name);
        }
        if (!sending && t.dir() == GoType.Dir.SEND) {
            throw new Problem("invalid operation: cannot receive from send-only channel " + name);
        }
        return name;
    }

    private GoType elemOfChan(String name) {
        return entry(name).type().elem();
    }

    private String func(String name, int arity) {
        Scope.Entry e = scope.find(name);
        if (e == null || e.type().kind() != Kind.FUNC) {
            List<String> known = scope.namesOf(Kind.FUNC);
            throw new Problem("unknown function " + Quote.of(name) + " (declared: "
                    + (known.isEmpty() ? "none" : String.join(", ", known)) + ")");
        }
        if (arity >= 0 && e.params().size() != arity) {
            throw new Problem(name + " takes " + e.params().size() + " parameters, but is used as a func() here");
        }
        return name;
    }

    private List<Expr> args(String f) {
        Scope.Entry e = scope.find(f);
        if (e == null || e.type().kind() != Kind.FUNC) {
            func(f, -1);
        }
        expect("(");
        List<Expr> args = new ArrayList<>();
        List<ScriptSpec.ParamSpec> params = e.params();
        while (!peekIs(")")) {
            if (!args.isEmpty()) {
                expect(",");
            }
            int i = args.size();
            if (i >= params.size()) {
                throw new Problem("too many arguments in call to " + f + " (it takes " + params.size() + ")");
            }
            GoType want = params.get(i).type();
            if (peekIs("&")) {
                pos++;
            }
            Scope.Entry named = peek().kind() == StepLexer.Kind.IDENT ? scope.find(peek().text()) : null;
            if (!want.kind().isObject() && named != null && named.type().kind().isObject()) {
                throw new Problem("cannot use " + named.name() + " (" + named.type() + ") as " + want + " in argument "
                        + (i + 1) + " to " + f);
            }
            Expr a = want.kind().isObject() ? new Expr.Name(ident("an argument")) : expr();
            GoType got = typeOf(a);
            if (!want.accepts(got)) {
                throw new Problem("cannot use " + describe(a) + " (" + got + ") as " + want + " in argument "
                        + (i + 1) + " to " + f);
            }
            args.add(a);
        }
        pos++;
        if (args.size() != params.size()) {
            throw new Problem("not enough arguments in call to " + f + " (it takes " + params.size() + ", got "
                    + args.size() + ")");
        }
        return args;
    }

    private void bind(String name, GoType type, boolean declare) {
        if (name.equals("_")) {
            return;
        }
        if (declare) {
            scope.declare(name, type);
        } else {
            assignable(name, type);
        }
    }

    private void assignable(String name, GoType type) {
        Scope.Entry e = entry(name);
        if (e.constant()) {
            throw new Problem("cannot assign to " + name + " (a constant)");
        }
        if (e.type().kind().isObject() || e.type().kind() == Kind.FUNC) {
            throw new Problem("cannot assign to " + name + " (a " + e.type() + ")");
        }
        if (!e.type().accepts(type)) {
            throw new Problem("cannot use a " + type + " as " + e.type() + " in assignment to " + name);
        }
    }

    private static void requireDeclare(boolean declare, String what) {
        if (!declare) {
            throw new Problem("use := to make a new " + what);
        }
    }

    private Stmt.ChanExpr chanExpr(boolean receiving) {
        if (peekIs("time") && peekIs(1, ".") && peekIs(2, "After")) {
            pos += 3;
            expect("(");
            long ns = duration();
            expect(")");
            return new Stmt.ChanExpr.After(ns);
        }
        String name = qualified(ident("a channel"));
        if (peekIs(".")) {
            pos++;
            String member = ident("C or Done()");
            if (member.equals("C")) {
                type(name, "timer or ticker", Kind.TIMER, Kind.TICKER);
                return new Stmt.ChanExpr.TimerC(name);
            }
            if (member.equals("Done")) {
                type(name, "context", Kind.CONTEXT);
                expect("(");
                expect(")");
                return new Stmt.ChanExpr.Done(name);
            }
            throw new Problem("expected " + name + ".C or " + name + ".Done(), got " + name + "." + member);
        }
        chan(name, !receiving);
        return new Stmt.ChanExpr.Name(name);
    }

    private GoType elemOf(Stmt.ChanExpr ch) {
        return switch (ch) {
            case Stmt.ChanExpr.Name n -> elemOfChan(n.name());
            case Stmt.ChanExpr.TimerC t -> GoType.TIME;
            case Stmt.ChanExpr.After a -> GoType.TIME;
            case Stmt.ChanExpr.Done d -> GoType.STRUCT;
        };
    }

    private GoType type() {
        if (peekIs("<-")) {
            pos++;
            if (!peekIs("chan")) {
                throw new Problem("expected <-chan T, got " + peek());
            }
            pos++;
            return GoType.chan(elemType(), GoType.Dir.RECV);
        }
        if (peekIs("chan")) {
            pos++;
            GoType.Dir dir = GoType.Dir.BOTH;
            if (peekIs("<-")) {
                pos++;
                dir = GoType.Dir.SEND;
            }
            return GoType.chan(elemType(), dir);
        }
        if (peekIs("func")) {
            pos++;
            expect("(");
            expect(")");
            return GoType.simple(Kind.FUNC);
        }
        boolean pointer = peekIs("*");
        if (pointer) {
            pos++;
        }
        if (scope.vocabulary() != null && peek().kind() == StepLexer.Kind.IDENT) {
            GoType world = scope.vocabulary().types().get((pointer ? "*" : "") + peek().text());
            if (world != null) {
                pos++;
                return world;
            }
        }
        String a = ident("a type");
        if (peekIs(".")) {
            pos++;
            String b = ident("a type");
            switch (a + "." + b) {
                case "sync.WaitGroup" -> { return GoType.simple(Kind.WAITGROUP); }
                case "sync.Mutex" -> { return GoType.simple(Kind.MUTEX); }
                case "sync.RWMutex" -> { return GoType.simple(Kind.RWMUTEX); }
                case "sync.Once" -> { return GoType.simple(Kind.ONCE); }
                case "sync.Cond" -> { return GoType.simple(Kind.COND); }
                case "context.Context" -> { return GoType.simple(Kind.CONTEXT); }
                case "context.CancelFunc" -> { return GoType.simple(Kind.CANCEL); }
                case "time.Timer" -> { return GoType.simple(Kind.TIMER); }
                case "time.Ticker" -> { return GoType.simple(Kind.TICKER); }
                case "time.Time" -> { return GoType.TIME; }
                default -> throw new Problem("unknown type " + (pointer ? "*" : "") + a + "." + b);
            }
        }
        pos--;
        if (pointer) {
            pos--;
        }
        return elemType();
    }

    private GoType elemType() {
        if (peekIs("struct") && peekIs(1, "{") && peekIs(2, "}")) {
            pos += 3;
            return GoType.STRUCT;
        }
        if (peekIs("time") && peekIs(1, ".") && peekIs(2, "Time")) {
            pos += 3;
            return GoType.TIME;
        }
        String t = ident("a type");
        return switch (t) {
            case "int" -> GoType.INT;
            case "string" -> GoType.STRING;
            case "bool" -> GoType.BOOL;
            case "error" -> GoType.ERROR;
            default -> throw new Problem("expected a type (int, string, bool, struct{}, error, time.Time, a channel, "
                    + "*sync.WaitGroup, ...), got \"" + t + "\"");
        };
    }

    /** A duration as Go writes a constant one: {@code 100 * time.Millisecond}, {@code time.Second}. */
    private long duration() {
        BigDecimal n = BigDecimal.ONE;
        Token first = peek();
        if (first.kind() == StepLexer.Kind.NUMBER) {
            n = new BigDecimal(next().text());
            if (!peekIs("*")) {
                throw new Problem("expected a duration such as \"100 * time.Millisecond\" or \"time.Second\", got "
                        + first);
            }
            pos++;
        }
        if (!peekIs("time") || !peekIs(1, ".") || !UNITS.containsKey(peek(2).text())) {
            throw new Problem("expected a duration such as \"100 * time.Millisecond\" or \"time.Second\", got " + peek());
        }
        long unit = UNITS.get(peek(2).text());
        pos += 3;
        BigDecimal ns = n.multiply(BigDecimal.valueOf(unit));
        long exact;
        try {
            exact = ns.longValueExact();
        } catch (ArithmeticException e) {
            throw new Problem("expected a whole number of nanoseconds, got " + ns.toPlainString() + " ns");
        }
        if (!Ranges.TIME.test(exact)) {
            throw new Problem("expected a duration from 0 to a week (" + Ranges.WEEK_NS + " ns), got "
                    + ns.toPlainString() + " ns");
        }
        return exact;
    }

    // ---- expressions ----

    private Expr value(GoType want) {
        Expr e = expr();
        GoType got = typeOf(e);
        if (!want.accepts(got) && !(want.kind() == Kind.ERROR && e instanceof Expr.Nil)) {
            throw new Problem("cannot use " + describe(e) + " (" + got + ") as " + want + " value in send");
        }
        return e;
    }

    private Expr expr() {
        return binary(0);
    }

    private static final List<List<String>> LEVELS = List.of(List.of("||"), List.of("&&"),
            List.of("==", "!=", "<", "<=", ">", ">="), List.of("+", "-"), List.of("*"));

    private Expr binary(int level) {
        if (level == LEVELS.size()) {
            return unary();
        }
        Expr left = binary(level + 1);
        while (peek().kind() == StepLexer.Kind.OP && LEVELS.get(level).contains(peek().text())) {
            String op = next().text();
            Expr right = binary(level + 1);
            Expr e = new Expr.Binary(op, left, right);
            typeOf(e); // checks the operands
            left = e;
        }
        return left;
    }

    private Expr unary() {
        if (peekIs("!")) {
            pos++;
            Expr e = new Expr.Not(unary());
            typeOf(e);
            return e;
        }
        if (peekIs("-") && peek(1).kind() == StepLexer.Kind.NUMBER) {
            pos++;
            return new Expr.Int(-integer(next().text()));
        }
        Token t = next();
        switch (t.kind()) {
            case NUMBER -> {
                return new Expr.Int(integer(t.text()));
            }
            case STRING -> {
                return new Expr.Str(t.text());
            }
            case IDENT -> {
                switch (t.text()) {
                    case "true", "false" -> {
                        return new Expr.Bool(t.text().equals("true"));
                    }
                    case "nil" -> {
                        return new Expr.Nil();
                    }
                    case "struct" -> {
                        expect("{");
                        expect("}");
                        expect("{");
                        expect("}");
                        return new Expr.Struct();
                    }
                    case "len", "cap" -> {
                        if (peekIs("(")) {
                            pos++;
                            String ch = ident("a channel");
                            type(ch, "channel", Kind.CHAN);
                            expect(")");
                            return new Expr.Len(ch, t.text().equals("cap"));
                        }
                    }
                    case "slices" -> {
                        if (peekIs(".") && peekIs(1, "Clone") && peekIs(2, "(")) {
                            pos += 3;
                            Expr slice = expr();
                            if (typeOf(slice).kind() != Kind.SLICE) {
                                throw new Problem("expected a slice to clone, got " + describe(slice) + " ("
                                        + typeOf(slice) + ")");
                            }
                            expect(")");
                            return new Expr.Clone(slice);
                        }
                    }
                    default -> { }
                }
                String name = qualified(t.text());
                Scope.Entry e = entry(name);
                if (e.type().kind() == Kind.CHAN && (peekIs("==") || peekIs("!=")) && peekIs(1, "nil")) {
                    boolean nil = next().text().equals("==");
                    pos++;
                    return new Expr.IsNil(name, nil);
                }
                if (e.type().kind().isObject() || e.type().kind() == Kind.FUNC) {
                    throw new Problem(name + " is a " + e.type() + ", not a value");
                }
                return new Expr.Name(name);
            }
            default -> {
                if (t.is("(")) {
                    Expr e = expr();
                    expect(")");
                    return e;
                }
                throw new Problem("expected a value, got " + t);
            }
        }
    }

    private static long integer(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new Problem("expected an integer, got " + Quote.shorten(text));
        }
    }

    /** The type of {@code e} ({@link Expr#type}), after checking that its operands agree as Go requires. */
    GoType typeOf(Expr e) {
        switch (e) {
            case Expr.Not n -> requireType(n.operand(), GoType.BOOL, "the operand of !");
            case Expr.Binary b -> checkOperands(b);
            default -> {}
        }
        return e.type(name -> entry(name).type());
    }

    private void checkOperands(Expr.Binary b) {
        switch (b.op()) {
            case "&&", "||" -> {
                requireType(b.left(), GoType.BOOL, "the operands of " + b.op());
                requireType(b.right(), GoType.BOOL, "the operands of " + b.op());
            }
            case "+", "-", "*" -> {
                GoType l = typeOf(b.left());
                if (!(b.op().equals("+") && l.kind() == Kind.STRING)) {
                    requireType(b.left(), GoType.INT, "the operands of " + b.op());
                }
                requireType(b.right(), l, "the operands of " + b.op());
            }
            default -> {
                GoType l = typeOf(b.left());
                GoType r = typeOf(b.right());
                boolean ordered = !b.op().equals("==") && !b.op().equals("!=");
                if (!l.accepts(r) && !r.accepts(l) || ordered && l.kind() != Kind.INT && l.kind() != Kind.STRING) {
                    throw new Problem("invalid operation: " + describe(b.left()) + " " + b.op() + " "
                            + describe(b.right()) + " (mismatched types " + l + " and " + r + ")");
                }
            }
        }
    }

    private void requireType(Expr e, GoType want, String what) {
        GoType got = typeOf(e);
        if (!want.accepts(got)) {
            throw new Problem("expected " + want + " for " + what + ", got " + describe(e) + " (" + got + ")");
        }
    }

    private static String describe(Expr e) {
        return switch (e) {
            case Expr.Int i -> Long.toString(i.value());
            case Expr.Str s -> Quote.of(s.value());
            case Expr.Bool b -> Boolean.toString(b.value());
            case Expr.Nil n -> "nil";
            case Expr.Struct s -> "struct{}{}";
            case Expr.Name n -> n.name();
            case Expr.Len l -> (l.cap() ? "cap(" : "len(") + l.chan() + ")";
            case Expr.IsNil n -> n.chan() + (n.nil() ? " == nil" : " != nil");
            case Expr.Not n -> "!" + describe(n.operand());
            case Expr.Binary b -> describe(b.left()) + " " + b.op() + " " + describe(b.right());
            case Expr.Clone c -> "slices.Clone(" + describe(c.slice()) + ")";
        };
    }

    // ---- tokens ----

    private String source;

    private void start(String text) {
        this.source = text;
        this.tokens = StepLexer.tokens(text);
        this.pos = 0;
    }

    private String text() {
        return source;
    }

    private Token peek() {
        return peek(0);
    }

    private Token peek(int ahead) {
        return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
    }

    private boolean peekIs(String s) {
        return peekIs(0, s);
    }

    private boolean peekIs(int ahead, String s) {
        Token t = peek(ahead);
        return s.isEmpty() ? t.kind() == StepLexer.Kind.END : t.is(s);
    }

    private Token next() {
        Token t = peek();
        if (t.kind() != StepLexer.Kind.END) {
            pos++;
        }
        return t;
    }

    private void expect(String s) {
        Token t = next();
        if (!t.is(s) || t.kind() == StepLexer.Kind.STRING) {
            throw new Problem("expected \"" + s + "\", got " + t);
        }
    }

    private String ident(String what) {
        Token t = next();
        if (t.kind() != StepLexer.Kind.IDENT) {
            throw new Problem("expected " + what + ", got " + t);
        }
        return t.text();
    }

    private String identOrBlank() {
        if (peekIs("_")) {
            pos++;
            return "_";
        }
        return ident("a name");
    }

    private void end() {
        if (peek().kind() != StepLexer.Kind.END) {
            throw new Problem("unexpected " + peek() + " after the statement");
        }
    }
}
