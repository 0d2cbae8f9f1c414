package dev.lockscope.app.timeline;

import dev.lockscope.event.AlertKind;
import dev.lockscope.event.TraceEvent;
import dev.lockscope.run.Simulation;
import dev.lockscope.scenario.BuiltinScenarios;
import dev.lockscope.trace.store.EventType;
import dev.lockscope.trace.store.TraceStore;
import dev.lockscope.trace.store.TraceView;

/** The built-in {@code article} scenario, run into a store, and the facts the tests look for in it. */
final class ArticleTrace {
    private ArticleTrace() {}

    /** The article run up to {@code untilMs} of virtual time. */
    static TraceStore run(long untilMs) {
        TraceStore store = new TraceStore();
        try {
            Simulation sim = Simulation.start(BuiltinScenarios.byName("article").orElseThrow(), store);
            sim.runUntil(untilMs * 1_000_000L);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return store;
    }

    /** The first alert of a kind whose summary starts with {@code prefix}. */
    static TraceEvent.Alert alert(TraceView view, AlertKind kind, String prefix) {
        for (int row = 0; row < view.size(); row++) {
            if (view.type(row) == EventType.ALERT && view.event(row) instanceof TraceEvent.Alert a
                    && a.kind() == kind && a.summary().startsWith(prefix)) {
                return a;
            }
        }
        throw new AssertionError("no " + kind + " alert starting with " + prefix);
    }

    /** The goroutine called {@code name}. */
    static int goroutine(TraceView view, String name) {
        for (int row = 0; row < view.size(); row++) {
            if (view.type(row) == EventType.SPAWN && ((TraceEvent.Spawn) view.event(row)).name().equals(name)) {
                return view.goroutine(row);
            }
        }
        throw new AssertionError("no goroutine " + name);
    }
}
