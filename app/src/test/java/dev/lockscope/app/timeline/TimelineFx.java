package dev.lockscope.app.timeline;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** Helpers for driving a shown {@link TimelineView}. */
final class TimelineFx {
    private TimelineFx() {}

    /** Shows {@code timeline} alone on {@code stage}, at {@code width} &times; {@code height}. */
    static void show(Stage stage, TimelineView timeline, double width, double height) {
        stage.setScene(new Scene(timeline, width, height));
        stage.sizeToScene(); // the shared test stage keeps the size an earlier test gave it otherwise
        stage.show();
    }

    static TimelineSkin skin(TimelineView timeline) {
        return (TimelineSkin) timeline.getSkin();
    }

    /** Waits until the skin has drawn a frame after now. */
    static void nextFrame(TimelineView timeline) {
        long[] before = new long[1];
        WaitForAsyncUtils.waitForAsyncFx(2000, () -> {
            before[0] = skin(timeline).frames;
            skin(timeline).invalidate();
        });
        await(() -> {
            long[] now = new long[1];
            WaitForAsyncUtils.waitForAsyncFx(2000, () -> now[0] = skin(timeline).frames);
            return now[0] > before[0];
        });
    }

    static void await(BooleanSupplier condition) {
        try {
            WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, condition::getAsBoolean);
        } catch (Exception e) {
            throw new AssertionError("condition not met in 5 s", e);
        }
    }

    /** The screen point of plot x {@code plotX} (pixels from the plot's left edge) and control y {@code y}. */
    static Point2D plotPoint(TimelineView timeline, double plotX, double y) {
        Point2D p = timeline.localToScreen(skin(timeline).plotX() + plotX, y);
        return new Point2D(p.getX(), p.getY());
    }

    /** The screen point on the bar of interval {@code id} at virtual time {@code t}. */
    static Point2D barPointAt(FxRobot robot, TimelineView timeline, int id, long t) {
        double[][] bounds = new double[1][];
        double[] x = new double[1];
        robot.interact(() -> {
            bounds[0] = skin(timeline).plan().boundsOf(id);
            double span = timeline.getVisibleEnd() - timeline.getVisibleStart();
            x[0] = skin(timeline).plotX() + (t - timeline.getVisibleStart()) / span * skin(timeline).plotWidth();
        });
        if (bounds[0] == null) {
            throw new AssertionError("interval " + id + " is not drawn");
        }
        return timeline.localToScreen(x[0], bounds[0][1] + bounds[0][3] / 2);
    }

    /** The screen point at the middle of what the last frame drew for interval {@code id}, at fraction {@code fx} across it. */
    static Point2D barPoint(FxRobot robot, TimelineView timeline, int id, double fx) {
        double[][] bounds = new double[1][];
        robot.interact(() -> bounds[0] = skin(timeline).plan().boundsOf(id));
        if (bounds[0] == null) {
            throw new AssertionError("interval " + id + " is not drawn");
        }
        double[] b = bounds[0];
        return timeline.localToScreen(b[0] + b[2] * fx, b[1] + b[3] / 2);
    }
}
