package dev.lockscope.trace.export;

import dev.lockscope.io.JsonFormat;
import java.io.OutputStream;
import java.util.List;
import tools.jackson.core.JsonEncoding;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.PrettyPrinter;
import tools.jackson.core.util.MinimalPrettyPrinter;

/**
 * Writes the Chrome Trace Event format's JSON object form, one event per line:
 * {@code {"traceEvents":[ ...events... ],"displayTimeUnit":"ms","otherData":{...}}}. Each method writes one event;
 * the caller is responsible for what the events mean (nesting, pairing). Times are given in nanoseconds and
 * written as microseconds, the format's unit, with up to three decimals so nothing is rounded.
 */
final class ChromeTraceWriter {
    private final JsonGenerator g;

    ChromeTraceWriter(OutputStream out) {
        this.g = JsonFormat.FACTORY.createGenerator(new OneEventPerLine(), out, JsonEncoding.UTF8);
        g.writeStartObject();
        g.writeName("traceEvents");
        g.writeStartArray();
    }

    /**
     * A metadata event ({@code M}): {@code process_name}, {@code thread_name}, sort indexes. It applies to the
     * whole trace whatever its time; {@code ns} (when the thread appeared) only keeps the file in time order.
     */
    void metadata(String name, int pid, long tid, long ns, String key, Object value) {
        g.writeStartObject();
        g.writeStringProperty("ph", "M");
        g.writeStringProperty("name", name);
        g.writeNumberProperty("pid", pid);
        g.writeNumberProperty("tid", tid);
        g.writeName("ts");
        g.writeNumber(micros(ns));
        g.writeName("args");
        g.writeStartObject();
        g.writeName(key);
        value(value);
        g.writeEndObject();
        g.writeEndObject();
    }

    /** Opens a slice on a thread ({@code B}); it ends at the matching {@link #end}. */
    void begin(int pid, long tid, long ns, Slice slice, boolean continued) {
        head("B", slice.name(), slice.cat(), pid, tid, ns);
        args(slice.args(), continued);
        g.writeEndObject();
    }

    /** Closes the innermost open slice of a thread ({@code E}). */
    void end(int pid, long tid, long ns, Slice slice) {
        head("E", slice.name(), slice.cat(), pid, tid, ns);
        g.writeEndObject();
    }

    /** Starts an async slice ({@code b}); pairs with the {@link #asyncEnd} of the same cat, name and id. */
    void asyncBegin(int pid, long tid, long ns, long id, Slice slice) {
        head("b", slice.name(), slice.cat(), pid, tid, ns);
        g.writeNumberProperty("id", id);
        args(slice.args(), false);
        g.writeEndObject();
    }

    void asyncEnd(int pid, long tid, long ns, long id, Slice slice) {
        head("e", slice.name(), slice.cat(), pid, tid, ns);
        g.writeNumberProperty("id", id);
        g.writeEndObject();
    }

    /** A flow arrow's tail ({@code s}), bound to the slice open on the thread at that time. */
    void flowStart(int pid, long tid, long ns, long id, String name, String cat) {
        head("s", name, cat, pid, tid, ns);
        g.writeNumberProperty("id", id);
        g.writeEndObject();
    }

    /** A flow arrow's head ({@code f}); {@code "bp":"e"} binds it to the slice enclosing it, not the next one. */
    void flowEnd(int pid, long tid, long ns, long id, String name, String cat) {
        head("f", name, cat, pid, tid, ns);
        g.writeStringProperty("bp", "e");
        g.writeNumberProperty("id", id);
        g.writeEndObject();
    }

    /** A counter sample ({@code C}): the series {@code key} of counter {@code name} is {@code value} from now on. */
    void counter(int pid, long tid, long ns, String name, String key, long value) {
        head("C", name, "counter", pid, tid, ns);
        g.writeName("args");
        g.writeStartObject();
        g.writeNumberProperty(key, value);
        g.writeEndObject();
        g.writeEndObject();
    }

    /** An instant ({@code i}) of scope {@code g} (global), {@code p} (process) or {@code t} (thread). */
    void instant(int pid, long tid, long ns, String scope, Slice slice) {
        head("i", slice.name(), slice.cat(), pid, tid, ns);
        g.writeStringProperty("s", scope);
        args(slice.args(), false);
        g.writeEndObject();
    }

    /** Ends the event array, writes {@code otherData} and closes the output. */
    void close(List<Slice.Arg> otherData) {
        g.writeEndArray();
        g.writeStringProperty("displayTimeUnit", "ms");
        g.writeName("otherData");
        g.writeStartObject();
        for (Slice.Arg a : otherData) {
            g.writeName(a.key());
            value(a.value());
        }
        g.writeEndObject();
        g.writeEndObject();
        g.writeRaw('\n');
        g.close();
    }

    private void head(String ph, String name, String cat, int pid, long tid, long ns) {
        g.writeStartObject();
        g.writeStringProperty("ph", ph);
        g.writeStringProperty("name", name);
        g.writeStringProperty("cat", cat);
        g.writeNumberProperty("pid", pid);
        g.writeNumberProperty("tid", tid);
        g.writeName("ts");
        g.writeNumber(micros(ns));
    }

    private void args(List<Slice.Arg> args, boolean continued) {
        if (args.isEmpty() && !continued) {
            return;
        }
        g.writeName("args");
        g.writeStartObject();
        for (Slice.Arg a : args) {
            g.writeName(a.key());
            value(a.value());
        }
        if (continued) {
            g.writeBooleanProperty("continued", true);
        }
        g.writeEndObject();
    }

    private void value(Object v) {
        switch (v) {
            case String s -> g.writeString(s);
            case Integer i -> g.writeNumber(i);
            case Long l -> g.writeNumber(l);
            case Boolean b -> g.writeBoolean(b);
            case List<?> list -> {
                g.writeStartArray();
                for (Object o : list) {
                    value(o);
                }
                g.writeEndArray();
            }
            default -> throw new IllegalArgumentException("unsupported argument value " + v.getClass().getName());
        }
    }

    /**
     * Nanoseconds as a decimal count of microseconds without trailing zeros: {@code 1_500} gives {@code "1.5"},
     * {@code 2_000} gives {@code "2"}. Exact, and cheaper than {@code BigDecimal} on a million events.
     */
    static String micros(long ns) {
        if (ns < 0) { // not produced by Lockscope, but exact all the same
            return java.math.BigDecimal.valueOf(ns, 3).stripTrailingZeros().toPlainString();
        }
        String whole = Long.toString(ns / 1000);
        int frac = (int) (ns % 1000);
        if (frac == 0) {
            return whole;
        }
        String digits = Integer.toString(1000 + frac); // "1" and three digits, leading zeros kept
        int end = digits.length();
        while (digits.charAt(end - 1) == '0') {
            end--;
        }
        return whole + "." + digits.substring(1, end);
    }

    /** Puts each element of the top-level event array on its own line, so a diff or grep sees one event per line. */
    private static final class OneEventPerLine extends ObjectWriteContext.Base {
        @Override
        public PrettyPrinter getPrettyPrinter() {
            return new MinimalPrettyPrinter() {
                @Override
                public void beforeArrayValues(JsonGenerator gen) {
                    newlineInEventArray(gen);
                }

                @Override
                public void writeArrayValueSeparator(JsonGenerator gen) {
                    super.writeArrayValueSeparator(gen);
                    newlineInEventArray(gen);
                }

                @Override
                public void writeEndArray(JsonGenerator gen, int nrOfValues) {
                    newlineInEventArray(gen);
                    super.writeEndArray(gen, nrOfValues);
                }

                private void newlineInEventArray(JsonGenerator gen) {
                    if (gen.streamWriteContext().getNestingDepth() == 2) { // root object, then traceEvents
                        gen.writeRaw('\n');
                    }
                }
            };
        }

        @Override
        public boolean hasPrettyPrinter() {
            return true;
        }
    }
}
