package dev.lockscope.trace.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.run.Simulation;
import dev.lockscope.scenario.Scenario;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The CSV export, line by line, on runs small enough to work out by hand. */
class IntervalCsvExporterTest {

    @Test
    void scriptWithAWriterAndAReaderBehindIt() throws Exception {
        // r1 read-locks A at 0 and sleeps 10 ms; the writer asks at 2 and waits for r1; r2 asks to read at 4 and
        // waits behind the pending writer. At 10 r1 unlocks, the writer locks and unlocks, then r2 does.
        // "late" starts a 100 ms sleep at 20: the run ends at 30, so its sleep and its life end there.
        Scenario s = PerfettoExporterTest.script("""
                {"name": "csv-demo", "kind": "script", "durationMs": 30,
                 "locks": [{"name": "A", "kind": "rwmutex"}],
                 "goroutines": [
                   {"name": "r1", "steps": ["rlock A", "sleep 10", "runlock A"]},
                   {"name": "w, \\"the\\" writer", "startMs": 2, "steps": ["lock A", "unlock A"]},
                   {"name": "r2", "startMs": 4, "steps": ["rlock A", "runlock A"]},
                   {"name": "late", "startMs": 20, "steps": ["sleep 100"]}]}
                """);

        // Rows come as intervals end: r1's wait at 0; at 10 r1's sleep (reported at the first event at 10), its
        // hold, the writer's wait, r1's life, the writer's hold, r2's wait, the writer's life, r2's hold and life;
        // then what is still open at the end (30), in start order.
        assertThat(csv(s)).isEqualTo("""
                row,kind,start_ms,end_ms,duration_ms,goroutine,lock,mode,member,blocked_by
                2,waiting,0,0,0,r1,A,r,,
                4,sleeping,0,10,10,r1,,,,
                3,hold-read,0,10,10,r1,A,r,,
                6,waiting,2,10,8,"w, ""the"" writer",A,w,,r1
                1,running,0,10,10,r1,,,,
                12,hold-write,10,10,0,"w, ""the"" writer",A,w,,
                9,waiting,4,10,6,r2,A,r,,"w, ""the"" writer"
                5,running,2,10,8,"w, ""the"" writer",,,,
                15,hold-read,10,10,0,r2,A,r,,
                8,running,4,10,6,r2,,,,
                19,running,20,30,10,late,,,,
                20,sleeping,20,30,10,late,,,,
                """);
    }

    @Test
    void roomBroadcastWithASendStillInFlightAtTheEnd() throws Exception {
        // One broadcast at 0 sends to ann (20 ms), then to bob (10.5 ms): bob's send would end at 30.5, but the
        // run ends at 25, so the send, the read lock and the goroutine are all cut there.
        Scenario s = PerfettoExporterTest.script("""
                {"name": "csv-room", "durationMs": 25, "broadcast": {"periodMs": 100},
                 "members": [{"name": "ann", "latencyMs": 20}, {"name": "bob", "latencyMs": 10.5}]}
                """);

        // The wait ends at once and ann's send at 20; the rest is open at 25, and listed in start order.
        assertThat(csv(s)).isEqualTo("""
                row,kind,start_ms,end_ms,duration_ms,goroutine,lock,mode,member,blocked_by
                4,waiting,0,0,0,Broadcast#1,membersMx,r,,
                6,sending,0,20,20,Broadcast#1,,,ann,
                3,running,0,25,25,Broadcast#1,,,,
                5,hold-read,0,25,25,Broadcast#1,membersMx,r,,
                8,sending,20,25,5,Broadcast#1,,,bob,
                """);
    }

    @Test
    void fieldsAreQuotedOnlyWhenRfc4180SaysSo() {
        assertThat(Csv.field("plain name")).isEqualTo("plain name");
        assertThat(Csv.field("a,b")).isEqualTo("\"a,b\"");
        assertThat(Csv.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(Csv.field("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(Csv.field("cr\r")).isEqualTo("\"cr\r\"");
        assertThat(Csv.field("")).isEmpty();
    }

    private static String csv(Scenario s) throws Exception {
        StringWriter out = new StringWriter();
        Simulation.run(s, new IntervalCsvExporter(out));
        return out.toString();
    }
}
