package dev.lockscope.app.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.trace.store.TraceStore;
import java.util.Objects;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The timeline's colours are CSS properties: a theme's style sheet reaches the canvas. Painted under the lab's dark
 * style sheet, the canvas background is dark; a style on the control sets any one colour.
 */
@ExtendWith(ApplicationExtension.class)
class TimelineThemeTest {
    private final TraceStore store = ArticleTrace.run(12_000);
    private TimelineView timeline;

    @Start
    void start(Stage stage) {
        timeline = new TimelineView(store);
        TimelineFx.show(stage, timeline, 1000, 600);
    }

    private static String sheet(String name) {
        return Objects.requireNonNull(TimelineThemeTest.class.getResource("/dev/lockscope/app/lab/" + name)).toExternalForm();
    }

    /** The canvas's pixel at (x, y), painted now. */
    private Color pixel(FxRobot robot, int x, int y) {
        WritableImage[] image = new WritableImage[1];
        robot.interact(() -> {
            timeline.applyCss();
            image[0] = timeline.exportImage();
        });
        return image[0].getPixelReader().getColor(x, y);
    }

    private static double luminance(Color c) {
        return 0.2126 * c.getRed() + 0.7152 * c.getGreen() + 0.0722 * c.getBlue();
    }

    @Test
    void theDarkThemePaintsADarkCanvas(FxRobot robot) {
        TimelineFx.nextFrame(timeline);
        assertThat(luminance(pixel(robot, 3, 3))).as("light by default").isGreaterThan(0.9);
        robot.interact(() -> timeline.getScene().getStylesheets().setAll(sheet("lab.css"), sheet("dark.css")));
        TimelineFx.nextFrame(timeline);
        Color background = pixel(robot, 3, 3);
        assertThat(luminance(background)).as("dark background %s", background).isLessThan(0.15);
        Color legend = pixel(robot, 3, (int) timeline.getHeight() - 3);
        assertThat(luminance(legend)).as("dark legend %s", legend).isLessThan(0.2);
        assertThat(timeline.getColor(TimelineColor.TEXT).getBrightness()).as("light text").isGreaterThan(0.8);
        robot.interact(() -> timeline.getScene().getStylesheets().clear());
        TimelineFx.nextFrame(timeline);
        assertThat(luminance(pixel(robot, 3, 3))).as("light again").isGreaterThan(0.9);
    }

    @Test
    void anyColourIsAStyleProperty(FxRobot robot) {
        robot.interact(() -> {
            timeline.setStyle("-timeline-read: #ff0000; -timeline-background: #102030;");
            timeline.applyCss();
        });
        assertThat(timeline.getColor(TimelineColor.READ)).isEqualTo(Color.web("#ff0000"));
        assertThat(pixel(robot, 3, 3)).isEqualTo(Color.web("#102030"));
        assertThat(TimelineView.getClassCssMetaData()).extracting(m -> m.getProperty())
                .contains("-timeline-background", "-timeline-read", "-timeline-waiting", "-timeline-subject");
    }
}
