package dev.lockscope.tracker.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.tracker.LockscopeTracker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The article's stall, recorded from a real run: eve's 200 ms sends keep a broadcast's read lock held, an add
 * waits behind it, and the broadcasts started meanwhile wait behind the add. Everything is checked from the
 * trace file alone, read with Jackson (this package sees none of the tracker's internals).
 */
@Timeout(30)
class RoomTest {
    private static final Duration EVE_LATENCY = Duration.ofMillis(200);
    private static final int BROADCASTS = 6;
    private static final long PERIOD_MS = 50;

    @TempDir
    Path dir;

    @AfterEach
    void stop() throws Exception {
        LockscopeTracker.stopRecording();
    }

    @Test
    void addWaitsBehindTheSlowBroadcastAndLaterBroadcastsBehindTheAdd() throws Exception {
        Room room = new Room();
        room.add(Member.withLatency("ann", Duration.ofMillis(5)));
        room.add(Member.withLatency("bob", Duration.ofMillis(10)));
        CountDownLatch eveSending = new CountDownLatch(1);
        AtomicReference<Thread> eveSender = new AtomicReference<>();
        room.add(new Member() {
            @Override
            public String name() {
                return "eve";
            }

            @Override
            public void send(String message) throws InterruptedException {
                if (eveSender.compareAndSet(null, Thread.currentThread())) {
                    eveSending.countDown();
                }
                Thread.sleep(EVE_LATENCY);
            }
        });
        Path file = dir.resolve("room.jsonl");

        LockscopeTracker.record(file);
        List<Thread> threads = new ArrayList<>();
        Thread adder = new Thread(() -> {
            try {
                eveSending.await();
                room.add(Member.withLatency("dan", Duration.ZERO));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "Add-1");
        adder.start();
        threads.add(adder);
        for (int i = 1; i <= BROADCASTS; i++) {
            int n = i;
            Thread broadcast = new Thread(() -> {
                try {
                    room.broadcast("message " + n);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "Broadcast-" + i);
            broadcast.start();
            threads.add(broadcast);
            Thread.sleep(PERIOD_MS);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        LockscopeTracker.stopRecording();

        List<JsonNode> lines = readLines(file);
        JsonNode header = lines.getFirst();
        assertThat(header.get("version").asInt()).isEqualTo(2);
        assertThat(header.get("producer").asString()).isEqualTo("lockscope-jvm");
        List<JsonNode> events = lines.subList(1, lines.size());
        assertTimeNeverGoesBackAndSitesAreDeclaredFirst(events);

        long add = adder.threadId();
        long slowBroadcast = eveSender.get().threadId();
        JsonNode addRequest = only(events, "request", add);
        JsonNode addBlocked = only(events, "blocked", add);
        JsonNode addAcquire = only(events, "acquire", add);
        JsonNode slowRelease = only(events, "release", slowBroadcast);
        assertThat(addRequest.get("mode").asString()).isEqualTo("w");
        assertThat(label(events, addRequest)).startsWith("Room.add: Room.java:");
        assertThat(addBlocked.get("by").values()).map(JsonNode::asLong).contains(slowBroadcast);
        assertThat(events.indexOf(addRequest)).isLessThan(events.indexOf(slowRelease));
        assertThat(events.indexOf(slowRelease)).isLessThan(events.indexOf(addAcquire));
        long waitNanos = addAcquire.get("t").asLong() - addRequest.get("t").asLong();
        // A lower bound only: the add asked while eve's 200 ms send had just begun, and got the lock after the
        // broadcast's release; half of it leaves the adder thread 100 ms to wake from the latch.
        assertThat(waitNanos).isGreaterThan(EVE_LATENCY.toNanos() / 2);

        List<JsonNode> blockedByAdd = events.stream()
                .filter(e -> e.get("e").asString().equals("blocked") && e.get("g").asLong() != add)
                .filter(e -> e.get("by").values().stream().anyMatch(by -> by.asLong() == add))
                .toList();
        assertThat(blockedByAdd).as("broadcasts queued behind the waiting add").isNotEmpty();
        for (JsonNode blocked : blockedByAdd) {
            assertThat(events.indexOf(blocked)).isBetween(events.indexOf(addRequest), events.indexOf(addAcquire));
        }
        assertThat(events.getLast().get("e").asString()).isEqualTo("end");
    }

    private static void assertTimeNeverGoesBackAndSitesAreDeclaredFirst(List<JsonNode> events) {
        long t = 0;
        int sites = 0;
        for (JsonNode event : events) {
            assertThat(event.get("t").asLong()).as(event.toString()).isGreaterThanOrEqualTo(t);
            t = event.get("t").asLong();
            if (event.get("e").asString().equals("site")) {
                assertThat(event.get("site").asInt()).isEqualTo(sites++);
            } else if (event.has("site")) {
                assertThat(event.get("site").asInt()).as(event.toString()).isLessThan(sites);
            }
        }
    }

    private static JsonNode only(List<JsonNode> events, String type, long g) {
        List<JsonNode> matching = events.stream()
                .filter(e -> e.get("e").asString().equals(type) && e.has("g") && e.get("g").asLong() == g).toList();
        assertThat(matching).as(type + " of g " + g).hasSize(1);
        return matching.getFirst();
    }

    private static String label(List<JsonNode> events, JsonNode event) {
        int site = event.get("site").asInt();
        return events.stream().filter(e -> e.get("e").asString().equals("site") && e.get("site").asInt() == site)
                .findFirst().orElseThrow().get("label").asString();
    }

    private static List<JsonNode> readLines(Path file) throws Exception {
        JsonMapper json = JsonMapper.builder().build();
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(json::readTree).toList();
    }
}
