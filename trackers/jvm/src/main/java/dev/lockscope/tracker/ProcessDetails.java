package dev.lockscope.tracker;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The header's {@code details} object: what program wrote the trace, for people (readers show it and use only
 * {@code name}, as the trace's display name).
 *
 * @param name the main class, or the jar, from the first word of {@code sun.java.command}; {@code "java"} if unknown
 * @param java the {@code java.version} property
 * @param pid this process's id
 * @param started the stream's start, wall clock, UTC, milliseconds
 */
record ProcessDetails(String name, String java, long pid, Instant started) {
    private static final String SOURCE_LAUNCHER = "com.sun.tools.javac.launcher.SourceLauncher";

    static ProcessDetails now() {
        return new ProcessDetails(programName(System.getProperty("sun.java.command")),
                System.getProperty("java.version", "unknown"), ProcessHandle.current().pid(),
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    /**
     * {@code "dev.x.Main arg"} gives {@code "dev.x.Main"}; {@code "/opt/app.jar arg"} gives {@code "app.jar"};
     * a source-file program ({@code java Room.java}) gives {@code "Room.java"}.
     */
    static String programName(String command) {
        String[] words = command == null ? new String[0] : command.strip().split("\\s+", 3);
        String first = words.length > 0 ? words[0] : "";
        if (first.equals(SOURCE_LAUNCHER) && words.length > 1) {
            first = words[1];
        }
        String name = first.substring(first.lastIndexOf('/') + 1);
        return name.isEmpty() ? "java" : name;
    }

    /** Appends the JSON object, keys in the order of TRACE-V2.md's example. */
    StringBuilder appendJson(StringBuilder out) {
        out.append("{\"name\":");
        JsonText.quote(out, name).append(",\"java\":");
        JsonText.quote(out, java).append(",\"pid\":").append(pid).append(",\"started\":");
        return JsonText.quote(out, started.toString()).append(",\"clock\":\"monotonic\"}");
    }
}
