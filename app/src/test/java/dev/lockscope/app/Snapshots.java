package dev.lockscope.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.testfx.api.FxRobot;

/**
 * Pictures of a scene taken by tests: always written to app/target/NAME.png, and with
 * {@code -Dlockscope.screenshots=docs} copied to docs/NAME.png as well (the documentation's pictures).
 */
public final class Snapshots {
    private Snapshots() {}

    /** Writes a snapshot of {@code scene}; returns the file in app/target. */
    public static Path write(FxRobot robot, Scene scene, String name) throws IOException {
        WritableImage[] image = new WritableImage[1];
        robot.interact(() -> image[0] = scene.snapshot(null));
        Path repo = Path.of(System.getProperty("lockscope.repo", ".."));
        Path out = repo.resolve("app").resolve("target").resolve(name + ".png");
        Files.createDirectories(out.getParent());
        ImageIO.write(SwingFXUtils.fromFXImage(image[0], null), "png", out.toFile());
        if ("docs".equals(System.getProperty("lockscope.screenshots"))) {
            Files.copy(out, repo.resolve("docs").resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        }
        return out;
    }
}
