package dev.lockscope.app.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.event.AlertKind;
import dev.lockscope.event.TraceEvent;
import dev.lockscope.trace.store.TraceStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The picture of the article's stall in docs/timeline-article.png: the article run to 12 s, the long wait of
 * Broadcast#14 selected from its alert, so the arrows show it waiting for the pending Reload(eve), which waits
 * for Broadcast#13 sending to eve. Written to app/target always, and to docs/ with
 * {@code -Dlockscope.screenshots=docs}.
 */
@ExtendWith(ApplicationExtension.class)
class ArticleScreenshotTest {
    private final TraceStore store = ArticleTrace.run(12_000);
    private TimelineView timeline;

    @Start
    void start(Stage stage) {
        timeline = new TimelineView(store);
        timeline.setScale(1.1);
        TimelineFx.show(stage, timeline, 1280, 720);
    }

    @Test
    void articleStall(FxRobot robot) throws IOException {
        TraceEvent.Alert alert = ArticleTrace.alert(store.view(), AlertKind.LONG_WAIT, "Broadcast#14");
        WritableImage[] image = new WritableImage[1];
        robot.interact(() -> {
            assertThat(timeline.selectAlert(alert)).isTrue();
            timeline.showRange(4_700_000_000L, 10_300_000_000L);
            image[0] = timeline.exportImage();
        });
        assertThat(image[0].getWidth()).isEqualTo(1280);
        Path out = Path.of(System.getProperty("lockscope.repo", ".."), "app", "target", "timeline-article.png");
        Files.createDirectories(out.getParent());
        ImageIO.write(SwingFXUtils.fromFXImage(image[0], null), "png", out.toFile());
        if ("docs".equals(System.getProperty("lockscope.screenshots"))) {
            Path docs = Path.of(System.getProperty("lockscope.repo", ".."), "docs", "timeline-article.png");
            Files.copy(out, docs, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        assertThat(Files.size(out)).isBetween(10_000L, 300_000L);
    }
}
