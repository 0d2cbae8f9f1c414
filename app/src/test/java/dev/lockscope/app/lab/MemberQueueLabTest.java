package dev.lockscope.app.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.app.LabFixture;
import dev.lockscope.app.timeline.TimelineView;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * member-queue in the lab: each member's outbox is a channel of the kernel, so the live run has a row per outbox,
 * and the code panel shows the Go that makes and closes them (Add, Remove) and the non-blocking send that drops.
 * Switching to sequential shows the code without outboxes.
 */
@ExtendWith(ApplicationExtension.class)
class MemberQueueLabTest {
    private static final long MS = 1_000_000L;
    private static final Path SAMPLES = Path.of("..", "sample-traces");

    @TempDir
    static Path home;

    private LabWindow window;

    @BeforeAll
    static void settingsInATemporaryPlace() throws Exception {
        LabFixture.settings(home, "window=0,0,1280,720", "notifications=false");
    }

    @Start
    void start(Stage stage) {
        window = LabFixture.start(stage);
    }

    @BeforeEach
    void panelsInTheWindow() throws Exception {
        LabFixture.awaitPanels(window);
    }

    @AfterEach
    void stop(FxRobot robot) {
        robot.interact(() -> window.model().shutdown());
    }

    private static List<String> code(FxRobot robot) {
        return robot.lookup("#codePanel .code-line").queryAllAs(Label.class).stream().map(Label::getText).toList();
    }

    private boolean strategyIs(String id) {
        var s = window.model().statusProperty().get();
        return s != null && s.strategyId().orElse("").equals(id);
    }

    @Test
    void eachMemberHasAnOutboxRowAndTheCodeShowsWhereOutboxesAreMadeAndClosed(FxRobot robot) throws Exception {
        robot.interact(() -> window.opener().openScenario(SAMPLES.resolve("fixed-member-queue.json")));
        LabFixture.waitFor(() -> window.model().scenarioProperty().get() != null
                && "fixed-member-queue".equals(window.model().scenarioProperty().get().name()));
        LabFixture.liveFromStartTo(window, 7000 * MS); // eve joined at 5 s

        TimelineView timeline = robot.lookup("#timeline").queryAs(TimelineView.class);
        for (String member : List.of("ann", "bob", "cy", "dee", "eve")) {
            LabFixture.waitFor(() -> LabFixture.onFx(() -> timeline.isRowVisible("outbox(" + member + ")")));
        }
        LabFixture.waitFor(() -> code(robot).contains("            m.Dropped(msg)"));
        assertThat(code(robot)).contains("        select {", "        case m.outbox <- msg:",
                "    m.outbox = make(chan Message, queueLimit)", "    go m.writeLoop()",
                "    for len(m.outbox) > 0 { <-m.outbox }", "    close(m.outbox)");

        robot.clickOn("#strategy-sequential");
        LabFixture.waitFor(() -> strategyIs("sequential") && !code(robot).contains("    close(m.outbox)"));
        assertThat(code(robot)).contains("        m.Send(msg)").doesNotContain("    go m.writeLoop()");
    }
}
