package dev.lockscope.run;

import dev.lockscope.event.EventSink;
import dev.lockscope.event.TraceEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Test sink: keeps every event. */
public final class Recorder implements EventSink {
    public final List<TraceEvent> events = new ArrayList<>();
    public boolean finished;

    @Override
    public void accept(TraceEvent event) {
        events.add(event);
    }

    @Override
    public void finish() {
        finished = true;
    }

    public <T extends TraceEvent> Stream<T> of(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast);
    }
}
