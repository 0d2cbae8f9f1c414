package dev.lockscope.analysis;

import dev.lockscope.event.AlertKind;
import dev.lockscope.util.Millis;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Formats a {@link Summary} as a table for the terminal: a header line, one row per operation with its wait
 * and hold percentiles and what was still open at the end, then delivery and alerts. Columns are as wide as
 * their widest cell; the operation column is left-aligned, numbers right-aligned. Milliseconds print as in
 * the JSON ({@code 640}, {@code 613.333}). Lines end with {@code \n}, the last one included.
 */
public final class SummaryText {

    private static final String GAP = "  ";
    private static final String DOT = " · ";
    private static final List<String> HEADER = List.of("op", "waits", "wait p50", "wait p99", "wait max",
            "holds", "hold p50", "hold p99", "hold max", "waiting", "holding");
    private static final List<String> LABELS = List.of("delivery", "alerts");

    private SummaryText() {}

    public static String format(Summary s) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        s.ops().forEach((name, op) -> rows.add(opRow(name, op)));
        int[] widths = widths(rows);

        StringBuilder out = new StringBuilder();
        out.append("scenario ").append(s.scenario())
                .append(DOT).append(ms(s.durationMs())).append(" virtual")
                .append(DOT).append(s.events()).append(" events")
                .append(DOT).append("goroutines max ").append(s.goroutines().max())
                .append(", total ").append(s.goroutines().total()).append('\n');
        if (s.ops().isEmpty()) {
            out.append(label("ops", widths[0])).append("no lock operations ran\n");
        } else {
            rows.forEach(row -> appendRow(out, row, widths));
        }
        Summary.Delivery d = s.delivery();
        LatencySummary latency = d.latencyMs();
        out.append(label("delivery", widths[0])).append("count ").append(d.count())
                .append(DOT).append("p50 ").append(ms(latency.p50Ms()))
                .append(DOT).append("p99 ").append(ms(latency.p99Ms()))
                .append(DOT).append("max ").append(ms(latency.maxMs()))
                .append(DOT).append("mean ").append(ms(latency.meanMs()))
                .append(DOT).append("order violations ").append(d.orderViolations())
                .append(DOT).append("dropped ").append(d.dropped()).append('\n');
        out.append(label("alerts", widths[0])).append(alerts(s.alerts())).append('\n');
        return out.toString();
    }

    private static List<String> opRow(String name, Summary.OpStats op) {
        LatencySummary w = op.waitMs();
        LatencySummary h = op.holdMs();
        return List.of(name, Long.toString(w.count()), ms(w.p50Ms()), ms(w.p99Ms()), ms(w.maxMs()),
                Long.toString(h.count()), ms(h.p50Ms()), ms(h.p99Ms()), ms(h.maxMs()),
                Long.toString(op.waitingAtEnd()), Long.toString(op.holdingAtEnd()));
    }

    /** Column widths; the first column also fits the labels of the lines below the table. */
    private static int[] widths(List<List<String>> rows) {
        int[] widths = new int[HEADER.size()];
        for (List<String> row : rows) {
            for (int c = 0; c < row.size(); c++) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        for (String label : LABELS) {
            widths[0] = Math.max(widths[0], label.length());
        }
        return widths;
    }

    private static void appendRow(StringBuilder out, List<String> row, int[] widths) {
        out.append(pad(row.get(0), widths[0], false));
        for (int c = 1; c < row.size(); c++) {
            out.append(GAP).append(pad(row.get(c), widths[c], true));
        }
        out.append('\n');
    }

    private static String label(String text, int width) {
        return pad(text, width, false) + GAP;
    }

    private static String alerts(Map<AlertKind, Long> alerts) {
        return alerts.entrySet().stream()
                .map(e -> e.getKey().id() + " " + e.getValue())
                .collect(Collectors.joining(DOT));
    }

    private static String ms(double ms) {
        return Millis.plain(ms).toPlainString() + " ms";
    }

    private static String pad(String text, int width, boolean right) {
        String fill = " ".repeat(Math.max(0, width - text.length()));
        return right ? fill + text : text + fill;
    }
}
