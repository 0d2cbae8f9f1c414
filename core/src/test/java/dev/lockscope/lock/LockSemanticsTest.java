package dev.lockscope.lock;

import static dev.lockscope.run.Scripts.script;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.event.TraceEvent;
import dev.lockscope.model.LockSemantics;
import dev.lockscope.run.Recorder;
import dev.lockscope.run.Scripts;
import dev.lockscope.run.Simulation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
/** Hand-computed acquisition times under each policy; goroutine names map to "acquired at" in ms. */
class LockSemanticsTest {

    private static Recorder run(Scripts s) throws Exception {
        Recorder r = new Recorder();
        Simulation.run(s.build(), r);
        return r;
    }

    /** Acquire times in ms per goroutine name, in acquisition order. */
    private static Map<String, List<Double>> acquisitions(Recorder r) {
        Map<Integer, String> names = new LinkedHashMap<>();
        r.of(TraceEvent.Spawn.class).forEach(s -> names.put(s.g(), s.name()));
        Map<String, List<Double>> result = new LinkedHashMap<>();
        r.of(TraceEvent.Acquire.class).forEach(a -> result.merge(names.get(a.g()), List.of(a.time() / 1e6),
                (x, y) -> java.util.stream.Stream.concat(x.stream(), y.stream()).toList()));
        return result;
    }

    /** r1 reads [0,100); w asks at 10; r2 asks to read at 20. */
    private static Scripts pendingWriter(LockSemantics semantics) {
        return script().rwmutex("M").semantics(semantics)
                .go("r1", 0, "rlock M", "sleep 100", "runlock M")
                .go("w", 10, "lock M", "sleep 50", "unlock M")
                .go("r2", 20, "rlock M", "sleep 10", "runlock M");
    }

    @Test
    void goPendingWriterBlocksNewReaders() throws Exception {
        Recorder r = run(pendingWriter(LockSemantics.GO_RWMUTEX));
        assertThat(acquisitions(r)).containsExactly(
                Map.entry("r1", List.of(0.0)), Map.entry("w", List.of(100.0)), Map.entry("r2", List.of(150.0)));
        // r2 is blocked by the pending writer (g2), not by the reader that holds the lock; when g2 acquires,
        // r2 is still blocked by g2, so no new Blocked event.
        assertThat(r.of(TraceEvent.Blocked.class).filter(b -> b.g() == 3).map(TraceEvent.Blocked::blockers))
                .containsExactly(List.of(2));
    }

    @Test
    void readerPreferringLetsReadersPassAWaitingWriter() throws Exception {
        assertThat(acquisitions(run(pendingWriter(LockSemantics.READER_PREFERRING)))).containsExactly(
                Map.entry("r1", List.of(0.0)), Map.entry("r2", List.of(20.0)), Map.entry("w", List.of(100.0)));
    }

    @Test
    void fairQueuesReadersBehindAnEarlierWriter() throws Exception {
        assertThat(acquisitions(run(pendingWriter(LockSemantics.FAIR)))).containsExactly(
                Map.entry("r1", List.of(0.0)), Map.entry("w", List.of(100.0)), Map.entry("r2", List.of(150.0)));
    }

    /** w1 writes [0,100); w2 asks at 10; r asks to read at 20. */
    private static Scripts writerThenReader(LockSemantics semantics) {
        return script().rwmutex("M").semantics(semantics)
                .go("w1", 0, "lock M", "sleep 100", "unlock M")
                .go("w2", 10, "lock M", "sleep 10", "unlock M")
                .go("r", 20, "rlock M", "sleep 50", "runlock M");
    }

    @Test
    void goUnlockAdmitsWaitingReadersBeforeTheNextWriter() throws Exception {
        // sync/rwmutex.go Unlock: release the readers blocked meanwhile, then unlock w for the next writer.
        assertThat(acquisitions(run(writerThenReader(LockSemantics.GO_RWMUTEX)))).containsExactly(
                Map.entry("w1", List.of(0.0)), Map.entry("r", List.of(100.0)), Map.entry("w2", List.of(150.0)));
    }

    @Test
    void fairAdmitsInArrivalOrder() throws Exception {
        assertThat(acquisitions(run(writerThenReader(LockSemantics.FAIR)))).containsExactly(
                Map.entry("w1", List.of(0.0)), Map.entry("w2", List.of(100.0)), Map.entry("r", List.of(110.0)));
    }

    /** Overlapping readers [0,100), [50,150), [120,220); a writer asks at 10. */
    private static Scripts overlappingReaders(LockSemantics semantics) {
        return script().rwmutex("M").semantics(semantics)
                .go("r1", 0, "rlock M", "sleep 100", "runlock M")
                .go("w", 10, "lock M", "sleep 5", "unlock M")
                .go("r2", 50, "rlock M", "sleep 100", "runlock M")
                .go("r3", 120, "rlock M", "sleep 100", "runlock M");
    }

    @Test
    void readerPreferringStarvesTheWriterUntilNoReaderIsLeft() throws Exception {
        assertThat(acquisitions(run(overlappingReaders(LockSemantics.READER_PREFERRING))).get("w"))
                .containsExactly(220.0);
    }

    @Test
    void goWriterGetsInWhenTheReadersItFoundHaveLeft() throws Exception {
        Map<String, List<Double>> acq = acquisitions(run(overlappingReaders(LockSemantics.GO_RWMUTEX)));
        assertThat(acq.get("w")).containsExactly(100.0);
        assertThat(acq.get("r2")).containsExactly(105.0);
        assertThat(acq.get("r3")).containsExactly(120.0);
    }

    @Test
    void mutexHandsOffInArrivalOrder() throws Exception {
        Recorder r = run(script().mutex("A")
                .go("g1", 0, "lock A", "sleep 10", "unlock A")
                .go("g2", 1, "lock A", "unlock A")
                .go("g3", 2, "lock A", "unlock A")
                .go("g4", 10, "lock A", "unlock A"));
        assertThat(acquisitions(r)).containsExactly(Map.entry("g1", List.of(0.0)), Map.entry("g2", List.of(10.0)),
                Map.entry("g3", List.of(10.0)), Map.entry("g4", List.of(10.0)));
    }

    @Test
    void switchingToReaderPreferringAdmitsBlockedReadersAtOnce() throws Exception {
        Scripts s = pendingWriter(LockSemantics.GO_RWMUTEX);
        Recorder r = new Recorder();
        Simulation sim = Simulation.start(s.build(), r);
        sim.runUntil(dev.lockscope.run.Scenarios.ms(30));
        sim.applyLive(new dev.lockscope.model.Command.SetLock(LockSemantics.READER_PREFERRING));
        sim.runToEnd();
        Map<String, List<Double>> acq = acquisitions(r);
        assertThat(acq.get("r2")).containsExactly(30.0);
        assertThat(acq.get("w")).containsExactly(100.0);
    }
}
