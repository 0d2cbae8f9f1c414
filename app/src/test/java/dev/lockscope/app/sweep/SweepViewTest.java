package dev.lockscope.app.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.scenario.RoomSpec;
import dev.lockscope.scenario.Scenario;
import dev.lockscope.sweep.SweepCsv;
import dev.lockscope.sweep.SweepJson;
import dev.lockscope.sweep.SweepSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Drives the real Sweep view: it runs, charts one line per strategy, exports CSV, and opens a cell in the lab. */
@ExtendWith(ApplicationExtension.class)
class SweepViewTest {
    @TempDir
    Path dir;

    private SweepView view;
    private SweepSpec spec;
    private final List<Scenario> opened = new ArrayList<>();

    @Start
    void start(Stage stage) throws Exception {
        spec = SweepJson.read("s.json", """
                {"name": "eve by strategy", "scenario": "article", "durationMs": 15000,
                 "grid": {"latencyMs:eve": [0, 1000, 2000], "strategy": ["sequential", "snapshot"]}}
                """, null);
        view = new SweepView(spec, opened::add);
        stage.setScene(new Scene(view, 1000, 600));
        stage.sizeToScene(); // the shared test stage keeps the size an earlier test gave it otherwise
        stage.show();
    }

    @Test
    void runsChartsExportsAndOpensACell(FxRobot robot) throws Exception {
        robot.interact(() -> view.start());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> view.getRows().size() == 6);
        WaitForAsyncUtils.waitForFxEvents();

        LineChart<?, ?> chart = robot.lookup("#sweepChart").queryAs(LineChart.class);
        assertThat(robot.lookup("#sweepMetric").queryComboBox().getValue()).isEqualTo(SweepMetric.REMOVE_WAIT_P99);
        assertThat(((javafx.scene.chart.NumberAxis) chart.getYAxis()).getLabel()).isEqualTo("Remove wait p99 (ms)");
        assertThat(chart.getData()).extracting(s -> s.getName()).containsExactly("sequential", "snapshot");
        assertThat(chart.getData().getFirst().getData()).hasSize(3);

        Path csv = dir.resolve("out.csv");
        view.exportCsv(csv);
        assertThat(Files.readString(csv)).isEqualTo(SweepCsv.write(spec, view.getRows()));

        // Cell 4 is eve at 2000 ms under sequential.
        robot.clickOn("#sweepPoint-4");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(opened).hasSize(1);
        RoomSpec room = (RoomSpec) opened.getFirst().body();
        assertThat(room.strategy()).isEqualTo(dev.lockscope.model.Strategy.SEQUENTIAL);
        assertThat(room.events().getFirst().command())
                .isEqualTo(new dev.lockscope.model.Command.Join("eve", 2_000_000_000L, 100_000_000L));
    }
}
