package dev.lockscope.app.lab;

import dev.lockscope.io.InputException;
import dev.lockscope.trace.export.IntervalCsvExporter;
import dev.lockscope.trace.export.PerfettoExporter;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The trace exports of File ▸ Export: Chrome Trace Event JSON for Perfetto, and one CSV row per interval. Each
 * names its file filter and suffix, and writes its file from a saved trace with the exporter {@code lockscope
 * export} uses, so that the lab and the command line write the same files.
 */
public enum ExportFormat {
    PERFETTO("Perfetto / Chrome trace JSON", "*.json", ".perfetto.json"),
    CSV("CSV, one row per interval", "*.csv", ".csv");

    private final String description;
    private final String glob;
    private final String suffix;

    ExportFormat(String description, String glob, String suffix) {
        this.description = description;
        this.glob = glob;
        this.suffix = suffix;
    }

    /** As the file chooser shows it. */
    String description() {
        return description;
    }

    /** The file chooser's filter. */
    String glob() {
        return glob;
    }

    /** Appended to the run's name for the proposed file name. */
    String suffix() {
        return suffix;
    }

    /** Reads the trace {@code trace} and writes this export of it to {@code target}. */
    void export(Path trace, Path target) throws InputException, IOException {
        switch (this) {
            case PERFETTO -> PerfettoExporter.export(trace, target);
            case CSV -> IntervalCsvExporter.export(trace, target);
        }
    }
}
