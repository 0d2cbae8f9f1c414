package dev.lockscope.scenario;

import dev.lockscope.io.InputException;
import dev.lockscope.io.JsonFields;
import dev.lockscope.io.JsonValue;
import dev.lockscope.io.Quote;
import dev.lockscope.model.LockKind;
import dev.lockscope.scenario.GoType.Kind;
import dev.lockscope.scenario.ScriptSpec.Step;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the body of a script scenario (docs/scenario-format.md): its declarations, constants, functions and
 * goroutines, and every step, resolving each name in the scope where it is used. Every mistake is one
 * {@link InputException} naming the file, the line, the field path ({@code funcs[1].steps[3].do[0]}) and what was
 * expected.
 */
final class ScriptReader {
    /** The fields of a block step, by the field that names its kind. */
    private static final Map<String, List<String>> BLOCKS = Map.of("for", List.of("for", "do"),
            "if", List.of("if", "then", "else"), "select", List.of("select"), "go", List.of("go"),
            "defer", List.of("defer"));

    private final String source;
    private final Scope globals;

    private ScriptReader(String source) {
        this.source = source;
        this.globals = new Scope((Scope) null);
    }

    private ScriptReader(String source, Vocabulary words) {
        this.source = source;
        this.globals = new Scope(words);
    }

    /**
     * The steps of function {@code function} of a world's program (a strategy: {@link StrategyReader}), read as a
     * script's are against the world's names and verbs, with its parameters declared.
     */
    static List<Step> worldSteps(JsonFields f, Vocabulary words, String function, List<ScriptSpec.ParamSpec> params)
            throws InputException {
        ScriptReader reader = new ScriptReader(f.source(), words);
        Scope body = reader.globals.child();
        params.forEach(p -> body.declare(p.name(), p.type()));
        return reader.steps(f, "steps", body, function);
    }

    static ScriptSpec read(JsonFields root, List<TimedCommand> events) throws InputException {
        return new ScriptReader(root.source()).script(root, events);
    }

    private ScriptSpec script(JsonFields root, List<TimedCommand> events) throws InputException {
        List<ScriptSpec.LockSpec> locks = new ArrayList<>();
        for (JsonFields l : objects(root, "locks")) {
            l.allowOnly(List.of("name", "kind"));
            String name = l.nonEmptyString("name");
            LockKind kind = l.choice("kind", null, List.of(LockKind.values()), LockKind::id);
            if (kind == null) {
                throw l.fail("missing required field \"kind\"");
            }
            declare(l, "name", "lock", name, GoType.simple(kind == LockKind.MUTEX ? Kind.MUTEX : Kind.RWMUTEX));
            locks.add(new ScriptSpec.LockSpec(name, kind));
        }
        List<ScriptSpec.ChanSpec> chans = new ArrayList<>();
        for (JsonFields c : objects(root, "chans")) {
            c.allowOnly(List.of("name", "type", "cap", "nil"));
            String name = c.nonEmptyString("name");
            GoType elem = c.has("type") ? parse(c, "type", p -> elemType(p, c.string("type"))) : GoType.INT;
            boolean nil = c.bool("nil", false);
            long cap = c.integer("cap", 0, 0);
            if (cap > Integer.MAX_VALUE) {
                throw c.failAt("cap", "expected an integer <= " + Integer.MAX_VALUE + ", got " + cap);
            }
            if (nil && cap != 0) {
                throw c.failAt("cap", "a nil channel has no buffer: leave cap out or 0");
            }
            declare(c, "name", "channel", name, GoType.chan(elem, GoType.Dir.BOTH));
            chans.add(new ScriptSpec.ChanSpec(name, elem, (int) cap, nil));
        }
        List<String> waitGroups = named(root, "waitgroups", "WaitGroup", Kind.WAITGROUP);
        List<ScriptSpec.CondSpec> conds = new ArrayList<>();
        for (JsonFields c : objects(root, "conds")) {
            c.allowOnly(List.of("name", "lock"));
            String name = c.nonEmptyString("name");
            String lock = c.nonEmptyString("lock");
            Scope.Entry e = globals.find(lock);
            if (e == null || (e.type().kind() != Kind.MUTEX && e.type().kind() != Kind.RWMUTEX)) {
                throw c.failAt("lock", "unknown lock " + Quote.of(lock) + " (declared: "
                        + String.join(", ", globals.namesOf(Kind.MUTEX, Kind.RWMUTEX)) + ")");
            }
            declare(c, "name", "cond", name, GoType.simple(Kind.COND));
            conds.add(new ScriptSpec.CondSpec(name, lock));
        }
        List<String> onces = named(root, "onces", "Once", Kind.ONCE);
        List<ScriptSpec.ContextSpec> contexts = new ArrayList<>();
        for (JsonFields c : objects(root, "contexts")) {
            c.allowOnly(List.of("name", "parent", "timeoutMs", "cancel"));
            String name = c.nonEmptyString("name");
            String parent = c.has("parent") ? c.nonEmptyString("parent") : null;
            if (parent != null) {
                Scope.Entry e = globals.find(parent);
                if (e == null || e.type().kind() != Kind.CONTEXT) {
                    throw c.failAt("parent", "unknown context " + Quote.of(parent) + " (declared: "
                            + String.join(", ", globals.namesOf(Kind.CONTEXT)) + "; leave parent out for "
                            + "context.Background())");
                }
            }
            long timeout = c.has("timeoutMs") ? c.nanos("timeoutMs", 0, Ranges.TIME, Ranges.TIME.expected()) : -1;
            String cancel = c.has("cancel") ? c.nonEmptyString("cancel") : "cancel";
            declare(c, "name", "context", name, GoType.simple(Kind.CONTEXT));
            declare(c, c.has("cancel") ? "cancel" : "name", "cancel function", cancel, GoType.simple(Kind.CANCEL));
            contexts.add(new ScriptSpec.ContextSpec(name, parent, timeout, cancel));
        }
        List<ScriptSpec.ConstSpec> consts = new ArrayList<>();
        var constFields = root.object("consts");
        if (constFields.isPresent()) {
            JsonFields c = constFields.get();
            for (String name : c.names()) {
                JsonValue v = c.value(name).orElseThrow();
                Object value;
                GoType type;
                switch (v) {
                    case JsonValue.Bool b -> {
                        value = b.value();
                        type = GoType.BOOL;
                    }
                    case JsonValue.Str s -> {
                        value = s.value();
                        type = GoType.STRING;
                    }
                    case JsonValue.Num n -> {
                        long l = c.integer(name, 0, Long.MIN_VALUE);
                        value = l;
                        type = GoType.INT;
                    }
                    default -> throw c.failAt(name, "expected true, false, an integer or a string, got " + v.describe());
                }
                checkIdentifier(c, name, name);
                declareEntry(c, name, "constant", new Scope.Entry(name, type, true, List.of()));
                consts.add(new ScriptSpec.ConstSpec(name, value));
            }
        }
        // Function signatures first, so that any step may call any function.
        List<JsonFields> funcFields = objects(root, "funcs");
        List<String> funcNames = new ArrayList<>();
        List<List<ScriptSpec.ParamSpec>> signatures = new ArrayList<>();
        for (JsonFields f : funcFields) {
            f.allowOnly(List.of("name", "params", "steps"));
            String name = f.nonEmptyString("name");
            checkIdentifier(f, "name", name);
            Scope paramScope = globals.child();
            List<ScriptSpec.ParamSpec> params = new ArrayList<>();
            List<JsonValue> items = f.array("params");
            for (int i = 0; i < items.size(); i++) {
                String path = f.pathOf("params") + "[" + i + "]";
                JsonValue v = items.get(i);
                if (!(v instanceof JsonValue.Str s)) {
                    throw new InputException(source, v.line(), path, "expected a parameter such as \"ch chan int\", got "
                            + v.describe());
                }
                ScriptSpec.ParamSpec p = parse(path, v.line(), () -> new StepParser(paramScope, name).param(s.value()));
                try {
                    paramScope.declare(p.name(), p.type());
                } catch (StepParser.Problem e) {
                    throw new InputException(source, v.line(), path, "duplicate parameter " + Quote.of(p.name()));
                }
                params.add(p);
            }
            declareEntry(f, name, "function", new Scope.Entry(name, GoType.simple(Kind.FUNC), false, params));
            funcNames.add(name);
            signatures.add(params);
        }
        List<ScriptSpec.FuncSpec> funcs = new ArrayList<>();
        for (int i = 0; i < funcFields.size(); i++) {
            JsonFields f = funcFields.get(i);
            Scope body = globals.child();
            for (ScriptSpec.ParamSpec p : signatures.get(i)) {
                body.declare(p.name(), p.type());
            }
            funcs.add(new ScriptSpec.FuncSpec(funcNames.get(i), signatures.get(i), steps(f, "steps", body,
                    funcNames.get(i))));
        }
        List<ScriptSpec.GoroutineSpec> goroutines = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<JsonFields> goroutineFields = objects(root, "goroutines");
        for (JsonFields g : goroutineFields) {
            g.allowOnly(List.of("name", "startMs", "steps"));
            String name = g.nonEmptyString("name");
            if (!names.add(name)) {
                throw g.failAt("name", "duplicate goroutine name " + Quote.of(name));
            }
            long start = g.nanos("startMs", 0, Ranges.TIME, Ranges.TIME.expected());
            goroutines.add(new ScriptSpec.GoroutineSpec(name, start, steps(g, "steps", globals.child(), name)));
        }
        ScriptSpec spec = new ScriptSpec(locks, chans, waitGroups, conds, onces, contexts, consts, funcs, goroutines,
                events);
        var problem = ScriptCheck.check(spec);
        if (problem.isPresent()) {
            ScriptCheck.Problem p = problem.get();
            JsonFields body = (p.bodies().equals("funcs") ? funcFields : goroutineFields).get(p.body());
            throw new InputException(source, body.array("steps").get(p.step()).line(), root.pathOf(p.field()),
                    p.message());
        }
        return spec;
    }

    private List<String> named(JsonFields root, String field, String what, Kind kind) throws InputException {
        List<String> out = new ArrayList<>();
        for (JsonFields o : objects(root, field)) {
            o.allowOnly(List.of("name"));
            String name = o.nonEmptyString("name");
            declare(o, "name", what, name, GoType.simple(kind));
            out.add(name);
        }
        return out;
    }

    private List<JsonFields> objects(JsonFields root, String field) throws InputException {
        List<JsonFields> out = new ArrayList<>();
        List<JsonValue> items = root.array(field);
        for (int i = 0; i < items.size(); i++) {
            out.add(JsonFields.of(source, root.pathOf(field) + "[" + i + "]", items.get(i)));
        }
        return out;
    }

    private void declare(JsonFields o, String field, String what, String name, GoType type) throws InputException {
        checkIdentifier(o, field, name);
        declareEntry(o, field, what, new Scope.Entry(name, type, false, List.of()));
    }

    private void declareEntry(JsonFields o, String field, String what, Scope.Entry entry) throws InputException {
        if (globals.declaresHere(entry.name())) {
            throw o.failAt(field, "duplicate " + (what.equals("lock") ? "lock name" : "name") + " "
                    + Quote.of(entry.name()) + (what.equals("lock") ? "" : " (every lock, primitive, constant and "
                    + "function of a script has a name of its own)"));
        }
        globals.declare(entry);
    }

    /** Lock names keep any non-blank text, as before; the names of new objects are Go identifiers. */
    private void checkIdentifier(JsonFields o, String field, String name) throws InputException {
        if (field.equals("name") && o.path().startsWith("locks")) {
            return;
        }
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*") || name.equals("_")) {
            throw o.failAt(field, "expected a Go identifier (letters, digits, _), got " + Quote.of(name));
        }
        if (RESERVED.contains(name)) {
            throw o.failAt(field, Quote.of(name) + " is a Go keyword, built-in or package name that steps use (such "
                    + "as close(ch) or time.Sleep); choose another name");
        }
    }

    /**
     * Names a declaration may not take: Go's keywords, and the built-ins and packages the steps give a meaning to.
     * Go lets a package shadow a built-in ({@code func close()}), but a step {@code close()} would then read as the
     * built-in, so the name is refused where it is declared.
     */
    private static final Set<String> RESERVED = Set.of("break", "case", "chan", "const", "continue", "default",
            "defer", "else", "fallthrough", "for", "func", "go", "goto", "if", "import", "interface", "map", "package",
            "range", "return", "select", "struct", "switch", "type", "var", "close", "len", "cap", "make", "new",
            "append", "panic", "recover", "print", "println", "delete", "copy", "true", "false", "nil", "iota", "time",
            "context", "sync", "slices");

    // ---- steps ----

    private List<Step> steps(JsonFields owner, String field, Scope scope, String function) throws InputException {
        return steps(owner.source(), owner.pathOf(field), owner.array(field), scope, function);
    }

    private List<Step> steps(String src, String path, List<JsonValue> items, Scope scope, String function)
            throws InputException {
        List<Step> steps = new ArrayList<>();
        for (int j = 0; j < items.size(); j++) {
            String at = path + "[" + j + "]";
            JsonValue v = items.get(j);
            steps.add(switch (v) {
                case JsonValue.Str s -> parse(at, v.line(), () -> new StepParser(scope, function).step(s.value()));
                case JsonValue.Obj o -> block(JsonFields.of(src, at, o), scope, function);
                default -> throw new InputException(src, v.line(), at, "expected a step (a string, or an object for a "
                        + "block: for, if, select, go, defer), got " + v.describe());
            });
        }
        return steps;
    }

    private Step block(JsonFields b, Scope scope, String function) throws InputException {
        String kind = null;
        for (String k : BLOCKS.keySet()) {
            if (b.has(k)) {
                if (kind != null) {
                    throw b.fail("a block has one of for, if, select, go, defer, not both " + kind + " and " + k);
                }
                kind = k;
            }
        }
        if (kind == null) {
            throw b.fail("expected a block with one of for, if, select, go, defer");
        }
        b.allowOnly(BLOCKS.get(kind));
        return switch (kind) {
            case "for" -> {
                Scope loop = scope.child();
                String header = b.string("for");
                ScriptSpec.ForHead head = parse(b.pathOf("for"), line(b, "for"),
                        () -> new StepParser(loop, function).forHead(header));
                yield new ScriptSpec.ForStep(header, head, steps(b, "do", loop.loopBody(), function));
            }
            case "if" -> {
                String cond = b.string("if");
                Expr condition = parse(b.pathOf("if"), line(b, "if"), () -> new StepParser(scope, function).condition(cond));
                yield new ScriptSpec.IfStep(cond, condition, steps(b, "then", scope.child(), function),
                        steps(b, "else", scope.child(), function));
            }
            case "select" -> select(b, scope, function);
            case "go" -> new ScriptSpec.GoBlock(steps(b, "go", scope.funcBody(), function));
            default -> new ScriptSpec.DeferBlock(steps(b, "defer", scope.funcBody(), function));
        };
    }

    private Step select(JsonFields b, Scope scope, String function) throws InputException {
        List<ScriptSpec.SelectCase> cases = new ArrayList<>();
        List<Step> otherwise = null;
        List<JsonValue> items = b.array("select");
        for (int i = 0; i < items.size(); i++) {
            JsonFields c = JsonFields.of(b.source(), b.pathOf("select") + "[" + i + "]", items.get(i));
            if (c.has("default")) {
                c.allowOnly(List.of("default"));
                if (otherwise != null) {
                    throw c.failAt("default", "multiple defaults in select");
                }
                otherwise = steps(c, "default", scope.caseBody(), function);
                continue;
            }
            c.allowOnly(List.of("case", "do"));
            String text = c.string("case");
            Scope caseScope = scope.caseBody();
            Stmt comm = parse(c.pathOf("case"), line(c, "case"), () -> new StepParser(caseScope, function).comm(text));
            cases.add(new ScriptSpec.SelectCase(text, comm, steps(c, "do", caseScope, function)));
        }
        return new ScriptSpec.SelectStep(cases, otherwise);
    }

    private static int line(JsonFields o, String field) {
        return o.value(field).map(JsonValue::line).orElse(o.line());
    }

    /** A parse whose {@link StepParser.Problem} becomes the input error of {@code path}. */
    private <T> T parse(String path, int line, java.util.function.Supplier<T> parse) throws InputException {
        try {
            return parse.get();
        } catch (StepParser.Problem e) {
            throw new InputException(source, line, path, e.getMessage());
        }
    }

    @FunctionalInterface
    private interface Parse<T> {
        T parse(StepParser p) throws InputException;
    }

    private <T> T parse(JsonFields o, String field, Parse<T> parse) throws InputException {
        try {
            return parse.parse(new StepParser(globals.child(), ""));
        } catch (StepParser.Problem e) {
            throw o.failAt(field, e.getMessage());
        }
    }

    private static GoType elemType(StepParser p, String text) {
        GoType t = p.typeOf(text);
        if (t.kind().isObject() || t.kind() == Kind.FUNC) {
            throw new StepParser.Problem("expected a channel's element type (int, string, bool, struct{}, error, "
                    + "time.Time), got " + Quote.of(text));
        }
        return t;
    }
}
