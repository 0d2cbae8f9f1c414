package dev.lockscope.script;

import java.util.List;

/**
 * A script as Go code, for people and for the lab's code pane: one listing per goroutine and named function, each
 * line one statement or block line of the script (a lock step {@code lock A} reads {@code A.Lock()}, a sleep
 * {@code time.Sleep(...)}). The sites of a run name these lines: a site labelled {@code worker #3: ch <- v} is line
 * 3 of the listing of {@code worker} (closures are lines of the function they are written in), and a site's
 * operation is the function that ran it ({@code main.func1} for a closure). A room's strategy program is listed the
 * same way, with the room's labels ({@code Room.Broadcast: m.Send(msg)}: docs/room-code.md).
 *
 * @param function  the goroutine's or function's name
 * @param signature its first line, {@code func worker(ch chan int, n int) {}
 * @param lines     the body, line 1 first; the closing brace is not included
 * @param sites     for each line, the label of the site a goroutine is at on it ({@code worker #3: ch <- v}), or
 *                  {@code null} for a line no goroutine stops on (a closing brace, {@code go func() {})
 */
public record ScriptCode(String function, String signature, List<String> lines, List<String> sites) {
    public ScriptCode {
        lines = List.copyOf(lines);
        sites = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(sites));
        if (sites.size() != lines.size()) {
            throw new IllegalArgumentException("one site (or null) per line");
        }
    }

    /** The listings of a script: its goroutines' bodies in order, then its functions. */
    public static List<ScriptCode> of(dev.lockscope.scenario.ScriptSpec spec) {
        return new ScriptCompiler(spec).compile().listings();
    }

    /** The whole listing as Go text. */
    public String text() {
        StringBuilder sb = new StringBuilder(signature).append('\n');
        for (String l : lines) {
            sb.append(l).append('\n');
        }
        return sb.append("}\n").toString();
    }
}
