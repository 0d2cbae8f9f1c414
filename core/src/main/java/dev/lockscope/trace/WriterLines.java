package dev.lockscope.trace;

import dev.lockscope.model.Mode;

/**
 * Reads the lines of the common event types exactly as {@link EventLineWriter} writes them: keys in the
 * writer's order, no whitespace, plain values. A line is then a run of known key bytes between values, so
 * matching it costs one comparison per key instead of a lookup. Any other line (another type, another key order,
 * anything {@link CompactJson} does not read) is refused, and {@link EventLineParser} parses it in full.
 *
 * <p>What this class accepts it reads exactly as the general path would: the same value readers and bounds, so
 * both give the same fields; a {@code mode} other than {@code r} or {@code w} is refused, so the general path
 * names it. Checks that span lines (time order, declared sites) are the caller's.
 */
final class WriterLines {
    private static final CompactJson.Literal START = new CompactJson.Literal("{\"t\":");
    private static final CompactJson.Literal E = new CompactJson.Literal(",\"e\":");
    private static final CompactJson.Literal G_KEY = new CompactJson.Literal(",\"g\":");
    private static final CompactJson.Literal NAME_KEY = new CompactJson.Literal(",\"name\":");
    private static final CompactJson.Literal KIND_KEY = new CompactJson.Literal(",\"kind\":");
    private static final CompactJson.Literal PARENT_KEY = new CompactJson.Literal(",\"parent\":");
    private static final CompactJson.Literal LOCK_KEY = new CompactJson.Literal(",\"lock\":");
    private static final CompactJson.Literal MODE_KEY = new CompactJson.Literal(",\"mode\":\"");
    private static final CompactJson.Literal SITE_KEY = new CompactJson.Literal("\",\"site\":"); // after the mode's letter
    private static final CompactJson.Literal PLAIN_SITE_KEY = new CompactJson.Literal(",\"site\":");
    private static final CompactJson.Literal BY_KEY = new CompactJson.Literal(",\"by\":");
    private static final CompactJson.Literal DUR_KEY = new CompactJson.Literal(",\"dur\":");
    private static final CompactJson.Literal MEMBER_KEY = new CompactJson.Literal(",\"member\":");
    private static final CompactJson.Literal MSG_KEY = new CompactJson.Literal(",\"msg\":");
    private static final CompactJson.Literal LAT_KEY = new CompactJson.Literal(",\"lat\":");

    private final CompactJson j;
    private final int maxString;

    WriterLines(CompactJson json, int maxString) {
        this.j = json;
        this.maxString = maxString;
    }

    /** Fills {@code f} from the line (set up in the reader); false if it is not one of the writer's common forms. */
    boolean read(LineFields f) {
        if (!j.take(START) || (f.t = j.integer()) == CompactJson.FAIL || !j.take(E)) {
            return false;
        }
        LineKind kind = j.lineKind();
        if (kind == null || !j.take(G_KEY) || (f.g = positiveInt()) == CompactJson.FAIL) {
            return false;
        }
        f.gs = null;
        boolean ok = switch (kind) {
            case SPAWN -> j.take(NAME_KEY) && (f.name = j.string(maxString)) != null
                    && j.take(KIND_KEY) && (f.kind = j.string(maxString)) != null
                    && j.take(PARENT_KEY) && (f.parent = intAtLeast(0)) != CompactJson.FAIL;
            case EXIT -> true;
            case REQUEST, ACQUIRE, RELEASE -> j.take(LOCK_KEY) && (f.lock = intAtLeast(0)) != CompactJson.FAIL
                    && j.take(MODE_KEY) && (f.modeValue = mode()) != null
                    && j.take(SITE_KEY) && (f.site = intAtLeast(0)) != CompactJson.FAIL;
            case BLOCKED -> j.take(LOCK_KEY) && (f.lock = intAtLeast(0)) != CompactJson.FAIL
                    && j.take(BY_KEY) && j.ints(1, f.by);
            case PARK -> j.take(PLAIN_SITE_KEY) && (f.site = intAtLeast(0)) != CompactJson.FAIL;
            case SLEEP -> j.take(DUR_KEY) && (f.dur = j.integer()) != CompactJson.FAIL
                    && j.take(PLAIN_SITE_KEY) && (f.site = intAtLeast(0)) != CompactJson.FAIL;
            case SEND -> j.take(MEMBER_KEY) && (f.member = j.string(maxString)) != null
                    && j.take(MSG_KEY) && (f.msg = j.integer()) != CompactJson.FAIL
                    && j.take(DUR_KEY) && (f.dur = j.integer()) != CompactJson.FAIL
                    && j.take(PLAIN_SITE_KEY) && (f.site = intAtLeast(0)) != CompactJson.FAIL;
            case DELIVER -> j.take(MEMBER_KEY) && (f.member = j.string(maxString)) != null
                    && j.take(MSG_KEY) && (f.msg = j.integer()) != CompactJson.FAIL
                    && j.take(LAT_KEY) && (f.lat = j.integer()) != CompactJson.FAIL;
            default -> false;
        };
        if (!ok || !j.take('}') || !j.atEnd()) {
            return false;
        }
        f.type = kind;
        f.present = kind.fields;
        return true;
    }

    private Mode mode() {
        return j.take('r') ? Mode.READ : j.take('w') ? Mode.WRITE : null;
    }

    private long positiveInt() {
        return intAtLeast(1);
    }

    private long intAtLeast(long min) {
        long v = j.integer();
        return v == CompactJson.FAIL || v < min || v > Integer.MAX_VALUE ? CompactJson.FAIL : v;
    }
}
