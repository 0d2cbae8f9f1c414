package dev.lockscope.trace;

import dev.lockscope.event.TraceEvent;
import dev.lockscope.model.Site;
import dev.lockscope.scenario.CommandJson;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonGenerator;

/**
 * Writes trace events as lines of JSON, in the key order of docs/trace-format.md, interning sites: the first
 * event that uses a {@link Site} is preceded by a {@code site} line that gives it the next id (0, 1, 2, ...).
 * Owns the site table, so one instance serves one file.
 */
final class EventLineWriter {
    private final JsonGenerator g;
    private final Map<Site, Integer> siteIds = new HashMap<>();

    EventLineWriter(JsonGenerator g) {
        this.g = g;
    }

    void write(TraceEvent event) {
        Site site = siteOf(event);
        int siteId = site == null ? -1 : siteId(event.time(), site);
        switch (event) {
            case TraceEvent.Spawn e -> {
                start(e, "spawn");
                g.writeNumberProperty("g", e.g());
                g.writeStringProperty("name", e.name());
                g.writeStringProperty("kind", e.kind());
                g.writeNumberProperty("parent", e.parent());
            }
            case TraceEvent.Exit e -> {
                start(e, "exit");
                g.writeNumberProperty("g", e.g());
            }
            case TraceEvent.LockCreated e -> {
                start(e, "lock");
                g.writeNumberProperty("lock", e.lock());
                g.writeStringProperty("name", e.name());
                g.writeStringProperty("kind", e.kind().id());
            }
            case TraceEvent.Request e -> lockStep(e, "request", e.g(), e.lock(), e.mode().code(), siteId);
            case TraceEvent.Acquire e -> lockStep(e, "acquire", e.g(), e.lock(), e.mode().code(), siteId);
            case TraceEvent.Release e -> lockStep(e, "release", e.g(), e.lock(), e.mode().code(), siteId);
            case TraceEvent.Blocked e -> {
                start(e, "blocked");
                g.writeNumberProperty("g", e.g());
                g.writeNumberProperty("lock", e.lock());
                ints("by", e.blockers());
            }
            case TraceEvent.Park e -> {
                start(e, "park");
                g.writeNumberProperty("g", e.g());
                g.writeNumberProperty("site", siteId);
            }
            case TraceEvent.Sleep e -> {
                start(e, "sleep");
                g.writeNumberProperty("g", e.g());
                g.writeNumberProperty("dur", e.durationNs());
                g.writeNumberProperty("site", siteId);
            }
            case TraceEvent.SendStart e -> {
                start(e, "send");
                g.writeNumberProperty("g", e.g());
                g.writeStringProperty("member", e.member());
                g.writeNumberProperty("msg", e.msg());
                g.writeNumberProperty("dur", e.durationNs());
                g.writeNumberProperty("site", siteId);
            }
            case TraceEvent.Deliver e -> {
                start(e, "deliver");
                g.writeNumberProperty("g", e.g());
                g.writeStringProperty("member", e.member());
                g.writeNumberProperty("msg", e.msg());
                g.writeNumberProperty("lat", e.latencyNs());
            }
            case TraceEvent.Drop e -> {
                start(e, "drop");
                g.writeStringProperty("member", e.member());
                g.writeNumberProperty("msg", e.msg());
            }
            case TraceEvent.MemberEvent e -> {
                start(e, "member");
                g.writeStringProperty("member", e.member());
                g.writeStringProperty("change", e.change().id());
            }
            case TraceEvent.CommandApplied e -> {
                start(e, "command");
                g.writeNumberProperty("step", e.step());
                g.writeBooleanProperty("live", e.live());
                g.writeName("command");
                CommandJson.write(g, e.command());
            }
            case TraceEvent.Alert e -> {
                start(e, "alert");
                g.writeStringProperty("kind", e.kind().id());
                g.writeStringProperty("summary", e.summary());
                g.writeStringProperty("report", e.report());
                ints("g", e.goroutines());
                ints("locks", e.locks());
            }
            case TraceEvent.PrimCreated e -> {
                start(e, "prim");
                g.writeNumberProperty("prim", e.prim());
                g.writeStringProperty("name", e.name());
                g.writeStringProperty("kind", e.kind().id());
                g.writeNumberProperty("cap", e.cap());
            }
            case TraceEvent.PrimWait e -> {
                start(e, "wait");
                g.writeNumberProperty("g", e.g());
                g.writeStringProperty("op", e.op().id());
                ints("prims", e.prims());
                g.writeNumberProperty("site", siteId);
            }
            case TraceEvent.Wake e -> {
                start(e, "wake");
                g.writeNumberProperty("g", e.g());
                g.writeNumberProperty("prim", e.prim());
            }
            case TraceEvent.Act e -> {
                start(e, "act");
                g.writeNumberProperty("g", e.g());
                g.writeNumberProperty("prim", e.prim());
                g.writeStringProperty("op", e.op().id());
                g.writeNumberProperty("n", e.n());
                g.writeNumberProperty("site", siteId);
            }
            case TraceEvent.Panic e -> {
                start(e, "panic");
                g.writeNumberProperty("g", e.g());
                g.writeStringProperty("text", e.text());
                g.writeNumberProperty("site", siteId);
            }
            case TraceEvent.Asleep e -> start(e, "asleep");
            case TraceEvent.End e -> start(e, "end");
        }
        end();
    }

    private static Site siteOf(TraceEvent event) {
        return switch (event) {
            case TraceEvent.Request e -> e.site();
            case TraceEvent.Acquire e -> e.site();
            case TraceEvent.Release e -> e.site();
            case TraceEvent.Park e -> e.site();
            case TraceEvent.Sleep e -> e.site();
            case TraceEvent.SendStart e -> e.site();
            case TraceEvent.PrimWait e -> e.site();
            case TraceEvent.Act e -> e.site();
            case TraceEvent.Panic e -> e.site();
            default -> null;
        };
    }

    private int siteId(long time, Site site) {
        Integer id = siteIds.get(site);
        if (id != null) {
            return id;
        }
        int next = siteIds.size();
        siteIds.put(site, next);
        g.writeStartObject();
        g.writeNumberProperty("t", time);
        g.writeStringProperty("e", "site");
        g.writeNumberProperty("site", next);
        g.writeStringProperty("op", site.op());
        g.writeStringProperty("label", site.label());
        end();
        return next;
    }

    private void lockStep(TraceEvent e, String type, int goroutine, int lock, String mode, int siteId) {
        start(e, type);
        g.writeNumberProperty("g", goroutine);
        g.writeNumberProperty("lock", lock);
        g.writeStringProperty("mode", mode);
        g.writeNumberProperty("site", siteId);
    }

    private void start(TraceEvent e, String type) {
        g.writeStartObject();
        g.writeNumberProperty("t", e.time());
        g.writeStringProperty("e", type);
    }

    private void ints(String name, List<Integer> values) {
        g.writeName(name);
        g.writeStartArray();
        for (int v : values) {
            g.writeNumber(v);
        }
        g.writeEndArray();
    }

    /** Ends the object and the line. The generator has no root separator, so this newline is the only one. */
    private void end() {
        g.writeEndObject();
        g.writeRaw('\n');
    }
}
