package dev.lockscope.app.lab;

import dev.lockscope.model.Site;
import dev.lockscope.room.Room;
import dev.lockscope.room.Sites;
import dev.lockscope.scenario.ScriptSpec;
import dev.lockscope.scenario.StrategySpec;
import dev.lockscope.script.ScriptCode;
import java.util.ArrayList;
import java.util.List;

/**
 * The Go code the code panel shows (docs/room-code.md), line by line, each statement a goroutine can be on
 * tagged with its site label, so the panel can count the goroutines on it.
 */
final class GoCode {
    private GoCode() {}

    /** One line of code; {@code site} is null for lines no goroutine stops on. */
    record Line(String text, String site) {
        static Line of(String text) {
            return new Line(text, null);
        }

        static Line at(String text, Site site) {
            return new Line(text, site.label());
        }
    }

    /**
     * The room's code under strategy {@code program}: the Go its program stands for (Broadcast, and writeLoop), as
     * the script compiler lists it ({@link Room#code}), then Add and Remove, which make and close the outboxes
     * of a strategy with a writeLoop.
     */
    static List<Line> room(StrategySpec program) {
        List<Line> lines = new ArrayList<>();
        listings(lines, Room.code(program));
        boolean outboxes = program.hasWriteLoop();
        lines.add(Line.of("func (r *Room) Add(m *Member) {"));
        lines.add(Line.at("    r.membersMx.Lock()", Sites.ADD_LOCK));
        lines.add(Line.of("    r.members = append(r.members, m)"));
        if (outboxes) {
            lines.add(Line.of("    m.outbox = make(chan Message, queueLimit)"));
            lines.add(Line.of("    go m.writeLoop()"));
        }
        lines.add(Line.at("    r.membersMx.Unlock()", Sites.ADD_UNLOCK));
        lines.add(Line.of("}"));
        lines.add(Line.of(""));
        lines.add(Line.of("func (r *Room) Remove(name string) {"));
        lines.add(Line.at("    r.membersMx.Lock()", Sites.REMOVE_LOCK));
        if (outboxes) {
            lines.add(Line.of("    m := r.find(name)"));
        }
        lines.add(Line.of("    r.members = slices.DeleteFunc(r.members, byName(name))"));
        if (outboxes) {
            lines.add(Line.at("    for len(m.outbox) > 0 { <-m.outbox }", Sites.REMOVE_DISCARD));
            lines.add(Line.at("    close(m.outbox)", Sites.REMOVE_CLOSE));
        }
        lines.add(Line.at("    r.membersMx.Unlock()", Sites.REMOVE_UNLOCK));
        lines.add(Line.of("}"));
        return lines;
    }

    /**
     * A script as Go: one function per goroutine, then its functions, as {@link ScriptCode} lists them, each line
     * tagged with the site a goroutine is at on it.
     */
    static List<Line> script(ScriptSpec script) {
        List<Line> lines = new ArrayList<>();
        listings(lines, ScriptCode.of(script));
        return lines;
    }

    /** Each listing's lines, tabs as four spaces, each followed by a blank line. */
    private static void listings(List<Line> lines, List<ScriptCode> listings) {
        for (ScriptCode code : listings) {
            lines.add(Line.of(code.signature()));
            for (int i = 0; i < code.lines().size(); i++) {
                lines.add(new Line(code.lines().get(i).replace("\t", "    "), code.sites().get(i)));
            }
            lines.add(Line.of("}"));
            lines.add(Line.of(""));
        }
    }
}
