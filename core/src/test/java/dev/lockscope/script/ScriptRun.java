package dev.lockscope.script;

import dev.lockscope.event.TraceEvent;
import dev.lockscope.io.InputException;
import dev.lockscope.run.Recorder;
import dev.lockscope.run.Simulation;
import dev.lockscope.scenario.Scenario;
import dev.lockscope.scenario.ScenarioJson;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A script scenario run for tests: its events, and short text lines with times in ms ("10 worker#1 act send ch
 * 1"), so that a test states hand-computed instants directly.
 */
final class ScriptRun {
    final Recorder recorder = new Recorder();

    private ScriptRun() {}

    /** Reads {@code json} (a script scenario; "name", "kind" and "durationMs" are added if missing) and runs it. */
    static ScriptRun of(String json) throws Exception {
        Scenario s = scenario(json);
        ScriptRun run = new ScriptRun();
        Simulation.run(s, run.recorder);
        return run;
    }

    static Scenario scenario(String json) throws InputException {
        String body = json.strip();
        if (!body.contains("\"kind\": \"script\"")) {
            body = "{\"name\": \"t\", \"kind\": \"script\", \"durationMs\": 1000, " + body.substring(1);
        }
        return ScenarioJson.read("t.json", new StringReader(body));
    }

    List<TraceEvent> events() {
        return recorder.events;
    }

    /** The run's events as lines, without site lines' details: spawns, exits, locks, sleeps, primitives, alerts. */
    List<String> lines() {
        Map<Integer, String> goroutines = new HashMap<>();
        Map<Integer, String> objects = new HashMap<>();
        List<String> out = new ArrayList<>();
        for (TraceEvent e : recorder.events) {
            String t = ms(e.time());
            switch (e) {
                case TraceEvent.Spawn s -> {
                    goroutines.put(s.g(), s.name());
                    out.add(t + " " + s.name() + " spawn" + (s.parent() == 0 ? "" : " by " + goroutines.get(s.parent())));
                }
                case TraceEvent.Exit x -> out.add(t + " " + goroutines.get(x.g()) + " exit");
                case TraceEvent.PrimCreated p -> objects.put(p.prim(), p.name());
                case TraceEvent.LockCreated l -> objects.put(l.lock(), l.name());
                case TraceEvent.Acquire a -> out.add(t + " " + goroutines.get(a.g()) + " acquire " + objects.get(a.lock()));
                case TraceEvent.Release r -> out.add(t + " " + goroutines.get(r.g()) + " release " + objects.get(r.lock()));
                case TraceEvent.Sleep s -> out.add(t + " " + goroutines.get(s.g()) + " sleep " + ms(s.durationNs()));
                case TraceEvent.PrimWait w -> out.add(t + " " + goroutines.get(w.g()) + " wait " + w.op().id() + " "
                        + w.prims().stream().map(objects::get).toList());
                case TraceEvent.Wake w -> out.add(t + " " + goroutines.get(w.g()) + " wake " + objects.get(w.prim()));
                case TraceEvent.Act a -> out.add(t + " " + (a.g() == 0 ? "runtime" : goroutines.get(a.g())) + " "
                        + a.op().id() + " " + objects.get(a.prim()) + (a.op().id().equals("arm") ? " " + ms(a.n())
                        : " " + a.n()));
                case TraceEvent.Panic p -> out.add(t + " " + goroutines.get(p.g()) + " panic " + p.text());
                case TraceEvent.Asleep a -> out.add(t + " asleep");
                case TraceEvent.Alert a -> out.add(t + " alert " + a.kind().id() + ": " + a.summary());
                default -> { }
            }
        }
        return out;
    }

    /** The labels of the sites, in order of first use. */
    List<String> sites() {
        List<String> out = new ArrayList<>();
        for (TraceEvent e : recorder.events) {
            dev.lockscope.model.Site s = switch (e) {
                case TraceEvent.Request r -> r.site();
                case TraceEvent.Acquire a -> a.site();
                case TraceEvent.Release r -> r.site();
                case TraceEvent.Sleep sl -> sl.site();
                case TraceEvent.PrimWait w -> w.site();
                case TraceEvent.Act a -> a.site();
                case TraceEvent.Panic p -> p.site();
                default -> null;
            };
            if (s != null && !out.contains(s.op() + " | " + s.label())) {
                out.add(s.op() + " | " + s.label());
            }
        }
        return out;
    }

    private static String ms(long ns) {
        return ns % 1_000_000 == 0 ? Long.toString(ns / 1_000_000) : dev.lockscope.util.Millis.exact(ns);
    }
}
