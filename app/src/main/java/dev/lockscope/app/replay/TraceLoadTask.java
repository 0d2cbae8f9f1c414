package dev.lockscope.app.replay;

import dev.lockscope.detect.StreamDetectors;
import dev.lockscope.event.EventSink;
import dev.lockscope.event.TraceEvent;
import dev.lockscope.jfr.JfrImporter;
import dev.lockscope.model.DetectorConfig;
import dev.lockscope.run.RunMonitor;
import dev.lockscope.trace.Imports;
import dev.lockscope.trace.ReadResult;
import dev.lockscope.trace.TraceFile;
import dev.lockscope.trace.TraceReader;
import dev.lockscope.trace.store.TraceStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import javafx.concurrent.Task;

/**
 * Reads a trace file off the FX thread into a store and a monitor. Progress is the virtual time reached over
 * the scenario's duration (unknown for a real program's trace); cancelling stops the read at the next event. A bad file fails the task with the
 * reader's {@link dev.lockscope.io.InputException}, whose message names the file, line and field.
 */
public final class TraceLoadTask extends Task<LoadedTrace> {
    private final Path file;

    public TraceLoadTask(Path file) {
        this.file = file;
        updateTitle("Opening " + file.getFileName());
    }

    public Path file() {
        return file;
    }

    @Override
    protected LoadedTrace call() throws Exception {
        // A JFR recording is imported on the way in (docs/jfr-import.md); anything else is a trace file.
        JfrImporter recording = JfrImporter.isRecording(file) ? new JfrImporter(file) : null;
        TraceFile.Header header = recording != null ? recording.header() : TraceReader.readHeader(file);
        String name = header.name(file);
        Loader loader = new Loader(LoadedTrace.newMonitor(header, name),
                header.durationNs().orElse(0));
        EventSink sink = StreamDetectors.withAlerts(header, DetectorConfig.DEFAULTS, loader);
        ReadResult result = recording != null ? Imports.read(recording, sink) : TraceReader.read(file, sink);
        RunMonitor monitor = loader.monitor;
        monitor.advanceTo(loader.lastTime);
        return new LoadedTrace(file, header, name, loader.store, monitor.samples().since(0),
                loader.commands, loader.lastTime, result.warning(), monitor.status());
    }

    /** The reader's sink: the store, the monitor, and the commands for a later what-if. */
    private final class Loader implements EventSink {
        final TraceStore store = new TraceStore();
        final RunMonitor monitor;
        final List<TraceEvent.CommandApplied> commands = new ArrayList<>();
        final long duration;
        long lastTime;
        long count;

        /** @param duration the run's length if the header knows it, for progress; else 0 (progress unknown) */
        Loader(RunMonitor monitor, long duration) {
            this.monitor = monitor;
            this.duration = duration;
        }

        @Override
        public void accept(TraceEvent event) {
            store.accept(event);
            monitor.accept(event);
            if (event instanceof TraceEvent.CommandApplied c) {
                commands.add(c);
            }
            lastTime = event.time();
            if ((++count & 1023) == 0) {
                if (isCancelled()) {
                    throw new CancellationException("cancelled");
                }
                if (duration > 0) {
                    updateProgress(Math.min(event.time(), duration), duration);
                }
                updateMessage(count + " events");
            }
        }
    }
}
