package dev.lockscope.sweep;

import dev.lockscope.analysis.LatencySummary;
import dev.lockscope.analysis.Summary;
import dev.lockscope.event.AlertKind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Sweep results as CSV (RFC 4180): one row per run, the cell's parameters first, then the figures, all times in
 * milliseconds. An operation that never ran leaves its columns empty.
 */
public final class SweepCsv {
    private static final String[] OPS = {"Add", "Remove", "Broadcast"};

    private SweepCsv() {}

    public static List<String> header(SweepSpec spec) {
        List<String> h = new ArrayList<>(List.of("cell", "seed"));
        spec.axes().forEach(a -> h.add(a.parameter()));
        h.add("events");
        for (String op : OPS) {
            String p = op.toLowerCase();
            h.addAll(List.of(p + "_wait_p50_ms", p + "_wait_p99_ms", p + "_wait_max_ms", p + "_hold_p99_ms",
                    p + "_hold_max_ms"));
        }
        h.addAll(List.of("delivery_count", "delivery_p50_ms", "delivery_p99_ms", "delivery_max_ms",
                "order_violations", "dropped"));
        for (AlertKind k : AlertKind.values()) {
            h.add(k.id().replace('-', '_'));
        }
        h.add("goroutines_max");
        return h;
    }

    public static List<String> values(SweepRow row) {
        Summary s = row.summary();
        List<String> v = new ArrayList<>();
        v.add(Integer.toString(row.cell().index()));
        v.add(Long.toString(row.seed()));
        row.cell().settings().forEach(setting -> v.add(setting.value()));
        v.add(Long.toString(s.events()));
        for (String op : OPS) {
            Summary.OpStats stats = s.ops().get(op);
            if (stats == null) {
                v.addAll(List.of("", "", "", "", ""));
            } else {
                v.addAll(List.of(ms(stats.waitMs().p50Ms()), ms(stats.waitMs().p99Ms()), ms(stats.waitMs().maxMs()),
                        ms(stats.holdMs().p99Ms()), ms(stats.holdMs().maxMs())));
            }
        }
        LatencySummary d = s.delivery().latencyMs();
        v.addAll(List.of(Long.toString(s.delivery().count()), ms(d.p50Ms()), ms(d.p99Ms()), ms(d.maxMs()),
                Long.toString(s.delivery().orderViolations()), Long.toString(s.delivery().dropped())));
        for (AlertKind k : AlertKind.values()) {
            v.add(Long.toString(s.alerts().getOrDefault(k, 0L)));
        }
        v.add(Long.toString(s.goroutines().max()));
        return v;
    }

    /** The whole file: header and one line per row, each ending in CRLF as RFC 4180 says. */
    public static String write(SweepSpec spec, List<SweepRow> rows) {
        StringBuilder sb = new StringBuilder();
        line(sb, header(spec));
        for (SweepRow row : rows) {
            line(sb, values(row));
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(quote(cells.get(i)));
        }
        sb.append("\r\n");
    }

    static String quote(String cell) {
        if (cell.indexOf(',') < 0 && cell.indexOf('"') < 0 && cell.indexOf('\n') < 0 && cell.indexOf('\r') < 0) {
            return cell;
        }
        return '"' + cell.replace("\"", "\"\"") + '"';
    }

    private static String ms(double ms) {
        return BigDecimal.valueOf(ms).stripTrailingZeros().toPlainString();
    }
}
