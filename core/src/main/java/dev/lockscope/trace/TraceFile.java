package dev.lockscope.trace;

import dev.lockscope.scenario.Scenario;
import java.util.Objects;

/**
 * Constants of the trace file format (docs/trace-format.md): JSON Lines, a header line, then one line per event,
 * gzip-compressed when the name ends in {@code .gz}.
 */
public final class TraceFile {
    /** The header's {@code format} value. */
    public static final String FORMAT = "lockscope-trace";
    /** The format version this Lockscope writes, and the newest it reads. */
    public static final int VERSION = 1;
    /** The header's {@code tool} value. */
    public static final String TOOL = "lockscope 0.1.0";

    private TraceFile() {}

    /**
     * The first line of a trace.
     *
     * @param version  the format version the file was written in, 1 to {@link #VERSION}
     * @param tool     the program that wrote the file, for people; not interpreted
     * @param scenario the scenario that was run
     */
    public record Header(int version, String tool, Scenario scenario) {
        public Header {
            Objects.requireNonNull(tool, "tool");
            Objects.requireNonNull(scenario, "scenario");
        }
    }

    /** Whether {@code fileName} asks for gzip compression. */
    static boolean isGzipName(String fileName) {
        return fileName.endsWith(".gz");
    }
}
