package dev.lockscope.trace;

import dev.lockscope.event.AlertKind;
import dev.lockscope.event.MemberChange;
import dev.lockscope.event.TraceEvent;
import dev.lockscope.io.InputException;
import dev.lockscope.io.JsonFields;
import dev.lockscope.io.JsonFormat;
import dev.lockscope.io.JsonTree;
import dev.lockscope.io.JsonValue;
import dev.lockscope.io.Quote;
import dev.lockscope.model.Command;
import dev.lockscope.model.LockKind;
import dev.lockscope.model.Mode;
import dev.lockscope.model.PrimKind;
import dev.lockscope.model.PrimOp;
import dev.lockscope.model.Site;
import dev.lockscope.model.WaitOp;
import dev.lockscope.scenario.CommandJson;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;

/**
 * Parses and checks one event line at a time, without building a tree: fields go into the typed slots of
 * {@link LineFields}, and the line's type then checks that exactly its fields are present. Three readers, tried in
 * turn, fill the slots: {@link WriterLines} (the writer's exact form of the common types), {@link CompactJson} with
 * keys in any order (the writer's values, any key order), and Jackson's streaming parser (all of JSON, and the
 * located error messages), so every line gives the same event or error whichever reads it.
 *
 * <p>Keeps the state that spans lines: the site table, the rules that span events ({@link EventChecks}: time
 * order, the end, the event limit, goroutines, locks and holds that refer to earlier lines), and an interner for
 * repeated strings. Jackson's own exceptions (malformed JSON) propagate; everything else is an
 * {@link InputException}. A checked line is passed on by {@link #deliver}.
 */
final class EventLineParser {
    private static final int MAX_INTERNED = 1 << 16;
    private static final byte[][] NAME_BYTES = LineFields.NAMES.stream()
            .map(n -> n.getBytes(java.nio.charset.StandardCharsets.US_ASCII)).toArray(byte[][]::new);

    private final String source;
    private final TraceLimits limits;
    private final int version;
    private final JsonTree.Limits treeLimits;
    private final List<Site> sites = new ArrayList<>();
    private final Map<String, String> interned = new HashMap<>();
    private final CompactJson json = new CompactJson();
    private final WriterLines writerLines;
    private final LineFields f = new LineFields();
    private final EventChecks checks;
    private int line;
    private final List<String> strategies;
    /** The event of a line of a rare type, built when the line is checked. */
    private TraceEvent other;

    /**
     * @param version    the format version of the file's header
     * @param strategies the strategy ids a command may name: its scenario's ({@code RoomSpec.strategyIds()})
     */
    EventLineParser(String source, TraceLimits limits, int version, List<String> strategies) {
        this.source = source;
        this.strategies = strategies;
        this.limits = limits;
        this.version = version;
        this.treeLimits = new JsonTree.Limits(limits.maxDepth(), limits.maxString(), Integer.MAX_VALUE);
        this.writerLines = new WriterLines(json, limits.maxString());
        this.checks = new EventChecks(limits);
    }

    /** Whether the {@code end} event has been read. */
    boolean ended() {
        return checks.ended();
    }

    /** The events read so far (site lines are not events). */
    long events() {
        return checks.events();
    }

    /**
     * Parses and checks one line: its fields, then the rules that span lines.
     *
     * @return its kind; a {@link LineKind#SITE} line only declares a site, any other is an event for
     *         {@link #deliver}
     */
    LineKind parse(byte[] bytes, int offset, int length, int lineNumber) throws InputException {
        LineKind kind = read(bytes, offset, length, lineNumber);
        if (kind != LineKind.SITE) {
            checkEvent(kind);
        }
        return kind;
    }

    private LineKind read(byte[] bytes, int offset, int length, int lineNumber) throws InputException {
        line = lineNumber;
        f.clear();
        json.reset(bytes, offset, length);
        if (writerLines.read(f)) {
            checkTime();
            if ((f.type.fields & LineFields.SITE) != 0) {
                f.siteValue = site();
            }
            return f.type;
        }
        f.clear();
        json.reset(bytes, offset, length);
        if (fastParse()) {
            return check();
        }
        f.clear(); // Jackson reads the line again and names what is wrong, if anything
        try (JsonParser p = JsonFormat.FACTORY.createParser(ObjectReadContext.empty(), bytes, offset, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw fail("", "expected an event object, got " + describe(p));
            }
            String field;
            while ((field = p.nextName()) != null) {
                p.nextToken();
                slot(p, field);
            }
            if (p.nextToken() != null) {
                throw fail("", "unexpected content after the event object");
            }
        }
        return check();
    }

    /** Passes the event of the line {@link #parse} last checked to {@code target}. */
    void deliver(EventTarget target) {
        LineFields x = f;
        int g = (int) x.g;
        // The types of most lines here; the others apart, so that this stays small enough to inline.
        switch (x.type) {
            case SPAWN -> target.spawn(x.t, g, x.name, x.kind, (int) x.parent);
            case EXIT -> target.exit(x.t, g);
            case SEND -> target.send(x.t, g, x.member, x.msg, x.dur, x.siteValue);
            case DELIVER -> target.deliver(x.t, g, x.member, x.msg, x.lat);
            default -> deliverOther(target, g);
        }
    }

    private void deliverOther(EventTarget target, int g) {
        LineFields x = f;
        switch (x.type) {
            case REQUEST -> target.request(x.t, g, (int) x.lock, x.modeValue, x.siteValue);
            case ACQUIRE -> target.acquire(x.t, g, (int) x.lock, x.modeValue, x.siteValue);
            case RELEASE -> target.release(x.t, g, (int) x.lock, x.modeValue, x.siteValue);
            case BLOCKED -> target.blocked(x.t, g, (int) x.lock, x.by.array(), x.by.size());
            case PARK -> target.park(x.t, g, x.siteValue);
            case SLEEP -> target.sleep(x.t, g, x.dur, x.siteValue);
            case SITE -> throw new IllegalStateException("a site line is not an event");
            default -> target.other(other);
        }
    }

    /**
     * Fills the slots from a line in the writer's compact form with keys in any order ({@link CompactJson}); false
     * if the line is anything else (or wrong in any way), to be parsed by Jackson instead. Accepts exactly what
     * {@link #slot} would accept for such a line, so the two paths give the same events.
     */
    private boolean fastParse() {
        CompactJson j = json;
        if (!j.take('{')) {
            return false;
        }
        do {
            int field = j.key(NAME_BYTES);
            int bit = field < 0 ? 0 : fastSlot(j, 1 << field);
            if (bit == 0 || (f.present & bit) != 0) {
                return false;
            }
            f.present |= bit;
        } while (j.take(','));
        return j.take('}') && j.atEnd();
    }

    /** One field's value into its slot: the field's bit, or 0 to fall back to Jackson. */
    private int fastSlot(CompactJson j, int bit) {
        int max = limits.maxString();
        boolean ok = switch (bit) {
            case LineFields.T -> (f.t = j.integer()) != CompactJson.FAIL;
            case LineFields.E -> (f.e = j.string(max)) != null;
            case LineFields.G -> {
                if (j.peek() == '[') {
                    f.g = -1;
                    yield (f.gs = j.ints(1)) != null;
                }
                f.gs = null;
                yield (f.g = fastInt(j, 0)) != CompactJson.FAIL; // 0 only in an act: checked with the type
            }
            case LineFields.NAME -> (f.name = j.string(max)) != null;
            case LineFields.KIND -> (f.kind = j.string(max)) != null;
            case LineFields.PARENT -> (f.parent = fastInt(j, 0)) != CompactJson.FAIL;
            case LineFields.LOCK -> (f.lock = fastInt(j, 0)) != CompactJson.FAIL;
            case LineFields.MODE -> (f.mode = j.string(max)) != null;
            case LineFields.SITE -> (f.site = fastInt(j, 0)) != CompactJson.FAIL;
            case LineFields.BY -> j.ints(0, f.by); // 0 (a timer) only from version 3: checked with the type
            case LineFields.DUR -> (f.dur = j.integer()) != CompactJson.FAIL;
            case LineFields.MEMBER -> (f.member = j.string(max)) != null;
            case LineFields.MSG -> (f.msg = j.integer()) != CompactJson.FAIL;
            case LineFields.LAT -> (f.lat = j.integer()) != CompactJson.FAIL;
            case LineFields.CHANGE -> (f.change = j.string(max)) != null;
            case LineFields.OP -> (f.op = j.string(max)) != null;
            case LineFields.LABEL -> (f.label = j.string(max)) != null;
            case LineFields.PRIM -> (f.prim = fastInt(j, 0)) != CompactJson.FAIL;
            case LineFields.CAP -> (f.cap = fastInt(j, 0)) != CompactJson.FAIL;
            case LineFields.PRIMS -> (f.prims = j.ints(0)) != null;
            case LineFields.N -> (f.n = j.integer()) != CompactJson.FAIL; // a negative n is read by Jackson
            case LineFields.TEXT -> (f.text = j.string(max)) != null;
            default -> false; // step, live, command, summary, report, locks: rare lines, read by Jackson
        };
        return ok ? bit : 0;
    }

    private static long fastInt(CompactJson j, long min) {
        long v = j.integer();
        return v == CompactJson.FAIL || v < min || v > Integer.MAX_VALUE ? CompactJson.FAIL : v;
    }

    private void slot(JsonParser p, String field) throws InputException {
        int bit = switch (field) {
            case "t" -> { f.t = nonNegative(p, field); yield LineFields.T; }
            case "e" -> { f.e = string(p, field); yield LineFields.E; }
            case "g" -> {
                if (p.currentToken() == JsonToken.START_ARRAY) {
                    f.gs = ints(p, field, 1);
                    f.g = -1;
                } else {
                    f.g = integer(p, field, 0, Integer.MAX_VALUE); // 0 only in an act: checked with the type
                    f.gs = null;
                }
                yield LineFields.G;
            }
            case "name" -> { f.name = intern(string(p, field)); yield LineFields.NAME; }
            case "kind" -> { f.kind = intern(string(p, field)); yield LineFields.KIND; }
            case "parent" -> { f.parent = integer(p, field, 0, Integer.MAX_VALUE); yield LineFields.PARENT; }
            case "lock" -> { f.lock = integer(p, field, 0, Integer.MAX_VALUE); yield LineFields.LOCK; }
            case "mode" -> { f.mode = string(p, field); yield LineFields.MODE; }
            case "site" -> { f.site = integer(p, field, 0, Integer.MAX_VALUE); yield LineFields.SITE; }
            case "by" -> { ints(p, field, 0, f.by); yield LineFields.BY; }
            case "dur" -> { f.dur = nonNegative(p, field); yield LineFields.DUR; }
            case "member" -> { f.member = intern(string(p, field)); yield LineFields.MEMBER; }
            case "msg" -> { f.msg = nonNegative(p, field); yield LineFields.MSG; }
            case "lat" -> { f.lat = nonNegative(p, field); yield LineFields.LAT; }
            case "change" -> { f.change = string(p, field); yield LineFields.CHANGE; }
            case "step" -> { f.step = nonNegative(p, field); yield LineFields.STEP; }
            case "live" -> { f.live = bool(p, field); yield LineFields.LIVE; }
            case "command" -> { f.command = command(p); yield LineFields.COMMAND; }
            case "summary" -> { f.summary = string(p, field); yield LineFields.SUMMARY; }
            case "report" -> { f.report = string(p, field); yield LineFields.REPORT; }
            case "locks" -> { f.locks = ints(p, field, 0); yield LineFields.LOCKS; }
            case "op" -> { f.op = intern(string(p, field)); yield LineFields.OP; }
            case "label" -> { f.label = intern(string(p, field)); yield LineFields.LABEL; }
            case "prim" -> { f.prim = integer(p, field, 0, Integer.MAX_VALUE); yield LineFields.PRIM; }
            case "cap" -> { f.cap = integer(p, field, 0, Integer.MAX_VALUE); yield LineFields.CAP; }
            case "prims" -> { f.prims = ints(p, field, 0); yield LineFields.PRIMS; }
            case "n" -> { f.n = integer(p, field, Long.MIN_VALUE, Long.MAX_VALUE); yield LineFields.N; }
            case "text" -> { f.text = string(p, field); yield LineFields.TEXT; }
            default -> throw fail(field, "unknown field " + Quote.of(field));
        };
        if ((f.present & bit) != 0) {
            throw fail(field, "duplicate field " + Quote.of(field));
        }
        f.present |= bit;
    }

    /** Checks a line read by a general path against its type, and resolves what its fields mean. */
    private LineKind check() throws InputException {
        if ((f.present & LineFields.E) == 0) {
            throw fail("e", "missing required field \"e\" (the event type)");
        }
        LineKind type = LineKind.of(f.e);
        if (type == null) {
            throw fail("e", "expected one of " + LineKind.names(version) + ", got " + Quote.of(f.e));
        }
        if (type.since > version) {
            throw fail("e", Quote.of(f.e) + " events need format version " + type.since + ", but this trace is version "
                    + version);
        }
        checkShape(type);
        checkTime();
        boolean alert = type == LineKind.ALERT;
        if ((type.fields & LineFields.G) != 0 && alert != (f.gs != null)) {
            throw fail("g", alert ? "expected an array of goroutine ids, got an integer"
                    : "expected an integer >= 1, got an array");
        }
        if (!alert && (type.fields & LineFields.G) != 0 && f.g < 1 && type != LineKind.ACT) {
            throw fail("g", "expected an integer >= 1 that fits an int, got " + f.g);
        }
        if (type == LineKind.BLOCKED && version < 3) {
            for (int i = 0; i < f.by.size(); i++) {
                if (f.by.array()[i] < 1) {
                    throw fail("by[" + i + "]", "expected an integer >= 1 (0, a pending timer, needs format version 3), got "
                            + f.by.array()[i]);
                }
            }
        }
        other = null;
        switch (type) {
            case SITE -> declareSite();
            case REQUEST, ACQUIRE, RELEASE -> {
                f.modeValue = mode();
                f.siteValue = site();
            }
            case PARK, SLEEP, SEND -> f.siteValue = site();
            case PRIM -> other = new TraceEvent.PrimCreated(f.t, (int) f.prim, f.name, primKind(), (int) f.cap);
            case WAIT -> other = new TraceEvent.PrimWait(f.t, (int) f.g, waitOp(), f.prims, site());
            case WAKE -> other = new TraceEvent.Wake(f.t, (int) f.g, (int) f.prim);
            case ACT -> other = new TraceEvent.Act(f.t, (int) f.g, (int) f.prim, primOp(), f.n, site());
            case PANIC -> other = new TraceEvent.Panic(f.t, (int) f.g, f.text, site());
            case ASLEEP -> other = new TraceEvent.Asleep(f.t);
            case LOCK -> other = new TraceEvent.LockCreated(f.t, (int) f.lock, f.name, lockKind());
            case DROP -> other = new TraceEvent.Drop(f.t, f.member, f.msg);
            case MEMBER -> other = new TraceEvent.MemberEvent(f.t, f.member, memberChange());
            case COMMAND -> other = new TraceEvent.CommandApplied(f.t, f.step, f.live, f.command);
            case ALERT -> other = new TraceEvent.Alert(f.t, alertKind(), f.summary, f.report, f.gs, f.locks);
            case END -> other = new TraceEvent.End(f.t);
            default -> { } // spawn, exit, blocked, deliver: nothing more to check
        }
        f.type = type;
        return type;
    }

    private void checkTime() throws InputException {
        failIf(checks.time(f.t));
    }

    /** The rules that span events: the end, the limit, and what the event refers to. */
    private void checkEvent(LineKind kind) throws InputException {
        failIf(checks.next(kind == LineKind.END));
        int g = (int) f.g;
        // The types of most lines here; the others apart, so that this stays small enough to inline.
        failIf(switch (kind) {
            case SPAWN -> checks.spawn(g, (int) f.parent);
            case EXIT -> checks.exit(g);
            case PARK, SLEEP, SEND, DELIVER -> checks.event(g);
            default -> rareReferences(kind, g);
        });
    }

    private EventChecks.Problem rareReferences(LineKind kind, int g) {
        return switch (kind) {
            case LOCK -> checks.lock((int) f.lock, ((TraceEvent.LockCreated) other).kind());
            case REQUEST -> checks.request(g, (int) f.lock, f.modeValue);
            case ACQUIRE -> checks.acquire(g, (int) f.lock, f.modeValue);
            case RELEASE -> checks.release(g, (int) f.lock, f.modeValue);
            case BLOCKED -> checks.blocked(g, (int) f.lock, f.by.array(), f.by.size());
            case ALERT -> checks.alert(f.gs, f.locks);
            case PRIM -> checks.prim((int) f.prim);
            case WAIT -> checks.primWait(g, f.prims);
            case WAKE -> checks.wake(g, (int) f.prim);
            case ACT -> checks.act(g, (int) f.prim);
            case PANIC -> checks.event(g);
            default -> null; // drop, member, command, asleep, end
        };
    }

    private void failIf(EventChecks.Problem problem) throws InputException {
        if (problem != null) {
            throw fail(problem.field(), problem.message());
        }
    }

    private void checkShape(LineKind type) throws InputException {
        int shape = type.fields;
        if (f.present == shape) {
            return; // the usual case; otherwise find the first field that is missing or extra
        }
        for (int i = 0; i < LineFields.NAMES.size(); i++) {
            int bit = 1 << i;
            String name = LineFields.NAMES.get(i);
            if ((shape & bit) != 0 && (f.present & bit) == 0) {
                throw fail(name, "missing required field " + Quote.of(name) + " of " + Quote.of(f.e) + " events");
            }
            if ((shape & bit) == 0 && (f.present & bit) != 0) {
                throw fail(name, "unknown field " + Quote.of(name) + " for " + Quote.of(f.e) + " events");
            }
        }
    }

    private void declareSite() throws InputException {
        if (f.site != sites.size()) {
            throw fail("site", "expected the next site id " + sites.size() + " (sites are numbered in order), got "
                    + f.site);
        }
        sites.add(new Site(f.op, f.label));
    }

    private Site site() throws InputException {
        if (f.site >= sites.size()) {
            throw fail("site", "site " + f.site + " is used before a site line declares it");
        }
        return sites.get((int) f.site);
    }

    private Mode mode() throws InputException {
        Mode m = Mode.ofCode(f.mode);
        if (m == null) {
            throw fail("mode", "expected one of r, w, got " + Quote.of(f.mode));
        }
        return m;
    }

    private LockKind lockKind() throws InputException {
        LockKind k = LockKind.ofId(f.kind);
        if (k == null) {
            throw fail("kind", "expected one of mutex, rwmutex, got " + Quote.of(f.kind));
        }
        return k;
    }

    private PrimKind primKind() throws InputException {
        PrimKind k = PrimKind.ofId(f.kind);
        if (k == null) {
            throw fail("kind", "expected one of " + ids(PrimKind.values(), PrimKind::id) + ", got " + Quote.of(f.kind));
        }
        return k;
    }

    private WaitOp waitOp() throws InputException {
        WaitOp o = WaitOp.ofId(f.op);
        if (o == null) {
            throw fail("op", "expected one of " + ids(WaitOp.values(), WaitOp::id) + ", got " + Quote.of(f.op));
        }
        return o;
    }

    private PrimOp primOp() throws InputException {
        PrimOp o = PrimOp.ofId(f.op);
        if (o == null) {
            throw fail("op", "expected one of " + ids(PrimOp.values(), PrimOp::id) + ", got " + Quote.of(f.op));
        }
        return o;
    }

    private static <T> String ids(T[] values, java.util.function.Function<T, String> id) {
        return String.join(", ", java.util.Arrays.stream(values).map(id).toList());
    }

    private MemberChange memberChange() throws InputException {
        MemberChange c = MemberChange.ofId(f.change);
        if (c == null) {
            throw fail("change", "expected one of join, leave, reload, got " + Quote.of(f.change));
        }
        return c;
    }

    private AlertKind alertKind() throws InputException {
        AlertKind k = AlertKind.ofId(f.kind);
        if (k == null) {
            throw fail("kind", "expected one of " + ids(AlertKind.values(), AlertKind::id) + ", got "
                    + Quote.of(f.kind));
        }
        return k;
    }

    private Command command(JsonParser p) throws InputException {
        JsonValue tree = JsonTree.readValue(source, p, treeLimits, line, "command", 2);
        return CommandJson.readOne(JsonFields.of(source, "command", tree), strategies);
    }

    private String string(JsonParser p, String field) throws InputException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw fail(field, "expected a string, got " + describe(p));
        }
        if (p.getStringLength() > limits.maxString()) {
            throw fail(field, "string of " + p.getStringLength() + " characters is longer than "
                    + limits.maxString() + " (the limit)");
        }
        return p.getString();
    }

    private boolean bool(JsonParser p, String field) throws InputException {
        return switch (p.currentToken()) {
            case VALUE_TRUE -> true;
            case VALUE_FALSE -> false;
            default -> throw fail(field, "expected true or false, got " + describe(p));
        };
    }

    private long nonNegative(JsonParser p, String field) throws InputException {
        return integer(p, field, 0, Long.MAX_VALUE);
    }

    private long integer(JsonParser p, String field, long min, long max) throws InputException {
        if (p.currentToken() == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            long v = p.getLongValue();
            if (v >= min && v <= max) {
                return v;
            }
        }
        throw fail(field, "expected an integer >= " + min + (max == Integer.MAX_VALUE ? " that fits an int" : "")
                + ", got " + describe(p));
    }

    private List<Integer> ints(JsonParser p, String field, int min) throws InputException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw fail(field, "expected an array of integers, got " + describe(p));
        }
        List<Integer> out = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            out.add((int) integer(p, field + "[" + out.size() + "]", min, Integer.MAX_VALUE));
        }
        return List.copyOf(out);
    }

    private void ints(JsonParser p, String field, int min, IntBuffer out) throws InputException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw fail(field, "expected an array of integers, got " + describe(p));
        }
        out.clear();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            out.add((int) integer(p, field + "[" + out.size() + "]", min, Integer.MAX_VALUE));
        }
    }

    private String intern(String s) {
        String known = interned.get(s);
        if (known != null) {
            return known;
        }
        if (interned.size() < MAX_INTERNED) {
            interned.put(s, s);
        }
        return s;
    }

    private static String describe(JsonParser p) {
        JsonToken token = p.currentToken();
        if (token == null) {
            return "nothing";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> Quote.of(p.getString());
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE, VALUE_NULL -> Quote.shorten(p.getText());
            default -> token.toString();
        };
    }

    private InputException fail(String field, String problem) {
        return new InputException(source, line, field, problem);
    }
}
