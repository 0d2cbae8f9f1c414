package dev.lockscope.trace;

import dev.lockscope.model.Command;
import dev.lockscope.model.Mode;
import dev.lockscope.model.Site;
import java.util.List;

/**
 * The fields of one event line, in typed slots, as the parsers fill them ({@link WriterLines}, then
 * {@link EventLineParser}'s general paths): a slot is valid where its bit is set in {@link #present}. Reused from
 * line to line; {@link #clear} starts a line. After {@link EventLineParser} has checked a line, {@link #type},
 * {@link #siteValue} and {@link #modeValue} hold what the fields mean.
 */
final class LineFields {
    static final int T = 1, E = 1 << 1, G = 1 << 2, NAME = 1 << 3, KIND = 1 << 4, PARENT = 1 << 5,
            LOCK = 1 << 6, MODE = 1 << 7, SITE = 1 << 8, BY = 1 << 9, DUR = 1 << 10, MEMBER = 1 << 11,
            MSG = 1 << 12, LAT = 1 << 13, CHANGE = 1 << 14, STEP = 1 << 15, LIVE = 1 << 16, COMMAND = 1 << 17,
            SUMMARY = 1 << 18, REPORT = 1 << 19, LOCKS = 1 << 20, OP = 1 << 21, LABEL = 1 << 22,
            PRIM = 1 << 23, CAP = 1 << 24, PRIMS = 1 << 25, N = 1 << 26, TEXT = 1 << 27;
    /** Field names by bit position. */
    static final List<String> NAMES = List.of("t", "e", "g", "name", "kind", "parent", "lock", "mode", "site",
            "by", "dur", "member", "msg", "lat", "change", "step", "live", "command", "summary", "report", "locks",
            "op", "label", "prim", "cap", "prims", "n", "text");
    static final int BASE = T | E;
    static final int LOCK_STEP = BASE | G | LOCK | MODE | SITE;

    int present;
    long t, parent, lock, site, dur, msg, lat, step, g, prim, cap, n;
    /** {@code op} is a site line's operation, or a {@code wait}'s or {@code act}'s. */
    String e, name, kind, mode, member, change, summary, report, op, label, text;
    boolean live;
    /** {@code g} of an alert (an array), or {@code null} when {@code g} is an integer. */
    List<Integer> gs;
    List<Integer> locks;
    List<Integer> prims;
    final IntBuffer by = new IntBuffer();
    Command command;

    LineKind type;
    Site siteValue;
    Mode modeValue;

    void clear() {
        present = 0;
        type = null;
    }
}
