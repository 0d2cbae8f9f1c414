package dev.lockscope.app;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;

public final class LockscopeApp extends Application {
    @Override
    public void start(Stage stage) {
        stage.setScene(new Scene(new BorderPane(), 1200, 800));
        stage.setTitle("Lockscope");
        stage.show();
    }
}
