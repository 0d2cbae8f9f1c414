package dev.lockscope.app.lab;

import dev.lockscope.event.TraceEvent;
import dev.lockscope.util.Millis;
import java.util.List;
import java.util.function.Consumer;
import javafx.animation.Animation;
import javafx.animation.PauseTransition;
import javafx.geometry.Pos;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;

/**
 * Pops up a live run's alerts as notifications in the window's corner, when the settings allow it (View ▸ Alert
 * notifications) and the window shows. At most one pops up per {@value #THROTTLE_S} s: the first alert of a burst
 * shows (clicking it selects the alert), the rest are counted and summed up in one notification when the time is
 * over.
 */
final class AlertNotifier {
    private static final int THROTTLE_S = 3;

    private final Stage stage;
    private final LabSettings settings;
    private final Consumer<TraceEvent.Alert> selectAlert;
    private final PauseTransition throttle = new PauseTransition(Duration.seconds(THROTTLE_S));
    private int pending;

    AlertNotifier(Stage stage, LabSettings settings, Consumer<TraceEvent.Alert> selectAlert) {
        this.stage = stage;
        this.settings = settings;
        this.selectAlert = selectAlert;
        throttle.setOnFinished(e -> flush());
    }

    /** New alerts of the live run, oldest first; on the FX thread. */
    void onAlerts(List<TraceEvent.Alert> alerts) {
        if (!settings.notifications() || !stage.isShowing()) {
            return;
        }
        pending += alerts.size();
        if (throttle.getStatus() != Animation.Status.RUNNING) {
            TraceEvent.Alert first = alerts.getFirst();
            pending -= 1;
            Notifications.create().owner(stage).title(first.kind().id() + " at " + Millis.seconds(first.time()))
                    .text(first.summary()).hideAfter(Duration.seconds(4)).position(Pos.BOTTOM_RIGHT)
                    .onAction(e -> selectAlert.accept(first)).showWarning();
            throttle.playFromStart();
        }
    }

    private void flush() {
        if (pending > 0 && stage.isShowing()) {
            Notifications.create().owner(stage).title(pending + " more alert" + (pending == 1 ? "" : "s"))
                    .text("See the alert list").hideAfter(Duration.seconds(3)).position(Pos.BOTTOM_RIGHT).showWarning();
        }
        pending = 0;
    }
}
