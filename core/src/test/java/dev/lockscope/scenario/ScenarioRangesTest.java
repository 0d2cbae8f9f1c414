package dev.lockscope.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockscope.io.InputException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/**
 * Every number of the scenario format has a range (docs/scenario-format.md, "Ranges"); a value outside it is
 * refused naming the file, line, field and the range. The three values of the issue that ran the simulation out
 * of memory are among them: a broadcast every nanosecond, as a period or a live change, and a reload timer of a
 * nanosecond.
 */
class ScenarioRangesTest {
    private static final String WEEK = "604800000";

    private static void assertRefused(String json, String message) {
        assertThatThrownBy(() -> ScenarioJson.read("r.json", new StringReader(json)))
                .isInstanceOf(InputException.class).hasMessage(message);
    }

    private static String room(String fields) {
        return "{\"name\": \"r\", \"durationMs\": 1000,\n" + fields + "}";
    }

    @Test
    void theIssuesNanosecondPeriodsAreRefused() {
        assertRefused(room("\"broadcast\": {\"periodMs\": 0.000001}"),
                "r.json:2: broadcast.periodMs: expected a number from 1 to " + WEEK + " (milliseconds), got 0.000001");
        assertRefused(room("\"reload\": {\"afterNoUpdateMs\": 0.000001}"), "r.json:2: reload.afterNoUpdateMs: "
                + "expected 0 (off) or a number from 1 to " + WEEK + " (milliseconds), got 0.000001");
        assertRefused(room("\"events\": [{\"atMs\": 5, \"set\": {\"broadcastPeriodMs\": 0.000001}}]"),
                "r.json:2: events[0].set.broadcastPeriodMs: expected a number from 1 to " + WEEK
                        + " (milliseconds), got 0.000001");
    }

    @Test
    void timesAreAtMostAWeek() {
        assertRefused("{\"name\": \"r\",\n\"durationMs\": 604800000.000001}", "r.json:2: durationMs: expected a "
                + "number > 0 and at most " + WEEK + " (milliseconds), got 604800000.000001");
        assertRefused(room("\"broadcast\": {\"startMs\": 604800001}"),
                "r.json:2: broadcast.startMs: expected a number from 0 to " + WEEK + " (milliseconds), got 604800001");
        assertRefused(room("\"events\": [{\"atMs\": 604800001, \"leave\": \"ann\"}]"),
                "r.json:2: events[0].atMs: expected a number from 0 to " + WEEK + " (milliseconds), got 604800001");
        assertRefused(room("\"detector\": {\"holdThresholdMs\": 1e12}"), "r.json:2: detector.holdThresholdMs: "
                + "expected a number from 0 to " + WEEK + " (milliseconds), got 1000000000000");
        assertRefused("{\"name\": \"s\", \"kind\": \"script\", \"durationMs\": 100,\n\"locks\": [], \"goroutines\": "
                + "[{\"name\": \"g\", \"steps\": [\"sleep 604800001\"]}]}", "r.json:2: goroutines[0].steps[0]: "
                + "sleep: expected a number from 0 to " + WEEK + " (milliseconds), got 604800001");
    }

    @Test
    void latenciesAndJitterAreAtMostAnHour() {
        assertRefused(room("\"members\": [{\"name\": \"ann\", \"latencyMs\": 3600000.5}]"),
                "r.json:2: members[0].latencyMs: expected a number from 0 to 3600000 (milliseconds), got 3600000.5");
        assertRefused(room("\"members\": [{\"name\": \"ann\", \"latencyMs\": 1, \"jitterMs\": 4e6}]"),
                "r.json:2: members[0].jitterMs: expected a number from 0 to 3600000 (milliseconds), got 4000000");
        assertRefused(room("\"events\": [{\"atMs\": 5, \"set\": {\"member\": \"ann\", \"latencyMs\": 3600001}}]"),
                "r.json:2: events[0].set.latencyMs: expected a number from 0 to 3600000 (milliseconds), got 3600001");
    }

    @Test
    void queueLimitAndMembersAreBounded() {
        assertRefused(room("\"queueLimit\": 100001"), "r.json:2: queueLimit: expected an integer from 1 to 100000, "
                + "got 100001");
        StringBuilder members = new StringBuilder("\"members\": [");
        for (int i = 0; i <= Ranges.MAX_MEMBERS; i++) {
            members.append(i == 0 ? "" : ",").append("{\"name\": \"m").append(i).append("\", \"latencyMs\": 1}");
        }
        assertRefused(room(members + "]"), "r.json:2: members: expected at most 10000 members at the start, got 10001");
    }

    @Test
    void theBoundsThemselvesAreAccepted() throws InputException {
        Scenario s = ScenarioJson.read("r.json", new StringReader("{\"name\": \"r\", \"durationMs\": 604800000, "
                + "\"seed\": -9223372036854775808, \"broadcast\": {\"periodMs\": 1, \"startMs\": 604800000}, "
                + "\"reload\": {\"afterNoUpdateMs\": 1}, \"queueLimit\": 100000, "
                + "\"members\": [{\"name\": \"ann\", \"latencyMs\": 3600000, \"jitterMs\": 3600000}]}"));
        RoomSpec room = (RoomSpec) s.body();
        assertThat(s.durationNs()).isEqualTo(Ranges.WEEK_NS);
        assertThat(room.broadcastPeriodNs()).isEqualTo(1_000_000L);
        assertThat(room.reloadAfterNoUpdateNs()).isEqualTo(1_000_000L);
        assertThat(room.queueLimit()).isEqualTo(100_000);
        assertThat(room.members().getFirst().latencyNs()).isEqualTo(Ranges.MAX_LATENCY_NS);
    }
}
