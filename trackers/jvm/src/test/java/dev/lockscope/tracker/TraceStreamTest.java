package dev.lockscope.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.tracker.LockEvent.Type;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraceStreamTest {
    private static final ProcessDetails DETAILS = new ProcessDetails("dev.x.Main", "25.0.1", 4242,
            Instant.parse("2026-12-03T08:00:00Z"));
    private static final CallSite ADD = new CallSite("Room.add", "Room.java", 41);
    private static final CallSite DONE = new CallSite("Room.add", "Room.java", 45);

    private final Thread adder = new Thread(() -> { }, "add-7");
    private final Thread broadcaster = new Thread(() -> { }, "pool-1-thread-2");
    private final LockTag members = new LockTag(LockKind.RWMUTEX, "membersMx");
    private final TraceStream stream = new TraceStream(1_000, DETAILS);

    @Test
    void headerIsVersionTwoOfProducerLockscopeJvm() {
        assertThat(text()).isEqualTo("{\"format\":\"lockscope-trace\",\"version\":2,\"tool\":\"lockscope-jvm 0.1.0\","
                + "\"producer\":\"lockscope-jvm\",\"details\":{\"name\":\"dev.x.Main\",\"java\":\"25.0.1\",\"pid\":4242,"
                + "\"started\":\"2026-12-03T08:00:00Z\",\"clock\":\"monotonic\"}}\n");
    }

    @Test
    void declarationsComeOnceBeforeFirstUseAtTheEventsTime() {
        text();
        long a = adder.threadId();
        long b = broadcaster.threadId();
        stream.append(1_500, event(Type.REQUEST, adder, members, Mode.WRITE, ADD));
        stream.append(1_600, new LockEvent(Type.BLOCKED, adder, members, Mode.WRITE, null, List.of(broadcaster)));
        stream.append(2_000, event(Type.ACQUIRE, adder, members, Mode.WRITE, ADD));
        stream.append(3_000, event(Type.RELEASE, adder, members, Mode.WRITE, DONE));
        stream.end(4_000);

        assertThat(text()).isEqualTo(String.join("\n",
                "{\"t\":500,\"e\":\"spawn\",\"g\":" + a + ",\"name\":\"add-7\",\"kind\":\"add\",\"parent\":0}",
                "{\"t\":500,\"e\":\"lock\",\"lock\":0,\"name\":\"membersMx\",\"kind\":\"rwmutex\"}",
                "{\"t\":500,\"e\":\"site\",\"site\":0,\"op\":\"add-7\",\"label\":\"Room.add: Room.java:41\"}",
                "{\"t\":500,\"e\":\"request\",\"g\":" + a + ",\"lock\":0,\"mode\":\"w\",\"site\":0}",
                "{\"t\":600,\"e\":\"spawn\",\"g\":" + b + ",\"name\":\"pool-1-thread-2\",\"kind\":\"pool-1-thread\",\"parent\":0}",
                "{\"t\":600,\"e\":\"blocked\",\"g\":" + a + ",\"lock\":0,\"by\":[" + b + "]}",
                "{\"t\":1000,\"e\":\"acquire\",\"g\":" + a + ",\"lock\":0,\"mode\":\"w\",\"site\":0}",
                "{\"t\":2000,\"e\":\"site\",\"site\":1,\"op\":\"add-7\",\"label\":\"Room.add: Room.java:45\"}",
                "{\"t\":2000,\"e\":\"release\",\"g\":" + a + ",\"lock\":0,\"mode\":\"w\",\"site\":1}",
                "{\"t\":3000,\"e\":\"exit\",\"g\":" + a + "}", // neither thread is alive: never started
                "{\"t\":3000,\"e\":\"exit\",\"g\":" + b + "}",
                "{\"t\":3000,\"e\":\"end\"}", ""));
    }

    @Test
    void whatStartedBeforeTheStreamIsLeftOutOrCompleted() {
        text();
        long a = adder.threadId();
        // A hold and a request from before the stream: the release and the blocked cannot be paired, the
        // acquire gets its request written just before it.
        stream.append(1_100, event(Type.RELEASE, broadcaster, members, Mode.READ, DONE));
        stream.append(1_200, new LockEvent(Type.BLOCKED, adder, members, Mode.WRITE, null, List.of(broadcaster)));
        stream.append(1_300, event(Type.ACQUIRE, adder, members, Mode.WRITE, ADD));

        assertThat(text()).isEqualTo(String.join("\n",
                "{\"t\":300,\"e\":\"spawn\",\"g\":" + a + ",\"name\":\"add-7\",\"kind\":\"add\",\"parent\":0}",
                "{\"t\":300,\"e\":\"lock\",\"lock\":0,\"name\":\"membersMx\",\"kind\":\"rwmutex\"}",
                "{\"t\":300,\"e\":\"site\",\"site\":0,\"op\":\"add-7\",\"label\":\"Room.add: Room.java:41\"}",
                "{\"t\":300,\"e\":\"request\",\"g\":" + a + ",\"lock\":0,\"mode\":\"w\",\"site\":0}",
                "{\"t\":300,\"e\":\"acquire\",\"g\":" + a + ",\"lock\":0,\"mode\":\"w\",\"site\":0}", ""));
    }

    @Test
    void aParkNeedsNoLockLine() {
        text();
        stream.append(1_000, event(Type.PARK, adder, members, Mode.WRITE, ADD));

        assertThat(text()).doesNotContain("\"e\":\"lock\"").endsWith("{\"t\":0,\"e\":\"park\",\"g\":" + adder.threadId() + ",\"site\":0}\n");
    }

    @Test
    void namesAreEscapedAndAnUnnamedLockTakesItsFirstUse() {
        text();
        Thread odd = new Thread(() -> { }, "say \"hi\"\n-3");
        LockTag unnamed = new LockTag(LockKind.MUTEX, null);
        unnamed.noteUse(ADD);
        unnamed.noteUse(DONE);
        stream.append(1_000, event(Type.REQUEST, odd, unnamed, Mode.WRITE, ADD));

        assertThat(text()).contains("\"name\":\"say \\\"hi\\\"\\n-3\",\"kind\":\"say \\\"hi\\\"\\n\"")
                .contains("{\"t\":0,\"e\":\"lock\",\"lock\":0,\"name\":\"Room.java:41\",\"kind\":\"mutex\"}");
    }

    // A thread never started is not alive, as one that ended: these tests' adder and broadcaster are both.

    @Test
    void anExitIsWrittenOnceForAThreadThatEndedAndNoneForOneAlive() {
        Thread me = Thread.currentThread();
        stream.append(1_500, event(Type.REQUEST, adder, members, Mode.WRITE, ADD));
        stream.append(1_600, event(Type.REQUEST, me, members, Mode.WRITE, ADD));
        text();

        stream.exits(5_000, Integer.MAX_VALUE);
        assertThat(text()).isEqualTo(exit(4_000, adder));
        stream.exits(6_000, Integer.MAX_VALUE);
        assertThat(text()).as("exited once; the test's thread is alive").isEmpty();
    }

    @Test
    void exitsTakeNoMoreThanTheRoomGivenInSpawnOrderAndTheRestComeNextTime() {
        stream.append(1_100, event(Type.REQUEST, adder, members, Mode.WRITE, ADD));
        stream.append(1_100, event(Type.REQUEST, broadcaster, members, Mode.READ, ADD));
        text();
        String adderExit = exit(1_000, adder);

        stream.exits(2_000, adderExit.length() - 1);
        assertThat(text()).as("no line fits").isEmpty();
        stream.exits(2_000, adderExit.length() + exit(1_000, broadcaster).length() - 1);
        assertThat(text()).as("one line fits, not two").isEqualTo(adderExit);
        stream.exits(3_000, Integer.MAX_VALUE);
        assertThat(text()).isEqualTo(exit(2_000, broadcaster));
    }

    @Test
    void anExitedHolderIsNamedByALaterBlockedButNeverSpawnedAgain() {
        Thread me = Thread.currentThread();
        long a = adder.threadId();
        stream.append(1_100, event(Type.REQUEST, adder, members, Mode.WRITE, ADD));
        stream.append(1_100, event(Type.ACQUIRE, adder, members, Mode.WRITE, ADD));
        stream.exits(1_200, Integer.MAX_VALUE);
        stream.append(1_300, event(Type.REQUEST, me, members, Mode.WRITE, ADD));
        stream.append(1_300, new LockEvent(Type.BLOCKED, me, members, Mode.WRITE, null, List.of(adder)));

        String trace = text();
        assertThat(trace).contains(exit(200, adder))
                .endsWith("{\"t\":300,\"e\":\"blocked\",\"g\":" + me.threadId() + ",\"lock\":0,\"by\":[" + a + "]}\n");
        assertThat(trace.split("\"e\":\"spawn\",\"g\":" + a + ",", -1)).as("one spawn of the holder").hasSize(2);
    }

    @Test
    void theEndComesAfterTheExitsOfThreadsThatEnded() {
        stream.append(1_100, event(Type.PARK, adder, members, Mode.WRITE, ADD));
        text();
        stream.end(2_000);

        assertThat(text()).isEqualTo(exit(1_000, adder) + "{\"t\":1000,\"e\":\"end\"}\n");
    }

    private static LockEvent event(Type type, Thread thread, LockTag lock, Mode mode, CallSite site) {
        return new LockEvent(type, thread, lock, mode, site, List.of());
    }

    private static String exit(long t, Thread thread) {
        return "{\"t\":" + t + ",\"e\":\"exit\",\"g\":" + thread.threadId() + "}\n";
    }

    private String text() {
        return new String(stream.take(), StandardCharsets.UTF_8);
    }
}
