package dev.lockscope.detect;

import static dev.lockscope.run.Scenarios.room;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.event.AlertKind;
import dev.lockscope.event.TraceEvent;
import dev.lockscope.run.Recorder;
import dev.lockscope.run.Simulation;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The heart of the article: a Broadcast waits for the pending Add, which waits for the Broadcast that is sending
 * to the slow member. go-deadlock cannot show this chain; the long-wait alert must.
 */
class ArticleChainTest {

    @Test
    void longWaitNamesThePendingAddAndTheBroadcastSendingToTheSlowMember() throws Exception {
        // fast 20 ms, slow 2000 ms: a broadcast holds the read lock 2020 ms. Broadcasts 1, 2 and 3 (t=0, 500,
        // 1000) hold it when Add(cy) asks at 1010, so Add has waited 1000 ms at 2010. Broadcast 4 (t=1500) queues
        // behind the pending Add; at 2500 broadcast 1 has left, and broadcast 2 is sending to slow since 520.
        Recorder r = new Recorder();
        Simulation.run(room().member("fast", 20).member("slow", 2000).period(500).duration(2600)
                .join(1010, "cy", 10).detector(100_000, 1000, true).build(), r);
        List<TraceEvent.Alert> waits = r.of(TraceEvent.Alert.class).filter(a -> a.kind() == AlertKind.LONG_WAIT).toList();
        assertThat(waits).hasSize(2);
        TraceEvent.Alert first = waits.get(0);
        assertThat(first.time()).isEqualTo(2_010_000_000L);
        assertThat(first.summary()).startsWith("Add(cy) has waited 1000 ms for membersMx (Lock)");
        TraceEvent.Alert reader = waits.get(1);
        assertThat(reader.time()).isEqualTo(2_500_000_000L);
        assertThat(reader.summary()).isEqualTo("Broadcast#4 has waited 1000 ms for membersMx (RLock), behind pending "
                + "writer Add(cy) ← Broadcast#2 (sending to slow) and 1 other");
        assertThat(reader.report()).contains(
                "Broadcast#4 (g",
                "blocked by the pending writer Add(cy) (g",
                "blocked by Broadcast#2 (g",
                "now sending to slow for 1980 ms so far (of 2000 ms)",
                "blocked by Broadcast#3 (g");
    }
}
