package dev.lockscope.app.timeline;

import dev.lockscope.run.Simulation;
import dev.lockscope.scenario.BuiltinScenarios;
import dev.lockscope.trace.store.TraceStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.animation.AnimationTimer;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Does the UI keep its pulse while a live run appends 200,000 events per second? The {@code big-room} built-in
 * (500 members, a broadcast every 10 ms, one goroutine per send: 200 k events per virtual second) is paced to
 * real time on a background thread for {@link #SECONDS} s while the timeline follows it; the FX pulse is timed
 * with an {@link AnimationTimer} and the skin times its own frame building and painting. A measurement, not a
 * test: it asserts nothing and runs only with {@code -Dlockscope.bench=true} (docs/benchmarks.md). Run it with
 * {@code -DargLine=-XX:+UseZGC}: with G1 the growing store causes 100-400 ms evacuation pauses that stall every
 * thread, the FX thread included.
 */
@Tag("bench")
@EnabledIfSystemProperty(named = "lockscope.bench", matches = "true")
@ExtendWith(ApplicationExtension.class)
class LivePulseBench {
    private static final int SECONDS = 6;
    private static final long WARM_UP_NS = 1_000_000_000L;
    private static final long LONG_GAP_NS = 33_000_000L;

    private final TraceStore store = new TraceStore();
    private TimelineView timeline;

    @Start
    void start(Stage stage) {
        timeline = new TimelineView(store);
        timeline.setLive(true);
        timeline.setFollow(true);
        TimelineFx.show(stage, timeline, 1280, 780);
    }

    @Test
    void pulseDuringALiveRun(FxRobot robot) throws Exception {
        robot.interact(() -> timeline.showRange(0, 2_000_000_000L));
        robot.interact(() -> timeline.setFollow(true));
        long[] pulses = new long[SECONDS * 400];
        // The timeline's build + paint of the frame last drawn, as of each pulse (0: no frame since the last
        // pulse). The skin's timer was started first, so it runs before this one within a pulse.
        long[] work = new long[pulses.length];
        int[] count = {0};
        TimelineSkin skin = TimelineFx.skin(timeline);
        long[] lastFrames = {skin.frames};
        AnimationTimer timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                if (count[0] < pulses.length) {
                    work[count[0]] = skin.frames != lastFrames[0] ? skin.lastBuildNanos + skin.lastPaintNanos : 0;
                    lastFrames[0] = skin.frames;
                    pulses[count[0]++] = System.nanoTime();
                }
            }
        };
        AtomicBoolean stop = new AtomicBoolean();
        long[] produced = new long[2];
        Thread producer = new Thread(() -> {
            try {
                Simulation sim = Simulation.start(BuiltinScenarios.byName("big-room").orElseThrow(), store);
                long t0 = System.nanoTime();
                while (!stop.get()) {
                    long elapsed = System.nanoTime() - t0;
                    sim.runUntil(elapsed);
                    produced[0] = store.size();
                    produced[1] = elapsed;
                    Thread.sleep(1);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "simulation");
        robot.interact(timer::start);
        long started = System.nanoTime();
        producer.start();
        TimeUnit.NANOSECONDS.sleep(WARM_UP_NS);
        long[] warm = new long[2];
        robot.interact(() -> {
            warm[0] = skin.maxBuildNanos;
            warm[1] = skin.maxPaintNanos;
            skin.maxBuildNanos = 0;
            skin.maxPaintNanos = 0;
        });
        TimeUnit.NANOSECONDS.sleep(SECONDS * 1_000_000_000L - WARM_UP_NS);
        stop.set(true);
        producer.join();
        robot.interact(timer::stop);

        int n = count[0];
        long[] gaps = new long[Math.max(0, n - 1)];
        long maxAfterWarmUp = 0;
        int longGaps = 0;
        long maxTimelineInLongGap = 0;
        StringBuilder longGapList = new StringBuilder();
        StringBuilder firstSecondGaps = new StringBuilder();
        long longestFrame = 0; // the timeline's build + paint of one frame, over the whole run
        for (int i = 0; i < n; i++) {
            longestFrame = Math.max(longestFrame, work[i]);
        }
        for (int i = 1; i < n; i++) {
            gaps[i - 1] = pulses[i] - pulses[i - 1];
            if (pulses[i - 1] - started <= WARM_UP_NS && gaps[i - 1] > 50_000_000L) {
                firstSecondGaps.append(String.format(Locale.ROOT, " %.1f ms at %.2f s (timeline %.1f ms);",
                        gaps[i - 1] / 1e6, (pulses[i - 1] - started) / 1e9, Math.max(work[i - 1], work[i]) / 1e6));
            }
            if (pulses[i - 1] - started > WARM_UP_NS) {
                maxAfterWarmUp = Math.max(maxAfterWarmUp, gaps[i - 1]);
                if (gaps[i - 1] > LONG_GAP_NS) {
                    // The timeline's share of a long gap: the frames drawn in the pulses at either end of it.
                    long timeline = Math.max(work[i - 1], work[i]);
                    longGaps++;
                    maxTimelineInLongGap = Math.max(maxTimelineInLongGap, timeline);
                    longGapList.append(String.format(Locale.ROOT, " %.1f ms at %.2f s (timeline %.1f ms);",
                            gaps[i - 1] / 1e6, (pulses[i - 1] - started) / 1e9, timeline / 1e6));
                }
            }
        }
        long[] sorted = gaps.clone();
        Arrays.sort(sorted);
        String report = String.format(Locale.ROOT,
                "live pulse: %d events in %.2f s (%.0f events/s), %d pulses (%.1f/s), pulse gap median %.1f ms, "
                        + "p99 %.1f ms, max %.1f ms (max after the first second %.1f ms); timeline frames %d; "
                        + "first second: frame build max %.2f ms, paint max %.2f ms; after it: build max %.2f ms, "
                        + "paint max %.2f ms; last build %.2f ms, last paint %.2f ms; gaps over %d ms after the first "
                        + "second: %d, the timeline's frames in them at most %.1f ms:%s; gaps over 50 ms in the first "
                        + "second:%s; the timeline's longest frame (build + paint) in the whole run: %.1f ms%n",
                produced[0], produced[1] / 1e9, produced[0] / (produced[1] / 1e9), n, n / (SECONDS * 1.0),
                ms(sorted, 0.5), ms(sorted, 0.99), ms(sorted, 1.0), maxAfterWarmUp / 1e6, skin.frames,
                warm[0] / 1e6, warm[1] / 1e6, skin.maxBuildNanos / 1e6, skin.maxPaintNanos / 1e6, skin.lastBuildNanos / 1e6, skin.lastPaintNanos / 1e6,
                LONG_GAP_NS / 1_000_000, longGaps, maxTimelineInLongGap / 1e6, longGapList, firstSecondGaps,
                longestFrame / 1e6);
        System.out.print(report);
        Path out = Path.of(System.getProperty("lockscope.repo", ".."), "app", "target", "live-pulse.txt");
        try {
            Files.createDirectories(out.getParent());
            Files.writeString(out, report);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double ms(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * (sorted.length - 1)))] / 1e6;
    }
}
