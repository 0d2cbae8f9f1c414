package dev.lockscope.app.lab;

import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.concurrent.Task;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * The strip below the lab: the model's last message, a trace's loading progress with Cancel (shown only while a
 * trace loads), the number of events, and the F1 hint.
 */
final class LabStatusBar extends HBox {
    /** {@code loading} is the trace being read, or {@code null}; Cancel runs {@code cancelLoading}. */
    LabStatusBar(LabModel model, ObservableValue<Task<?>> loading, Runnable cancelLoading) {
        super(10);
        Label message = new Label();
        message.setId("statusMessage");
        message.setMaxWidth(Double.MAX_VALUE);
        message.textProperty().bind(model.messageProperty());
        HBox.setHgrow(message, Priority.ALWAYS);
        ProgressBar progress = new ProgressBar();
        progress.setId("loadProgress");
        progress.setPrefWidth(200);
        progress.setVisible(false);
        Button cancel = new Button("Cancel");
        cancel.setId("cancelLoadButton");
        cancel.setOnAction(e -> cancelLoading.run());
        cancel.setVisible(false);
        loading.addListener((o, was, task) -> {
            progress.progressProperty().unbind();
            if (task != null) {
                progress.progressProperty().bind(task.progressProperty());
            }
            progress.setVisible(task != null);
            cancel.setVisible(task != null);
        });
        Label events = new Label();
        events.setId("eventsLabel");
        events.textProperty().bind(Bindings.createStringBinding(() -> model.statusProperty().get() == null ? ""
                : String.format("%,d events", model.statusProperty().get().events()), model.statusProperty()));
        events.setMinWidth(Region.USE_PREF_SIZE);
        Label hint = new Label(KeyMap.keysOf(KeyMap.Action.TOGGLE_HELP) + ": shortcuts");
        hint.getStyleClass().add("hint");
        hint.setMinWidth(Region.USE_PREF_SIZE);
        getChildren().addAll(message, progress, cancel, events, hint);
        setAlignment(Pos.CENTER_LEFT);
        getStyleClass().add("status-bar");
    }
}
