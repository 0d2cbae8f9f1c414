package dev.lockscope.event;

/** Receives a run's events in order. Implementations are single-threaded unless they say otherwise. */
@FunctionalInterface
public interface EventSink {
    void accept(TraceEvent event);

    /** Called once after the last event; files are flushed and closed here. */
    default void finish() {}
}
