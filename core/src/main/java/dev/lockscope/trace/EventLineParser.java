package dev.lockscope.trace;

import dev.lockscope.event.AlertKind;
import dev.lockscope.event.MemberChange;
import dev.lockscope.event.Mode;
import dev.lockscope.event.Site;
import dev.lockscope.event.TraceEvent;
import dev.lockscope.io.InputException;
import dev.lockscope.io.JsonFields;
import dev.lockscope.io.JsonFormat;
import dev.lockscope.io.JsonTree;
import dev.lockscope.io.JsonValue;
import dev.lockscope.io.Quote;
import dev.lockscope.lock.LockKind;
import dev.lockscope.scenario.Command;
import dev.lockscope.scenario.CommandJson;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;

/**
 * Parses one event line at a time without building a tree: fields go into typed slots marked in a bit set, and
 * the event type then checks that exactly its fields are present. Keeps the state that spans lines: the site
 * table, the last time (times never go backwards), and an interner for repeated strings. Jackson's own
 * exceptions (malformed JSON) propagate; everything else is an {@link InputException}.
 */
final class EventLineParser {
    private static final int T = 1, E = 1 << 1, G = 1 << 2, NAME = 1 << 3, KIND = 1 << 4, PARENT = 1 << 5,
            LOCK = 1 << 6, MODE = 1 << 7, SITE = 1 << 8, BY = 1 << 9, DUR = 1 << 10, MEMBER = 1 << 11,
            MSG = 1 << 12, LAT = 1 << 13, CHANGE = 1 << 14, STEP = 1 << 15, LIVE = 1 << 16, COMMAND = 1 << 17,
            SUMMARY = 1 << 18, REPORT = 1 << 19, LOCKS = 1 << 20, OP = 1 << 21, LABEL = 1 << 22;
    private static final String[] NAMES = {"t", "e", "g", "name", "kind", "parent", "lock", "mode", "site", "by",
            "dur", "member", "msg", "lat", "change", "step", "live", "command", "summary", "report", "locks", "op",
            "label"};
    private static final byte[][] NAME_BYTES = java.util.Arrays.stream(NAMES)
            .map(n -> n.getBytes(java.nio.charset.StandardCharsets.US_ASCII)).toArray(byte[][]::new);
    private static final int BASE = T | E;
    private static final int LOCK_STEP = BASE | G | LOCK | MODE | SITE;
    /** Field sets by event type; every field of a type is required and no other is allowed. */
    private static final Map<String, Integer> SHAPES = Map.ofEntries(
            Map.entry("spawn", BASE | G | NAME | KIND | PARENT),
            Map.entry("exit", BASE | G),
            Map.entry("lock", BASE | LOCK | NAME | KIND),
            Map.entry("site", BASE | SITE | OP | LABEL),
            Map.entry("request", LOCK_STEP),
            Map.entry("acquire", LOCK_STEP),
            Map.entry("release", LOCK_STEP),
            Map.entry("blocked", BASE | G | LOCK | BY),
            Map.entry("park", BASE | G | SITE),
            Map.entry("sleep", BASE | G | DUR | SITE),
            Map.entry("send", BASE | G | MEMBER | MSG | DUR | SITE),
            Map.entry("deliver", BASE | G | MEMBER | MSG | LAT),
            Map.entry("drop", BASE | MEMBER | MSG),
            Map.entry("member", BASE | MEMBER | CHANGE),
            Map.entry("command", BASE | STEP | LIVE | COMMAND),
            Map.entry("alert", BASE | KIND | SUMMARY | REPORT | G | LOCKS),
            Map.entry("end", BASE));
    private static final String TYPES = "spawn, exit, lock, site, request, acquire, release, blocked, park, sleep,"
            + " send, deliver, drop, member, command, alert, end";
    private static final int MAX_INTERNED = 1 << 16;

    private final String source;
    private final TraceLimits limits;
    private final JsonTree.Limits treeLimits;
    private final List<Site> sites = new ArrayList<>();
    private final Map<String, String> interned = new HashMap<>();
    private final CompactJson json = new CompactJson();
    private long lastTime;

    // Slots of the line being parsed; valid where the bit in `present` is set.
    private int line;
    private int present;
    private long t, parent, lock, site, dur, msg, lat, step, g;
    private String e, name, kind, mode, member, change, summary, report, op, label;
    private boolean live;
    private List<Integer> by, gs, locks;
    private Command command;

    EventLineParser(String source, TraceLimits limits) {
        this.source = source;
        this.limits = limits;
        this.treeLimits = new JsonTree.Limits(limits.maxDepth(), limits.maxString(), Integer.MAX_VALUE);
    }

    /**
     * Parses one line.
     *
     * @return the event, or null for a {@code site} line, which only declares a site
     */
    TraceEvent parse(byte[] bytes, int length, int lineNumber) throws InputException {
        line = lineNumber;
        present = 0;
        if (fastParse(bytes, length)) {
            return build();
        }
        present = 0; // Jackson reads the line again and names what is wrong, if anything
        try (JsonParser p = JsonFormat.FACTORY.createParser(ObjectReadContext.empty(), bytes, 0, length)) {
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
        return build();
    }

    /**
     * Fills the slots from a line in the writer's own compact form ({@link CompactJson}); false if the line is
     * anything else (or wrong in any way), to be parsed by Jackson instead. Accepts exactly what {@link #slot}
     * would accept for such a line, so the two paths give the same events.
     */
    private boolean fastParse(byte[] bytes, int length) {
        CompactJson j = json;
        j.reset(bytes, length);
        if (!j.take('{')) {
            return false;
        }
        do {
            int field = j.key(NAME_BYTES);
            int bit = field < 0 ? 0 : fastSlot(j, 1 << field);
            if (bit == 0 || (present & bit) != 0) {
                return false;
            }
            present |= bit;
        } while (j.take(','));
        return j.take('}') && j.atEnd();
    }

    /** One field's value into its slot: the field's bit, or 0 to fall back to Jackson. */
    private int fastSlot(CompactJson j, int bit) {
        int max = limits.maxString();
        boolean ok = switch (bit) {
            case T -> (t = j.integer()) != CompactJson.FAIL;
            case E -> (e = j.string(max)) != null;
            case G -> {
                if (j.peek() == '[') {
                    g = -1;
                    yield (gs = j.ints(1)) != null;
                }
                gs = null;
                yield (g = fastInt(j, 1)) != CompactJson.FAIL;
            }
            case NAME -> (name = j.string(max)) != null;
            case KIND -> (kind = j.string(max)) != null;
            case PARENT -> (parent = fastInt(j, 0)) != CompactJson.FAIL;
            case LOCK -> (lock = fastInt(j, 0)) != CompactJson.FAIL;
            case MODE -> (mode = j.string(max)) != null;
            case SITE -> (site = fastInt(j, 0)) != CompactJson.FAIL;
            case BY -> (by = j.ints(1)) != null;
            case DUR -> (dur = j.integer()) != CompactJson.FAIL;
            case MEMBER -> (member = j.string(max)) != null;
            case MSG -> (msg = j.integer()) != CompactJson.FAIL;
            case LAT -> (lat = j.integer()) != CompactJson.FAIL;
            case CHANGE -> (change = j.string(max)) != null;
            case OP -> (op = j.string(max)) != null;
            case LABEL -> (label = j.string(max)) != null;
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
            case "t" -> { t = nonNegative(p, field); yield T; }
            case "e" -> { e = string(p, field); yield E; }
            case "g" -> {
                if (p.currentToken() == JsonToken.START_ARRAY) {
                    gs = ints(p, field, 1);
                    g = -1;
                } else {
                    g = integer(p, field, 1, Integer.MAX_VALUE);
                    gs = null;
                }
                yield G;
            }
            case "name" -> { name = intern(string(p, field)); yield NAME; }
            case "kind" -> { kind = intern(string(p, field)); yield KIND; }
            case "parent" -> { parent = integer(p, field, 0, Integer.MAX_VALUE); yield PARENT; }
            case "lock" -> { lock = integer(p, field, 0, Integer.MAX_VALUE); yield LOCK; }
            case "mode" -> { mode = string(p, field); yield MODE; }
            case "site" -> { site = integer(p, field, 0, Integer.MAX_VALUE); yield SITE; }
            case "by" -> { by = ints(p, field, 1); yield BY; }
            case "dur" -> { dur = nonNegative(p, field); yield DUR; }
            case "member" -> { member = intern(string(p, field)); yield MEMBER; }
            case "msg" -> { msg = nonNegative(p, field); yield MSG; }
            case "lat" -> { lat = nonNegative(p, field); yield LAT; }
            case "change" -> { change = string(p, field); yield CHANGE; }
            case "step" -> { step = nonNegative(p, field); yield STEP; }
            case "live" -> { live = bool(p, field); yield LIVE; }
            case "command" -> { command = command(p); yield COMMAND; }
            case "summary" -> { summary = string(p, field); yield SUMMARY; }
            case "report" -> { report = string(p, field); yield REPORT; }
            case "locks" -> { locks = ints(p, field, 0); yield LOCKS; }
            case "op" -> { op = intern(string(p, field)); yield OP; }
            case "label" -> { label = intern(string(p, field)); yield LABEL; }
            default -> throw fail(field, "unknown field " + Quote.of(field));
        };
        if ((present & bit) != 0) {
            throw fail(field, "duplicate field " + Quote.of(field));
        }
        present |= bit;
    }

    private TraceEvent build() throws InputException {
        if ((present & E) == 0) {
            throw fail("e", "missing required field \"e\" (the event type)");
        }
        Integer shape = SHAPES.get(e);
        if (shape == null) {
            throw fail("e", "expected one of " + TYPES + ", got " + Quote.of(e));
        }
        checkShape(shape);
        if (t < lastTime) {
            throw fail("t", "time goes backwards: " + t + " after " + lastTime);
        }
        lastTime = t;
        if ((shape & G) != 0 && e.equals("alert") != (gs != null)) {
            throw fail("g", e.equals("alert") ? "expected an array of goroutine ids, got an integer"
                    : "expected an integer >= 1, got an array");
        }
        return switch (e) {
            case "spawn" -> new TraceEvent.Spawn(t, (int) g, name, kind, (int) parent);
            case "exit" -> new TraceEvent.Exit(t, (int) g);
            case "lock" -> new TraceEvent.LockCreated(t, (int) lock, name, lockKind());
            case "site" -> declareSite();
            case "request" -> new TraceEvent.Request(t, (int) g, (int) lock, mode(), site());
            case "acquire" -> new TraceEvent.Acquire(t, (int) g, (int) lock, mode(), site());
            case "release" -> new TraceEvent.Release(t, (int) g, (int) lock, mode(), site());
            case "blocked" -> new TraceEvent.Blocked(t, (int) g, (int) lock, by);
            case "park" -> new TraceEvent.Park(t, (int) g, site());
            case "sleep" -> new TraceEvent.Sleep(t, (int) g, dur, site());
            case "send" -> new TraceEvent.SendStart(t, (int) g, member, msg, dur, site());
            case "deliver" -> new TraceEvent.Deliver(t, (int) g, member, msg, lat);
            case "drop" -> new TraceEvent.Drop(t, member, msg);
            case "member" -> new TraceEvent.MemberEvent(t, member, memberChange());
            case "command" -> new TraceEvent.CommandApplied(t, step, live, command);
            case "alert" -> new TraceEvent.Alert(t, alertKind(), summary, report, gs, locks);
            default -> new TraceEvent.End(t);
        };
    }

    private void checkShape(int shape) throws InputException {
        if (present == shape) {
            return; // the usual case; otherwise find the first field that is missing or extra
        }
        for (int i = 0; i < NAMES.length; i++) {
            int bit = 1 << i;
            if ((shape & bit) != 0 && (present & bit) == 0) {
                throw fail(NAMES[i], "missing required field " + Quote.of(NAMES[i]) + " of " + Quote.of(e)
                        + " events");
            }
            if ((shape & bit) == 0 && (present & bit) != 0) {
                throw fail(NAMES[i], "unknown field " + Quote.of(NAMES[i]) + " for " + Quote.of(e) + " events");
            }
        }
    }

    /** Returns null: a site line is not an event. */
    private TraceEvent declareSite() throws InputException {
        if (site != sites.size()) {
            throw fail("site", "expected the next site id " + sites.size() + " (sites are numbered in order), got "
                    + site);
        }
        sites.add(new Site(op, label));
        return null;
    }

    private Site site() throws InputException {
        if (site >= sites.size()) {
            throw fail("site", "site " + site + " is used before a site line declares it");
        }
        return sites.get((int) site);
    }

    private Mode mode() throws InputException {
        Mode m = Mode.ofCode(mode);
        if (m == null) {
            throw fail("mode", "expected one of r, w, got " + Quote.of(mode));
        }
        return m;
    }

    private LockKind lockKind() throws InputException {
        LockKind k = LockKind.ofId(kind);
        if (k == null) {
            throw fail("kind", "expected one of mutex, rwmutex, got " + Quote.of(kind));
        }
        return k;
    }

    private MemberChange memberChange() throws InputException {
        MemberChange c = MemberChange.ofId(change);
        if (c == null) {
            throw fail("change", "expected one of join, leave, reload, got " + Quote.of(change));
        }
        return c;
    }

    private AlertKind alertKind() throws InputException {
        AlertKind k = AlertKind.ofId(kind);
        if (k == null) {
            throw fail("kind", "expected one of long-wait, long-hold, lock-order, recursive, deadlock, got "
                    + Quote.of(kind));
        }
        return k;
    }

    private Command command(JsonParser p) throws InputException {
        JsonValue tree = JsonTree.readValue(source, p, treeLimits, line, "command", 2);
        return CommandJson.readOne(JsonFields.of(source, "command", tree));
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
