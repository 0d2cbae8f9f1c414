package dev.lockscope.app.lab;

import dev.lockscope.model.Site;
import dev.lockscope.model.Strategy;
import dev.lockscope.room.Sites;
import dev.lockscope.scenario.ScriptSpec;
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

    /** The room's code under {@code strategy}: Broadcast first, then Add and Remove. */
    static List<Line> room(Strategy strategy) {
        List<Line> lines = new ArrayList<>();
        lines.add(Line.of("func (r *Room) Broadcast(msg Message) {"));
        lines.add(Line.at("    r.membersMx.RLock()", Sites.BROADCAST_RLOCK));
        switch (strategy) {
            case SEQUENTIAL -> {
                lines.add(Line.of("    for _, m := range r.members {"));
                lines.add(Line.at("        m.Send(msg)", Sites.BROADCAST_SEND));
                lines.add(Line.of("    }"));
                lines.add(Line.at("    r.membersMx.RUnlock()", Sites.BROADCAST_RUNLOCK));
            }
            case GOROUTINE_PER_SEND -> {
                lines.add(Line.of("    for _, m := range r.members {"));
                lines.add(Line.at("        go m.Send(msg)", Sites.SEND_GOROUTINE));
                lines.add(Line.of("    }"));
                lines.add(Line.at("    r.membersMx.RUnlock()", Sites.BROADCAST_RUNLOCK));
            }
            case PARALLEL_WAIT -> {
                lines.add(Line.of("    var wg sync.WaitGroup"));
                lines.add(Line.of("    for _, m := range r.members {"));
                lines.add(Line.of("        wg.Add(1)"));
                lines.add(Line.at("        go func() { defer wg.Done(); m.Send(msg) }()", Sites.SEND_GOROUTINE));
                lines.add(Line.of("    }"));
                lines.add(Line.at("    wg.Wait()", Sites.BROADCAST_WAIT));
                lines.add(Line.at("    r.membersMx.RUnlock()", Sites.BROADCAST_RUNLOCK));
            }
            case SNAPSHOT -> {
                lines.add(Line.of("    members := slices.Clone(r.members)"));
                lines.add(Line.at("    r.membersMx.RUnlock()", Sites.BROADCAST_RUNLOCK));
                lines.add(Line.of("    for _, m := range members {"));
                lines.add(Line.at("        m.Send(msg)", Sites.BROADCAST_SEND));
                lines.add(Line.of("    }"));
            }
            case MEMBER_QUEUE -> {
                lines.add(Line.of("    for _, m := range r.members {"));
                lines.add(Line.of("        m.enqueue(msg) // a full queue drops its oldest"));
                lines.add(Line.of("    }"));
                lines.add(Line.at("    r.membersMx.RUnlock()", Sites.BROADCAST_RUNLOCK));
                lines.add(Line.of("}"));
                lines.add(Line.of(""));
                lines.add(Line.of("func (m *Member) writeLoop() {"));
                lines.add(Line.at("    for msg := range m.outbox {", Sites.WRITER_RECEIVE));
                lines.add(Line.at("        m.conn.Send(msg)", Sites.WRITER_SEND));
                lines.add(Line.of("    }"));
            }
        }
        lines.add(Line.of("}"));
        lines.add(Line.of(""));
        lines.add(Line.of("func (r *Room) Add(m *Member) {"));
        lines.add(Line.at("    r.membersMx.Lock()", Sites.ADD_LOCK));
        lines.add(Line.of("    r.members = append(r.members, m)"));
        lines.add(Line.at("    r.membersMx.Unlock()", Sites.ADD_UNLOCK));
        lines.add(Line.of("}"));
        lines.add(Line.of(""));
        lines.add(Line.of("func (r *Room) Remove(name string) {"));
        lines.add(Line.at("    r.membersMx.Lock()", Sites.REMOVE_LOCK));
        lines.add(Line.of("    r.members = slices.DeleteFunc(r.members, byName(name))"));
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
        for (ScriptCode code : ScriptCode.of(script)) {
            lines.add(Line.of(code.signature()));
            for (int i = 0; i < code.lines().size(); i++) {
                lines.add(new Line(code.lines().get(i).replace("\t", "    "), code.sites().get(i)));
            }
            lines.add(Line.of("}"));
            lines.add(Line.of(""));
        }
        return lines;
    }
}
