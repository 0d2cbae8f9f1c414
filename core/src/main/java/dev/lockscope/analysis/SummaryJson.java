package dev.lockscope.analysis;

import dev.lockscope.event.AlertKind;
import dev.lockscope.io.InputException;
import dev.lockscope.util.Millis;
import java.io.StringWriter;
import java.io.Writer;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.PrettyPrinter;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;

/**
 * Writes a {@link Summary} as JSON and reads it back, with Jackson's streaming API. The shape and key order are
 * fixed, for diffing and for scripts:
 *
 * <pre>{@code
 * {"scenario": "demo", "events": 123456, "durationMs": 60000,
 *  "ops": {"Add": {"waitMs": STATS, "holdMs": STATS, "waitingAtEnd": 0, "holdingAtEnd": 0}, ...},
 *  "delivery": {"count": 900, "latencyMs": STATS, "orderViolations": 0, "dropped": 0},
 *  "alerts": {"long-wait": 1, "long-hold": 12, "lock-order": 0, "recursive": 0, "deadlock": 0},
 *  "goroutines": {"max": 17, "total": 240}}
 * }</pre>
 *
 * where STATS is {@code {"count": 3, "p50": 0, "p99": 1840, "max": 1840, "mean": 613.333}}. Ops are in key
 * order, alerts in {@link AlertKind} order. Milliseconds are plain decimal numbers with at most 3 decimals and
 * no trailing zeros ({@code 640}, not {@code 640.0}). The output is indented by two spaces, ends with a newline,
 * and uses {@code \n} on every platform.
 */
public final class SummaryJson {

    private static final String SOURCE = "summary";

    // Immutable once built; BigDecimal as plain so that milliseconds never print with an exponent.
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private SummaryJson() {}

    /** The summary as JSON text. */
    public static String write(Summary summary) {
        StringWriter out = new StringWriter();
        write(summary, out);
        return out.toString();
    }

    /** Writes the summary as JSON to {@code out}, which is flushed but left open. */
    public static void write(Summary summary, Writer out) {
        try (JsonGenerator g = FACTORY.createGenerator(new Pretty(), out)) {
            g.writeStartObject();
            g.writeStringProperty("scenario", summary.scenario());
            g.writeNumberProperty("events", summary.events());
            writeMs(g, "durationMs", summary.durationMs());
            g.writeName("ops");
            g.writeStartObject();
            for (Map.Entry<String, Summary.OpStats> op : summary.ops().entrySet()) {
                g.writeName(op.getKey());
                writeOp(g, op.getValue());
            }
            g.writeEndObject();
            g.writeName("delivery");
            writeDelivery(g, summary.delivery());
            g.writeName("alerts");
            g.writeStartObject();
            for (Map.Entry<AlertKind, Long> alert : summary.alerts().entrySet()) {
                g.writeNumberProperty(alert.getKey().id(), alert.getValue());
            }
            g.writeEndObject();
            g.writeName("goroutines");
            g.writeStartObject();
            g.writeNumberProperty("max", summary.goroutines().max());
            g.writeNumberProperty("total", summary.goroutines().total());
            g.writeEndObject();
            g.writeEndObject();
            g.writeRaw('\n');
        }
    }

    /**
     * Reads JSON written by {@link #write(Summary)}. Fields may come in any order; unknown fields, missing
     * fields and values of the wrong type are refused.
     */
    public static Summary read(String json) throws InputException {
        try (JsonParser p = FACTORY.createParser(ObjectReadContext.empty(), json)) {
            Summary summary = new Reader(p).summary();
            if (p.nextToken() != null) {
                throw new InputException(SOURCE, line(p.currentLocation()), "", "expected the end after the summary");
            }
            return summary;
        } catch (JacksonException e) {
            throw new InputException(SOURCE, line(e.getLocation()), "", e.getOriginalMessage());
        }
    }

    private static void writeOp(JsonGenerator g, Summary.OpStats op) {
        g.writeStartObject();
        g.writeName("waitMs");
        writeStats(g, op.waitMs());
        g.writeName("holdMs");
        writeStats(g, op.holdMs());
        g.writeNumberProperty("waitingAtEnd", op.waitingAtEnd());
        g.writeNumberProperty("holdingAtEnd", op.holdingAtEnd());
        g.writeEndObject();
    }

    private static void writeDelivery(JsonGenerator g, Summary.Delivery d) {
        g.writeStartObject();
        g.writeNumberProperty("count", d.count());
        g.writeName("latencyMs");
        writeStats(g, d.latencyMs());
        g.writeNumberProperty("orderViolations", d.orderViolations());
        g.writeNumberProperty("dropped", d.dropped());
        g.writeEndObject();
    }

    private static void writeStats(JsonGenerator g, LatencySummary s) {
        g.writeStartObject();
        g.writeNumberProperty("count", s.count());
        writeMs(g, "p50", s.p50Ms());
        writeMs(g, "p99", s.p99Ms());
        writeMs(g, "max", s.maxMs());
        writeMs(g, "mean", s.meanMs());
        g.writeEndObject();
    }

    private static void writeMs(JsonGenerator g, String name, double ms) {
        g.writeNumberProperty(name, Millis.plain(ms));
    }

    private static int line(TokenStreamLocation location) {
        return location == null ? 0 : Math.max(0, location.getLineNr());
    }

    /** Pretty printing with two-space indents, {@code "name": value} and {@code \n} line ends. */
    private static final class Pretty extends ObjectWriteContext.Base {
        private static final Separators SEPARATORS = Separators.createDefaultInstance()
                .withObjectNameValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("");

        @Override
        public PrettyPrinter getPrettyPrinter() {
            // A new printer per call: DefaultPrettyPrinter tracks the nesting of the generator that uses it.
            return new DefaultPrettyPrinter(SEPARATORS).withObjectIndenter(new DefaultIndenter("  ", "\n"));
        }

        @Override
        public boolean hasPrettyPrinter() {
            return true;
        }
    }

    /** Reads one summary object, naming the field path of whatever is wrong. */
    private static final class Reader {
        private final JsonParser p;

        Reader(JsonParser p) {
            this.p = p;
        }

        Summary summary() throws InputException {
            startObject("", p.nextToken());
            String scenario = null;
            Long events = null;
            Double durationMs = null;
            TreeMap<String, Summary.OpStats> ops = null;
            Summary.Delivery delivery = null;
            EnumMap<AlertKind, Long> alerts = null;
            Summary.Goroutines goroutines = null;
            for (String name = p.nextName(); name != null; name = p.nextName()) {
                p.nextToken();
                switch (name) {
                    case "scenario" -> scenario = string(name);
                    case "events" -> events = count(name);
                    case "durationMs" -> durationMs = ms(name);
                    case "ops" -> ops = ops(name);
                    case "delivery" -> delivery = delivery(name);
                    case "alerts" -> alerts = alerts(name);
                    case "goroutines" -> goroutines = goroutines(name);
                    default -> throw problem(name, "unknown field");
                }
            }
            return new Summary(present(scenario, "scenario"), present(events, "events"),
                    present(durationMs, "durationMs"), present(ops, "ops"), present(delivery, "delivery"),
                    present(alerts, "alerts"), present(goroutines, "goroutines"));
        }

        private TreeMap<String, Summary.OpStats> ops(String path) throws InputException {
            startObject(path, p.currentToken());
            TreeMap<String, Summary.OpStats> ops = new TreeMap<>();
            for (String name = p.nextName(); name != null; name = p.nextName()) {
                p.nextToken();
                ops.put(name, op(path + "." + name));
            }
            return ops;
        }

        private Summary.OpStats op(String path) throws InputException {
            startObject(path, p.currentToken());
            LatencySummary waitMs = null;
            LatencySummary holdMs = null;
            Long waitingAtEnd = null;
            Long holdingAtEnd = null;
            for (String name = p.nextName(); name != null; name = p.nextName()) {
                p.nextToken();
                String field = path + "." + name;
                switch (name) {
                    case "waitMs" -> waitMs = stats(field);
                    case "holdMs" -> holdMs = stats(field);
                    case "waitingAtEnd" -> waitingAtEnd = count(field);
                    case "holdingAtEnd" -> holdingAtEnd = count(field);
                    default -> throw problem(field, "unknown field");
                }
            }
            return new Summary.OpStats(present(waitMs, path + ".waitMs"), present(holdMs, path + ".holdMs"),
                    present(waitingAtEnd, path + ".waitingAtEnd"), present(holdingAtEnd, path + ".holdingAtEnd"));
        }

        private Summary.Delivery delivery(String path) throws InputException {
            startObject(path, p.currentToken());
            Long count = null;
            LatencySummary latencyMs = null;
            Long orderViolations = null;
            Long dropped = null;
            for (String name = p.nextName(); name != null; name = p.nextName()) {
                p.nextToken();
                String field = path + "." + name;
                switch (name) {
                    case "count" -> count = count(field);
                    case "latencyMs" -> latencyMs = stats(field);
                    case "orderViolations" -> orderViolations = count(field);
                    case "dropped" -> dropped = count(field);
                    default -> throw problem(field, "unknown field");
                }
            }
            return new Summary.Delivery(present(count, path + ".count"), present(latencyMs, path + ".latencyMs"),
                    present(orderViolations, path + ".orderViolations"), present(dropped, path + ".dropped"));
        }

        private EnumMap<AlertKind, Long> alerts(String path) throws InputException {
            startObject(path, p.currentToken());
            EnumMap<AlertKind, Long> alerts = new EnumMap<>(AlertKind.class);
            for (String name = p.nextName(); name != null; name = p.nextName()) {
                p.nextToken();
                AlertKind kind = AlertKind.ofId(name);
                if (kind == null) {
                    throw problem(path + "." + name, "unknown alert kind");
                }
                alerts.put(kind, count(path + "." + name));
            }
            for (AlertKind kind : AlertKind.values()) {
                present(alerts.get(kind), path + "." + kind.id());
            }
            return alerts;
        }

        private Summary.Goroutines goroutines(String path) throws InputException {
            startObject(path, p.currentToken());
            Long max = null;
            Long total = null;
            for (String name = p.nextName(); name != null; name = p.nextName()) {
                p.nextToken();
                switch (name) {
                    case "max" -> max = count(path + ".max");
                    case "total" -> total = count(path + ".total");
                    default -> throw problem(path + "." + name, "unknown field");
                }
            }
            return new Summary.Goroutines(present(max, path + ".max"), present(total, path + ".total"));
        }

        private LatencySummary stats(String path) throws InputException {
            startObject(path, p.currentToken());
            Long count = null;
            Double p50 = null;
            Double p99 = null;
            Double max = null;
            Double mean = null;
            for (String name = p.nextName(); name != null; name = p.nextName()) {
                p.nextToken();
                String field = path + "." + name;
                switch (name) {
                    case "count" -> count = count(field);
                    case "p50" -> p50 = ms(field);
                    case "p99" -> p99 = ms(field);
                    case "max" -> max = ms(field);
                    case "mean" -> mean = ms(field);
                    default -> throw problem(field, "unknown field");
                }
            }
            return new LatencySummary(present(count, path + ".count"), present(p50, path + ".p50"),
                    present(p99, path + ".p99"), present(max, path + ".max"), present(mean, path + ".mean"));
        }

        private void startObject(String path, JsonToken token) throws InputException {
            if (token != JsonToken.START_OBJECT) {
                throw problem(path, "expected an object, got " + token);
            }
        }

        private String string(String path) throws InputException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                throw problem(path, "expected a string, got " + p.currentToken());
            }
            return p.getString();
        }

        private long count(String path) throws InputException {
            if (p.currentToken() != JsonToken.VALUE_NUMBER_INT || p.getLongValue() < 0) {
                throw problem(path, "expected an integer >= 0, got " + p.getText());
            }
            return p.getLongValue();
        }

        private double ms(String path) throws InputException {
            JsonToken t = p.currentToken();
            if ((t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) || p.getDoubleValue() < 0) {
                throw problem(path, "expected a number of milliseconds >= 0, got " + p.getText());
            }
            return p.getDoubleValue();
        }

        private <T> T present(T value, String path) throws InputException {
            if (value == null) {
                throw problem(path, "missing");
            }
            return value;
        }

        private InputException problem(String path, String what) {
            return new InputException(SOURCE, line(p.currentLocation()), path, what);
        }
    }
}
