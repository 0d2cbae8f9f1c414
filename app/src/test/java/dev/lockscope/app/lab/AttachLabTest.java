package dev.lockscope.app.lab;

import static dev.lockscope.app.LabFixture.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.app.LabFixture;
import dev.lockscope.app.timeline.impl.RowLayout;
import dev.lockscope.app.timeline.impl.TraceCatalog;
import dev.lockscope.trace.store.TraceStore;
import dev.lockscope.trace.store.Track;
import dev.lockscope.tracker.LockscopeTracker;
import dev.lockscope.tracker.TrackedReentrantLock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import jdk.jfr.Recording;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The lab attached to a running Java program traced with the JVM tracking locks: the program's lock gets a row
 * in the timeline, and its holds keep arriving while the program runs.
 */
@ExtendWith(ApplicationExtension.class)
class AttachLabTest {
    private LabWindow window;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> workers = new ArrayList<>();

    @Start
    void start(Stage stage) {
        window = LabFixture.start(stage);
    }

    @AfterEach
    void stopTheProgram() throws Exception {
        running.set(false);
        for (Thread w : workers) {
            w.join();
        }
        LockscopeTracker.stopServing();
    }

    private int ledgerHolds() {
        TraceStore store = window.model().storeProperty().get();
        return store == null ? 0 : store.view().intervalCount(Track.lockHolders(0));
    }

    @Test
    void aJfrRecordingOpensAsATraceWithItsWaits(FxRobot robot, @TempDir Path dir) throws Exception {
        Path jfr = dir.resolve("contended.jfr");
        Object monitor = new Object();
        try (Recording r = new Recording()) {
            r.enable("jdk.JavaMonitorEnter").withThreshold(Duration.ZERO);
            r.start();
            java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
            Thread holder = Thread.ofPlatform().name("holder").start(() -> {
                synchronized (monitor) {
                    held.countDown();
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
            held.await();
            Thread waiter = Thread.ofPlatform().name("waiter").start(() -> {
                synchronized (monitor) {
                    monitor.hashCode();
                }
            });
            holder.join();
            waiter.join();
            r.stop();
            r.dump(jfr);
        }

        robot.interact(() -> window.opener().openTrace(jfr));
        waitFor(() -> window.model().sourceProperty().get() == LabModel.Source.REPLAY);

        assertThat(window.model().scenarioProperty().get()).isNull();
        assertThat(window.model().statusProperty().get().summary().ops()).containsKey("waiter");
        assertThat(window.model().statusProperty().get().summary().ops().get("waiter").waitMs().maxMs())
                .isGreaterThan(100);
    }

    @Test
    void attachingShowsTheProgramsLockRowFillingLive(FxRobot robot) throws Exception {
        int port = LockscopeTracker.serve(0);
        TrackedReentrantLock ledger = new TrackedReentrantLock("ledger");
        for (int i = 1; i <= 2; i++) {
            workers.add(Thread.ofPlatform().name("poster-" + i).start(() -> {
                while (running.get()) {
                    ledger.lock();
                    try {
                        Thread.sleep(3);
                    } catch (InterruptedException e) {
                        return;
                    } finally {
                        ledger.unlock();
                    }
                }
            }));
        }

        robot.interact(() -> window.opener().attach(port));
        waitFor(() -> window.model().attachedToProperty().get() != null && ledgerHolds() > 10);
        int seen = ledgerHolds();
        waitFor(() -> ledgerHolds() > seen + 10); // still filling while the program runs

        assertThat(robot.lookup("#modeLabel").queryAs(Label.class).getText()).startsWith("ATTACHED");
        TraceCatalog catalog = new TraceCatalog();
        catalog.update(window.model().storeProperty().get().view(), Long.MAX_VALUE);
        assertThat(RowLayout.build(catalog, Set.of(), 1).rows()).extracting(RowLayout.Row::label).contains("ledger");
        assertThat(window.model().playheadProperty().get()).isPositive();

        running.set(false);
        LockscopeTracker.stopServing();
        waitFor(() -> robot.lookup("#modeLabel").queryAs(Label.class).getText().startsWith("DETACHED"));
    }
}
